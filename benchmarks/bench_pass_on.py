"""Benchmark pass-it-on at the scale issue 5 names: 100,000 people.

    .venv/bin/python benchmarks/bench_pass_on.py [PATH] [--rebuild] [--runs N] [--interactions N]

1. Builds (once; --rebuild to redo) a synthetic network with benchmarks/synthetic.py
   into PATH (default $TMPDIR/goodwill-bench-pass-on/demo.sqlite3, never the lead's
   /tmp/goodwill-bench), adds the demo's needs, interests and offers to every person,
   and builds the search index.
2. Times the whole ranking (`pass_on_ranking`: index freshness check, full-text
   candidates, field loading, re-ranking with reasons), in-process and warm, over
   a rotating set of queries. Target and results: docs/performance.md,
   "Serving the network".
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synthetic  # noqa: E402

DEFAULT_PATH = Path(tempfile.gettempdir()) / "goodwill-bench-pass-on" / "demo.sqlite3"
QUERIES = [
    "New SEC guidance on fintech custody",
    "A playbook for hiring your first engineers",
    "Survey: how mid-size firms run ERP migrations",
    "Climate tech funding report",
    "Succession planning for family-owned firms",
    "Colorado SBA loan program expands for manufacturers",
    "Cybersecurity checklist for small firms",
    "Remote work policy templates",
]


def build(path: Path, people: int, interactions: int) -> None:
    started = time.perf_counter()
    synthetic.build(path, people=people, interactions=interactions, open_steps=people // 2)
    owner = synthetic.use_database(path)
    from django.db import connection

    from goodwill import search

    entries = synthetic.add_demo_profiles(owner, people=people, interactions=interactions)
    indexed = time.perf_counter()
    search.rebuild(owner)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"{entries:,} profile entries; index built in {time.perf_counter() - indexed:.1f} s; "
        f"whole build {time.perf_counter() - started:.1f} s"
    )


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return (
        f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
        f"max {ordered[-1] * 1000:.1f} ms (n={len(ordered)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    synthetic.pin_environment()
    if args.rebuild or not args.path.exists():
        build(args.path, args.people, args.interactions)
    owner = synthetic.use_database(args.path)
    from goodwill.models import Person
    from goodwill.queries.pass_on import pass_on_ranking

    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {Person.objects.filter(owner=owner).count():,} people"
    )
    for query in QUERIES:
        pass_on_ranking(owner, query)  # warm: connection, page cache
    samples, sizes = [], []
    for run in range(args.runs):
        query = QUERIES[run % len(QUERIES)]
        started = time.perf_counter()
        ranking = pass_on_ranking(owner, query)
        samples.append(time.perf_counter() - started)
        sizes.append(len(ranking.people))
    print(f"pass-on ranking, in-process, warm, top {max(sizes)}: {summary(samples)}")


if __name__ == "__main__":
    main()
