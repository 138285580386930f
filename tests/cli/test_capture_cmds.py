"""`goodwill capture ...` as a user runs it, against an ICS address served by the test and dovecot."""

from __future__ import annotations

import json
from datetime import timedelta

from goodwill.models import CaptureSource, EncryptedSecret, Interaction, NextStep, UpcomingMeeting
from tests.capture_servers import calendar, event, ics_server  # noqa: F401 - the fixture
from tests.services.test_mail_sync import PASSWORD, USER, dovecot, mail  # noqa: F401 - the fixtures


def test_add_a_calendar_list_run_pause_and_remove_it(cli, now, ics_server):
    assert cli("add", "Jane Doe", "--email", "jane@example.com").exit_code == 0
    ics_server.text = calendar(
        event("past-1", now - timedelta(days=1), "Coffee", "jane@example.com"),
        event("ahead-1", now + timedelta(hours=3), "Deck review", "jane@example.com"),
    )
    added = cli("capture", "add-calendar", "Work calendar", ics_server.url, "--every", "30")
    assert added.exit_code == 0, added.output
    assert "Nothing was fetched yet" in added.output and ics_server.requests == 0
    source = CaptureSource.objects.get()
    assert "private-abc123" not in added.output

    listed = json.loads(cli("capture", "list", "--json").output)
    assert [(r["id"], r["name"], r["kind"], r["every_minutes"], r["last_run_at"]) for r in listed] == [
        (source.pk, "Work calendar", "ics", 30, None)
    ]
    assert "private-abc123" not in json.dumps(listed)

    ran = cli("capture", "run", str(source.pk))
    assert ran.exit_code == 0 and "1 meeting(s) logged, 1 meeting(s) ahead" in ran.output
    assert Interaction.objects.count() == 1 and UpcomingMeeting.objects.count() == 1
    assert "1 meeting(s) logged" in cli("capture", "list").output

    assert "Paused" in cli("capture", "pause", str(source.pk)).output
    refused = cli("capture", "run", str(source.pk))
    assert refused.exit_code == 2 and '"Work calendar" is paused; resume it to read it' in refused.output
    assert "Resumed" in cli("capture", "resume", str(source.pk)).output

    removed = cli("capture", "remove", str(source.pk))
    assert removed.exit_code == 0 and "and its saved password" in removed.output
    assert not CaptureSource.objects.exists() and not EncryptedSecret.objects.exists()
    assert Interaction.objects.count() == 1  # what it logged stays
    gone = cli("capture", "run", str(source.pk))
    assert gone.exit_code == 2 and "no capture source with id" in gone.output and "capture list" in gone.output


def test_add_mail_reads_the_password_from_stdin_and_checks_it(cli, now, dovecot):  # noqa: F811
    result = cli(
        "capture",
        "add-mail",
        "Inbox",
        "--host",
        "127.0.0.1",
        "--port",
        str(dovecot.port),
        "--plain",
        "--user",
        USER,
        "--password-stdin",
        "--check",
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "Check: logged in; 0 message(s) in INBOX." in result.output
    assert PASSWORD not in str(CaptureSource.objects.get().config)


def test_offered_promises_are_confirmed_or_dismissed(cli, now, dovecot):  # noqa: F811
    cli("add", "Jane Doe", "--email", "jane@example.com")
    dovecot.deliver(
        mail(
            USER,
            "Jane Doe <jane@example.com>",
            "Deck",
            "I'll send you the deck by Friday. I will also call you next week.",
            "<a1@example.test>",
            "Sat, 21 Nov 2026 10:00:00 +0000",
        )
    )
    args = ("capture", "add-mail", "Inbox", "--host", "127.0.0.1", "--port", str(dovecot.port), "--plain")
    cli(*args, "--user", USER, "--password-stdin", input=PASSWORD)
    source = CaptureSource.objects.get()
    assert "2 promise(s) to confirm" in cli("capture", "run", str(source.pk)).output
    assert not NextStep.objects.exists()
    offers = json.loads(cli("capture", "offers", "--json").output)
    assert [o["text"] for o in offers] == ["send the deck", "call Jane Doe"]
    accepted = cli("capture", "accept", str(offers[0]["id"]))
    assert accepted.exit_code == 0 and "for Jane Doe: send the deck" in accepted.output
    assert cli("capture", "dismiss", str(offers[1]["id"])).exit_code == 0
    assert "No promises waiting" in cli("capture", "offers").output
    assert list(NextStep.objects.values_list("text", flat=True)) == ["send the deck"]


def test_bad_input_is_one_line_and_writes_nothing(cli, now):
    no_password = cli("capture", "add-mail", "Inbox", "--host", "imap.example.com", "--user", "ann")
    assert no_password.exit_code == 2 and "--password-stdin" in no_password.output
    http = cli("capture", "add-calendar", "Cal", "http://calendar.example.com/x.ics")
    assert http.exit_code == 2 and "unencrypted" in http.output
    every = cli("capture", "add-calendar", "Cal", "https://calendar.example.com/x.ics", "--every", "1")
    assert every.exit_code == 2 and "every 5 to 10080 minutes" in every.output
    assert not CaptureSource.objects.exists()
    assert "No capture sources" in cli("capture", "list").output
