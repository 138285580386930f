from datetime import timedelta

from goodwill.queries.momentum import touch_momentum
from goodwill.queries.review import review_queue
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.people import PersonFields, add_person
from goodwill.services.preferences import set_preference


def test_review_queue_puts_the_most_neglected_first(alice, now):
    for name, circle, days in [("Ann", "inner", 15), ("Bo", "close", 90), ("Cy", "network", 10)]:
        p = add_person(alice, PersonFields(name=name, circle=circle))
        log_interaction(alice, LogRequest(kind="call", people=[p], summary="hi", when=now - timedelta(days=days)))
    assert [row.name for row in review_queue(alice, now.date())] == ["Bo", "Ann"]


def test_momentum_counts_outbound_touches_per_week(alice, now):
    p = add_person(alice, PersonFields(name="Ann"))
    set_preference(alice, "weekly-goal", "2")
    for days in (0, 1, 8, 9, 10):  # this week: Mon 23rd and Sun 22nd is last week
        log_interaction(alice, LogRequest(kind="email", people=[p], summary="hi", when=now - timedelta(days=days)))
    log_interaction(alice, LogRequest(kind="email", people=[p], summary="in", direction="inbound", when=now))
    log_interaction(alice, LogRequest(kind="note", people=[p], summary="note", when=now))
    result = touch_momentum(alice, now.date())
    assert result.goal == 2
    assert result.this_week == 1
    assert [w.count for w in result.weeks[-3:]] == [3, 1, 1]


def test_momentum_counts_each_touch_on_its_local_day_in_a_quarter_hour_zone(alice, now, monkeypatch):
    """Kathmandu is UTC+5:45: Monday 23 November begins there at 18:15 UTC on the 22nd. The
    database counts touches per quarter hour of UTC; each quarter's local day decides the week."""
    from datetime import UTC, datetime

    monkeypatch.setenv("GOODWILL_TIMEZONE", "Asia/Kathmandu")
    p = add_person(alice, PersonFields(name="Ann"))
    for moment in (
        datetime(2026, 11, 22, 18, 14, 59, tzinfo=UTC),  # Sunday 23:59:59 there: last week
        datetime(2026, 11, 22, 18, 15, tzinfo=UTC),  # Monday 00:00 there: this week
        datetime(2026, 11, 22, 18, 44, tzinfo=UTC),  # Monday 00:29 there
    ):
        log_interaction(alice, LogRequest(kind="call", people=[p], summary="hi", when=moment))
    result = touch_momentum(alice, datetime(2026, 11, 23, 12, tzinfo=UTC).date())
    assert [w.count for w in result.weeks[-2:]] == [1, 2]


def test_momentum_reads_the_outbound_touches_from_their_own_index(alice, now):
    """The count's condition must stay the partial index's, or the database reads every
    interaction of the window from the table (queries.momentum, migration 0027)."""
    from django.db import connection

    from goodwill.queries.momentum import _QUARTERS, _since

    since = connection.ops.adapt_datetimefield_value(now - timedelta(weeks=35))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # a test table is small enough to scan
            cursor.execute("EXPLAIN " + _QUARTERS["postgresql"], [[alice.pk], since])
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + _QUARTERS["sqlite"].format(owners="%s"), [alice.pk, since])
        plan = "\n".join(str(row[-1] if connection.vendor == "sqlite" else row[0]) for row in cursor.fetchall())
    assert "interaction_outbound_touch" in plan, plan
    assert _since(now.date(), 26) < now.date()
