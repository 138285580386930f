"""The scheduler claims each due run once, a worker runs it once, failures are tried again
with backoff and shown; alice's schedule never runs work for bob or charlie."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from goodwill.jobs import kinds, runs, scheduler
from goodwill.jobs.worker import run_once
from goodwill.models import CaptureSource, JobRun, JobStatus, PushChannel, ReachSettings
from goodwill.services.job_outcome import JobOutcome

UTC = ZoneInfo("UTC")
THURSDAY_0731 = datetime(2026, 12, 3, 7, 31, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock_at_the_tick(set_now):
    """The clock stands where the tests tick, so a worker's own tick (run_once) queues nothing
    of its own: on the real clock, any day after this one past 7:30 would queue that day's
    digest too."""
    set_now(THURSDAY_0731.isoformat())


@pytest.fixture
def calls(monkeypatch):
    """The handlers, replaced by recorders: which owner each kind ran for."""
    seen: list[tuple[str, str]] = []

    def recorder(kind):
        def handle(run):
            seen.append((kind, run.owner.username))
            return JobOutcome(f"{kind} ran")

        return handle

    for kind in ("digest", "push", "capture"):
        monkeypatch.setitem(kinds.HANDLERS, kind, recorder(kind))
    return seen


@pytest.fixture
def alice_digest(alice):
    return ReachSettings.objects.create(user=alice, digest_on=True, digest_at=time(7, 30), time_zone="UTC")


def test_a_due_digest_is_queued_once_however_often_the_scheduler_ticks(alice_digest, bob, calls):
    ReachSettings.objects.create(user=bob, digest_on=False)
    first = scheduler.tick(THURSDAY_0731)
    again = scheduler.tick(THURSDAY_0731 + timedelta(minutes=5))
    assert [(r.owner.username, r.kind, r.slot) for r in first] == [("alice", "digest", "2026-12-03")]
    assert again == []
    assert JobRun.objects.count() == 1


@pytest.mark.django_db(transaction=True)  # the worker closes connections between tasks
def test_the_worker_runs_it_once_and_records_the_outcome(alice_digest, calls):
    scheduler.tick(THURSDAY_0731)
    run_once("test-worker")
    run_once("test-worker")
    assert calls == [("digest", "alice")]
    run = JobRun.objects.get()
    assert (run.status, run.summary, run.attempts) == (JobStatus.DONE, "digest ran", 1)


def test_a_taken_run_is_not_run_by_a_second_worker(alice_digest, calls):
    (run,) = scheduler.tick(THURSDAY_0731)
    assert runs.start(run.pk, "worker-a") is not None
    assert runs.start(run.pk, "worker-b") is None


def test_the_digest_waits_for_its_hour_and_its_days(alice_digest, calls):
    assert scheduler.tick(THURSDAY_0731 - timedelta(minutes=2)) == []
    saturday = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    assert scheduler.tick(saturday) == []


def test_the_users_zone_decides_the_hour(alice, calls):
    ReachSettings.objects.create(user=alice, digest_on=True, digest_at=time(7, 30), time_zone="America/New_York")
    assert scheduler.tick(THURSDAY_0731) == []  # 02:31 in New York
    queued = scheduler.tick(datetime(2026, 12, 3, 12, 31, tzinfo=UTC))  # 07:31 there
    assert [r.slot for r in queued] == ["2026-12-03"]


@pytest.mark.django_db(transaction=True)  # the worker closes connections between tasks
def test_a_failure_is_recorded_tried_again_after_backoff_then_given_up(alice_digest, monkeypatch):
    def broken(run):
        raise ConnectionRefusedError("mail server refused the connection")

    monkeypatch.setitem(kinds.HANDLERS, "digest", broken)
    scheduler.tick(THURSDAY_0731)
    run_once("w")
    run = JobRun.objects.get()
    assert run.status == JobStatus.FAILED
    assert "ConnectionRefusedError: mail server refused the connection" in run.error
    assert run.next_try_at is not None
    # Not before its backoff is over:
    assert runs.requeue_due(run.finished_at) == []
    moment = run.next_try_at
    for _ in range(10):
        requeued = scheduler.tick(moment)
        if not requeued:
            break
        from goodwill.jobs.tasks import run_job

        run_job.call(run.pk)  # what a worker does with the task
        run.refresh_from_db()
        moment = run.next_try_at or moment
    run.refresh_from_db()
    assert run.status == JobStatus.GAVE_UP
    assert run.attempts == 5


def test_a_run_that_lost_its_worker_is_tried_again(alice_digest, calls):
    (run,) = scheduler.tick(THURSDAY_0731)
    runs.start(run.pk, "vanished", now=THURSDAY_0731)
    assert runs.requeue_due(THURSDAY_0731 + timedelta(minutes=5)) == []
    assert runs.requeue_due(THURSDAY_0731 + timedelta(minutes=16)) == [run.pk]


@pytest.mark.django_db(transaction=True)  # the worker closes connections between tasks
def test_capture_sources_run_every_n_minutes_unless_paused(alice, bob, calls):
    now = THURSDAY_0731
    CaptureSource.objects.create(owner=alice, kind="ics", name="Work", every_minutes=15, created_at=now)
    CaptureSource.objects.create(owner=bob, kind="ics", name="Paused", every_minutes=15, created_at=now, paused=True)
    assert len(scheduler.tick(now)) == 1
    window_start = datetime(2026, 12, 3, 7, 30, tzinfo=UTC)  # 7:30 starts a 15-minute window (epoch-aligned)
    assert scheduler.tick(window_start + timedelta(minutes=14)) == []
    later = scheduler.tick(now + timedelta(minutes=15))
    assert [(r.owner.username, r.kind) for r in later] == [("alice", "capture")]
    run_once("w")
    assert set(calls) == {("capture", "alice")}


def test_pushes_only_for_users_who_turned_them_on_with_a_channel(alice, bob, charlie, calls):
    now = THURSDAY_0731
    ReachSettings.objects.create(user=alice, push_on=True)
    ReachSettings.objects.create(user=bob, push_on=True)  # no channel
    ReachSettings.objects.create(user=charlie, push_on=False)
    for user in (alice, charlie):
        PushChannel.objects.create(owner=user, name="phone", shown="ntfy://…", secret_ref="db:x", created_at=now)
    assert [(r.owner.username, r.kind) for r in scheduler.tick(now)] == [("alice", "push")]


def test_a_pushed_items_record_is_never_queued_as_work(alice):
    JobRun.objects.create(
        owner=alice,
        kind="push-item",
        slot="promise:7:2026-12-03",
        queued_at=THURSDAY_0731,
        status="running",
        started_at=THURSDAY_0731,
    )
    assert runs.requeue_due(THURSDAY_0731 + timedelta(hours=1)) == []
