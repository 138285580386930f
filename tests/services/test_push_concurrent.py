"""Two workers run push_due for the same user at the same moment, each on its own database
connection: every urgent item still arrives once (the JobRun slot is claimed by one insert)."""

from __future__ import annotations

import threading
from datetime import time

import pytest

from tests.pushserver import push_server  # noqa: F401
from tests.urgent_network import build


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_push_each_item_once(alice, now, push_server):
    from django.db import connection

    from goodwill.services.push import add_channel, push_due, set_push, set_quiet

    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        pytest.skip("an in-memory SQLite database is not shared between threads")
    build(alice)
    add_channel(alice, "phone", push_server.json_url)
    set_push(alice, True)
    set_quiet(alice, time(21, 0), time(8, 0))
    start = threading.Barrier(2)
    outcomes, errors = [], []

    def worker():
        from django.db import connections

        try:
            start.wait()
            outcomes.append(push_due(alice, now=now))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert len(push_server.received) == 5
    assert len(outcomes) == 2 and any(not o.skipped for o in outcomes)
    from goodwill.models import JobRun

    assert JobRun.objects.filter(owner=alice, kind="push-item", status="done").count() == 5
