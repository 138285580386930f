"""The scheduler: once a tick (every 30 seconds in a worker), claim what is due and queue it.

Due: each user's digest on their days at their hour in their zone; pushes for users who turned
them on, every PUSH_EVERY minutes; each capture source every N minutes unless paused; failed runs
whose backoff is over. Claims are by slot (goodwill.jobs.runs), so any number of schedulers can
tick against one database and each piece of work is queued once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.db import transaction

from goodwill import clock
from goodwill.habits.schedule import digest_slot, every_slot
from goodwill.jobs import runs
from goodwill.models import CaptureSource, JobRun, PushChannel, ReachSettings
from goodwill.models.base import Owner
from goodwill.queries.reach import zone_of

PUSH_EVERY = 5  # minutes between looks for what can't wait
# Finished task records (django-tasks' own table) older than this are pruned.
KEEP_TASK_RESULTS = timedelta(days=7)


def _claimed(kind: str, slots: set[str]) -> set[tuple[int, str]]:
    """(owner id, slot) pairs already claimed: skipped up front, so a tick over many users
    doesn't try (and fail) an insert for each of them every 30 seconds."""
    return set(JobRun.objects.filter(kind=kind, slot__in=slots).values_list("owner_id", "slot"))


def _claim_all(kind: str, wanted: Sequence[tuple[Owner, str, CaptureSource | None]], now: datetime) -> list[JobRun]:
    taken = _claimed(kind, {slot for _, slot, _ in wanted})
    claimed = []
    for owner, slot, source in wanted:
        if (owner.pk, slot) not in taken:
            run = runs.claim(owner, kind, slot, now=now, source=source)
            if run is not None:
                claimed.append(run)
    return claimed


def _digests(now: datetime) -> list[JobRun]:
    wanted = []
    for reach in ReachSettings.objects.filter(digest_on=True).select_related("user"):
        slot = digest_slot(now.astimezone(zone_of(reach.user, reach)), reach.digest_at, reach.digest_days)
        if slot is not None:
            wanted.append((reach.user, slot, None))
    return _claim_all("digest", wanted, now)


def _pushes(now: datetime) -> list[JobRun]:
    with_channels = PushChannel.objects.filter(paused=False).values("owner_id")
    slot = every_slot(now, PUSH_EVERY)
    users = ReachSettings.objects.filter(push_on=True, user_id__in=with_channels).select_related("user")
    return _claim_all("push", [(reach.user, slot, None) for reach in users], now)


def _captures(now: datetime) -> list[JobRun]:
    wanted = [
        (source.owner, f"{source.pk}:{every_slot(now, source.every_minutes)}", source)
        for source in CaptureSource.objects.filter(paused=False).select_related("owner")
    ]
    return _claim_all("capture", wanted, now)


def tick(now: datetime | None = None) -> list[JobRun]:
    """Queue everything due at `now`; returns the runs this call queued."""
    now = now or clock.now()
    from goodwill.jobs.tasks import run_job

    with transaction.atomic():
        queued = _digests(now) + _pushes(now) + _captures(now)
        queued += list(JobRun.objects.filter(pk__in=runs.requeue_due(now)))
        # Queued in the same transaction as the claims: a worker sees a run and its task together.
        for run in queued:
            run_job.enqueue(run.pk)
    return queued


def prune(now: datetime | None = None) -> int:
    """Drop django-tasks' finished task records past KEEP_TASK_RESULTS (our JobRun rows stay),
    and phone sync's old tombstones and idle books (services.dav_sync)."""
    from django_tasks_db.models import DBTaskResult

    from goodwill.services.dav_sync import forget_idle_books, prune_tombstones

    cutoff = (now or clock.now()) - KEEP_TASK_RESULTS
    deleted, _ = DBTaskResult.objects.filter(finished_at__lt=cutoff).delete()
    return deleted + prune_tombstones(now) + forget_idle_books(now)
