"""The place pages at scale: `where`'s counts, the Places page and a trip, on a big network.

    .venv/bin/python benchmarks/bench_places.py PATH/demo.sqlite3 [--runs 3] [--place Chicago]
    GOODWILL_DATABASE_URL=postgresql://... .venv/bin/python benchmarks/bench_places.py [--runs 3]

In one process, through the whole Django stack (the web's test client, as the laptop's local
user), each measured `--runs` times after one warm-up (the gazetteer and the vector index
loaded, the reads compiled): `queries.near.where` alone, then GET /places/, /places/unplaced/,
and /trip/ for `--place` (its most worth seeing listed with ideas, the rest counted). Prints
wall and this process's CPU per call. A PostgreSQL backend's own CPU is not counted; compare
runs in the same minutes (this machine's speed drifts). Results: docs/performance.md, "Places,
where and trips at 100,000 people".
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_web  # noqa: E402 - after the path
import synthetic  # noqa: E402


def timed(call) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=bench_web.DEFAULT_PATH)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--place", default="Chicago")
    args = parser.parse_args()
    os.environ["GOODWILL_WEB"] = "1"
    synthetic.pin_environment()
    if not synthetic.on_postgres() and not args.path.exists():
        raise SystemExit(f"{args.path}: no network there; build one with benchmarks/synthetic.py")
    synthetic.use_database(args.path.resolve())
    from goodwill.models import Person
    from goodwill.queries.near import where

    owner = bench_web.network_owner()
    client = bench_web.local_client()
    placed = Person.objects.filter(owner=owner, latitude__isnull=False).count()
    print(
        f"database: {'PostgreSQL (GOODWILL_DATABASE_URL)' if synthetic.on_postgres() else args.path}, "
        f"{placed:,} people placed, load average {os.getloadavg()[0]:.1f}"
    )

    def page(url: str):
        def get():
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")

        return get

    trip = f"/trip/?place={args.place}&start=2026-12-10&within=50mi"
    cases = [
        ("where()", lambda: where(owner)),
        ("/places/", page("/places/")),
        ("/places/unplaced/", page("/places/unplaced/")),
        (trip, page(trip)),
    ]
    for name, call in cases:
        first = timed(call)
        runs = [timed(call) for _ in range(args.runs)]
        print(
            f"{name}: first {first[0]:.0f} ms wall, {first[1]:.0f} ms CPU; then "
            + ", ".join(f"{wall:.0f} ms wall / {cpu:.0f} ms CPU" for wall, cpu in runs)
        )


if __name__ == "__main__":
    main()
