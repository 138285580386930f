"""The watcher of a multi-process `goodwill serve`: it replaces a worker that dies and stops
them all on Ctrl+C or SIGTERM. It runs in place of the loaded server process (see
goodwill.web.prefork) and imports nothing but the standard library, so it holds a few
megabytes rather than Django's sixty."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time

# A worker that keeps dying is a bug, not bad luck: give up rather than spin.
MAX_RESTARTS = 5
RESTART_WINDOW_S = 30.0


def command(fd: int, *, threads: int, jobs: bool, children: list[int]) -> list[str]:
    """The argv that turns a loaded server process into the watcher of `children`."""
    argv = [sys.executable, "-m", "goodwill.web.supervisor", "--fd", str(fd), "--threads", str(threads)]
    argv += ["--children", ",".join(str(pid) for pid in children)]
    return argv + (["--jobs"] if jobs else [])


def _spawn_fresh(fd: int, threads: int, jobs: bool) -> int:
    argv = [sys.executable, "-m", "goodwill.web.prefork", "--fd", str(fd), "--threads", str(threads)]
    if jobs:
        argv.append("--jobs")
    pid = os.fork()
    if pid == 0:
        try:
            os.execv(sys.executable, argv)
        finally:
            os._exit(127)
    return pid


def watch(children: set[int], *, fd: int, threads: int, jobs: bool) -> int:
    """Wait on the workers until stopped; the exit status of the server."""
    stopping = False
    restarts: list[float] = []

    def stop(*_):
        nonlocal stopping
        stopping = True
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        children.discard(pid)
        if stopping:
            continue
        now = time.monotonic()
        restarts = [t for t in restarts if now - t < RESTART_WINDOW_S] + [now]
        if len(restarts) > MAX_RESTARTS:
            print(f"error: server processes keep stopping (last status {status}); giving up", file=sys.stderr)
            stop()
            continue
        children.add(_spawn_fresh(fd, threads, jobs))
    return 1 if len(restarts) > MAX_RESTARTS else 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="goodwill.web.supervisor")
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--children", required=True)
    parser.add_argument("--jobs", action="store_true")
    args = parser.parse_args(argv)
    children = {int(pid) for pid in args.children.split(",") if pid}
    sys.exit(watch(children, fd=args.fd, threads=args.threads, jobs=args.jobs))


if __name__ == "__main__":
    main()
