"""What colleagues see, through each door: Settings' section and the person page's control,
`goodwill firm sharing/share/share-momentum`, and /api/v1/firm/sharing."""

from __future__ import annotations

import json

import pytest
from django.test import Client, override_settings

from tests.firm.conftest import api_client, web_client


def _level(owner, person):
    from goodwill.queries.firm_access import share_levels

    return share_levels(owner, [person.pk])[person.pk]


# --- web ---


def test_settings_section_explains_and_saves(firm):
    from goodwill.models import Circle, Member

    alice = firm["users"]["owner"]
    client = web_client(alice)
    page = client.get("/settings/").content.decode()
    assert "What colleagues see" in page and "never shared" in page and 'name="circle-' in page
    section = page[page.index('id="sharing"') :].split("</section>")[0]
    assert "goodwill " not in section.lower()  # no command to type on a page
    close = Circle.objects.get(owner=alice, name="close")
    response = client.post(
        "/settings/sharing", {"default": "nothing", f"circle-{close.pk}": "summaries", "share_momentum": "1"}
    )
    assert response.status_code == 303 and response["Location"].endswith("/settings/#sharing")
    assert _level(alice, firm["priya"]) == "summaries"
    assert Member.objects.get(user=alice).share_momentum
    client.post("/settings/sharing", {"default": "nothing", f"circle-{close.pk}": "default"})  # box unticked
    assert _level(alice, firm["priya"]) == "nothing"
    assert not Member.objects.get(user=alice).share_momentum


def test_settings_refuses_a_bad_level_in_words(firm):
    alice = firm["users"]["owner"]
    client = web_client(alice)
    client.post("/settings/sharing", {"default": "everything"})
    page = client.get("/settings/").content.decode()
    assert "is not a sharing level" in page
    assert _level(alice, firm["priya"]) == "knows"


def test_person_page_control(firm):
    alice, priya = firm["users"]["owner"], firm["priya"]
    client = web_client(alice)
    page = client.get(f"/people/{priya.pk}/").content.decode()
    assert "Colleagues see:" in page and '<option value="circle" selected>as their circle (knows)</option>' in page
    response = client.post(f"/people/{priya.pk}/sharing", {"level": "last_met"})
    assert response.status_code == 303 and response["Location"] == f"/people/{priya.pk}/"
    assert _level(alice, priya) == "last_met"
    page = client.get(f"/people/{priya.pk}/").content.decode()
    assert "<strong>last_met</strong>" in page and '<option value="last_met" selected>last_met:' in page
    assert '<option value="circle">as their circle (last_met)</option>' in page
    # The control is drawn once per level and filled per person: another's posts to their own page.
    from goodwill.services.people import PersonFields, add_person

    ana = add_person(alice, PersonFields(name="Ana Ruiz"))
    client.post(f"/people/{ana.pk}/sharing", {"level": "last_met"})
    assert f'action="/people/{ana.pk}/sharing"' in client.get(f"/people/{ana.pk}/").content.decode()
    client.post(f"/people/{priya.pk}/sharing", {"level": "circle"})
    assert _level(alice, priya) == "knows"


def test_colleagues_cannot_set_alices_person(firm):
    from goodwill.models import SharingRule

    for role in ("teammate", "partner", "admin", "outsider"):
        response = web_client(firm["users"][role]).post(f"/people/{firm['priya'].pk}/sharing", {"level": "summaries"})
        assert response.status_code == 404
    assert not SharingRule.objects.exists()


@override_settings(GOODWILL_LOCAL_LOGIN=True)
def test_the_local_login_sees_no_sharing(me, now):
    from goodwill.services.people import PersonFields, add_person

    person = add_person(me, PersonFields(name="Lena Local"))
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_HOST="127.0.0.1:8000")
    assert "What colleagues see" not in client.get("/settings/").content.decode()
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert "Lena Local" in page and "Colleagues see:" not in page


