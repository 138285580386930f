"""`goodwill replies` lists the same replies owed as the agenda, with their age."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from goodwill.queries.replies import replies_view
from goodwill.queries.today import ReplyOwed, agenda
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.people import PersonFields, add_person


def test_a_reply_owed_reads_the_same_in_both_places_with_its_age(alice, now):
    tomo = add_person(alice, PersonFields(name="Tomo", location="Tokyo"))
    log_interaction(
        alice,
        LogRequest(
            kind="email",
            people=[tomo],
            summary="Asked about the offsite",
            direction="inbound",
            awaiting_reply=True,
            when=now - timedelta(hours=3),
        ),
    )
    [owed] = replies_view(alice, now=now).owed
    [row] = agenda(alice, now=now).replies_owed
    for name in (f.name for f in dataclasses.fields(ReplyOwed)):
        assert getattr(owed, name) == getattr(row, name), name
    assert owed.local_time is not None and owed.local_time.hour == 18  # 09:00 UTC is 18:00 in Tokyo
    assert owed.age_hours == pytest.approx(3) and not owed.overdue


def test_the_response_stats_read_only_their_own_index(alice, now):
    """What awaited a reply, answered or not, from interaction_awaited alone (migration 0028):
    at 1,000,000 interactions the read looked up every interaction of the year before."""
    from django.db import connection, transaction

    from goodwill.models import Interaction
    from goodwill.queries.replies import _AWAITED

    # A year of mail in which one message in ten awaited me, with the planner's statistics.
    Interaction.objects.bulk_create(
        Interaction(
            owner=alice,
            kind="email",
            direction="inbound",
            summary="",
            occurred_at=now - timedelta(hours=n),
            created_at=now,
            awaiting_reply=n % 10 == 0,
        )
        for n in range(1, 2000)
    )
    since = now - timedelta(days=365)
    _AWAITED.rows(owner_id=alice.pk, since=since)  # run once as a queryset, as every read is
    sql, params = _AWAITED.sql(owner_id=alice.pk, since=since)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE goodwill_interaction")
            cursor.execute("SET LOCAL enable_seqscan = off")  # 2,000 rows are still small enough to scan
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = "\n".join(str(row[-1] if connection.vendor == "sqlite" else row[0]) for row in cursor.fetchall())
    assert "interaction_awaited" in plan, plan
    if connection.vendor == "sqlite":
        assert "COVERING INDEX interaction_awaited" in plan, plan
