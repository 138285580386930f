"""Build the benchmark network (100,000 people, 1,000,000 interactions, 50,000
open steps) into a SQLite file, with the same generator and loader as `goodwill demo`.

    .venv/bin/python benchmarks/synthetic.py [PATH] [--people N] [--interactions N] [--open-steps N]

PATH defaults to $TMPDIR/goodwill-bench/demo.sqlite3: named like the demo
database, so `GOODWILL_HOME=$TMPDIR/goodwill-bench goodwill today --demo` opens it.
The clock is pinned (GOODWILL_NOW) so every build is the same network.

With GOODWILL_DATABASE_URL set (postgresql://...), the network goes into that database
instead (PATH is ignored); give it an empty one of its own (createdb).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

BENCH_NOW = "2026-11-23T09:00:00+00:00"
DEFAULT_PATH = Path(tempfile.gettempdir()) / "goodwill-bench" / "demo.sqlite3"
FULL_SCALE = {"people": 100_000, "interactions": 1_000_000, "open_steps": 50_000}


def pin_environment() -> None:
    """The same "now" and zone for the build, the in-process runs and the subprocesses."""
    os.environ.setdefault("GOODWILL_NOW", BENCH_NOW)
    os.environ.setdefault("GOODWILL_TIMEZONE", "UTC")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodwill.settings")


def on_postgres() -> bool:
    """GOODWILL_DATABASE_URL names the database to use (settings read it); SQLite otherwise."""
    return os.environ.get("GOODWILL_DATABASE_URL", "").startswith("postgres")


def postgres_backend_cpu() -> float | None:
    """Seconds of CPU this process's PostgreSQL backend has used (same machine only), else None.

    Under load the wall time includes waiting for a core; the process's CPU plus this is the work."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    connection.ensure_connection()
    try:  # schedstat's first field: nanoseconds on a CPU (stat's ticks are 10 ms coarse)
        return int(Path(f"/proc/{connection.connection.info.backend_pid}/schedstat").read_text().split()[0]) / 1e9
    except OSError:  # another machine, or no permission
        return None


def use_database(path: Path):
    """Point Django at `path` (creating the schema if needed) and return the local user."""
    pin_environment()
    from django.conf import settings

    if not on_postgres():
        settings.DATABASES["default"]["NAME"] = str(path)
    from goodwill.db import ensure_schema, setup_django

    setup_django()
    ensure_schema()
    from goodwill.services.accounts import local_user

    return local_user()


def build(path: Path, *, people: int, interactions: int, open_steps: int, seed: int = 7) -> dict[str, float]:
    """Write a fresh network at `path`; returns seconds spent generating and loading."""
    pin_environment()
    for leftover in (
        () if on_postgres() else (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
    ):
        leftover.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    owner = use_database(path)
    from goodwill import clock
    from goodwill.demo.generator import Scale, generate
    from goodwill.demo.loader import load

    started = time.perf_counter()
    network = generate(
        Scale(people=people, interactions=interactions, open_steps=open_steps), seed=seed, now=clock.now()
    )
    generated = time.perf_counter()
    report = load(owner, network)
    loaded = time.perf_counter()
    from django.db import connection

    from goodwill.db import describe_location

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            cursor.execute("VACUUM")  # the visibility map, so index-only scans read no heap
        cursor.execute("ANALYZE")  # what a long-lived database would have: planner statistics
    print(
        f"{report.people:,} people, {report.interactions:,} interactions, {report.open_steps:,} open steps, "
        f"{report.notes:,} notes -> {describe_location()}"
    )
    return {"generate_s": generated - started, "load_s": loaded - generated}


def add_demo_profiles(owner, *, people: int, interactions: int, seed: int = 7) -> int:
    """The demo's needs, interests and offers on the people `build` wrote (the same network,
    generated again with the same seed); returns how many profile entries were added."""
    from goodwill import clock
    from goodwill.demo.generator import Scale, generate
    from goodwill.demo.serving import add_profiles
    from goodwill.models import Person

    network = generate(
        Scale(people=people, interactions=interactions, open_steps=people // 2), seed=seed, now=clock.now()
    )
    pks = list(Person.objects.filter(owner=owner).order_by("pk").values_list("pk", flat=True))
    return add_profiles(owner, network, pks, seed, clock.today())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--people", type=int, default=FULL_SCALE["people"])
    parser.add_argument("--interactions", type=int, default=FULL_SCALE["interactions"])
    parser.add_argument("--open-steps", type=int, default=FULL_SCALE["open_steps"])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    timings = build(
        args.path, people=args.people, interactions=args.interactions, open_steps=args.open_steps, seed=args.seed
    )
    print(f"generated in {timings['generate_s']:.1f} s, loaded in {timings['load_s']:.1f} s")


if __name__ == "__main__":
    main()
