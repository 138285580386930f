"""Issue 12 in the browser's terms: a pass-on draft comes with the recipient's address as a mailto: link, a copy
button and my signature (a setting on the Settings page); the People count ends in one period; buttons say in
their accessible name what they show; the Near map keeps its dots out of the Tab order."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from goodwill.services.preferences import preferences

TEXT = "Trail running shoes review"


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def runner_jane(network, alice):
    from goodwill.services.profiles import add_entry

    add_entry(alice, network["jane"], "interest", "trail running shoes", confidentiality="shareable")
    return network["jane"]


def test_pass_on_draft_has_mailto_copy_and_signature(runner_jane, as_alice, alice):
    alice.first_name, alice.last_name = "Alice", "Adams"
    alice.save()
    response = as_alice.post("/pass-on/share", {"text": TEXT, "person": str(runner_jane.pk)})
    assert response.status_code == 303
    body = text(as_alice.get(response["Location"]))
    hrefs = [html.unescape(h) for h in re.findall(r'href="(mailto:[^"]+)"', body)]
    assert hrefs, "no mailto: link on the drafts"
    link = urlsplit(hrefs[0])
    assert link.path == "jane@example.com"
    fields = parse_qs(link.query)
    assert fields["subject"] == [TEXT]
    assert fields["body"][0].startswith("Hi Jane,") and fields["body"][0].endswith("Best,\nAlice Adams")
    assert "Secretly interviewing" not in body and "Globex" not in fields["body"][0]  # a confidence stays put
    assert "To: <a" in body and "jane@example.com</a>" in body
    assert "Already got it: Jane Doe" in body and "No one else in your network stands out for this." in body
    # The copy button is hidden without JavaScript (goodwill.js shows it) and names the draft it copies.
    button = re.search(r'<button type="button" data-copy="(draft-text-\d+)" hidden>', body)
    assert button and f'id="{button.group(1)}"' in body
    assert "<script>" not in body and "onclick" not in body


def test_pass_on_draft_without_an_address_says_so(network, as_alice, alice):
    from goodwill.services.profiles import add_entry

    add_entry(alice, network["omar"], "interest", "trail running shoes")
    response = as_alice.post("/pass-on/share", {"text": TEXT, "person": str(network["omar"].pk)})
    body = text(as_alice.get(response["Location"]))
    assert "mailto:" not in body and "No email address on Omar Thompson" in body
    assert "Best,\nalice" in body


def test_signature_is_set_on_the_settings_page(as_alice, alice, anonymous):
    page = text(as_alice.get("/settings/"))
    assert 'name="signature"' in page and 'aria-describedby="signature-help"' in page
    as_alice.post("/settings/preferences", {"signature": "Alice Adams, Adams & Co"})
    assert preferences(alice)["signature"] == "Alice Adams, Adams & Co"
    assert 'value="Alice Adams, Adams &amp; Co"' in text(as_alice.get("/settings/"))
    response = as_alice.post("/settings/preferences", {"signature": "x" * 201}, follow=True)
    assert "keep it to 200" in text(response) and preferences(alice)["signature"] == "Alice Adams, Adams & Co"
    as_alice.post("/settings/preferences", {"signature": ""})
    assert preferences(alice)["signature"] == ""
    anonymous.post("/settings/preferences", {"signature": "Mallory"})
    assert preferences(alice)["signature"] == ""


def test_people_count_ends_with_one_period(network, as_alice, monkeypatch):
    monkeypatch.setattr("goodwill.web.views.people.LIST_LIMIT", 2)
    body = text(as_alice.get("/people/"))
    assert "Showing the first 2 of 3 people." in body and "people.." not in body
    near = text(as_alice.get("/people/?near=Austin,+TX&within=50mi"))
    assert "1 person within 50mi of Austin" in near and ".." not in re.sub(r"<[^>]+>", "", near).replace("...", "")


def test_idea_buttons_carry_their_visible_text_in_their_names(runner_jane, as_alice, alice, network):
    from goodwill.services.pass_on import keep_item
    from goodwill.services.profiles import add_entry

    keep_item(alice, TEXT)
    add_entry(alice, runner_jane, "need", "a running coach")
    add_entry(alice, network["omar"], "offer", "running coach for marathons")
    body = text(as_alice.get(f"/people/{runner_jane.pk}/"))
    for visible in ("Propose the introduction", "Pass it on"):
        match = re.search(r"<button([^>]*)>" + visible + r"(<span class=\"sr-only\">[^<]*</span>)?</button>", body)
        assert match, f"no {visible} button"
        assert "aria-label" not in match.group(1)  # the name is the visible text, then the hidden detail


def test_near_map_dots_are_out_of_the_tab_order(network, as_alice):
    body = text(as_alice.get("/near/"))
    svg = body[body.index("<svg") : body.index("</svg>")]
    assert 'aria-hidden="true"' in svg[:200] and 'role="img"' not in svg[:200]
    links = re.findall(r"<a [^>]*>", svg)
    assert links and all('tabindex="-1"' in a for a in links)
    assert "Where your 1 placed people are" in body


def test_introduction_draft_opens_as_email_and_can_be_copied(network, as_alice):
    response = as_alice.post(
        "/intros/propose", {"a": f"#{network['jane'].pk}", "b": f"#{network['omar'].pk}", "why": "both run trails"}
    )
    body = text(as_alice.get(response["Location"]))
    link = urlsplit(html.unescape(re.search(r'href="(mailto:[^"]+)"', body).group(1)))
    assert link.path == "jane@example.com"  # asked first
    assert parse_qs(link.query)["body"][0].startswith("Hi Jane,") and parse_qs(link.query)["body"][0].endswith(
        "Best,\nalice"
    )
    assert '<button type="button" data-copy="intro-draft-text" hidden>' in body and 'id="intro-draft-text"' in body
