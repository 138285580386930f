"""What the ten-minute read of a kept vector index (PostgreSQL's net for late commits) costs the
pages a worker serves meanwhile: Person pages with a need, built in turn by one thread, wall
time per page while the index is read whole again in the background, against the same pages
before and after it.

    .venv/bin/python benchmarks/bench_vector_reread.py [PATH] [--runs 3]
    GOODWILL_DATABASE_URL=postgresql://... .venv/bin/python benchmarks/bench_vector_reread.py

PATH: a network with needs (default bench_pass_on_meaning's 100,000 people). On SQLite, which
has one writer and so never reads again on its own, the read is started the same way (the
interpreter is shared alike; SQLite's reads hold it more than PostgreSQL's, which wait on the
server without it). Each run: pages for 2 s, then the read started and pages until it is in
place, then pages for 2 s more. Results: docs/performance.md, "Late commits on PostgreSQL".
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pass_on_meaning  # noqa: E402 - after the path
import bench_web  # noqa: E402
import synthetic  # noqa: E402


def pages_for(client, people: list[int], seconds: float | None, until=None) -> list[float]:
    """Wall seconds of each Person page built (from scratch) for `seconds`, or until `until()`."""
    from django.core.cache import caches

    walls: list[float] = []
    started = time.perf_counter()
    n = 0
    while (until is None and time.perf_counter() - started < seconds) or (until is not None and not until()):
        caches["pages"].clear()
        t = time.perf_counter()
        response = client.get(f"/people/{people[n % len(people)]}/")
        walls.append(time.perf_counter() - t)
        if response.status_code != 200:
            raise SystemExit(f"a Person page answered {response.status_code}")
        n += 1
    return walls


class ReadDone:
    """True once the read in the background has started and is in place."""

    def __init__(self, vectors):
        self.vectors, self.seen = vectors, False

    def __call__(self) -> bool:
        self.seen = self.seen or self.vectors._rereads.busy()
        return self.seen and not self.vectors._rereads.busy()


def summary(walls: list[float]) -> str:
    walls = sorted(walls)
    p95 = walls[min(len(walls) - 1, int(len(walls) * 0.95))]
    return f"{len(walls)} pages, median {statistics.median(walls) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=bench_pass_on_meaning.DEFAULT_PATH)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ["GOODWILL_WEB"] = "1"
    os.environ.setdefault("GOODWILL_CONN_MAX_AGE", "600")
    synthetic.pin_environment()
    if not synthetic.on_postgres() and not args.path.exists():
        raise SystemExit(f"{args.path}: no network there; build one with benchmarks/bench_pass_on_meaning.py")
    synthetic.use_database(args.path.resolve())
    from goodwill.search import vectors

    vectors._late_commits_possible = lambda: True  # SQLite too (see above); PostgreSQL's own answer
    client = bench_web.local_client()
    people = bench_web.sample_people(300, with_need=True)
    pages_for(client, people, 1.0)  # warm: the index read, the reads' SQL compiled
    print(f"load average {os.getloadavg()[0]:.1f}; {len(people)} people with a need")
    for run in range(1, args.runs + 1):
        before = pages_for(client, people, 2.0)
        (index,) = [i for k, i in vectors._cache.items()]
        index.read_at -= vectors.REREAD_AFTER + 1  # due: the next search starts the read
        cpu, wall = time.process_time(), time.perf_counter()
        during = pages_for(client, people, None, until=ReadDone(vectors))
        read_s = time.perf_counter() - wall
        after = pages_for(client, people, 2.0)
        print(
            f"run {run}: before {summary(before)}; during the read ({read_s:.1f} s, process CPU "
            f"{time.process_time() - cpu:.1f} s) {summary(during)}; after {summary(after)}"
        )


if __name__ == "__main__":
    main()
