"""Who knows whom through every front door: the web page, the CLI and the API, each showing
only what each colleague shares, never a confidential encounter."""

from __future__ import annotations

import json

from goodwill.models import ShareLevel, SharingRule
from tests.firm.conftest import api_client, web_client

SECRET = "She is leaving Acme in March"


def _summaries_for_alice(firm):
    SharingRule.objects.create(owner=firm["users"]["owner"], person=firm["priya"], level=ShareLevel.SUMMARIES)


# --- web


def test_the_page_explains_itself_when_empty(firm):
    page = web_client(firm["users"]["outsider"]).get("/firm/").content.decode()
    assert "Who knows whom" in page and "chooses what the firm sees" in page
    assert "goodwill " not in page.lower().replace("goodwill's", "")


def test_the_page_shows_ties_with_an_ask_link(firm):
    _summaries_for_alice(firm)
    page = web_client(firm["users"]["partner"]).get("/firm/", {"q": "Priya Patel"}).content.decode()
    assert "Lunch about Acme&#x27;s audit" in page
    assert "Nobody in the firm shares knowing anyone there" not in page  # not an organization too
    assert SECRET not in page
    ask = f"/firm/requests/new?colleague={firm['users']['owner'].pk}&amp;target={firm['priya'].pk}"
    assert ask in page and "Ask alice to introduce you" in page
    # pat's own tie is marked as theirs, with no link to ask themself
    assert f"colleague={firm['users']['partner'].pk}&amp;" not in page


def test_the_page_searches_an_organization_with_best_paths(firm):
    page = web_client(firm["users"]["outsider"]).get("/firm/", {"q": "ACME"}).content.decode()
    assert "Best paths in" in page and "People named" not in page
    assert page.index("alice knows Priya Patel") < page.index("pat knows Priya Patel")


def test_the_page_says_nobody_for_both_when_nothing_is_found(firm):
    page = web_client(firm["users"]["owner"]).get("/firm/", {"q": "Nobody Known"}).content.decode()
    assert "Nobody in the firm shares knowing anyone by that name" in page
    assert "Nobody in the firm shares knowing anyone there" in page


def test_the_page_says_what_was_wrong(firm):
    response = web_client(firm["users"]["owner"]).get("/firm/", {"q": "x" * 300})
    assert response.status_code == 400 and "too long" in response.content.decode()


def test_the_person_page_shows_colleagues_who_know_them_too(firm):
    page = web_client(firm["users"]["owner"]).get(f"/people/{firm['priya'].pk}/").content.decode()
    assert "Also known in the firm by" in page and "pat" in page
    # pat sees alice's tie on his Priya without the confidential meeting
    _summaries_for_alice(firm)
    page = web_client(firm["users"]["partner"]).get(f"/people/{firm['pats_priya'].pk}/").content.decode()
    assert "Also known in the firm by" in page and "3 meetings" in page and SECRET not in page


def test_the_person_page_shows_no_panel_without_colleagues_who_know_them(firm):
    page = web_client(firm["users"]["teammate"]).get(f"/people/{firm['sam'].pk}/").content.decode()
    assert "Also known in the firm by" not in page


# --- API


def test_api_who(firm):
    _summaries_for_alice(firm)
    response = api_client(firm["users"]["partner"]).get("/firm/who?q=priya@acme.test")
    assert response.status_code == 200, response.content
    (priya,) = response.json()
    assert [t["colleague"] for t in priya["ties"]] == ["alice", "pat"]
    alices = priya["ties"][0]
    assert alices["level"] == "summaries" and len(alices["summaries"]) == 3
    assert alices["parts"][0]["count"] == 3
    assert SECRET not in response.content.decode()


def test_api_who_org_and_ties(firm):
    client = api_client(firm["users"]["owner"])
    answer = client.get("/firm/who/org?name=acme").json()
    assert [p["colleague"] for p in answer["paths"]] == ["pat"]
    assert answer["paths"][0]["person_id"] == firm["pats_priya"].pk
    ties = client.get(f"/firm/people/{firm['priya'].pk}/ties").json()
    assert [t["colleague"] for t in ties] == ["pat"]
    assert api_client(firm["users"]["partner"]).get(f"/firm/people/{firm['priya'].pk}/ties").status_code == 404


def test_api_bad_input_is_one_line(firm):
    response = api_client(firm["users"]["owner"]).get("/firm/who?q=")
    assert response.status_code == 400 and "q" in response.json()["detail"]


