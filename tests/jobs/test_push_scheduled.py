"""Set up in Settings, pushed on the next scheduled run: a fresh user adds a channel and turns
pushes on through the web page, the scheduler ticks, a worker runs it, and the urgent items
arrive at a local endpoint, once, however often it ticks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from goodwill.jobs import scheduler
from goodwill.jobs.worker import run_once
from goodwill.models import JobRun, JobStatus
from tests.pushserver import push_server  # noqa: F401
from tests.urgent_network import build


@pytest.mark.django_db(transaction=True)  # the worker closes connections between tasks
def test_settings_then_the_next_run_pushes_what_cannot_wait(alice, now, push_server):
    build(alice)
    web = Client()
    web.force_login(alice)
    web.post("/settings/push/channels", {"name": "phone", "url": push_server.json_url})
    web.post("/settings/push", {"on": "1", "quiet_from": "21:00", "quiet_until": "08:00"})
    web.post(f"/settings/push/channels/{_channel(alice)}/test")
    assert [m["title"] for m in push_server.messages] == ["Goodwill: test push"]

    (run,) = scheduler.tick(now)
    assert run.kind == "push"
    run_once("test-worker")
    run.refresh_from_db()
    assert run.status == JobStatus.DONE and run.summary == "5 pushes sent to phone"
    titles = [m["title"] for m in push_server.messages[1:]]
    assert titles == ["Reply owed today"] * 2 + ["Promise due today"] * 2 + ["Meeting in 40 minutes"]

    # Five minutes on: a new slot, nothing new to say.
    scheduler.tick(now + timedelta(minutes=5))
    run_once("test-worker")
    assert len(push_server.received) == 6
    later = JobRun.objects.filter(kind="push").order_by("-queued_at").first()
    assert later.status == JobStatus.SKIPPED and later.summary == "nothing new that can't wait"


def _channel(owner) -> int:
    from goodwill.models import PushChannel

    return PushChannel.objects.get(owner=owner).pk
