"""The user's scheduled runs, newest first: what Settings and `goodwill jobs` show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from goodwill.models import JobRun, JobStatus
from goodwill.models.base import Owner

LIST_LIMIT = 20

# What a run of each kind is called where the user reads it.
KIND_NAMES = {"digest": "daily digest", "push": "notifications", "capture": "capture", "push-item": "push sent"}


@dataclass(frozen=True)
class RunRow:
    id: int
    kind: str
    what: str  # "daily digest", "capture: Work mail"
    status: str
    queued_at: datetime
    finished_at: datetime | None
    attempts: int
    next_try_at: datetime | None
    summary: str
    error: str


def _row(run: JobRun) -> RunRow:
    what = KIND_NAMES.get(run.kind, run.kind)
    if run.kind == "capture":
        what = f"capture: {run.source.name}" if run.source else "capture (source removed)"
    return RunRow(
        id=run.pk,
        kind=run.kind,
        what=what,
        status=run.status,
        queued_at=run.queued_at,
        finished_at=run.finished_at,
        attempts=run.attempts,
        next_try_at=run.next_try_at,
        summary=run.summary,
        error=run.error,
    )


def recent_runs(owner: Owner, *, limit: int = LIST_LIMIT, problems_only: bool = False) -> list[RunRow]:
    """The owner's latest runs (not the per-item push records, which only prevent repeats)."""
    runs = JobRun.objects.filter(owner=owner).exclude(kind="push-item").select_related("source")
    if problems_only:
        runs = runs.filter(status__in=[JobStatus.FAILED, JobStatus.GAVE_UP])
    return [_row(run) for run in runs.order_by("-queued_at", "-id")[:limit]]
