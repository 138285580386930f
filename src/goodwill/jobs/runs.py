"""A job run's life: claimed once by its slot, started by one worker, then done, skipped,
failed (tried again with backoff) or given up.

Every step is one conditional write, so two schedulers or two workers racing on the same
run can't both win: claiming inserts under the unique (owner, kind, slot) constraint, and
starting flips "queued" to "running" only where it is still "queued"."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Q

from goodwill import clock
from goodwill.habits.schedule import STALE_AFTER, next_try
from goodwill.models import CaptureSource, JobRun, JobStatus
from goodwill.services.job_outcome import JobOutcome

ERROR_LIMIT = 2000


def claim(owner, kind: str, slot: str, *, now: datetime, source: CaptureSource | None = None) -> JobRun | None:
    """A new queued run for this slot, or None when the slot was claimed before (by anyone)."""
    try:
        with transaction.atomic():
            return JobRun.objects.create(owner=owner, kind=kind, slot=slot, queued_at=now, source=source)
    except IntegrityError:
        return None


def start(run_id: int, worker: str, *, now: datetime | None = None) -> JobRun | None:
    """Take a queued run for this worker; None when another worker took it, or it is gone."""
    now = now or clock.now()
    taken = JobRun.objects.filter(pk=run_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now, worker=worker[:100], attempts=F("attempts") + 1
    )
    if not taken:
        return None
    return JobRun.objects.select_related("owner", "source").get(pk=run_id)


def finish(run: JobRun, outcome: JobOutcome, *, now: datetime | None = None) -> None:
    run.status = JobStatus.SKIPPED if outcome.skipped else JobStatus.DONE
    run.summary = outcome.summary[:300]
    run.error = ""
    run.finished_at = now or clock.now()
    run.next_try_at = None
    run.save(update_fields=["status", "summary", "error", "finished_at", "next_try_at"])


def fail(run: JobRun, error: str, *, now: datetime | None = None) -> None:
    """Record the error; the run is tried again after a backoff, or given up after the last try."""
    now = now or clock.now()
    run.refresh_from_db(fields=["attempts"])
    retry_at = next_try(now, run.attempts)
    run.status = JobStatus.FAILED if retry_at else JobStatus.GAVE_UP
    run.error = error[:ERROR_LIMIT]
    run.finished_at = now
    run.next_try_at = retry_at
    run.save(update_fields=["status", "error", "finished_at", "next_try_at"])


def requeue_due(now: datetime) -> list[int]:
    """Failed runs whose backoff is over, and runs whose worker vanished: queued again.
    Returns the ids this caller re-queued (each id goes to exactly one caller)."""
    stale = Q(status=JobStatus.RUNNING, started_at__lt=now - STALE_AFTER)
    retry = Q(status=JobStatus.FAILED, next_try_at__lte=now)
    requeued = []
    # push-item rows only record that an item was pushed (services.push); no worker runs them.
    due = JobRun.objects.filter(stale | retry).exclude(kind="push-item")
    for run_id, status in due.values_list("pk", "status")[:500]:
        # The status in the filter makes the update conditional: a racing scheduler gets 0 rows.
        if JobRun.objects.filter(pk=run_id, status=status).filter(stale | retry).update(status=JobStatus.QUEUED):
            requeued.append(run_id)
    return requeued
