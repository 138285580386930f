"""`goodwill jobs` shows what ran and what failed; `goodwill worker --once` runs what is due."""

import json
from datetime import time

import pytest

from goodwill.jobs import kinds
from goodwill.models import JobRun, ReachSettings
from goodwill.services.job_outcome import JobOutcome


def _digest_on(me):
    ReachSettings.objects.create(user=me, digest_on=True, digest_at=time(8, 0), time_zone="UTC")


@pytest.fixture(autouse=True)
def _queue_flag_put_back(monkeypatch):
    """`goodwill worker` sets GOODWILL_QUEUE for Django (settings.py); gone again after each test,
    so the fresh processes later tests start load only what a plain command loads."""
    monkeypatch.delenv("GOODWILL_QUEUE", raising=False)


@pytest.mark.django_db(transaction=True)  # the worker closes connections between tasks
def test_worker_once_runs_the_due_digest_and_jobs_lists_it(cli, me, monkeypatch):
    monkeypatch.setitem(kinds.HANDLERS, "digest", lambda run: JobOutcome("sent to me@example.com: 2 replies owed"))
    _digest_on(me)  # the pinned clock: Monday 09:00 UTC, an hour after the digest's time
    result = cli("worker", "--once")
    assert result.exit_code == 0, result.output
    assert "Queued 1 run(s)" in result.output
    listed = cli("jobs")
    assert "daily digest" in listed.output and "sent to me@example.com" in listed.output
    rows = json.loads(cli("jobs", "--json").output)
    assert rows[0]["status"] == "done" and rows[0]["attempts"] == 1


@pytest.mark.django_db(transaction=True)  # the worker closes connections between tasks
def test_jobs_problems_shows_the_error_and_the_next_try(cli, me, monkeypatch):
    def broken(run):
        raise OSError("smtp.example.com:587 refused the connection")

    monkeypatch.setitem(kinds.HANDLERS, "digest", broken)
    _digest_on(me)
    cli("worker", "--once")
    shown = " ".join(cli("jobs", "--problems").output.split())  # the table wraps long results
    assert "refused the connection" in shown and "trying again" in shown and "failed" in shown
    assert JobRun.objects.get().status == "failed"


def test_jobs_with_nothing_run(cli, me):
    assert "Nothing has run yet" in cli("jobs").output
    assert "No failed runs" in cli("jobs", "--problems").output


def test_secrets_key_prints_a_key_the_secret_store_accepts(cli, me, monkeypatch):
    from goodwill.services.secrets import load_secret, store_secret

    key = cli("secrets", "key").output.split()[0]
    monkeypatch.setenv("GOODWILL_SECRETS_KEY", key)
    ref = store_secret(me, "smtp", "hunter2-long-password")
    assert ref == "db:smtp" and load_secret(me, ref) == "hunter2-long-password"
