"""Setting up capture sources: nothing fetched on setup, passwords never in plain text,
clear one-line errors, and only the owner can touch a source."""

from __future__ import annotations

import pytest

from goodwill.errors import InvalidInput, NotFound
from goodwill.models import CaptureSource, EncryptedSecret, UpcomingMeeting
from goodwill.services.capture_sources import (
    add_calendar_source,
    add_imap_source,
    calendar_login,
    describe,
    imap_account,
    list_sources,
    pause_source,
    remove_source,
    resume_source,
)

PASSWORD = "app-pass-1234"


def _mail(owner, **changes):
    values = dict(name="Work mail", host="imap.example.com", user="ann@example.com", password=PASSWORD)
    values.update(changes)
    return add_imap_source(owner, **values)


def test_a_mail_source_keeps_its_password_encrypted_and_fetches_nothing(alice, now):
    source = _mail(alice, every_minutes=30)
    assert source.kind == "imap" and source.every_minutes == 30 and not source.paused
    assert source.last_run_at is None  # set up, not run
    assert source.config == {
        "host": "imap.example.com",
        "port": None,
        "security": "ssl",
        "user": "ann@example.com",
        "folder": "INBOX",
        "ca_file": None,
    }
    assert source.secret_ref.startswith("db:")
    stored = CaptureSource.objects.get(pk=source.pk)
    assert PASSWORD not in str(stored.config) and PASSWORD not in stored.secret_ref
    assert all(PASSWORD not in row.token for row in EncryptedSecret.objects.all())
    assert imap_account(stored).password == PASSWORD
    assert describe(stored) == "ann@example.com@imap.example.com/INBOX"


def test_a_private_ics_address_is_kept_as_a_secret_too(alice, now):
    url = "webcal://calendar.example.com/ical/ann/private-abc123/basic.ics"
    source = add_calendar_source(alice, "Google", url)
    assert "private-abc123" not in str(CaptureSource.objects.get(pk=source.pk).config)
    assert describe(source) == "https://calendar.example.com/…"
    assert calendar_login(source) == ("https://calendar.example.com/ical/ann/private-abc123/basic.ics", None, None)


def test_a_caldav_source_keeps_its_address_and_its_password_apart(alice, now):
    source = add_calendar_source(
        alice, "Fastmail", "https://caldav.example.com/dav/cal/", user="ann", password="pw", kind="caldav"
    )
    assert source.config["url"] == "https://caldav.example.com/dav/cal/" and "pw" not in str(source.config)
    assert calendar_login(source) == ("https://caldav.example.com/dav/cal/", "ann", "pw")


@pytest.mark.parametrize(
    "changes, words",
    [
        (dict(host=" "), "the IMAP server is missing"),
        (dict(password=""), "no password"),
        (dict(security="tls"), "is not a connection security"),
        (dict(security="plain"), "only for a server on this machine"),
        (dict(port=70000), "the port must be from 1 to 65535"),
        (dict(every_minutes=1), "every 5 to 10080 minutes"),
        (dict(name=" "), "a source needs a name"),
        (dict(ca_file="/nowhere/ca.pem"), "no such file"),
    ],
)
def test_a_mail_source_that_cannot_work_is_refused_in_one_line(alice, now, changes, words):
    with pytest.raises(InvalidInput) as caught:
        _mail(alice, **changes)
    assert words in str(caught.value) and "\n" not in str(caught.value)
    assert not CaptureSource.objects.exists() and not EncryptedSecret.objects.exists()


@pytest.mark.parametrize(
    "url, kind, words",
    [
        ("http://calendar.example.com/cal.ics", "ics", "unencrypted"),
        ("ftp://example.com/cal.ics", "ics", "is not a calendar address"),
        ("", "ics", "address is missing"),
        ("https://example.com/cal.ics", "exchange", "is not a kind of calendar"),
    ],
)
def test_a_calendar_source_that_cannot_work_is_refused(alice, now, url, kind, words):
    with pytest.raises(InvalidInput, match=words):
        add_calendar_source(alice, "Cal", url, kind=kind)


def test_two_sources_cannot_share_a_name(alice, now):
    _mail(alice)
    with pytest.raises(InvalidInput, match="already have a source named"):
        add_calendar_source(alice, "work MAIL", "https://example.com/cal.ics")


def test_pause_resume_and_remove_forget_the_password_and_the_meetings_ahead(alice, now):
    source = _mail(alice)
    assert pause_source(alice, source.pk).paused
    assert not resume_source(alice, source.pk).paused
    UpcomingMeeting.objects.create(owner=alice, source=source, key="k", title="Lunch", starts_at=now)
    remove_source(alice, source.pk)
    assert not CaptureSource.objects.exists()
    assert not EncryptedSecret.objects.exists() and not UpcomingMeeting.objects.exists()
    assert list_sources(alice) == []


def test_someone_else_cannot_see_run_pause_or_remove_a_source(alice, bob, charlie, now):
    from goodwill.services.capture import check_source, run_now

    source = _mail(alice)
    for other in (bob, charlie):
        assert list_sources(other) == []
        for action in (pause_source, resume_source, remove_source, run_now, check_source):
            with pytest.raises(NotFound, match="no capture source with id"):
                action(other, source.pk)
    stored = CaptureSource.objects.get(pk=source.pk)
    assert stored.paused is False and stored.last_run_at is None
