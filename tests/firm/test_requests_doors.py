"""Warm introductions through colleagues at each front door: the CLI (`goodwill firm ask`,
`requests`, `request ...`), the web pages and the API, thin over the same services."""

from __future__ import annotations

import json

from goodwill.models import Introduction, IntroRequest
from tests.firm.conftest import api_client, web_client


def test_cli_ask_answer_and_list(firm, cli):
    pat_priya = firm["pats_priya"].pk
    result = cli("firm", "ask", "pat", str(pat_priya), "--reason", "Acme's audit", "--as", "bob")
    assert result.exit_code == 0, result.output
    made = IntroRequest.objects.get(target=firm["pats_priya"])
    assert f"Request #{made.pk}: asked pat to introduce you to Priya Patel" in result.output

    result = cli("firm", "requests", "--as", "pat")
    assert "bob asks to meet Priya Patel (ACME): Acme's audit [asked]" in result.output

    result = cli("firm", "request", "more", str(made.pk), "Why now?", "--as", "pat")
    assert result.exit_code == 0 and "question: Why now?" in result.output
    assert cli("firm", "request", "reply", str(made.pk), "The tender", "--as", "bob").exit_code == 0
    result = cli("firm", "request", "accept", str(made.pk), "--as", "pat")
    assert result.exit_code == 0, result.output
    intro = Introduction.objects.get(owner=firm["users"]["partner"])
    assert f"introduction #{intro.pk}" in result.output

    data = json.loads(cli("firm", "requests", "--json", "--as", "bob").output)
    mine = [r for r in data["outbox"] if r["id"] == made.pk][0]
    assert mine["status"] == "accepted" and mine["introduction_id"] is None
    shown = json.loads(cli("firm", "request", "show", str(made.pk), "--json", "--as", "pat").output)
    assert shown["introduction_id"] == intro.pk


def test_cli_mistakes_are_one_line_and_exit_2(firm, cli):
    request_id = firm["ids"]["request"]
    result = cli("firm", "ask", "alice", str(firm["priya"].pk), "--reason", "x", "--as", "alice")
    assert result.exit_code == 2 and "cannot ask yourself" in result.output
    result = cli("firm", "ask", "alice", str(firm["priya"].pk), "--as", "pat")
    assert result.exit_code == 2 and "the reason is missing" in result.output
    result = cli("firm", "ask", "nobody", "1", "--reason", "x", "--as", "pat")
    assert result.exit_code == 2 and "no colleague 'nobody'" in result.output
    result = cli("firm", "request", "accept", str(request_id), "--as", "charlie")
    assert result.exit_code == 2 and "Traceback" not in result.output
    result = cli("firm", "request", "decline", str(request_id), "--note", "Not now", "--as", "alice")
    assert result.exit_code == 0 and "note: Not now" in result.output
    result = cli("firm", "request", "withdraw", "abc", "--as", "bob")
    assert result.exit_code == 2 and "not a request id" in result.output


def test_web_ask_page_and_post(firm):
    bob = firm["users"]["teammate"]
    client = web_client(bob)
    pat = firm["users"]["partner"]
    page = client.get(f"/firm/requests/new?colleague={pat.pk}&target={firm['pats_priya'].pk}")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Ask pat to introduce you to Priya Patel (ACME)" in text
    assert "goodwill " not in text.replace("Goodwill", "")
    response = client.post(
        "/firm/requests/new", {"colleague": pat.pk, "target": firm["pats_priya"].pk, "reason": "Acme audit"}
    )
    assert response.status_code == 303 and response["Location"] == "/firm/requests/"
    listed = client.get("/firm/requests/").content.decode()
    assert "Asked pat to introduce you to Priya Patel" in listed
    assert "pat, to meet Priya Patel (ACME)" in listed
    # No reason: the form again, with the one-line error.
    again = client.post("/firm/requests/new", {"colleague": pat.pk, "target": firm["pats_priya"].pk, "reason": ""})
    assert again.status_code == 400 and "the reason is missing" in again.content.decode()


