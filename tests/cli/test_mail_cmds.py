"""`goodwill mail import`, `goodwill mail sync` and `goodwill replies` as a user runs them."""

import json
from pathlib import Path

import pytest

from tests.services.test_mail_sync import PASSWORD, USER, dovecot, dovecot_tls, mail  # noqa: F401 - the fixtures

DATA = Path(__file__).parents[1] / "data" / "mail"
ME = "ann.owner@gmail.com"


@pytest.fixture
def known(cli):
    assert cli("add", "Jane Doe", "--email", "jane.doe@example.com").exit_code == 0
    assert cli("add", "Bob Stone", "--email", "bob@stone.example").exit_code == 0


def test_import_is_a_dry_run_until_apply(cli, known):
    result = cli("mail", "import", str(DATA / "gmail_takeout.mbox"), "--me", ME)
    assert result.exit_code == 0, result.output
    assert "Dry run, nothing written: 8 messages" in result.output
    assert "logged           4" in result.output and "Run again with --apply" in result.output
    assert "No replies owed" in cli("replies").output

    result = cli("mail", "import", str(DATA / "gmail_takeout.mbox"), "--me", ME, "--apply")
    assert result.exit_code == 0 and "Imported: 8 messages" in result.output
    assert "automated        3  (1 mailing list, 1 auto-submitted, 1 no-reply sender)" in result.output
    assert "Undo with: goodwill import undo" in result.output
    today = cli("today").output
    assert "Jane Doe" in today and "Re: Lunch next week?" in today


def test_reimport_reports_everything_unchanged(cli, known):
    cli("mail", "import", str(DATA / "gmail_takeout.mbox"), "--me", ME, "--apply")
    result = cli("mail", "import", str(DATA / "gmail_takeout.mbox"), "--apply", "--json")
    report = json.loads(result.output)
    assert report["logged"] == 0 and report["unchanged"] == 4 and report["me"] == [ME]


def test_bad_input_is_one_line_and_exit_2(cli, known, tmp_path):
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 50)
    result = cli("mail", "import", str(binary), "--me", ME)
    assert result.exit_code == 2 and "binary data, not mail" in result.output
    assert "Traceback" not in result.output
    result = cli("mail", "import", str(tmp_path / "missing.mbox"), "--me", ME)
    assert result.exit_code == 2 and "no such file" in result.output
    result = cli("mail", "import", str(DATA / "gmail_takeout.mbox"))
    assert result.exit_code == 2 and "--me" in result.output


def test_broken_messages_are_listed_and_strict_refuses(cli, known):
    result = cli("mail", "import", str(DATA / "broken.mbox"), "--me", ME, "--apply")
    assert result.exit_code == 0
    assert "skipped          3" in result.output and "broken.mbox:12: no sender" in result.output
    result = cli("mail", "import", str(DATA / "broken.mbox"), "--me", ME, "--apply", "--strict")
    assert result.exit_code == 2 and "--strict: nothing was imported" in result.output


def test_replies_lists_what_i_owe_with_statistics(cli, known):
    cli("mail", "import", str(DATA / "gmail_takeout.mbox"), "--me", ME, "--apply")
    result = cli("replies")
    assert result.exit_code == 0
    assert "Replies I owe (1; window 1 business day)" in result.output
    assert "Jane Doe" in result.output and "How fast I answer" in result.output
    view = json.loads(cli("replies", "--json").output)
    [owed] = view["owed"]
    # Friday 08:15 with a one-business-day window: due Monday 08:15, late at 09:00
    assert owed["person_name"] == "Jane Doe" and owed["age_hours"] == 72.75 and owed["overdue"]
    [month] = view["months"]
    assert month["month"] == "2026-11" and month["answered"] == 1 and month["within_window"] == 0.5
    assert cli("replies", "--months", "0").exit_code == 2


