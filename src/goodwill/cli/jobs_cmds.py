"""`goodwill worker` (run scheduled work) and `goodwill jobs` (what ran, and what failed)."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill import config
from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.output import console, emit_json


def worker(
    no_schedule: Annotated[
        bool, typer.Option("--no-schedule", help="Only run queued work; leave scheduling to another worker")
    ] = False,
    once: Annotated[
        bool, typer.Option("--once", help="Queue what is due, run everything queued, then stop (for cron)")
    ] = False,
    name: Annotated[str, typer.Option("--name", help="How this worker is named in `goodwill jobs`")] = "",
    demo: DemoOption = False,
) -> None:
    """Run scheduled work (digests, notifications, capture) until Ctrl+C. `goodwill serve` runs one
    already; start more on any machine that shares the firm's PostgreSQL database."""
    import os

    os.environ[config.ENV_QUEUE] = "1"  # the queue's app, which other commands don't load (settings.py)
    open_store(demo)
    from goodwill.jobs.tasks import worker_name
    from goodwill.jobs.worker import Runner, run_once

    if once:
        queued = run_once(name or worker_name())
        console.print(f"Queued {queued} run(s) and ran everything queued.", markup=False)
        return
    runner = Runner(worker_id=name or worker_name(), schedule=not no_schedule)
    console.print(
        f"Worker {runner.worker.worker_id} running{'' if no_schedule else ' with the scheduler'} (Ctrl+C stops).",
        markup=False,
    )
    runner.worker.configure_signals()  # Ctrl+C lets a running job finish; twice stops at once
    runner.run()


def jobs(
    problems: Annotated[bool, typer.Option("--problems", help="Only runs that failed")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, max=500, help="How many runs to show")] = 20,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Your scheduled runs, newest first: digests, notifications and capture, with their errors."""
    owner = open_store(demo)
    from goodwill import clock
    from goodwill.humanize import short_date
    from goodwill.queries.jobs import recent_runs

    def when(moment) -> str:
        return f"{short_date(moment, today)} {moment.astimezone(clock.local_zone()):%H:%M}"

    today = clock.today()
    rows = recent_runs(owner, limit=limit, problems_only=problems)
    if json:
        emit_json([row.__dict__ for row in rows])
        return
    if not rows:
        console.print("No failed runs." if problems else "Nothing has run yet. Turn on the digest or a capture source.")
        return
    from rich.table import Table

    table = Table(box=None)
    for column in ("id", "what", "queued", "status", "tries"):
        table.add_column(column, no_wrap=True)
    table.add_column("result")
    for row in rows:
        result = row.error or row.summary
        if row.next_try_at:
            result += f" (trying again {when(row.next_try_at)})"
        table.add_row(f"#{row.id}", row.what, when(row.queued_at), row.status, str(row.attempts), result)
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(worker)
    app.command()(jobs)