def test_web_ask_page_without_a_person_points_to_who_knows_whom(firm):
    page = web_client(firm["users"]["teammate"]).get("/firm/requests/new")
    assert page.status_code == 200 and 'href="/firm/"' in page.content.decode()


def test_web_an_unshared_target_is_a_plain_404(firm):
    from goodwill.models import ShareLevel, SharingRule

    alice, pat = firm["users"]["owner"], firm["users"]["partner"]
    SharingRule.objects.create(owner=alice, person=firm["priya"], level=ShareLevel.NOTHING)
    page = web_client(pat).get(f"/firm/requests/new?colleague={alice.pk}&target={firm['priya'].pk}")
    assert page.status_code == 404


def test_web_answer_accept_links_to_the_introduction(firm):
    alice = firm["users"]["owner"]
    client = web_client(alice)
    inbox = client.get("/firm/requests/").content.decode()
    assert "bob asks to meet Priya Patel" in inbox and "Accept" in inbox
    assert "Lunch about" not in inbox and "leaving Acme" not in inbox
    response = client.post(f"/firm/requests/{firm['ids']['request']}/answer", {"action": "accept"}, follow=True)
    text = response.content.decode()
    intro = Introduction.objects.get(owner=alice)
    assert f"introduction #{intro.pk} is on your Introductions board" in text
    assert f'href="/intros/#intro-{intro.pk}"' in text


def test_web_more_reply_withdraw(firm):
    alice, bob = firm["users"]["owner"], firm["users"]["teammate"]
    request_id = firm["ids"]["request"]
    web_client(alice).post(f"/firm/requests/{request_id}/answer", {"action": "more", "text": "Why her?"})
    outbox = web_client(bob).get("/firm/requests/").content.decode()
    assert "alice asks: Why her?" in outbox and "Reply" in outbox
    bad = web_client(bob).post(f"/firm/requests/{request_id}/reply", {"text": ""}, follow=True)
    assert "the reply is missing" in bad.content.decode()
    web_client(bob).post(f"/firm/requests/{request_id}/reply", {"text": "She asked"})
    assert IntroRequest.objects.get(pk=request_id).status == "asked"
    web_client(bob).post(f"/firm/requests/{request_id}/withdraw")
    assert IntroRequest.objects.get(pk=request_id).status == "withdrawn"


def test_api_flow_and_privacy(firm):
    alice, bob, pat = firm["users"]["owner"], firm["users"]["teammate"], firm["users"]["partner"]
    as_alice, as_bob, as_pat = api_client(alice), api_client(bob), api_client(pat)
    response = as_bob.post(
        "/firm/requests", {"colleague_id": pat.pk, "target_id": firm["pats_priya"].pk, "reason": "Acme"}
    )
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["target"] == "Priya Patel" and made["direction"] == "out" and made["status"] == "asked"
    again = as_bob.post(
        "/firm/requests", {"colleague_id": pat.pk, "target_id": firm["pats_priya"].pk, "reason": "Acme"}
    )
    assert again.status_code == 400 and f"request #{made['id']}" in again.json()["detail"]
    listed = as_pat.get("/firm/requests").json()
    assert listed["waiting"] == 1 and listed["inbox"][0]["id"] == made["id"]
    more = as_pat.post(f"/firm/requests/{made['id']}/answer", {"action": "more"})
    assert more.status_code == 400 and "question is missing" in more.json()["detail"]
    accepted = as_pat.post(f"/firm/requests/{made['id']}/answer", {"action": "accept"}).json()
    assert accepted["status"] == "accepted" and accepted["introduction_id"]
    assert as_bob.get(f"/firm/requests/{made['id']}").json()["introduction_id"] is None
    assert as_alice.get(f"/firm/requests/{made['id']}").status_code == 404
    unshared = as_bob.post("/firm/requests", {"colleague_id": alice.pk, "target_id": 99999999, "reason": "x"})
    assert unshared.status_code == 404 and "alice's shared contacts" in unshared.json()["detail"]
