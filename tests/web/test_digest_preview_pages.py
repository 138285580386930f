"""The daily digest previewed in the browser (/settings/digest/preview): the message as it would be
sent now, sent nowhere, with or without a mail server; its HTML part framed under a policy of its
own (inline styles only, sandboxed); user text escaped; nothing told in confidence; only one's own."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest

from tests.mailserver import mailserver  # noqa: F401 (fixture)
from tests.web.test_security import INLINE

PAGE, MESSAGE = "/settings/digest/preview", "/settings/digest/preview/message"
XSS = "<img src=x onerror=alert(1)>"


def text(answer) -> str:
    return html.unescape(answer.content.decode())


def policy(answer) -> dict[str, str]:
    directives = [d.strip() for d in answer["Content-Security-Policy"].split(";") if d.strip()]
    return {d.split()[0]: " ".join(d.split()[1:]) for d in directives}


@pytest.fixture
def confidence(network, alice, now):
    """A reply owed from an encounter told in confidence, and one from someone with markup for a name."""
    from goodwill.services.interactions import LogRequest, log_interaction
    from goodwill.services.people import PersonFields, add_person

    log_interaction(
        alice,
        LogRequest(
            kind="email",
            people=[network["omar"]],
            summary="Leaving Acme, told me in confidence",
            direction="inbound",
            awaiting_reply=True,
            confidentiality="confidential",
            when=now - timedelta(days=2),
            next_steps=[],
        ),
    )
    sly = add_person(alice, PersonFields(name=f"Sly {XSS}"))
    log_interaction(
        alice,
        LogRequest(
            kind="email",
            people=[sly],
            summary=f"Wants {XSS}",
            direction="inbound",
            awaiting_reply=True,
            when=now - timedelta(days=1),
            next_steps=[],
        ),
    )
    return network


def test_settings_links_the_preview_beside_the_test(as_alice, alice):
    page = as_alice.get("/settings/").content.decode()
    digest = page.split('id="h-digest"', 1)[1].split("</section>", 1)[0]
    assert "Send a test now" in digest and f'<a href="{PAGE}">Preview the digest</a>' in digest


def test_the_preview_shows_the_digest_as_it_would_be_sent_without_a_mail_server(confidence, as_alice):
    answer = as_alice.get(PAGE)
    assert answer.status_code == 200
    page = text(answer)
    assert "A preview: nothing is sent. The daily digest is off" in page
    assert "Subject</dt><dd>Goodwill: " in page and "(Monday 23 November)" in page
    assert "REPLIES OWED" in page and "Asked for the deck" in page  # the text part, as `remind preview` prints
    assert f'<iframe class="digest-frame" src="{MESSAGE}" sandbox="allow-popups allow-popups-to-escape-sandbox"' in page
    assert "no-store" in answer["Cache-Control"]  # its links act without a login


def test_a_preview_sends_nothing_even_with_a_mail_server(confidence, as_alice, alice, mailserver, monkeypatch):
    mailserver.env(monkeypatch)
    as_alice.post("/settings/digest", {"on": "1", "to": "alice@example.com"})
    assert as_alice.get(PAGE).status_code == 200 and as_alice.get(MESSAGE).status_code == 200
    assert mailserver.received == []
    assert "To</dt><dd>alice@example.com" in text(as_alice.get(PAGE))


def test_the_html_part_is_framed_under_its_own_policy(confidence, as_alice):
    answer = as_alice.get(MESSAGE)
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/html")
    rules = policy(answer)
    assert rules["default-src"] == "'none'" and "script-src" not in rules  # no script at all
    assert rules["style-src"] == "'unsafe-inline'" and rules["form-action"] == "'none'"
    assert rules["frame-ancestors"] == "'self'" and rules["sandbox"] == "allow-popups allow-popups-to-escape-sandbox"
    assert answer["X-Frame-Options"] == "SAMEORIGIN" and answer["Referrer-Policy"] == "no-referrer"
    body = answer.content.decode()
    assert '<base target="_blank">' in body and 'style="' in body and "Asked for the deck" in body
    assert re.search(r'href="http://127\.0\.0\.1:8000/r/[^"/]+/"', body)  # one-click links, as sent


def test_the_page_itself_keeps_the_sites_policy_and_no_inline_style(confidence, as_alice):
    answer = as_alice.get(PAGE)
    assert policy(answer)["style-src"] == "'self'" and policy(answer)["frame-ancestors"] == "'none'"
    for pattern, what in INLINE:
        assert not re.search(pattern, answer.content.decode(), flags=re.I), what


def test_user_text_is_escaped_and_confidences_stay_out(confidence, as_alice):
    for url in (PAGE, MESSAGE):
        raw = as_alice.get(url).content.decode()
        assert XSS not in raw and html.escape(XSS) in raw, url
        assert "told me in confidence" not in raw and "Leaving Acme" not in raw, url
        assert "Secretly interviewing" not in raw, url


def test_only_ones_own_digest(confidence, as_charlie, as_user, bob, anonymous):
    for visitor in (as_charlie, as_user(bob)):
        for url in (PAGE, MESSAGE):
            body = text(visitor.get(url))
            assert "nothing needs you" in body.lower(), url
            assert "Jane Doe" not in body and "Omar" not in body and "Sly" not in body, url
    for url in (PAGE, MESSAGE):
        answer = anonymous.get(url)
        assert answer.status_code == 302 and answer["Location"].startswith("/login/"), url
