"""The firm in tests: five colleagues on one server, each with a small network.

- alice, the owner of the records under test (member, team Advisory);
- bob, her teammate (member, Advisory);
- pat, a partner (team Tax); ada, the admin;
- charlie, an outsider to alice's team (member, Tax);
and `anonymous`, nobody logged in.

Alice and pat both know Priya Patel at Acme (same email), alice well (meetings, one of
them confidential), pat a little; bob knows Sam Ortiz at Globex. Each helper module in
tests/firm/access_*.py adds its own records and ids through its `setup(firm)`."""

from __future__ import annotations

import functools
from datetime import timedelta

import pytest

from tests.firm import access_accounts, access_admin, access_insight, access_requests, access_who

ROLES = ("owner", "teammate", "partner", "admin", "outsider")
ACCESS_MODULES = (access_admin, access_who, access_requests, access_accounts, access_insight)


PASSWORD = "a long test password"


@functools.cache
def _password_hash() -> str:
    """Hashed once per test process: argon2 is slow on purpose, and the firm has five logins."""
    from django.contrib.auth.hashers import make_password

    return make_password(PASSWORD)


def make_user(username: str, *, role: str = "member", teams: tuple[str, ...] = ()):
    from django.contrib.auth import get_user_model

    from goodwill import clock
    from goodwill.models import Member, Team
    from goodwill.services.accounts import ensure_defaults

    user = get_user_model().objects.create_user(username=username)
    user.password = _password_hash()
    user.save(update_fields=["password"])
    ensure_defaults(user)
    member = Member.objects.create(user=user, role=role)
    for name in teams:
        team, _ = Team.objects.get_or_create(name=name, defaults={"created_at": clock.now()})
        member.teams.add(team)
    return user


@pytest.fixture
def firm(db, now):
    """The five colleagues, their networks, and the ids every access row may name."""
    from goodwill.services.interactions import LogRequest, log_interaction
    from goodwill.services.people import PersonFields, add_person

    users = {
        "owner": make_user("alice", teams=("Advisory",)),
        "teammate": make_user("bob", teams=("Advisory",)),
        "partner": make_user("pat", role="partner", teams=("Tax",)),
        "admin": make_user("ada", role="admin"),
        "outsider": make_user("charlie", teams=("Tax",)),
    }
    alice, bob, pat = users["owner"], users["teammate"], users["partner"]
    priya = add_person(
        alice, PersonFields(name="Priya Patel", organization="Acme Inc.", emails=["priya@acme.test"], circle="close")
    )
    for weeks in (3, 10, 30):
        log_interaction(
            alice,
            LogRequest(
                kind="meeting", people=[priya], summary="Lunch about Acme's audit", when=now - timedelta(weeks=weeks)
            ),
        )
    log_interaction(
        alice,
        LogRequest(
            kind="meeting",
            people=[priya],
            summary="She is leaving Acme in March",
            confidentiality="confidential",
            when=now - timedelta(weeks=1),
        ),
    )
    pats_priya = add_person(pat, PersonFields(name="Priya Patel", organization="ACME", emails=["Priya@Acme.test"]))
    log_interaction(
        pat, LogRequest(kind="call", people=[pats_priya], summary="Met at a conference", when=now - timedelta(weeks=60))
    )
    sam = add_person(bob, PersonFields(name="Sam Ortiz", organization="Globex", emails=["sam@globex.test"]))
    log_interaction(bob, LogRequest(kind="meeting", people=[sam], summary="Coffee", when=now - timedelta(weeks=2)))
    data = {
        "users": users,
        "priya": priya,
        "pats_priya": pats_priya,
        "sam": sam,
        "ids": {"priya": priya.pk, "pats_priya": pats_priya.pk, "sam": sam.pk}
        | {f"{role}_user": user.pk for role, user in users.items()},
    }
    for module in ACCESS_MODULES:
        data["ids"].update(module.setup(data))
    return data


def web_client(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def api_client(user):
    from django.test import Client

    from tests.api.conftest import ApiClient, token_for

    return ApiClient(Client(), token_for(user) if user is not None else None)
