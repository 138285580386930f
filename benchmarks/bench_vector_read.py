"""What reading a network's vector index whole costs a process: CPU, and memory at the read's peak.

    .venv/bin/python benchmarks/bench_vector_read.py [PATH] [--reads 3] [--trace | --file]
    GOODWILL_DATABASE_URL=postgresql://... .venv/bin/python benchmarks/bench_vector_read.py

PATH: a network with vectors (default bench_pass_on_meaning's 100,000 people with needs). A whole
read is what a process's first search by meaning, a network let go by the budget and searched
again, and PostgreSQL's ten-minute read in the background each pay. Each read is made from
nothing (`search.vectors._grow(None, …)`) in this process, one after another; between reads the
last index is dropped and malloc's free memory given back, as the app does after a read. A
thread samples the process's RSS every 5 ms, so the peak is the read's, not the process's
lifetime maximum. With --trace, tracemalloc's peak too (it slows the read ~2.5×: compare CPU
only without it). Compare two code versions in alternating processes in the same minutes.
Results: docs/performance.md, "A whole read's temporaries".
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pass_on_meaning  # noqa: E402 - after the path
import bench_web  # noqa: E402
import synthetic  # noqa: E402


def rss_mb() -> int:
    return bench_pass_on_meaning.rss_kb() // 1024


class PeakRSS:
    """The highest RSS seen since the last reset, sampled every 5 ms in a thread of its own."""

    def __init__(self) -> None:
        self.peak = 0
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        while True:
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.005)

    def reset(self) -> None:
        self.peak = rss_mb()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=bench_pass_on_meaning.DEFAULT_PATH)
    parser.add_argument("--reads", type=int, default=3)
    parser.add_argument("--trace", action="store_true", help="also tracemalloc's peak (slower)")
    parser.add_argument(
        "--file",
        action="store_true",
        help="each read from the rows (and its file written) against the file mapped, alternating",
    )
    args = parser.parse_args()
    synthetic.pin_environment()
    if not synthetic.on_postgres() and not args.path.exists():
        raise SystemExit(f"{args.path}: no network there; build one with benchmarks/bench_pass_on_meaning.py")
    synthetic.use_database(args.path.resolve())
    from goodwill import memory
    from goodwill.search import vectors

    owner = bench_web.network_owner()
    top = vectors.marker()
    watcher = PeakRSS()
    print(
        f"database: {'PostgreSQL (GOODWILL_DATABASE_URL)' if synthetic.on_postgres() else args.path}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    if args.file:
        return file_against_rows(owner.pk, top, args.reads, watcher)
    for read in range(1, args.reads + 1):
        memory.give_back()
        before = rss_mb()
        watcher.reset()
        if args.trace:
            tracemalloc.start()
        cpu, wall = time.process_time(), time.perf_counter()
        index = vectors._grow(None, owner.pk, top)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        traced = ""
        if args.trace:
            kept, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            traced = f"; traced peak {peak / 2**20:.1f} MB, {kept / 2**20:.1f} MB kept"
        print(
            f"read {read}: {len(index.codes):,} rows, {index.size:,} texts, index {index.nbytes / 2**20:.1f} MB; "
            f"CPU {cpu:.2f} s, wall {wall:.2f} s; RSS {before} MB before, peak {watcher.peak} MB{traced}"
        )
        del index


def file_against_rows(owner_id: int, top: int, reads: int, watcher: PeakRSS) -> None:
    """What a process's first search by meaning costs with and without the index's file
    (search/vector_files.py), in pairs: from the rows, with the file written after, as a first
    start does; then from the file, as a second worker, a restart or a command does. Both
    through vectors._read_whole, so each counts the rows the file must match."""
    import tempfile

    from goodwill import memory
    from goodwill.search import vector_files, vectors

    vector_files.ENABLED, vector_files.FOLDER = True, Path(tempfile.mkdtemp(prefix="goodwill-bench-vector-files-"))
    for pair in range(1, reads + 1):
        for mapped in (False, True):
            memory.give_back()
            before = rss_mb()
            watcher.reset()
            cpu, wall = time.process_time(), time.perf_counter()
            index = vectors._read_whole(owner_id, top, None, may_map=mapped)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            assert mapped == (not index.codes.flags.owndata), "mapped from the file, or read from the rows"
            source = "the file mapped" if mapped else "the rows read, file written"
            print(
                f"pair {pair}, {source}: CPU {cpu * 1000:.0f} ms, wall {wall * 1000:.0f} ms; "
                f"RSS {before} MB before, peak {watcher.peak} MB"
            )
            del index
    size = sum(p.stat().st_size for p in vector_files.FOLDER.glob(f"*{vector_files.SUFFIX}"))
    print(f"file: {size / 2**20:.1f} MB")


if __name__ == "__main__":
    main()