# --- CLI


def test_cli_who(firm, cli):
    _summaries_for_alice(firm)
    result = cli("firm", "who", "Priya Patel", "--as", "pat")
    assert result.exit_code == 0, result.output
    assert "alice" in result.output and "Lunch about Acme's audit" in result.output
    assert SECRET not in result.output
    data = json.loads(cli("firm", "who", "priya@acme.test", "--as", "pat", "--json").output)
    assert [t["colleague"] for t in data[0]["ties"]] == ["alice", "pat"]
    assert SECRET not in json.dumps(data)


def test_cli_who_org_lists_best_paths_first(firm, cli):
    result = cli("firm", "who", "--org", "ACME", "--as", "charlie")
    assert result.exit_code == 0, result.output
    assert result.output.index("Best paths in") < result.output.index("1. Ask alice: knows Priya Patel")
    assert result.output.index("1. Ask alice") < result.output.index("2. Ask pat")
    data = json.loads(cli("firm", "who", "--org", "acme", "--as", "charlie", "--json").output)
    assert [p["colleague"] for p in data["paths"]] == ["alice", "pat"]


def test_cli_bad_input(firm, cli):
    result = cli("firm", "who", "--as", "alice")
    assert result.exit_code == 2 and "--org" in result.output
    result = cli("firm", "who", "Priya Patel", "--org", "Acme", "--as", "alice")
    assert result.exit_code == 2
    result = cli("firm", "who", "Priya Patel", "--as", "nobody")
    assert result.exit_code == 2 and "no login named" in result.output


# --- a large organization: each colleague's strongest, the rest one link or option away


def _more_at_acme(firm, monkeypatch):
    from goodwill.queries import firm_who
    from goodwill.services.people import PersonFields, add_person

    monkeypatch.setattr(firm_who, "TIES_SHOWN", 1)
    for name in ("Ravi Shah", "Sara Lind"):
        add_person(firm["users"]["owner"], PersonFields(name=name, organization="Acme Inc."))


def test_the_page_links_to_a_colleagues_other_people_there(firm, monkeypatch):
    _more_at_acme(firm, monkeypatch)
    client = web_client(firm["users"]["outsider"])
    page = client.get("/firm/?org=Acme").content.decode()
    assert "and 2 more" in page and "colleague=alice" in page and "Ravi Shah" not in page
    page = client.get("/firm/?org=Acme&colleague=alice").content.decode()
    assert "At Acme Inc.: alice's people" in page and "Ravi Shah" in page and "Sara Lind" in page
    assert "and 2 more" not in page and SECRET not in page
    response = client.get("/firm/?org=Acme&colleague=nobody")
    assert response.status_code == 400 and "no colleague with the login" in response.content.decode()


def test_api_who_org_for_one_colleague(firm, monkeypatch):
    _more_at_acme(firm, monkeypatch)
    client = api_client(firm["users"]["outsider"])
    answer = client.get("/firm/who/org?name=acme").json()
    alice = next(g for g in answer["colleagues"] if g["colleague"] == "alice")
    assert alice["more"] == 2 and len(alice["ties"]) == 1 and answer["colleague"] == ""
    answer = client.get("/firm/who/org?name=acme&colleague=alice").json()
    assert [len(g["ties"]) for g in answer["colleagues"]] == [3] and answer["colleague"] == "alice"
    assert client.get("/firm/who/org?name=acme&colleague=nobody").status_code == 404


def test_cli_who_org_for_one_colleague(firm, cli, monkeypatch):
    _more_at_acme(firm, monkeypatch)
    result = cli("firm", "who", "--org", "acme", "--as", "charlie")
    assert "… and 2 more: add --colleague alice" in result.output and "Ravi Shah" not in result.output
    result = cli("firm", "who", "--org", "acme", "--colleague", "alice", "--as", "charlie")
    assert result.exit_code == 0 and "Ravi Shah" in result.output and "Sara Lind" in result.output
    result = cli("firm", "who", "Priya Patel", "--colleague", "alice", "--as", "charlie")
    assert result.exit_code == 2 and "--colleague goes with --org" in result.output
    result = cli("firm", "who", "--org", "acme", "--colleague", "nobody", "--as", "charlie")
    assert result.exit_code == 2 and "no colleague with the login" in result.output
