"""Pass it on, the Introductions board and the Balance sheet in the browser's terms:
what the owner sees and what each form records (through the same services as the CLI)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from goodwill.models import Exchange, Introduction, Share
from goodwill.services.notes import add_note
from goodwill.services.people import PersonFields, add_person
from goodwill.services.profiles import add_entry

TEXT = "New SEC guidance on fintech custody"


@pytest.fixture
def fintech(alice, now, network):
    nina = add_person(alice, PersonFields(name="Nina Need", title="COO"))
    ivan = add_person(alice, PersonFields(name="Ivan Interest", title="Analyst"))
    cora = add_person(alice, PersonFields(name="Cora Confidential", title="Baker"))
    add_entry(alice, nina, "need", "a qualified custodian for client crypto assets", confidentiality="shareable")
    add_entry(alice, ivan, "interest", "fintech regulation")
    add_note(alice, cora, "Told me in confidence she is building a fintech custody startup", "confidential")
    add_note(alice, ivan, "Whispered that fintech custody is his secret side project", "confidential")
    return {"nina": nina, "ivan": ivan, "cora": cora}


def test_ranking_is_shown_with_reasons(fintech, as_alice):
    body = as_alice.get("/pass-on/", {"text": TEXT}).content.decode()
    assert "Nina Need" in body and "Ivan Interest" in body
    assert "a qualified custodian for client crypto assets" in body  # the reason, not just the name
    assert f'name="person" value="{fintech["nina"].pk}"' in body
    assert 'name="csrfmiddlewaretoken"' in body


def test_confidential_notes_never_reach_the_page(fintech, as_alice):
    body = as_alice.get("/pass-on/", {"text": TEXT}).content.decode()
    assert "Cora Confidential" not in body  # her only match is a confidence
    assert "in confidence" not in body and "Whispered" not in body and "secret side project" not in body
    assert "Secretly interviewing" not in body


def test_bad_input_is_one_line_and_records_nothing(fintech, as_alice):
    response = as_alice.get("/pass-on/", {"text": TEXT, "url": "not a link"})
    assert response.status_code == 400
    assert "is not a web address" in response.content.decode()
    response = as_alice.post("/pass-on/share", {"text": TEXT})  # nobody ticked
    assert response.status_code == 303
    assert "choose who to pass it on to" in as_alice.get(response["Location"]).content.decode()
    assert not Share.objects.exists()


def test_picking_people_records_shares_and_shows_drafts(fintech, as_alice, alice):
    nina, ivan = fintech["nina"], fintech["ivan"]
    response = as_alice.post(
        "/pass-on/share",
        {
            "text": TEXT,
            "url": "https://example.com/sec?utm_source=x",
            "tags": "fintech",
            "person": [str(nina.pk), str(ivan.pk)],
            "via": "email",
        },
    )
    assert response.status_code == 303
    shares = Share.objects.filter(owner=alice).select_related("person", "item")
    assert sorted(s.person.name for s in shares) == ["Ivan Interest", "Nina Need"]
    assert all(s.item.title == TEXT and s.reason for s in shares)  # the ranking's reasons are kept, as --pick does
    assert Exchange.objects.filter(person=nina, kind="information", direction="given").count() == 1
    page = as_alice.get(response["Location"]).content.decode()
    assert "Recorded: passed on to" in page and "Drafts to send" in page
    assert "Hi Nina," in page and "https://example.com/sec?utm_source=x" in page
    assert "in confidence" not in page
    again = as_alice.get(response["Location"]).content.decode()
    assert "Drafts to send" not in again  # shown once
    assert "Already got it: Ivan Interest, Nina Need" in again


def test_cannot_share_to_someone_elses_person(fintech, as_charlie, charlie):
    response = as_charlie.post("/pass-on/share", {"text": TEXT, "person": str(fintech["nina"].pk)})
    assert response.status_code == 404
    assert not Share.objects.exists()


def test_propose_answer_and_outcome_on_the_board(network, as_alice, alice):
    jane, omar = network["jane"], network["omar"]
    response = as_alice.post(
        "/intros/propose",
        {"a": f"Jane Doe (#{jane.pk})", "b": "Omar Thompson", "why": "both are training for the Austin marathon"},
    )
    assert response.status_code == 303
    intro = Introduction.objects.get(owner=alice)
    assert (intro.person_a, intro.person_b, intro.status) == (jane, omar, "asked_a")
    page = as_alice.get("/intros/").content.decode()
    assert f"Introduction #{intro.pk} proposed" in page
    assert "Hi Jane," in page  # the opt-in question to send A
    assert "waiting for Jane Doe&#x27;s answer" in page or "waiting for Jane Doe's answer" in page
    assert as_alice.post(f"/intros/{intro.pk}/answer", {"side": "a", "answer": "yes"}).status_code == 303
    assert as_alice.post(f"/intros/{intro.pk}/answer", {"side": "b", "answer": "yes"}).status_code == 303
    intro.refresh_from_db()
    assert intro.status == "introduced"
    assert "Subject: Introduction: Jane Doe &lt;&gt; Omar Thompson" in as_alice.get("/intros/").content.decode()
    as_alice.post(f"/intros/{intro.pk}/outcome", {"outcome": "business", "note": "signed"})
    intro.refresh_from_db()
    assert (intro.status, intro.outcome_note) == ("business", "signed")


def test_board_groups_like_intro_list(network, as_alice, alice):
    from goodwill.queries.intros import board

    jane, omar, priya = network["jane"], network["omar"], network["priya"]
    as_alice.post("/intros/propose", {"a": f"#{jane.pk}", "b": f"#{omar.pk}", "why": "trail runners"})
    as_alice.post("/intros/propose", {"a": f"#{priya.pk}", "b": f"#{omar.pk}", "why": "both in logistics"})
    first = Introduction.objects.get(why="trail runners")
    as_alice.post(f"/intros/{first.pk}/answer", {"side": "a", "answer": "no"})
    body = as_alice.get("/intros/").content.decode()
    headings = [h for h in re.findall(r'<h2 id="h-([a-z_]+)"', body) if h != "draft"]
    assert headings == list(board(alice).keys()) == ["asked_a", "declined"]


def test_proposal_mistakes_are_shown_with_the_form(network, as_alice):
    response = as_alice.post(
        "/intros/propose", {"a": f"#{network['jane'].pk}", "b": f"#{network['jane'].pk}", "why": "x"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "cannot introduce Jane Doe to themselves" in body and 'value="x"' in body
    response = as_alice.post(
        "/intros/propose", {"a": f"#{network['jane'].pk}", "b": f"#{network['omar'].pk}", "why": ""}
    )
    assert "say why they should meet" in response.content.decode()
    assert not Introduction.objects.exists()


def test_wrong_answer_is_one_line(network, as_alice, alice):
    as_alice.post("/intros/propose", {"a": f"#{network['jane'].pk}", "b": f"#{network['omar'].pk}", "why": "trails"})
    intro = Introduction.objects.get(owner=alice)
    response = as_alice.post(f"/intros/{intro.pk}/answer", {"side": "b", "answer": "yes"}, follow=True)
    assert "waiting for A&#x27;s answer first" in response.content.decode()
    assert Introduction.objects.get(pk=intro.pk).status == "asked_a"


def test_ledger_numbers_match_the_query(network, as_alice, alice, now):
    from goodwill.queries.ledger import balance_sheet
    from goodwill.services.ledger import add_exchange

    jane, omar = network["jane"], network["omar"]
    add_exchange(
        alice, jane, "business", "received", on=date(2026, 10, 2), description="Audit", amount="12000", currency="USD"
    )
    add_exchange(alice, jane, "advice", "given", on=date(2026, 5, 4), description="Pricing")
    add_exchange(alice, omar, "introduction", "given", on=date(2026, 11, 20), description="To Priya")
    sheet = balance_sheet(alice, date(2026, 11, 23))
    body = as_alice.get("/ledger/").content.decode()
    assert f'id="total-given">{sheet.total_given}<' in body and sheet.total_given == 3
    assert f'id="total-received">{sheet.total_received}<' in body and sheet.total_received == 3
    assert f'id="total-equity">{sheet.total_equity}<' in body
    for line in sheet.people:
        assert f'<tr data-person="{line.person_id}">' in body
        row = body.split(f'<tr data-person="{line.person_id}">')[1].split("</tr>")[0]
        assert re.findall(r'<td data-label="\w+">(-?\d+)</td>', row) == [
            str(line.given),
            str(line.received),
            str(line.equity),
        ]
    assert "People I owe" in body and body.split('id="h-owe"')[1].split("</section>")[0].count("Jane Doe") == 1
    sources = body.split('id="h-sources"')[1].split("</section>")[0]
    assert "Jane Doe" in sources and "12000" in sources
    trend = body.split('id="trend"')[1].split("</table>")[0]
    for q in sheet.by_quarter:
        assert (
            f'<tr><td>{q.quarter}</td><td data-label="given">{q.given}</td>'
            f'<td data-label="received">{q.received}</td></tr>'
        ) in trend
    svg = body.split("<svg")[1].split("</svg>")[0]
    assert svg.count('<g class="bar given">') == len(sheet.by_quarter) == 8
    assert "2026-Q4: 2 points given" in svg and "2026-Q4: 3 points received" in svg


def test_quarter_chart_scales_to_the_tallest_bar():
    from goodwill.queries.ledger import QuarterRow
    from goodwill.web.charts import quarter_chart

    chart = quarter_chart([QuarterRow("2026-Q3", 0, 2), QuarterRow("2026-Q4", 4, 1)])
    axis = {value: y for y, value in chart.levels}  # the axis labels, where they are drawn
    assert set(axis) == {0, 4}
    assert chart.given[0].height == 0 and chart.given[1].y == axis[4] and chart.given[1].height == axis[0] - axis[4]
    assert chart.received[0].height == pytest.approx(chart.given[1].height / 2, abs=0.1)
    assert [label for _, label in chart.ticks] == ["Q3 2026", "Q4 2026"]


def test_nav_links_to_the_serving_pages(network, as_alice):
    body = as_alice.get("/").content.decode()
    for href, label in (("/pass-on/", "Pass it on"), ("/intros/", "Intros"), ("/ledger/", "Ledger")):
        assert f'href="{href}"' in body and label in body
    assert 'aria-current="page" data-key="b">Ledger' in as_alice.get("/ledger/").content.decode()


# In place with htmx: each form names the section it swaps (HX-Target), and only that section comes back.


def hx(target: str) -> dict:
    return {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": target}


def only_section(body: str, section_id: str) -> None:
    assert "<html" not in body and "<nav" not in body  # not the whole page
    assert body.lstrip().startswith(f'<div id="{section_id}"')


def test_pass_on_ranking_in_place(fintech, as_alice):
    response = as_alice.get("/pass-on/", {"text": TEXT}, **hx("pass-on-result"))
    body = response.content.decode()
    assert response.status_code == 200
    only_section(body, "pass-on-result")
    assert "Nina Need" in body and 'hx-post="/pass-on/share"' in body and 'name="csrfmiddlewaretoken"' in body
    assert "Cora Confidential" not in body
    response = as_alice.get("/pass-on/", {"text": TEXT, "url": "not a link"}, **hx("pass-on-result"))
    assert response.status_code == 400 and "is not a web address" in response.content.decode()


def test_pass_on_share_in_place_shows_drafts_once(fintech, as_alice, alice):
    nina = fintech["nina"]
    response = as_alice.post(
        "/pass-on/share", {"text": TEXT, "person": str(nina.pk), "via": "email"}, **hx("pass-on-result")
    )
    body = response.content.decode()
    assert response.status_code == 200
    only_section(body, "pass-on-result")
    assert "Recorded: passed on to Nina Need" in body and "Hi Nina," in body and "Already got it: Nina Need" in body
    assert 'id="h-sent" tabindex="-1" data-focus' in body  # the keyboard lands on the drafts
    assert Share.objects.filter(owner=alice, person=nina).count() == 1
    assert "Drafts to send" not in as_alice.get("/pass-on/", {"text": TEXT}).content.decode()  # not kept for later


def test_pass_on_share_mistake_in_place_records_nothing(fintech, as_alice):
    response = as_alice.post("/pass-on/share", {"text": TEXT}, **hx("pass-on-result"))
    assert response.status_code == 400 and "choose who to pass it on to" in response.content.decode()
    assert not Share.objects.exists()


def test_intro_board_in_place(network, as_alice, alice):
    jane, omar = network["jane"], network["omar"]
    response = as_alice.post(
        "/intros/propose", {"a": f"#{jane.pk}", "b": f"#{omar.pk}", "why": "trail runners"}, **hx("board")
    )
    body = response.content.decode()
    assert response.status_code == 200
    only_section(body, "board")
    intro = Introduction.objects.get(owner=alice)
    assert (
        f"Introduction #{intro.pk} proposed" in body
        and "Hi Jane," in body
        and 'id="h-draft" tabindex="-1" data-focus' in body
    )
    body = as_alice.post(f"/intros/{intro.pk}/answer", {"side": "a", "answer": "yes"}, **hx("board")).content.decode()
    only_section(body, "board")
    assert Introduction.objects.get(pk=intro.pk).status == "asked_b"
    assert body.index('id="h-asked_b"') < body.index(f'id="intro-{intro.pk}"')  # the row moved to its new status
    assert "Hi Omar," in body  # the question to B, to send next
    as_alice.post(f"/intros/{intro.pk}/answer", {"side": "b", "answer": "yes"}, **hx("board"))
    body = as_alice.post(
        f"/intros/{intro.pk}/outcome", {"outcome": "met", "note": "coffee"}, **hx("board")
    ).content.decode()
    assert Introduction.objects.get(pk=intro.pk).status == "met"
    assert f'id="intro-{intro.pk}" tabindex="-1" data-focus' in body and "coffee" in body
    assert body.count("<form") == body.count('name="csrfmiddlewaretoken"')


def test_intro_mistakes_in_place(network, as_alice, alice):
    jane, omar = network["jane"], network["omar"]
    response = as_alice.post("/intros/propose", {"a": f"#{jane.pk}", "b": f"#{jane.pk}", "why": "x"}, **hx("board"))
    assert response.status_code == 400 and "cannot introduce Jane Doe to themselves" in response.content.decode()
    assert 'value="x"' in response.content.decode()  # the form as typed
    as_alice.post("/intros/propose", {"a": f"#{jane.pk}", "b": f"#{omar.pk}", "why": "trails"})
    intro = Introduction.objects.get(owner=alice)
    body = as_alice.post(f"/intros/{intro.pk}/answer", {"side": "b", "answer": "yes"}, **hx("board")).content.decode()
    only_section(body, "board")
    assert "waiting for A&#x27;s answer first" in body and Introduction.objects.get(pk=intro.pk).status == "asked_a"


# The balance sheet's actions: record a line by hand, and settle a pending referral or lead.


def test_ledger_record_a_line_without_javascript(network, as_alice, alice):
    jane = network["jane"]
    response = as_alice.post(
        "/ledger/add",
        {
            "person": f"Jane Doe (#{jane.pk})",
            "kind": "referral",
            "direction": "given",
            "description": "Acme audit",
            "amount": "12,000",
            "currency": "usd",
            "on": "2026-11-02",
        },
    )
    assert response.status_code == 303 and response["Location"] == "/ledger/"
    row = Exchange.objects.get(owner=alice, person=jane)
    assert (row.kind, row.direction, row.status, row.amount, row.currency, str(row.occurred_on)) == (
        "referral",
        "given",
        "pending",
        12000,
        "USD",
        "2026-11-02",
    )
    body = as_alice.get("/ledger/").content.decode()
    assert "Recorded: referral given, Jane Doe." in body and 'id="total-given">3<' in body
    pending = body.split('id="h-pending"')[1].split("</section>")[0]
    assert "Acme audit" in pending and f'action="/ledger/{row.pk}/status"' in pending


def test_ledger_actions_in_place(network, as_alice, alice):
    omar = network["omar"]
    response = as_alice.post(
        "/ledger/add",
        {"person": f"#{omar.pk}", "kind": "lead", "direction": "received", "description": "Warehouse deal"},
        **hx("sheet"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    only_section(body, "sheet")
    assert "Recorded: lead received, Omar Thompson." in body and 'id="total-received">2<' in body
    assert "2026-Q4: 2 points received" in body  # the chart moved with the totals
    lead = Exchange.objects.get(owner=alice, person=omar)
    body = as_alice.post(f"/ledger/{lead.pk}/status", {"status": "lost"}, **hx("sheet")).content.decode()
    only_section(body, "sheet")
    assert Exchange.objects.get(pk=lead.pk).status == "lost"
    assert (
        "Lead for Omar Thompson: lost." in body and 'id="total-received">0<' in body
    )  # a lost lead counts for nothing
    assert "None waiting" in body
    assert body.count("<form") == body.count('name="csrfmiddlewaretoken"')


def test_ledger_mistakes_keep_the_form_and_write_nothing(network, as_alice):
    jane = network["jane"]
    for data, error in (
        ({"kind": "advice", "direction": "given", "amount": "500", "currency": "USD"}, "a advice carries no amount"),
        ({"kind": "referral", "direction": "given", "amount": "lots", "currency": "USD"}, "is not an amount"),
        ({"kind": "advice", "direction": "sideways"}, "is not a direction"),
        ({"kind": "advice", "direction": "given", "on": "2027-01-01"}, "is in the future"),
    ):
        for extra in ({}, hx("sheet")):
            response = as_alice.post(
                "/ledger/add", {"person": f"#{jane.pk}", "description": "Pricing tips", **data}, **extra
            )
            body = response.content.decode()
            assert response.status_code == 400 and error in body, (data, body[:300])
            assert 'value="Pricing tips"' in body and "<details open" in body
    response = as_alice.post("/ledger/add", {"person": "Nobody Known", "kind": "advice", "direction": "given"})
    assert response.status_code == 400 and "Nobody Known" in response.content.decode()
    assert not Exchange.objects.exists()
    row = __import__("goodwill.services.ledger", fromlist=["add_exchange"]).add_exchange(
        jane.owner, jane, "advice", "given"
    )
    response = as_alice.post(f"/ledger/{row.pk}/status", {"status": "won"}, **hx("sheet"))
    assert "only referrals and leads have a status" in response.content.decode()
    assert Exchange.objects.get(pk=row.pk).status == ""


def test_ledger_actions_are_the_owners_only(network, as_alice, as_charlie, as_user, bob, anonymous, alice):
    from goodwill.services.ledger import add_exchange

    jane = network["jane"]
    lead = add_exchange(alice, jane, "lead", "given")
    for client in (as_charlie, as_user(bob)):
        assert client.post(f"/ledger/{lead.pk}/status", {"status": "won"}).status_code == 404
        assert client.post(f"/ledger/{lead.pk}/status", {"status": "won"}, **hx("sheet")).status_code == 404
        response = client.post("/ledger/add", {"person": f"#{jane.pk}", "kind": "advice", "direction": "given"})
        assert response.status_code == 400  # "no person #id" in their own network: nothing of alice's
        assert "Jane Doe" not in response.content.decode()
    for url, data in (
        (f"/ledger/{lead.pk}/status", {"status": "won"}),
        ("/ledger/add", {"person": f"#{jane.pk}", "kind": "advice", "direction": "given"}),
    ):
        response = anonymous.post(url, data)
        assert response.status_code == 302 and response["Location"].startswith("/login/")
        assert anonymous.post(url, data, HTTP_HX_REQUEST="true")["HX-Redirect"].startswith("/login/")
    assert Exchange.objects.get(pk=lead.pk).status == "pending" and Exchange.objects.count() == 1
    assert as_alice.get(f"/ledger/{lead.pk}/status").status_code == 405


def test_serving_forms_refuse_a_post_without_the_csrf_token(network, alice):
    from django.test import Client

    from goodwill.services.ledger import add_exchange

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    lead = add_exchange(alice, network["jane"], "lead", "given")
    for url, data in (
        ("/ledger/add", {"person": f"#{network['omar'].pk}", "kind": "advice", "direction": "given"}),
        (f"/ledger/{lead.pk}/status", {"status": "won"}),
        ("/pass-on/share", {"text": TEXT, "person": str(network["omar"].pk)}),
        ("/intros/propose", {"a": f"#{network['jane'].pk}", "b": f"#{network['omar'].pk}", "why": "x"}),
    ):
        assert client.post(url, data, **hx("sheet")).status_code == 403, url
    assert Exchange.objects.count() == 1 and not Share.objects.exists() and not Introduction.objects.exists()


def test_serving_pages_have_keyboard_shortcuts(network, as_alice):
    body = as_alice.get("/ledger/").content.decode()
    for key, label in (("o", "Pass it on"), ("i", "Intros"), ("b", "Ledger")):
        assert f'data-key="{key}">{label}</a>' in body
    assert "<kbd>o</kbd> <kbd>i</kbd> <kbd>b</kbd></dt><dd>Pass it on, Introductions, Balance sheet" in body


def test_an_introductions_follow_up_moves_to_a_later_day_as_intro_later_does(network, as_alice, alice, as_charlie):
    jane, omar = network["jane"], network["omar"]
    as_alice.post("/intros/propose", {"a": f"#{jane.pk}", "b": f"#{omar.pk}", "why": "both run marathons"})
    intro = Introduction.objects.get(owner=alice)
    board = as_alice.get("/intros/").content.decode()
    assert f'action="/intros/{intro.pk}/later"' in board
    moved = as_alice.post(f"/intros/{intro.pk}/later", {"on": "2026-12-14"}, follow=True)
    assert any("follow up on Mon 14 Dec" in str(m) for m in moved.context["messages"])
    intro.refresh_from_db()
    assert intro.follow_up_on == date(2026, 12, 14)
    for typed in ("", "2020-01-01"):  # no day, and one not in the future: one line each, nothing moved
        refused = as_alice.post(f"/intros/{intro.pk}/later", {"on": typed}, follow=True)
        assert [m.tags for m in refused.context["messages"]][-1].endswith("error")
    intro.refresh_from_db()
    assert intro.follow_up_on == date(2026, 12, 14)
    assert as_charlie.post(f"/intros/{intro.pk}/later", {"on": "2026-12-20"}).status_code == 404
