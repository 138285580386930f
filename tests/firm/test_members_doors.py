"""Members and teams through each door: the Members and Teams pages, `goodwill firm members`,
`firm member`, `firm team ...`, and /api/v1/firm/members and /teams."""

from __future__ import annotations

import json

import pytest

from tests.firm.conftest import api_client, web_client


def _member(username: str):
    from goodwill.models import Member

    return Member.objects.get(user__username=username)


# --- web ---


def test_members_page_lists_and_changes(firm):
    ada = firm["users"]["admin"]
    client = web_client(ada)
    page = client.get("/firm/members/").content.decode()
    for name in ("alice", "bob", "pat", "ada", "charlie"):
        assert name in page
    assert 'aria-label="The firm"' in page and "Add a login" in page
    # Names, roles and teams only: nothing of anyone's network, nothing confidential.
    assert "Priya" not in page and "leaving Acme" not in page
    bob = firm["users"]["teammate"]
    response = client.post(f"/firm/members/{bob.pk}", {"role": "partner", "teams": ["Advisory", "Tax"]})
    assert response.status_code == 303
    member = _member("bob")
    assert member.role == "partner" and sorted(t.name for t in member.teams.all()) == ["Advisory", "Tax"]


def test_members_page_says_why_it_refuses(firm):
    ada = firm["users"]["admin"]
    client = web_client(ada)
    client.post(f"/firm/members/{ada.pk}", {"role": "member"})
    assert "last admin" in client.get("/firm/members/").content.decode()
    assert _member("ada").role == "admin"
    bob = firm["users"]["teammate"]
    client.post(f"/firm/members/{bob.pk}", {"role": "partner", "teams": ["Nowhere"]})
    assert "no team named &quot;Nowhere&quot;" in client.get("/firm/members/").content.decode()
    assert _member("bob").role == "member"  # all or nothing
    assert client.post("/firm/members/999999", {"role": "member"}).status_code == 404


def test_members_page_adds_a_login(firm):
    from goodwill.queries.firm_access import is_partner
    from goodwill.queries.firm_members import user_named

    client = web_client(firm["users"]["admin"])
    form = {"username": "dana", "password": "a long enough password 42", "role": "partner", "teams": ["Tax"]}
    assert client.post("/firm/members/", form).status_code == 303
    assert is_partner(user_named("dana"))
    client.post("/firm/members/", {"username": "eve", "password": "short", "role": "member"})
    assert "password refused" in client.get("/firm/members/").content.decode()


def test_teams_page(firm):
    from goodwill.models import Team

    client = web_client(firm["users"]["admin"])
    page = client.get("/firm/teams/").content.decode()
    assert "Advisory" in page and "Tax" in page
    assert client.post("/firm/teams/", {"name": "Litigation"}).status_code == 303
    lit = Team.objects.get(name="Litigation")
    client.post("/firm/teams/", {"name": "litigation"})
    assert "already a team" in client.get("/firm/teams/").content.decode()
    assert client.post(f"/firm/teams/{lit.pk}/remove").status_code == 303
    assert not Team.objects.filter(name="Litigation").exists()


def test_the_firm_nav_shows_members_to_admins_only(firm):
    from goodwill.web.views.firm_admin import members

    assert members  # the page exists
    admin_page = web_client(firm["users"]["admin"]).get("/firm/teams/").content.decode()
    assert "/firm/members/" in admin_page


# --- CLI (the local user "me" is the laptop firm's admin) ---


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_teams_and_members(cli, me):
    from django.contrib.auth import get_user_model

    from goodwill.services.accounts import ensure_defaults

    dana = get_user_model().objects.create_user(username="dana", password="a long test password")
    ensure_defaults(dana)
    assert "No teams yet" in ok(cli("firm", "team", "list"))
    ok(cli("firm", "team", "add", "Tax"))
    ok(cli("firm", "team", "add", "Advisory"))
    out = ok(cli("firm", "member", "dana", "--role", "partner", "--team", "tax", "--team", "Advisory"))
    assert "dana: partner; Advisory, Tax" in out
    rows = {m["username"]: m for m in json.loads(ok(cli("firm", "members", "--json")))}
    assert rows["dana"]["role"] == "partner" and rows["dana"]["teams"] == ["Advisory", "Tax"]
    assert rows["me"]["role"] == "admin"
    teams = {t["name"]: t["members"] for t in json.loads(ok(cli("firm", "team", "list", "--json")))}
    assert teams == {"Advisory": 1, "Tax": 1}
    ok(cli("firm", "team", "remove", "tax"))
    assert "dana: partner; Advisory" in ok(cli("firm", "members"))
    ok(cli("firm", "member", "dana", "--no-teams"))
    assert _member("dana").teams.count() == 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("firm", "member", "me", "--role", "member"), "last admin"),
        (("firm", "member", "me", "--role", "boss"), "member, partner, admin"),
        (("firm", "member", "me", "--team", "Nowhere"), 'no team named "Nowhere"'),
        (("firm", "member", "nobody", "--role", "member"), 'no login named "nobody"'),
        (("firm", "member", "me"), "nothing to change"),
        (("firm", "team", "remove", "Nowhere"), 'no team named "Nowhere"'),
        (("firm", "team", "add", " "), "is not a team name"),
    ],
)
def test_cli_mistakes_are_one_line(cli, me, args, words):
    result = cli(*args)
    assert result.exit_code == 2 and words in result.output and "Traceback" not in result.output


def test_cli_as_a_member_is_refused(cli, me):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user(username="dana", password="a long test password")
    result = cli("firm", "members", "--as", "dana")
    assert result.exit_code == 2 and "for admins" in result.output


# --- API ---


def test_api_members_and_teams(firm):
    admin = api_client(firm["users"]["admin"])
    rows = {m["username"]: m for m in admin.get("/firm/members").json()}
    assert rows["alice"] == {
        "user_id": firm["users"]["owner"].pk,
        "username": "alice",
        "role": "member",
        "teams": ["Advisory"],
        "departed": False,
        "share_momentum": False,
    }
    made = admin.post("/firm/members", {"username": "dana", "password": "a long enough password 42", "teams": ["Tax"]})
    assert made.status_code == 201 and made.json()["teams"] == ["Tax"] and made.json()["role"] == "member"
    bob = firm["users"]["teammate"]
    changed = admin.patch(f"/firm/members/{bob.pk}", {"role": "admin", "teams": []}).json()
    assert changed["role"] == "admin" and changed["teams"] == []
    team = admin.post("/firm/teams", {"name": "Litigation"})
    assert team.status_code == 201 and team.json()["members"] == 0
    names = [t["name"] for t in admin.get("/firm/teams").json()]
    assert names == ["Advisory", "Audit", "Litigation", "Tax"]
    assert admin.delete(f"/firm/teams/{team.json()['id']}").status_code == 204
    assert admin.delete(f"/firm/teams/{team.json()['id']}").status_code == 404


def test_api_member_mistakes(firm):
    admin = api_client(firm["users"]["admin"])
    ada = firm["users"]["admin"]
    last = admin.patch(f"/firm/members/{ada.pk}", {"role": "member"})
    assert last.status_code == 400 and "last admin" in last.json()["detail"]
    unknown = admin.patch(f"/firm/members/{ada.pk}", {"teams": ["Nowhere"]})
    assert unknown.status_code == 400 and 'no team named "Nowhere"' in unknown.json()["detail"]
    assert admin.patch("/firm/members/999999", {"role": "member"}).status_code == 404
    weak = admin.post("/firm/members", {"username": "eve", "password": "short"})
    assert weak.status_code == 400 and "password" in weak.json()["detail"]
