"""`goodwill serve`: the web app on waitress, with static files from WhiteNoise.

Login model: on a laptop (SQLite) listening on loopback, the local default user
is used without a password, unless --no-local-login (or GOODWILL_LOCAL_LOGIN=0).
Listening on any other address, or on a firm's PostgreSQL server, every page
needs a login made with `goodwill user add`."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Annotated

import typer

from goodwill import config
from goodwill.cli.common import DemoOption
from goodwill.cli.output import console
from goodwill.hosts import is_loopback_host

WILDCARDS = {"0.0.0.0", "::", ""}


def local_login_wanted(host: str, *, no_local_login: bool, demo: bool) -> bool:
    """The local user without a password: only on loopback, never in firm mode, and not when turned off."""
    if no_local_login or os.environ.get("GOODWILL_LOCAL_LOGIN", "").lower() in ("0", "false", "no"):
        return False
    firm = config.database_url() is not None and not demo
    return is_loopback_host(host) and not firm


def secret_key() -> str:
    """GOODWILL_SECRET_KEY, else a random key kept in the data folder (readable by its owner only)."""
    if os.environ.get("GOODWILL_SECRET_KEY"):
        return os.environ["GOODWILL_SECRET_KEY"]
    import secrets

    path = config.data_dir() / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def _allowed_hosts(host: str) -> str:
    current = [h for h in os.environ.get("GOODWILL_ALLOWED_HOSTS", "").split(",") if h.strip()]
    if host in WILDCARDS:
        if not current:
            import socket

            current = [socket.gethostname(), socket.getfqdn()]
            # Without a list of names, any Host header is accepted; logins still guard every page.
            current.append("*")
    elif not is_loopback_host(host):
        current.append(host.strip("[]"))
    return ",".join(dict.fromkeys(current))


# Read by OpenBLAS when numpy loads, so set before the app is: one thread a product, as the
# meaning model's onnxruntime session has. A server's threads search at once; OpenBLAS's own
# threads then fought them: four callers searching 300,000 distinct texts in one process did
# 21 searches a second (92 ms of CPU each) with them, 40 (49 ms) without (docs/performance.md).
MATH_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")


# A request is Python under one lock (the GIL) and SQLite's reads from the OS's cache, so a
# process's threads beyond a few only hold more pages at once: on a 100,000-person network
# with needs, 4 threads served as many requests as 8 with a lower p95, in ~45 MB less, and
# each thread's SQLite connection keeps 512 KiB of pages instead of 2 MB for another ~30 MB
# (docs/performance.md, "A server's threads and SQLite's caches").
SERVER_THREADS = 4
SERVER_SQLITE_CACHE_KIB = 512


def one_math_thread_per_request() -> None:
    """Unless the environment says otherwise, numpy's products run on the request's own thread."""
    for name in MATH_THREADS:
        os.environ.setdefault(name, "1")


def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; anything but 127.0.0.1/localhost requires logins")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on")] = 8000,
    no_local_login: Annotated[
        bool, typer.Option("--no-local-login", help="Require a login even on this machine")
    ] = False,
    threads: Annotated[
        int, typer.Option("--threads", min=1, max=64, help="Worker threads in each process")
    ] = SERVER_THREADS,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=1, max=64, help="Server processes (Linux and macOS); one per core for a busy server"
        ),
    ] = 1,
    no_worker: Annotated[
        bool,
        typer.Option("--no-worker", help="Don't run scheduled work here (digests, notifications, capture)"),
    ] = False,
    demo: DemoOption = False,
) -> None:
    """Run the web app (waitress) and a worker for scheduled work. Open the address it prints in a browser."""
    from goodwill.errors import InvalidInput

    if workers > 1 and not hasattr(os, "fork"):
        raise InvalidInput("--workers above 1 needs Linux or macOS; on this system run one process (drop --workers)")
    try:  # read again at each search; a mistake is said here, once, not at a user's first search
        config.vector_memory_bytes()
        config.sqlite_cache_kib()
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    one_math_thread_per_request()
    local = local_login_wanted(host, no_local_login=no_local_login, demo=demo)
    # Settings read these when Django starts, so they are set first.
    os.environ["GOODWILL_LOCAL_LOGIN"] = "1" if local else "0"
    os.environ["GOODWILL_ALLOWED_HOSTS"] = _allowed_hosts(host)
    if demo:
        os.environ[config.ENV_DEMO] = "1"
    os.environ["GOODWILL_SECRET_KEY"] = secret_key()
    os.environ[config.ENV_WEB] = "1"  # the web-only apps (settings.py)
    os.environ.setdefault("GOODWILL_CONN_MAX_AGE", "600")  # a connection per thread, kept (settings.py)
    os.environ.setdefault(config.ENV_SQLITE_CACHE, str(SERVER_SQLITE_CACHE_KIB))
    from goodwill.cli.common import open_store

    open_store(demo)  # migrates on first use, the web's session and login-attempt tables too
    from goodwill.services.accounts import logins_exist

    has_logins = logins_exist()
    if not local and not has_logins:
        console.print("No logins yet: create one with `goodwill user add NAME`, then log in.", markup=False)
    # Local login also ends once a login exists, and never reaches a request relayed by a proxy (web/auth.py).
    local = local and not has_logins
    import waitress

    from goodwill.web.prefork import loaded_application

    application = loaded_application()
    shown = f"[{host}]" if ":" in host else host
    console.print(
        f"Goodwill at http://{shown}:{port}/  ({'no login needed on this machine' if local else 'login required'};"
        f"{f' {workers} processes;' if workers > 1 else ''} Ctrl+C stops)",
        markup=False,
    )
    start_jobs: Callable[[], None] | None = None
    if not no_worker:  # the job queue's modules only where work runs
        from goodwill.jobs.worker import start_job_worker

        start_jobs = start_job_worker
    if workers == 1:
        if start_jobs is not None:
            start_jobs()
        # clear_untrusted_proxy_headers=False: waitress would otherwise drop X-Forwarded-* and
        # Forwarded before Django sees them, and a visitor relayed by a proxy on this machine
        # would look local (goodwill/web/auth.py refuses local login to any proxied request).
        waitress.serve(
            application,
            host=host,
            port=port,
            threads=threads,
            ident="goodwill",
            _quiet=True,
            clear_untrusted_proxy_headers=False,
        )
        return
    from goodwill.web.prefork import serve_forked

    serve_forked(application, host=host, port=port, threads=threads, workers=workers, on_start=start_jobs)


def register(app: typer.Typer) -> None:
    app.command()(serve)
