"""The key relationships page counts in the database (queries.firm_accounts.overview): its
summaries must be exactly what each account's own page shows, whatever the sharing rules and
whether the scores are stored fresh, stored stale or not stored at all."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from goodwill.models import Circle, KeyAccount, Person, ShareLevel, SharingRule

LEVELS = (None, ShareLevel.NOTHING, ShareLevel.KNOWS, ShareLevel.SUMMARIES)


def _rule(owner, level, *, circle=None, person=None):
    if level is not None:
        SharingRule.objects.create(owner=owner, circle=circle, person=person, level=level)


@pytest.mark.parametrize("default", LEVELS)
def test_the_shared_filter_keeps_exactly_what_the_levels_show(firm, default):
    """The SQL form of the sharing rule agrees with the rule itself, for every combination of
    a default, a circle rule and a person rule."""
    from goodwill.queries.firm_access import share_levels_of, shared_filter, visible
    from goodwill.services.people import PersonFields, add_person

    bob = firm["users"]["teammate"]
    _rule(bob, default)
    circles = []
    for i, level in enumerate(LEVELS):
        circle = Circle.objects.create(owner=bob, name=f"c{i}", ideal_days=30, max_days=60, position=10 + i)
        _rule(bob, level, circle=circle)
        circles.append(circle)
    for i, (circle, level) in enumerate(itertools.product([None, *circles], LEVELS)):
        person = add_person(bob, PersonFields(name=f"P {i}"))
        Person.objects.filter(pk=person.pk).update(circle=circle)
        _rule(bob, level, person=person)
    mine = Person.objects.filter(owner=bob)
    expected = {pk for pk, level in share_levels_of(mine.values_list("pk", flat=True)).items() if visible(level)}
    assert set(mine.filter(shared_filter([bob.pk]).q()).values_list("pk", flat=True)) == expected
    assert 0 < len(expected) < mine.count()


def _summary(view):
    strongest = view.strongest
    best = (strongest.colleague, strongest.person_id, strongest.score, strongest.why) if strongest else None
    return (view.colleagues, view.cold, view.warm_colleagues, best)


def _the_same_as_each_account_page(viewer, today):
    from goodwill.queries.firm_accounts import account, overview

    summaries = {v.id: _summary(v) for v in overview(viewer, today)}
    pages = {pk: _summary(account(viewer, pk, today)) for pk in summaries}
    assert summaries == pages
    return summaries


def test_the_overview_counts_what_the_account_pages_show(firm, now):
    from goodwill.services import firm_strength
    from goodwill.services.interactions import LogRequest, log_interaction
    from goodwill.services.people import PersonFields, add_person

    alice, bob, pat = firm["users"]["owner"], firm["users"]["teammate"], firm["users"]["partner"]
    KeyAccount.objects.create(key="globex", name="Globex", kind="target", created_at=now)
    people = {}
    for owner, name in ((alice, "Ravi"), (alice, "Sara"), (bob, "Tom"), (bob, "Uma"), (pat, "Vic"), (bob, "Wen")):
        people[name] = add_person(owner, PersonFields(name=f"{name} Acme", organization="Acme"))
        for weeks in range(len(name) + len(people)):
            log_interaction(
                owner,
                LogRequest(
                    kind="meeting", people=[people[name]], summary="Met", when=now - timedelta(weeks=weeks * 9 + 1)
                ),
            )
    _rule(bob, ShareLevel.NOTHING, person=people["Uma"])  # hidden from the firm
    _rule(alice, ShareLevel.LAST_MET, person=people["Ravi"])
    Person.objects.filter(pk=people["Wen"].pk).update(archived_at=now)  # archived: nobody's tie
    viewers = (pat, firm["users"]["admin"])
    today = now.date()
    # Nothing stored yet: every score computed in memory.
    for viewer in viewers:
        _the_same_as_each_account_page(viewer, today)
    # All stored and fresh: counted by the database.
    firm_strength.refresh(today=today)
    for viewer in viewers:
        found = _the_same_as_each_account_page(viewer, today)
    acme = found[firm["ids"]["acme_account"]]
    assert acme[0] == 3  # alice, bob and pat know someone at Acme the firm may see
    # Some fresh, some stale (an encounter logged since the refresh), some from another day.
    log_interaction(
        bob, LogRequest(kind="call", people=[people["Tom"]], summary="Called", when=now - timedelta(hours=2))
    )
    for viewer in viewers:
        _the_same_as_each_account_page(viewer, today)
    for viewer in viewers:
        _the_same_as_each_account_page(viewer, today + timedelta(days=200))
    # Bob sees his hidden tie as his own on the page and in the count.
    from goodwill.services.firm_members import set_role

    set_role(firm["users"]["admin"], bob, "partner")
    with_own = _the_same_as_each_account_page(bob, today)[firm["ids"]["acme_account"]]
    assert with_own[0] == 3


def test_the_overview_reads_as_many_queries_for_thirty_ties_as_for_three(firm, now):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from goodwill.queries.firm_accounts import overview
    from goodwill.services import firm_strength
    from goodwill.services.people import PersonFields, add_person

    def queries() -> int:
        firm_strength.refresh(today=now.date())
        with CaptureQueriesContext(connection) as done:
            overview(firm["users"]["partner"], now.date())
        return len(done)

    few = queries()
    for i in range(30):
        add_person(firm["users"]["teammate"], PersonFields(name=f"Person {i}", organization="Acme"))
    assert queries() == few
    assert [v.colleagues for v in overview(firm["users"]["partner"], now.date())] == [3]
