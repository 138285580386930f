"""Who knows an organization is ranked by the database (queries.firm_who.who_knows_org): each
colleague's strongest ties there and how many they have must be exactly what ranking every
visible record by its shared score gives, whatever the sharing rules (per person, per circle,
the owner's default), the viewer (owner, teammate, partner, admin, outsider), and whether the
scores are stored fresh, stored stale, or not stored at all."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

import pytest

from goodwill.models import Circle, Person, PersonStrength, ShareLevel, SharingRule

LEVELS = (None, ShareLevel.NOTHING, ShareLevel.KNOWS, ShareLevel.LAST_MET, ShareLevel.SUMMARIES)
VIEWERS = ("owner", "teammate", "partner", "admin", "outsider")


def _reference(viewer, key, today, shown):
    """Every record there of the viewer and colleagues in the firm, its level by the sharing
    rule itself (firm_access.share_levels_of), its score by firm_strength.shared_scores, ranked
    in Python: colleague id -> (their `shown` strongest, how many they have there)."""
    from goodwill.queries.firm_access import colleague_logins, share_levels_of, visible
    from goodwill.queries.firm_strength import shared_scores

    owners = colleague_logins(viewer) | {viewer.pk: viewer.username}
    records = dict(
        Person.objects.filter(organization__key=key, archived_at__isnull=True, owner_id__in=owners).values_list(
            "pk", "owner_id"
        )
    )
    levels = share_levels_of(records)
    seen = {pk: owner for pk, owner in records.items() if owner == viewer.pk or visible(levels[pk])}
    scores = shared_scores(seen, today)
    ranked = defaultdict(list)
    for pk in sorted(seen, key=lambda pk: (-scores[pk][0], pk)):
        ranked[seen[pk]].append(pk)
    return {owner: (pks[:shown], len(pks)) for owner, pks in ranked.items()}


def _answered(viewer, today):
    from goodwill.queries.firm_who import who_knows_org

    answer = who_knows_org(viewer, "Acme", today)
    found = {g.colleague_id: ([t.person_id for t in g.ties], len(g.ties) + g.more) for g in answer.colleagues}
    found.update({a.colleague_id: (None, a.ties) for a in answer.also})
    return found


def _check(firm, today, shown):
    for role in VIEWERS:
        viewer = firm["users"][role]
        expected = _reference(viewer, "acme", today, shown)
        assert _answered(viewer, today) == expected, role
        assert expected  # something to rank


@pytest.mark.parametrize("default", LEVELS)
def test_the_organization_answer_ranks_what_the_sharing_rule_and_the_scores_give(firm, now, monkeypatch, default):
    from goodwill.queries import firm_who
    from goodwill.services import firm_strength
    from goodwill.services.interactions import LogRequest, log_interaction
    from goodwill.services.people import PersonFields, add_person

    monkeypatch.setattr(firm_who, "TIES_SHOWN", 2)
    alice, bob, pat = firm["users"]["owner"], firm["users"]["teammate"], firm["users"]["partner"]
    if default is not None:
        SharingRule.objects.create(owner=bob, level=default)
    hidden = Circle.objects.create(owner=bob, name="hidden", ideal_days=30, max_days=60, position=20)
    SharingRule.objects.create(owner=bob, circle=hidden, level=ShareLevel.NOTHING)
    shown = Circle.objects.create(owner=bob, name="shown", ideal_days=30, max_days=60, position=21)
    SharingRule.objects.create(owner=bob, circle=shown, level=ShareLevel.KNOWS)
    people = []
    # Equal encounter counts give equal scores: the tie-break (by id) is checked too.
    for i, (owner, met) in enumerate(
        [(alice, 3), (alice, 1), (alice, 1), (alice, 0), (bob, 4), (bob, 2), (bob, 2), (bob, 1), (bob, 0)]
        + [(bob, 3), (bob, 1), (pat, 2), (pat, 2), (pat, 0)]
    ):
        person = add_person(owner, PersonFields(name=f"Person {i}", organization="ACME"))
        for week in range(met):
            log_interaction(
                owner,
                LogRequest(kind="meeting", people=[person], summary="Met", when=now - timedelta(weeks=week * 5 + 1)),
            )
        people.append(person)
    Person.objects.filter(pk__in=[people[5].pk, people[8].pk]).update(circle=hidden)
    Person.objects.filter(pk__in=[people[6].pk, people[7].pk]).update(circle=shown)
    for person, level in (
        (people[4], ShareLevel.NOTHING),
        (people[5], ShareLevel.SUMMARIES),
        (people[1], ShareLevel.NOTHING),
    ):
        SharingRule.objects.create(owner=person.owner, person=person, level=level)
    today = now.date()
    _check(firm, today, 2)  # nothing stored: every score computed
    firm_strength.refresh(today=today)
    _check(firm, today, 2)  # all stored and fresh: ranked by the database
    log_interaction(bob, LogRequest(kind="call", people=[people[10]], summary="Call", when=now - timedelta(hours=1)))
    PersonStrength.objects.filter(person=people[12]).delete()
    _check(firm, today, 2)  # one stale, one missing, the rest fresh
    _check(firm, today + timedelta(days=30), 2)  # stored on another day: computed
