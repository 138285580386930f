"""What each kind of run does: one service call each (the rules live in the services)."""

from __future__ import annotations

from collections.abc import Callable

from goodwill.models import JobRun
from goodwill.services.job_outcome import JobOutcome


def _digest(run: JobRun) -> JobOutcome:
    from goodwill.services.digest import send_digest

    return send_digest(run.owner)


def _push(run: JobRun) -> JobOutcome:
    from goodwill.services.push import push_due

    return push_due(run.owner)


def _capture(run: JobRun) -> JobOutcome:
    from goodwill.services.capture import run_source

    if run.source is None:  # removed after it was queued
        return JobOutcome("the source was removed", skipped=True)
    return run_source(run.source)


HANDLERS: dict[str, Callable[[JobRun], JobOutcome]] = {"digest": _digest, "push": _push, "capture": _capture}
