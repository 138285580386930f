"""What colleagues see: levels resolve as each professional chose them (person > circle >
default), bad level names are refused in one line, and nobody sets rules on another's people."""

from __future__ import annotations

import pytest

from goodwill.errors import InvalidInput, NotFound


def _level(owner, person):
    """The level in force, as every firm view reads it; the Person page's control (one compiled
    read of the rules that can apply) must say the same."""
    from goodwill.queries.firm_access import share_levels
    from goodwill.queries.firm_sharing import person_sharing

    level = share_levels(owner, [person.pk])[person.pk]
    assert person_sharing(owner, person).shown == level
    return level


def _chosen(owner, person):
    from goodwill.queries.firm_sharing import person_sharing

    return person_sharing(owner, person).level


def test_levels_resolve_as_chosen(firm):
    from goodwill.models import Circle
    from goodwill.services.firm_sharing import set_circle, set_default, set_person

    alice, priya = firm["users"]["owner"], firm["priya"]
    close = Circle.objects.get(owner=alice, name="close")
    assert _level(alice, priya) == "knows"  # no rule: the firm's default
    set_default(alice, "nothing")
    assert _level(alice, priya) == "nothing"
    set_circle(alice, close, "summaries")
    assert _level(alice, priya) == "summaries" and _chosen(alice, priya) is None
    set_person(alice, priya, "last-met")  # the CLI's spelling works too
    assert _level(alice, priya) == "last_met" and _chosen(alice, priya) == "last_met"
    set_person(firm["users"]["teammate"], firm["sam"], "nothing")  # bob's rules never reach alice's people
    assert _level(alice, priya) == "last_met"
    set_person(alice, priya, None)  # back to the circle
    assert _level(alice, priya) == "summaries" and _chosen(alice, priya) is None
    set_circle(alice, close, None)  # back to the default
    assert _level(alice, priya) == "nothing"


def test_sharing_of_lists_default_circles_and_people(firm):
    from goodwill.models import Circle
    from goodwill.queries.firm_sharing import sharing_of
    from goodwill.services.firm_sharing import set_circle, set_default, set_person, set_share_momentum

    alice, priya = firm["users"]["owner"], firm["priya"]
    set_default(alice, "last_met")
    set_circle(alice, Circle.objects.get(owner=alice, name="close"), "nothing")
    set_person(alice, priya, "summaries")
    set_share_momentum(alice, True)
    shown = sharing_of(alice)
    assert shown.default == "last_met"
    circles = {c.name: (c.level, c.shown) for c in shown.circles}
    assert circles["close"] == ("nothing", "nothing")
    assert all(level is None and seen == "last_met" for name, (level, seen) in circles.items() if name != "close")
    assert [(p.name, p.level) for p in shown.people] == [("Priya Patel", "summaries")]
    assert shown.share_momentum is True
    # Only alice's own rules: bob's sharing is untouched.
    assert sharing_of(firm["users"]["teammate"]).people == []


def test_a_bad_level_is_one_line_listing_the_levels(firm):
    from goodwill.services.firm_sharing import set_default

    with pytest.raises(InvalidInput) as caught:
        set_default(firm["users"]["owner"], "everything")
    message = str(caught.value)
    assert "everything" in message and "nothing, knows, last_met, summaries" in message and "\n" not in message


def test_an_outsider_cannot_set_rules_on_alices_people(firm):
    from goodwill.models import Circle, SharingRule
    from goodwill.services.firm_sharing import set_circle, set_person

    alice, charlie = firm["users"]["owner"], firm["users"]["outsider"]
    with pytest.raises(NotFound):
        set_person(charlie, firm["priya"], "summaries")
    with pytest.raises(NotFound):
        set_circle(charlie, Circle.objects.get(owner=alice, name="close"), "summaries")
    assert not SharingRule.objects.exists()


def test_sharing_momentum_creates_the_member_row(firm):
    from django.contrib.auth import get_user_model

    from goodwill.models import Member
    from goodwill.services.firm_sharing import set_share_momentum

    newcomer = get_user_model().objects.create_user(username="nia", password="a long test password")
    assert not Member.objects.filter(user=newcomer).exists()
    set_share_momentum(newcomer, True)
    member = Member.objects.get(user=newcomer)
    assert member.share_momentum and member.role == "member"
    set_share_momentum(newcomer, False)
    member.refresh_from_db()
    assert not member.share_momentum
