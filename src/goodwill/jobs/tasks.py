"""The one task workers run: carry out a claimed JobRun (django-tasks, database backend)."""

from __future__ import annotations

import os
import socket
import threading

from django_tasks import task

from goodwill.errors import UserError
from goodwill.jobs import kinds, runs


def worker_name() -> str:
    """Which worker ran a run, as Settings and `goodwill jobs` show it: host, process, thread."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident() % 10000}"


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, UserError):
        return str(exc)
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@task()
def run_job(run_id: int) -> str:
    """Run a queued JobRun once. Another worker that got the same task finds it taken and stops."""
    run = runs.start(run_id, worker_name())
    if run is None:
        return "taken by another worker"
    try:
        outcome = kinds.HANDLERS[run.kind](run)
    except Exception as exc:  # recorded on the run, shown in Settings and `goodwill jobs`, tried again later
        runs.fail(run, _one_line(exc))
        return "failed"
    runs.finish(run, outcome)
    return run.status
