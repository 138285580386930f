"""Several waitress processes on one listening socket: one Python process runs
Python on one core at a time, so a busy server needs a process per core.

The parent binds the socket, forks the workers (each a plain waitress server
on the inherited socket; the kernel hands each new connection to one of
them), replaces a worker that dies, and stops them all on Ctrl+C or SIGTERM.
Each worker opens its own database connections: the parent closes its own
before forking, since a connection must never be shared across processes."""

from __future__ import annotations

import os
import signal
import socket
import sys
import time
from collections.abc import Callable

# A worker that keeps dying is a bug, not bad luck: give up rather than spin.
MAX_RESTARTS = 5
RESTART_WINDOW_S = 30.0


def listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host.strip("[]"), port), family=family, backlog=1024)
    sock.set_inheritable(True)
    return sock


def _worker(application, sock: socket.socket, threads: int, on_start: Callable[[], None] | None) -> None:
    import waitress

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl+C and tells us with SIGTERM
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    try:
        if on_start is not None:  # after the fork: threads started before it would not survive it
            on_start()
        # Keep the proxy headers for Django (see serve_cmds.serve).
        waitress.serve(
            application,
            sockets=[sock],
            threads=threads,
            ident="goodwill",
            _quiet=True,
            clear_untrusted_proxy_headers=False,
        )
    finally:
        os._exit(0)


def _spawn(application, sock: socket.socket, threads: int, on_start: Callable[[], None] | None) -> int:
    pid = os.fork()
    if pid == 0:
        _worker(application, sock, threads, on_start)
    return pid


def serve_forked(
    application, *, host: str, port: int, threads: int, workers: int, on_start: Callable[[], None] | None = None
) -> None:
    """Serve from `workers` forked processes; each calls `on_start` first (the job worker)."""
    from django.db import connections

    sock = listening_socket(host, port)
    connections.close_all()
    children = {_spawn(application, sock, threads, on_start) for _ in range(workers)}
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
    try:
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
            children.add(_spawn(application, sock, threads, on_start))
    finally:
        sock.close()
    if len(restarts) > MAX_RESTARTS:
        raise SystemExit(1)
