"""Search at 100,000 people: `goodwill find`, the people list's filter, the Log form's picker, the API's q.

    .venv/bin/python benchmarks/bench_find.py PATH/demo.sqlite3 [--runs 3]
    GOODWILL_DATABASE_URL=postgresql://... .venv/bin/python benchmarks/bench_find.py [--runs 3]

Runs queries.people.find_people in-process for a few words (a name, a first name, an
organization, an email domain, a word nobody has), reading the first 50 as the pages do, and,
in the same minutes, the statement it replaced (each word's tags and contact points joined
and the rows made DISTINCT; kept here as `before`). Both must list the same names. CPU is
this process's (SQLite's work happens in it; on PostgreSQL the backend's is apart). Any
network of 100,000 people serves: bench_pass_on_meaning.py's or synthetic.py's.
Results: docs/performance.md, "Search at 100,000 people".
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_web  # noqa: E402 - after the path
import synthetic  # noqa: E402


def before(owner, text: str):
    """find_people as it was until 7 December 2026: joins and DISTINCT."""
    from django.db.models import Q

    from goodwill.models import Person

    people = Person.objects.filter(owner=owner)
    for word in text.split():
        people = people.filter(
            Q(name__icontains=word)
            | Q(organization__name__icontains=word)
            | Q(title__icontains=word)
            | Q(tags__name__iexact=word.lstrip("#").lower())
            | Q(contact_points__normalized__icontains=word.lower())
        )
    return people.distinct().select_related("circle", "organization").order_by("archived_at", "name")


def timed(search, owner, text: str) -> tuple[float, float, list[tuple[bool, str]]]:
    """Wall and CPU of reading the first 50, and who they are (people of one name may come in
    another order: the statement before had no tie-break)."""
    cpu, wall = time.process_time(), time.perf_counter()
    found = [(p.archived_at is not None, p.name) for p in search(owner, text)[:50]]
    return time.perf_counter() - wall, time.process_time() - cpu, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=bench_web.DEFAULT_PATH)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    synthetic.pin_environment()
    if not synthetic.on_postgres() and not args.path.exists():
        raise SystemExit(f"{args.path}: no network there; build one with benchmarks/synthetic.py")
    synthetic.use_database(args.path.resolve())
    from goodwill.models import Organization, Person
    from goodwill.queries.people import find_people

    owner = bench_web.network_owner()
    first = Person.objects.filter(owner=owner).order_by("pk").values_list("name", flat=True).first() or "x"
    organization = Organization.objects.filter(owner=owner).values_list("name", flat=True).first() or "acme"
    words = [first, first.split()[0], organization, "example.com", "xyzzy"]
    print(f"{platform.node()} python {platform.python_version()}; load {os.getloadavg()}")
    print(
        f"database: {'PostgreSQL' if synthetic.on_postgres() else args.path}; people: {Person.objects.filter(owner=owner).count():,}"
    )
    for text in words:
        now, old = [], []
        for _ in range(args.runs):
            wall, cpu, found = timed(find_people, owner, text)
            now.append((wall, cpu))
            wall, cpu, peer = timed(before, owner, text)
            old.append((wall, cpu))
            assert found == peer, (text, found[:5], peer[:5])
        print(
            f"{text!r:22s} {len(found):3d} shown; now "
            + " / ".join(f"{w * 1000:.0f} ms wall {c * 1000:.0f} CPU" for w, c in now)
            + "; before "
            + " / ".join(f"{w * 1000:.0f} ms wall {c * 1000:.0f} CPU" for w, c in old)
        )
    print(f"load {os.getloadavg()}")


if __name__ == "__main__":
    main()
