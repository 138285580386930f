"""The first Person page with a need after `goodwill serve` starts: what a restart costs a user.

    .venv/bin/python benchmarks/bench_first_page.py [PATH] [--starts 2]

PATH: a network with needs and vectors (default bench_pass_on_meaning's 100,000 people). Starts
`goodwill serve --demo --workers 2` on it `--starts` times with the vector index's files off
(GOODWILL_VECTOR_FILES=0: each worker reads the index from the rows at its first page) and as
many with them on (the file written by an earlier start, or by the first of these), alternating,
and times the first request for a person with a need, then a second for another such person
(which may land on the other worker, or on the same one). Results: docs/performance.md,
"The vector index in a file".
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pass_on_meaning  # noqa: E402 - after the path
import bench_web  # noqa: E402
import synthetic  # noqa: E402


def first_pages(path: Path, people: list[int], files: bool) -> list[float]:
    port = bench_web.free_port()
    env = dict(
        os.environ,
        GOODWILL_HOME=str(path.parent),
        GOODWILL_VECTOR_FILES="1" if files else "0",
        OPENBLAS_NUM_THREADS="1",
    )
    command = [str(bench_web.GOODWILL), "serve", "--demo", "--port", str(port), "--workers", "2"]
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            bench_web.wait_for(port, server, log)
            seconds = []
            for person in people:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/people/{person}/", headers={"Host": "localhost"}
                )
                started = time.perf_counter()
                with urllib.request.urlopen(request, timeout=120) as response:
                    response.read()
                    if response.status != 200:
                        raise SystemExit(f"/people/{person}/ answered {response.status}")
                seconds.append(time.perf_counter() - started)
            return seconds
        finally:
            server.terminate()
            server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=bench_pass_on_meaning.DEFAULT_PATH)
    parser.add_argument("--starts", type=int, default=2)
    args = parser.parse_args()
    if not args.path.exists():
        raise SystemExit(f"{args.path}: no network there; build one with benchmarks/bench_pass_on_meaning.py")
    synthetic.pin_environment()
    synthetic.use_database(args.path.resolve())
    people = bench_web.sample_people(2, with_need=True)
    print(f"database: {args.path}, load average {os.getloadavg()[0]:.1f}")
    for start in range(1, args.starts + 1):
        for files in (False, True):
            first, second = first_pages(args.path, people, files)
            label = "with the index's file" if files else "files off"
            print(f"start {start}, {label + ':':<23} first page {first:.2f} s, the next {second:.2f} s")


if __name__ == "__main__":
    main()
