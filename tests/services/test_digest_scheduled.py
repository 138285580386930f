"""Done means (issue 15): a fresh user sets the digest up in Settings, and on the next scheduled
minute a real digest arrives (aiosmtpd), once, whose links work."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client

from tests.mailserver import mailserver  # noqa: F401 (fixture)
from tests.web.conftest import network  # noqa: F401 (fixture)


@pytest.mark.django_db(transaction=True)  # the worker closes connections between tasks
def test_set_up_in_settings_sent_by_the_next_run_once_and_its_links_work(
    alice,
    network,  # noqa: F811
    mailserver,
    monkeypatch,
    now,
):
    from goodwill.jobs import scheduler
    from goodwill.jobs.worker import run_once
    from goodwill.models import JobRun, JobStatus, NextStep

    mailserver.env(monkeypatch)
    browser = Client()
    browser.force_login(alice)
    at = (now - timedelta(minutes=1)).strftime("%H:%M")  # due at the minute just gone
    answer = browser.post("/settings/digest", {"on": "1", "at": at, "days": "daily", "to": "alice@example.com"})
    assert answer.status_code == 303

    scheduler.tick(now)
    run_once("worker-1")
    scheduler.tick(now + timedelta(minutes=5))  # a later tick, a second worker: nothing new
    run_once("worker-2")
    [message] = mailserver.messages
    run = JobRun.objects.get(kind="digest")
    assert run.status == JobStatus.DONE
    assert run.summary.startswith("sent to alice@example.com: 1 reply owed")

    text = message.get_body(preferencelist=("plain",)).get_content()
    done = re.search(r"Done: (\S+)", text)[1]
    path = "/r/" + done.split("/r/", 1)[1]
    phone = Client()  # no session
    assert phone.get(path).status_code == 200
    assert NextStep.objects.get(owner=alice, text="mail her the trail map").status == "done"
    assert phone.get(path).status_code == 410
