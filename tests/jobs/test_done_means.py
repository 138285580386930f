"""Issue 15's "done means", in one test: a fresh user sets up the digest and a push channel in
Settings, gets a test message of each, and on the next scheduled minute receives a real digest
(aiosmtpd) whose one-click link works from a phone without a session, once, and can be undone."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client

from tests.mailserver import mailserver  # noqa: F401 (fixture)
from tests.pushserver import push_server  # noqa: F401 (fixture)
from tests.web.conftest import network  # noqa: F401 (fixture)


@pytest.mark.django_db(transaction=True)  # the worker closes connections between tasks
def test_a_fresh_user_sets_up_reminders_in_settings_and_the_next_minute_delivers(
    alice,
    network,  # noqa: F811
    mailserver,  # noqa: F811
    push_server,  # noqa: F811
    monkeypatch,
    now,
):
    from goodwill.jobs import scheduler
    from goodwill.jobs.worker import run_once
    from goodwill.models import JobRun, NextStep, PushChannel

    mailserver.env(monkeypatch)
    browser = Client()
    browser.force_login(alice)
    next_minute = now + timedelta(minutes=1)
    settings = {"on": "1", "at": next_minute.strftime("%H:%M"), "days": "daily", "to": "alice@example.com"}
    assert browser.post("/settings/digest", settings).status_code == 303
    browser.post("/settings/push/channels", {"name": "phone", "url": push_server.json_url})
    browser.post("/settings/push", {"on": "1", "quiet_from": "21:00", "quiet_until": "08:00"})

    # The test messages, sent now from the page.
    browser.post("/settings/digest/test")
    browser.post(f"/settings/push/channels/{PushChannel.objects.get(owner=alice).pk}/test")
    assert len(mailserver.messages) == 1
    assert [m["title"] for m in push_server.messages] == ["Goodwill: test push"]

    # This minute: nothing is due yet. The next minute: the digest, once, however often it ticks.
    scheduler.tick(now)
    run_once("worker-1")
    assert not JobRun.objects.filter(kind="digest").exists()
    scheduler.tick(next_minute)
    run_once("worker-1")
    scheduler.tick(next_minute + timedelta(minutes=2))
    run_once("worker-2")
    assert len(mailserver.messages) == 2
    digest = mailserver.messages[1]
    assert digest["To"] == "alice@example.com"
    assert digest.get_body(preferencelist=("html",)) is not None
    text = digest.get_body(preferencelist=("plain",)).get_content()

    path = "/r/" + re.search(r"Done: (\S+)", text)[1].split("/r/", 1)[1]
    phone = Client()  # a phone's mail app: no session
    confirmed = phone.get(path)
    assert confirmed.status_code == 200
    step = NextStep.objects.get(owner=alice, text="mail her the trail map")
    assert step.status == "done"
    assert phone.get(path).status_code == 410  # once
    assert phone.post(path + "undo").status_code == 200
    step.refresh_from_db()
    assert step.status == "open"