# --- CLI ---


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_share_and_show(cli, me):
    from goodwill.services.people import PersonFields, add_person

    priya = add_person(me, PersonFields(name="Priya Patel", circle="close"))
    assert "last_met" in ok(cli("firm", "share", "last-met"))
    assert "summaries" in ok(cli("firm", "share", "summaries", "--circle", "Close"))
    assert "nothing" in ok(cli("firm", "share", "nothing", "--person", str(priya.pk)))
    ok(cli("firm", "share-momentum", "on"))
    shown = json.loads(ok(cli("firm", "sharing", "--json")))
    assert shown["default"] == "last_met" and shown["share_momentum"] is True
    assert {c["name"]: c["level"] for c in shown["circles"]}["close"] == "summaries"
    assert shown["people"] == [{"id": priya.pk, "name": "Priya Patel", "level": "nothing"}]
    assert _level(me, priya) == "nothing"
    ok(cli("firm", "share", "--person", "Priya", "--clear"))
    assert _level(me, priya) == "summaries"
    ok(cli("firm", "share", "--circle", "close", "--clear"))
    assert _level(me, priya) == "last_met"
    text = ok(cli("firm", "sharing"))
    assert "Default: last_met" in text and "never shared" in text


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("firm", "share", "everything"), "nothing, knows, last_met, summaries"),
        (("firm", "share", "knows", "--circle", "nowhere"), 'no circle named "nowhere"'),
        (("firm", "share", "--clear"), "--clear needs"),
        (("firm", "share"), "say which level"),
        (("firm", "share-momentum", "maybe"), "on or off"),
    ],
)
def test_cli_mistakes_are_one_line(cli, me, args, words):
    result = cli(*args)
    assert result.exit_code == 2 and words in result.output and "Traceback" not in result.output


# --- API ---


def test_api_sharing(firm):
    alice, priya = firm["users"]["owner"], firm["priya"]
    api = api_client(alice)
    got = api.get("/firm/sharing").json()
    assert got["default"] == "knows" and got["people"] == [] and got["share_momentum"] is False
    put = api.put(
        "/firm/sharing",
        {"default": "nothing", "circles": [{"name": "close", "level": "last_met"}], "share_momentum": True},
    )
    assert put.status_code == 200, put.content
    body = put.json()
    assert body["default"] == "nothing" and body["share_momentum"] is True
    assert {c["name"]: c["shown"] for c in body["circles"]}["close"] == "last_met"
    assert _level(alice, priya) == "last_met"
    one = api.put(f"/firm/sharing/people/{priya.pk}", {"level": "summaries"}).json()
    assert one == {"id": priya.pk, "name": "Priya Patel", "level": "summaries", "shown": "summaries", "circle": "close"}
    back = api.put(f"/firm/sharing/people/{priya.pk}", {"level": None}).json()
    assert back["level"] is None and back["shown"] == "last_met"
    api.put("/firm/sharing", {"circles": [{"name": "close", "level": None}]})
    assert _level(alice, priya) == "nothing"


def test_api_sharing_mistakes(firm):
    alice = firm["users"]["owner"]
    api = api_client(alice)
    bad = api.put("/firm/sharing", {"default": "knows", "circles": [{"name": "close", "level": "all"}]})
    assert bad.status_code == 400 and "is not a sharing level" in bad.json()["detail"]
    assert api.get("/firm/sharing").json()["default"] == "knows"  # all or nothing
    assert api.put("/firm/sharing", {"circles": [{"name": "nowhere", "level": "knows"}]}).status_code == 404
    assert api.put("/firm/sharing", {"level": "knows"}).status_code == 422
    other = api_client(firm["users"]["outsider"]).put(f"/firm/sharing/people/{firm['priya'].pk}", {"level": "knows"})
    assert other.status_code == 404


@override_settings(GOODWILL_LOCAL_LOGIN=True)
def test_the_local_logins_person_page_reads_nothing_of_the_firm(me, now):
    """A laptop's own user has no colleagues: the page asks that once, and reads no member,
    sharing rule or colleague's person for panels it would not show."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from goodwill.services.people import PersonFields, add_person

    person = add_person(me, PersonFields(name="Lena Local"))
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_HOST="127.0.0.1:8000")
    with CaptureQueriesContext(connection) as reads:
        page = client.get(f"/people/{person.pk}/").content.decode()
    assert "Lena Local" in page
    sql = " ".join(q["sql"] for q in reads.captured_queries)
    assert "goodwill_member" in sql  # the one look: anyone else in the firm?
    assert sum("goodwill_member" in q["sql"] for q in reads.captured_queries) == 1
    assert "goodwill_sharingrule" not in sql


def test_a_firm_members_person_page_still_shows_both_panels(firm):
    page = web_client(firm["users"]["owner"]).get(f"/people/{firm['priya'].pk}/").content.decode()
    assert "Colleagues see:" in page and "Also known in the firm by" in page
