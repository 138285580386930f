"""Benchmark today's agenda at the scale issue 2 names.

    .venv/bin/python benchmarks/bench_today.py [--rebuild] [--runs N]

1. Builds (once; --rebuild to redo) the synthetic network with benchmarks/synthetic.py:
   100,000 people, 1,000,000 interactions, 50,000 open steps, on SQLite.
2. Times the agenda computation in-process, warm.
3. Times `goodwill today --demo` as a fresh process on the ordinary 300-person demo
   database, and, for information, on the big database.

Targets and results: docs/performance.md, "The daily loop".
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synthetic  # noqa: E402

GOODWILL = Path(sys.executable).with_name("goodwill")


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, min {ordered[0] * 1000:.1f} ms (n={len(ordered)})"


def agenda_in_process(path: Path, runs: int) -> list[float]:
    owner = synthetic.use_database(path)
    from goodwill.queries.today import agenda

    agenda(owner)  # warm: connection, caches, page cache
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        agenda(owner)
        samples.append(time.perf_counter() - started)
    return samples


def fresh_process(home: Path, runs: int) -> list[float]:
    env = dict(os.environ, GOODWILL_HOME=str(home))
    subprocess.run([GOODWILL, "today", "--demo"], env=env, check=True, capture_output=True)  # warm the OS caches
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([GOODWILL, "today", "--demo"], env=env, check=True, capture_output=True)
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rebuild", action="store_true", help="build the big network again")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    synthetic.pin_environment()
    big = synthetic.DEFAULT_PATH
    if args.rebuild or not big.exists():
        timings = synthetic.build(big, **synthetic.FULL_SCALE)
        print(f"built in {timings['generate_s']:.1f} s (generate) + {timings['load_s']:.1f} s (load)")
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"agenda, in-process, warm, 100k people: {summary(agenda_in_process(big, args.runs))}")

    demo_home = Path(tempfile.mkdtemp(prefix="goodwill-demo-bench-"))
    subprocess.run(
        [GOODWILL, "demo"], env=dict(os.environ, GOODWILL_HOME=str(demo_home)), check=True, capture_output=True
    )
    print(
        f"goodwill today --demo, fresh process, 300-person demo: {summary(fresh_process(demo_home, max(5, args.runs // 3)))}"
    )
    print(
        f"goodwill today --demo, fresh process, 100k people: {summary(fresh_process(big.parent, max(5, args.runs // 3)))}"
    )


if __name__ == "__main__":
    main()
