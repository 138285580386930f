"""The digest sent for real: through an SMTP server the test starts (aiosmtpd on 127.0.0.1),
parsed with the stdlib, both parts checked, and a link followed with Django's test client."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.mailserver import mailserver  # noqa: F401 (fixture)
from tests.web.conftest import network  # noqa: F401 (fixture)


@pytest.fixture
def digest_on(alice, network, mailserver, monkeypatch):  # noqa: F811
    from goodwill.services.digest import set_digest

    mailserver.env(monkeypatch)
    monkeypatch.setenv("GOODWILL_BASE_URL", "https://goodwill.example.com")
    set_digest(alice, on=True, to="alice@example.com")
    return network


def parts(message) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def links_in(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for label, url in re.findall(r"(Done|Snooze a week|Replied|Log a touch): (\S+)", text):
        found.setdefault(label, []).append(url)
    return found


def test_the_digest_arrives_as_text_and_html_and_its_links_work_once(alice, digest_on, mailserver, now):
    from goodwill.models import NextStep
    from goodwill.services.digest import send_digest

    outcome = send_digest(alice, now=now)
    assert not outcome.skipped
    assert outcome.summary.startswith("sent to alice@example.com: 1 reply owed, 1 step due")
    [received] = mailserver.received
    assert received.recipients == ["alice@example.com"]
    message = received.message
    assert message["From"] == "goodwill@example.com"
    assert message["Subject"].startswith("Goodwill: ")
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/alternative"
    text, html = parts(message)
    assert "Jane Doe: Asked for the deck" in text and "Jane Doe: Asked for the deck" in html
    assert "mail her the trail map" in text and "mail her the trail map" in html
    assert "Secretly interviewing" not in text + html  # a confidential note never leaves
    assert "<img" not in html  # no external images

    links = links_in(text)
    done = links["Done"][0]
    assert done.startswith("https://goodwill.example.com/r/")
    assert done in html
    path = done.removeprefix("https://goodwill.example.com")
    step = NextStep.objects.get(owner=alice, text="mail her the trail map")

    browser = Client(enforce_csrf_checks=True)  # a phone's browser: no login session
    first = browser.get(path)
    assert first.status_code == 200
    assert b"Done: mail her the trail map (Jane Doe)." in first.content
    step.refresh_from_db()
    assert step.status == "done"

    again = browser.get(path)
    assert again.status_code == 410
    assert b"already used" in again.content

    token = path.split("/")[2]
    csrf = browser.cookies["csrftoken"].value
    undone = browser.post(f"/r/{token}/undo", {"csrfmiddlewaretoken": csrf})
    assert undone.status_code == 200
    assert b"Open again: mail her the trail map" in undone.content
    step.refresh_from_db()
    assert step.status == "open"
    assert browser.post(f"/r/{token}/undo", {"csrfmiddlewaretoken": csrf}).status_code == 410


def test_undo_needs_the_pages_csrf_token(alice, digest_on, mailserver, now):
    from goodwill.services.digest import send_digest

    send_digest(alice, now=now)
    text, _ = parts(mailserver.messages[0])
    path = "/r/" + links_in(text)["Replied"][0].split("/r/", 1)[1]
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(path).status_code == 200
    assert browser.post(path + "undo").status_code == 403  # no token from the page: refused


def test_nothing_due_skips_the_digest_but_a_test_still_goes(bob, mailserver, monkeypatch, now):
    from goodwill.services.digest import send_digest, set_digest

    mailserver.env(monkeypatch)
    set_digest(bob, on=True, to="bob@example.com")
    outcome = send_digest(bob, now=now)
    assert outcome.skipped and mailserver.received == []
    test = send_digest(bob, now=now, test=True)
    assert not test.skipped
    [message] = mailserver.messages
    assert message["Subject"].startswith("Goodwill test: nothing needs you")
    assert "Nothing needs you today" in parts(message)[0]


def test_the_digest_off_is_skipped(alice, network, mailserver, monkeypatch, now):  # noqa: F811
    from goodwill.services.digest import send_digest, set_digest

    mailserver.env(monkeypatch)
    set_digest(alice, to="alice@example.com")
    assert send_digest(alice, now=now).skipped
    assert mailserver.received == []


def test_called_twice_it_sends_the_same_digest_again_with_fresh_links(alice, digest_on, mailserver, now):
    """The scheduler's JobRun slot keeps a day to one digest; the function itself holds no state."""
    from goodwill.services.digest import send_digest

    send_digest(alice, now=now)
    send_digest(alice, now=now)
    first, second = (parts(m)[0] for m in mailserver.messages)
    assert re.sub(r"/r/\S+", "", first) == re.sub(r"/r/\S+", "", second)


def test_the_users_own_server_with_a_saved_password(alice, network, mailserver, monkeypatch, now):  # noqa: F811
    """No server in the environment: the user's own, its password kept encrypted, never in plain text."""
    from goodwill.models import EncryptedSecret, ReachSettings
    from goodwill.services.digest import send_digest, set_digest
    from goodwill.services.outbox import set_smtp

    for name in ("HOST", "PORT", "SECURITY", "USER", "PASSWORD", "FROM"):
        monkeypatch.delenv(f"GOODWILL_SMTP_{name}", raising=False)
    set_smtp(alice, "127.0.0.1", mailserver.port, "plain", sender="alice@example.com")
    set_digest(alice, on=True, to="alice@example.com")
    send_digest(alice, now=now)
    assert mailserver.received[0].sender == "alice@example.com"

    set_smtp(alice, "127.0.0.1", mailserver.port, "plain", user="alice", password="s3cret-pass", sender="alice@x.org")
    reach = ReachSettings.objects.get(user=alice)
    assert reach.smtp_secret_ref == "db:smtp"
    assert "s3cret-pass" not in EncryptedSecret.objects.get(owner=alice).token
    assert "s3cret-pass" not in str(ReachSettings.objects.filter(user=alice).values().first())


def test_no_server_or_no_address_is_a_clear_error(alice, network, monkeypatch, now):  # noqa: F811
    from goodwill.errors import InvalidInput
    from goodwill.services.digest import send_digest, set_digest

    monkeypatch.delenv("GOODWILL_SMTP_HOST", raising=False)
    with pytest.raises(InvalidInput, match="no address"):
        send_digest(alice, now=now, test=True)
    set_digest(alice, to="alice@example.com")
    with pytest.raises(InvalidInput, match="no outgoing mail server"):
        send_digest(alice, now=now, test=True)


def test_a_server_that_refuses_is_one_line(alice, network, monkeypatch, now):  # noqa: F811
    import socket

    from goodwill.services.digest import send_digest, set_digest
    from goodwill.services.outbox import MailNotSent

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("GOODWILL_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("GOODWILL_SMTP_PORT", str(port))
    monkeypatch.setenv("GOODWILL_SMTP_SECURITY", "plain")
    monkeypatch.setenv("GOODWILL_SMTP_FROM", "goodwill@example.com")
    set_digest(alice, to="alice@example.com")
    with pytest.raises(MailNotSent, match=f"could not send through 127.0.0.1:{port}"):
        send_digest(alice, now=now, test=True)
