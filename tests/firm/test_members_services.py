"""Members and teams: only admins manage them, the last admin stays one, teams are named."""

from __future__ import annotations

import pytest

from goodwill.errors import InvalidInput, NotFound

NON_ADMINS = ("owner", "teammate", "partner", "outsider")


@pytest.mark.parametrize("role", NON_ADMINS)
def test_non_admins_cannot_manage(firm, role):
    from goodwill.models import Member, Team
    from goodwill.services.firm_members import add_login, add_team, remove_team, set_role, set_teams

    user = firm["users"][role]
    bob = firm["users"]["teammate"]
    tax = Team.objects.get(name="Tax")
    for attempt in (
        lambda: add_team(user, "Litigation"),
        lambda: remove_team(user, tax.pk),
        lambda: set_role(user, bob, "admin"),
        lambda: set_role(user, user, "admin"),
        lambda: set_teams(user, bob, ["Tax"]),
        lambda: add_login(user, "newbie", "a long enough password 42"),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert not Team.objects.filter(name="Litigation").exists() and Team.objects.filter(pk=tax.pk).exists()
    assert Member.objects.get(user=bob).role == "member"


def test_admin_manages_teams_and_roles(firm):
    from goodwill.models import Member, Team
    from goodwill.queries.firm_members import members, teams
    from goodwill.services.firm_members import add_team, remove_team, set_role, set_teams

    ada, bob = firm["users"]["admin"], firm["users"]["teammate"]
    lit = add_team(ada, "  Litigation ")
    assert lit.name == "Litigation"
    with pytest.raises(InvalidInput, match="already a team"):
        add_team(ada, "litigation")
    set_teams(ada, bob, ["litigation", "Advisory"])
    set_role(ada, bob, "Partner")
    row = next(m for m in members(ada) if m.username == "bob")
    assert row.role == "partner" and row.teams == ["Advisory", "Litigation"]
    assert {t.name: t.members for t in teams()}["Litigation"] == 1
    assert remove_team(ada, lit.pk) == "Litigation"
    assert Member.objects.get(user=bob).teams.count() == 1 and not Team.objects.filter(name="Litigation").exists()
    with pytest.raises(NotFound):
        remove_team(ada, lit.pk)


def test_unknown_team_and_role_are_one_line_errors(firm):
    from goodwill.services.firm_members import set_role, set_teams

    ada, bob = firm["users"]["admin"], firm["users"]["teammate"]
    with pytest.raises(InvalidInput, match='no team named "Tx"'):
        set_teams(ada, bob, ["Tax", "Tx"])
    with pytest.raises(InvalidInput, match="member, partner, admin"):
        set_role(ada, bob, "boss")


def test_the_last_admin_cannot_be_demoted(firm):
    from goodwill.queries.firm_access import is_admin
    from goodwill.services.firm_members import set_role

    ada, pat = firm["users"]["admin"], firm["users"]["partner"]
    with pytest.raises(InvalidInput, match="last admin"):
        set_role(ada, ada, "member")
    assert is_admin(ada)
    set_role(ada, pat, "admin")
    set_role(ada, ada, "partner")  # another admin now: allowed
    assert not is_admin(ada) and is_admin(pat)
    with pytest.raises(InvalidInput, match="last admin"):
        set_role(pat, pat, "member")


def test_add_login_with_role_and_teams(firm):
    from django.contrib.auth import get_user_model

    from goodwill.queries.firm_access import is_partner
    from goodwill.services.firm_members import add_login

    ada = firm["users"]["admin"]
    user = add_login(ada, "dana", "a long enough password 42", role="partner", teams=["Tax"])
    assert is_partner(user) and [t.name for t in user.firm_member.teams.all()] == ["Tax"]
    with pytest.raises(InvalidInput, match="no team named"):
        add_login(ada, "eve", "a long enough password 42", teams=["Nowhere"])
    assert not get_user_model().objects.filter(username="eve").exists()  # nothing half made
    with pytest.raises(InvalidInput, match="password"):
        add_login(ada, "eve", "short")
