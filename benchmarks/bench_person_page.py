"""Where a Person page's CPU goes: this process, its PostgreSQL backend, Django's rendering, statements.

    .venv/bin/python benchmarks/bench_person_page.py PATH/demo.sqlite3 [--people 300] [--runs 3] [--with-need]
    GOODWILL_DATABASE_URL=postgresql://... .venv/bin/python benchmarks/bench_person_page.py [--people 300] [--login]

Builds the Person pages of a seeded sample of people (the same sample as bench_web.py), each
from scratch (the page cache emptied first), in-process through the whole Django stack, and
prints the medians per page of:
- client: this thread's CPU (the view, its reads' Python side, the template);
- server: the PostgreSQL backend's CPU (/proc/PID/schedstat; 0 on SQLite, whose work is in
  the client);
- render: the part of the client inside the view's render() (Django's template engine);
- ideas: the part inside queries.ideas.ideas_for, and of it the introductions (a ranking of
  the network for each of the person's needs);
- statements: how many the page sent.
With --login the pages are a logged-in user's (the network's owner, as a firm's browser and
bench_web's load test ask for them: the session and the user read on every request, the
firm's sharing control and ties on the page); without, the laptop's local user's.

The figures to compare are two code versions or two databases in the same minutes (this machine's
speed drifts); bench_web.py gives the page's server time and the load test. Results:
docs/performance.md, "Planner statistics after a restore; fewer statements ...".
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_web  # noqa: E402 - after the path
import synthetic  # noqa: E402


def measure(client, people: list[int]) -> dict[str, float]:
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    import goodwill.queries.ideas as ideas
    import goodwill.web.views.people as views

    spent: dict[str, list[float]] = {"render": [], "ideas_for": [], "_introductions": []}
    real = {"render": views.render, "ideas_for": ideas.ideas_for, "_introductions": ideas._introductions}

    def timed(name):
        def call(*args, **kwargs):
            started = time.thread_time()
            try:
                return real[name](*args, **kwargs)
            finally:
                spent[name][-1] += time.thread_time() - started

        return call

    client.get("/")
    for pk in people[:20]:  # warm: each read's SQL compiled, templates loaded
        client.get(f"/people/{pk}/")
    views.render, ideas.ideas_for, ideas._introductions = (timed(n) for n in real)
    clients, servers, statements = [], [], []
    try:
        for pk in people:
            caches["pages"].clear()
            for times in spent.values():
                times.append(0.0)
            started, backend = time.thread_time(), synthetic.postgres_backend_cpu() or 0.0
            with CaptureQueriesContext(connection) as reads:
                response = client.get(f"/people/{pk}/")
            clients.append(time.thread_time() - started)
            servers.append((synthetic.postgres_backend_cpu() or 0.0) - backend)
            statements.append(len(reads))
            if response.status_code != 200:
                raise SystemExit(f"/people/{pk}/ answered {response.status_code}")
    finally:
        views.render, ideas.ideas_for, ideas._introductions = real.values()
    return {
        "client_ms": statistics.median(clients) * 1000,
        "server_ms": statistics.median(servers) * 1000,
        "render_ms": statistics.median(spent["render"]) * 1000,
        "ideas_ms": statistics.median(spent["ideas_for"]) * 1000,
        "introductions_ms": statistics.median(spent["_introductions"]) * 1000,
        "statements": statistics.median(statements),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=bench_web.DEFAULT_PATH)
    parser.add_argument("--people", type=int, default=300, help="Person pages per run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--login", action="store_true", help="as a logged-in user (the network's owner)")
    parser.add_argument("--with-need", action="store_true", help="only people with an open need")
    args = parser.parse_args()
    os.environ["GOODWILL_WEB"] = "1"
    os.environ.setdefault("GOODWILL_CONN_MAX_AGE", "600")  # connections kept across requests, as `goodwill serve`
    synthetic.pin_environment()
    if not synthetic.on_postgres() and not args.path.exists():
        raise SystemExit(f"{args.path}: no network there; build one with benchmarks/synthetic.py or `goodwill demo`")
    synthetic.use_database(args.path.resolve())
    client = bench_web.local_client()
    if args.login:
        client.force_login(bench_web.network_owner())
    people = bench_web.sample_people(args.people, with_need=args.with_need)
    load = os.getloadavg()
    print(
        f"database: {'PostgreSQL (GOODWILL_DATABASE_URL)' if synthetic.on_postgres() else args.path}, "
        f"{len(people)} Person pages a run{' (logged in)' if args.login else ''}{' of people with an open need' if args.with_need else ''}, load average {load[0]:.1f}"
    )
    for run in range(1, args.runs + 1):
        found = measure(client, people)
        print(
            f"run {run}: client {found['client_ms']:.2f} ms, server {found['server_ms']:.2f} ms, "
            f"render {found['render_ms']:.2f} ms, ideas {found['ideas_ms']:.2f} ms (introductions "
            f"{found['introductions_ms']:.2f} ms), statements {found['statements']:.0f} (medians per page)"
        )


if __name__ == "__main__":
    main()
