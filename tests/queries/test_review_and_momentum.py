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
