"""`goodwill remind ...`: the digest's settings, the mail server, a test sent now, a preview."""

from __future__ import annotations

import json

from tests.mailserver import mailserver  # noqa: F401 (fixture)


def test_a_fresh_user_sets_up_the_digest_and_gets_a_test(cli, me, mailserver):
    result = cli("remind", "test")
    assert result.exit_code == 2
    assert "no address to send the digest to" in result.output and "remind digest --to" in result.output

    result = cli("remind", "digest", "--on", "--at", "7:15", "--days", "mon-fri", "--to", "me@example.com")
    assert result.exit_code == 0, result.output
    assert "Daily digest: on, at 07:15 on mon-fri (UTC), to me@example.com" in result.output

    result = cli("remind", "test")
    assert result.exit_code == 2
    assert "no outgoing mail server is set up yet; set one up with `goodwill remind smtp --host HOST`" in result.output

    result = cli(
        "remind",
        "smtp",
        "--host",
        "127.0.0.1",
        "--port",
        str(mailserver.port),
        "--security",
        "plain",
        "--from",
        "goodwill@example.com",
    )
    assert result.exit_code == 0, result.output
    assert f"Outgoing mail (yours): 127.0.0.1:{mailserver.port} plain" in result.output

    result = cli("remind", "test")
    assert result.exit_code == 0, result.output
    assert "Test sent to me@example.com" in result.output
    [message] = mailserver.messages
    assert message["To"] == "me@example.com"


def test_show_as_json_never_has_the_password(cli, me):
    result = cli(
        "remind",
        "smtp",
        "--host",
        "smtp.example.com",
        "--user",
        "me@example.com",
        "--password-stdin",
        input="hunter2-secret\n",
    )
    assert result.exit_code == 0, result.output
    assert "(password saved)" in result.output
    shown = cli("remind", "show", "--json")
    data = json.loads(shown.output)
    assert data["smtp"] == {
        "host": "smtp.example.com",
        "port": 587,
        "security": "starttls",
        "user": "me@example.com",
        "sender": "me@example.com",
        "password_saved": True,
        "from_environment": False,
    }
    assert "hunter2" not in shown.output


def test_bad_settings_are_one_line_and_change_nothing(cli, me):
    result = cli("remind", "digest", "--on", "--to", "me@example.com", "--days", "mon-fry")
    assert result.exit_code == 2
    assert '"mon-fry" is not a set of weekdays' in result.output and "see --days" in result.output
    assert json.loads(cli("remind", "show", "--json").output)["on"] is False

    result = cli("remind", "digest", "--at", "25:00")
    assert result.exit_code == 2 and "is not a time of day" in result.output
    result = cli("remind", "digest", "--zone", "Mars/Olympus")
    assert result.exit_code == 2 and "is not a time zone" in result.output

    result = cli("remind", "smtp", "--host", "smtp.example.com", "--security", "plain", "--from", "a@b.co")
    assert result.exit_code == 2
    assert "plain SMTP (no TLS) is allowed only to this machine" in result.output
    result = cli("remind", "smtp", "--host", "smtp.example.com", "--user", "me", "--from", "a@b.co")
    assert result.exit_code == 2 and "needs its password" in result.output
    assert "Traceback" not in result.output


def test_preview_prints_the_text_without_sending(cli, me, mailserver, monkeypatch):
    mailserver.env(monkeypatch)
    result = cli("remind", "preview")
    assert result.exit_code == 0, result.output
    assert "Subject: Goodwill: nothing needs you" in result.output
    assert "Nothing needs you today." in result.output
    assert mailserver.received == []


def test_the_environment_server_wins(cli, me, mailserver, monkeypatch):
    mailserver.env(monkeypatch)
    cli("remind", "digest", "--to", "me@example.com")
    shown = cli("remind", "show")
    assert f"Outgoing mail (from the environment): 127.0.0.1:{mailserver.port} plain" in shown.output
    assert cli("remind", "test").exit_code == 0
    assert mailserver.received[0].sender == "goodwill@example.com"