def test_sync_through_the_command(cli, known, dovecot, monkeypatch):  # noqa: F811 - the fixture
    dovecot.deliver(
        mail("Jane Doe <jane.doe@example.com>", USER, "Lunch?", "Tuesday?", "<c1@x>", "Fri, 20 Nov 2026 10:00:00 +0000")
    )
    monkeypatch.setenv("MAIL_PASSWORD", PASSWORD)
    args = [
        "mail",
        "sync",
        "--host",
        "127.0.0.1",
        "--port",
        str(dovecot.port),
        "--user",
        USER,
        "--password-env",
        "MAIL_PASSWORD",
        "--plain",
    ]
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert "Imported: 1 messages" in result.output and "logged           1" in result.output
    assert PASSWORD not in result.output
    again = cli(*args)
    assert "No new mail in INBOX since the last sync." in again.output


def test_sync_over_tls_trusts_the_ca_given_with_ca_file(cli, known, dovecot_tls, monkeypatch, tmp_path):  # noqa: F811
    dovecot_tls.deliver(
        mail(
            "Jane Doe <jane.doe@example.com>", USER, "Lunch?", "Tuesday?", "<ct1@x>", "Fri, 20 Nov 2026 10:00:00 +0000"
        )
    )
    monkeypatch.setenv("MAIL_PASSWORD", PASSWORD)
    empty = tmp_path / "none.pem"  # the system's CAs, pinned to none: the test CA is trusted only when given
    empty.write_text("")
    monkeypatch.setenv("SSL_CERT_FILE", str(empty))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    base = ["mail", "sync", "--host", "127.0.0.1", "--user", USER, "--password-env", "MAIL_PASSWORD"]
    refused = cli(*base, "--port", str(dovecot_tls.tls_port))  # --ssl is the default
    assert refused.exit_code == 2 and "certificate is not trusted" in refused.output and "--ca-file" in refused.output
    result = cli(*base, "--port", str(dovecot_tls.tls_port), "--ca-file", str(dovecot_tls.ca))
    assert result.exit_code == 0, result.output
    assert "Imported: 1 messages" in result.output and "logged           1" in result.output
    starttls = cli(*base, "--port", str(dovecot_tls.port), "--starttls", "--ca-file", str(dovecot_tls.ca), "--full")
    assert starttls.exit_code == 0 and "unchanged        1" in starttls.output, starttls.output
    missing = cli(*base, "--port", str(dovecot_tls.tls_port), "--ca-file", str(tmp_path / "nope.pem"))
    assert missing.exit_code == 2 and "nope.pem: no such file" in missing.output


def test_sync_errors_are_clear(cli, known, monkeypatch):
    result = cli("mail", "sync", "--host", "imap.example.com", "--user", USER, "--password-env", "NOT_SET_ANYWHERE")
    assert result.exit_code == 2 and "NOT_SET_ANYWHERE is not set" in result.output
    monkeypatch.setenv("MAIL_PASSWORD", "x")
    result = cli(
        "mail", "sync", "--host", "imap.example.com", "--user", USER, "--password-env", "MAIL_PASSWORD", "--plain"
    )
    assert result.exit_code == 2 and "--ssl or --starttls" in result.output
    result = cli(
        "mail",
        "sync",
        "--host",
        "imap.example.com",
        "--user",
        USER,
        "--password-env",
        "MAIL_PASSWORD",
        "--ssl",
        "--starttls",
    )
    assert result.exit_code == 2 and "choose one" in result.output


def test_progress_bar_only_at_a_terminal_and_after_a_second(monkeypatch):
    import io
    import time

    from rich.console import Console

    from goodwill.cli import mail_cmds
    from goodwill.cli.output import _LazyConsole

    clock = iter([0.0, 0.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5])
    monkeypatch.setattr(time, "monotonic", lambda: next(clock, 5.0))
    screen = io.StringIO()
    # The stand-in the CLI prints through (made on first use), at a terminal.
    monkeypatch.setattr(mail_cmds, "console", _LazyConsole(file=screen, force_terminal=True, width=80))
    update, stop = mail_cmds._progress()
    update(10, 100)  # half a second in: no bar yet
    assert screen.getvalue() == ""
    update(50, 100)
    stop()
    assert "Reading mail" in screen.getvalue()

    plain = io.StringIO()
    monkeypatch.setattr(mail_cmds, "console", Console(file=plain, force_terminal=False))
    update, stop = mail_cmds._progress()
    update(50, 100)
    stop()
    assert plain.getvalue() == ""
