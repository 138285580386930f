"""Benchmark "This week" on Today (birthdays and important dates coming up) at 100,000 people.

    .venv/bin/python benchmarks/bench_dates.py [--people N] [--share 0.05] [--runs 3]

Builds a throwaway SQLite network of N people (a share of them with a birthday), then, in
each run, times `queries.yearly_dates.dates_coming` (median of 15 calls, wall and CPU) with
the person_birthday index and, as the floor to compare with, with that index dropped.
Figures and the machine they came from are in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime


def _timed(call, repeat: int = 15) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--share", type=float, default=0.05, help="the share of people with a birthday")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    os.environ["GOODWILL_HOME"] = tempfile.mkdtemp(prefix="goodwill-bench-dates-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodwill.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from goodwill.models import Person
    from goodwill.queries.yearly_dates import dates_coming
    from goodwill.services.accounts import local_user

    call_command("migrate", verbosity=0)
    owner, now, rnd = local_user(), datetime.now(UTC), random.Random(1)

    def birthday() -> str:
        if rnd.random() >= args.share:
            return ""
        return f"19{rnd.randint(40, 99)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"

    Person.objects.bulk_create(
        [
            Person(owner=owner, name=f"Person {i}", birthday=birthday(), created_at=now, updated_at=now)
            for i in range(args.people)
        ],
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    def this_week():
        return dates_coming(owner, date(2026, 12, 3), limit=10)

    print(f"{args.people:,} people, {args.share:.0%} with a birthday; median of 15 calls per figure")
    for run in range(1, args.runs + 1):
        with_index = _timed(this_week)
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX person_birthday")
        without = _timed(this_week)
        with connection.cursor() as cursor:
            cursor.execute("CREATE INDEX person_birthday ON goodwill_person (owner_id, birthday)")
        print(
            f"run {run}: with the index {with_index[0] * 1000:.1f} ms wall, {with_index[1] * 1000:.1f} ms CPU; "
            f"without it {without[0] * 1000:.1f} ms wall, {without[1] * 1000:.1f} ms CPU; "
            f"ratio (CPU) {with_index[1] / without[1]:.2f}"
        )


if __name__ == "__main__":
    main()
