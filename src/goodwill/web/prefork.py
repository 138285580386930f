"""Several waitress processes on one listening socket: one Python process runs
Python on one core at a time, so a busy server needs a process per core.

`goodwill serve --workers N` loads Django and the app once, binds the socket and
forks N workers from that loaded process, so the workers share its pages (copy on
write). Then the loaded process has nothing left to do but watch them: it replaces
itself (exec) with the small watcher in goodwill.web.supervisor, which keeps the same
process id, the same children and the socket, and none of Django's memory. A worker
that dies is replaced by a fresh one (`python -m goodwill.web.prefork`, which loads
the app itself), since the watcher holds no loaded app to fork from.

Each worker opens its own database connections: the loaded process closes its own
before forking, since a connection must never be shared across processes."""

from __future__ import annotations

import os
import signal
import socket
import sys
from collections.abc import Callable

SERVER_ARENAS = 2  # malloc arenas a server process may make (memory.limit_arenas)


def listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host.strip("[]"), port), family=family, backlog=1024)
    sock.set_inheritable(True)  # the watcher and fresh workers get it across exec
    return sock


def loaded_application():
    """The WSGI application with what every worker loads on its first requests (the URLconf
    with every view and the API's schemas, numpy for the ideas), so forked workers share it
    instead of each building its own copy, and a fresh worker's first request is not the slow
    one. Everything loaded lives as long as the server: it is kept out of the garbage
    collector's scans, which otherwise add pauses of several milliseconds to requests (and,
    forked, touch shared pages)."""
    import gc

    from django.core.wsgi import get_wsgi_application
    from django.urls import get_resolver

    from goodwill import memory

    # Before any thread starts, and inherited by the forked workers: two malloc arenas for
    # a worker's threads, not one each (memory.limit_arenas).
    memory.limit_arenas(SERVER_ARENAS)
    application = get_wsgi_application()
    get_resolver().url_patterns  # noqa: B018 -- imports goodwill.urls and everything it routes to
    import numpy  # noqa: F401

    gc.collect()
    gc.freeze()
    return application


def run_worker(application, sock: socket.socket, threads: int, on_start: Callable[[], None] | None) -> None:
    """Serve on the inherited socket until the watcher says stop (SIGTERM)."""
    import waitress

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the watcher handles Ctrl+C and tells us with SIGTERM
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


def serve_forked(
    application, *, host: str, port: int, threads: int, workers: int, on_start: Callable[[], None] | None = None
):
    """Fork `workers` workers from this loaded process (each calls `on_start` first: the job
    worker), then become the watcher. Never returns: the watcher exits when the server stops."""
    from django.db import connections

    from goodwill.web import supervisor

    sock = listening_socket(host, port)
    connections.close_all()
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:
            run_worker(application, sock, threads, on_start)
        children.append(pid)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(
        sys.executable,
        supervisor.command(sock.fileno(), threads=threads, jobs=on_start is not None, children=children),
    )


def main(argv: list[str] | None = None) -> None:
    """A fresh worker, started by the watcher in place of one that died:
    `python -m goodwill.web.prefork --fd N --threads T [--jobs]`."""
    import argparse

    parser = argparse.ArgumentParser(prog="goodwill.web.prefork")
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--jobs", action="store_true")
    args = parser.parse_args(argv)
    sock = socket.socket(fileno=args.fd)
    # The environment (data folder, database, login settings, GOODWILL_WEB) is the server's own,
    # inherited through the watcher; the schema is already current.
    from goodwill.db import setup_django

    setup_django()
    application = loaded_application()
    on_start = None
    if args.jobs:
        from goodwill.jobs.worker import start_job_worker

        on_start = start_job_worker
    run_worker(application, sock, args.threads, on_start)


if __name__ == "__main__":
    main()
