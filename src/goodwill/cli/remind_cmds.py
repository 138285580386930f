"""The daily digest and outgoing mail: remind show, digest, smtp, test, preview."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.output import console, emit_json


def _print_settings(shown: dict) -> None:
    state = "on" if shown["on"] else "off"
    console.print(
        f"Daily digest: {state}, at {shown['at']} on {shown['days']} ({shown['zone_used']}), "
        f"to {shown['sent_to'] or '(no address yet)'}",
        markup=False,
    )
    smtp = shown["smtp"]
    if smtp["host"]:
        where = "from the environment" if smtp["from_environment"] else "yours"
        login = (
            f", login {smtp['user']}" + (" (password saved)" if smtp["password_saved"] else "") if smtp["user"] else ""
        )
        console.print(
            f"Outgoing mail ({where}): {smtp['host']}:{smtp['port']} {smtp['security']}{login}, "
            f"from {smtp['sender'] or '(no sender)'}",
            markup=False,
        )
    else:
        console.print("Outgoing mail: not set up (goodwill remind smtp --host ... sets it up).", markup=False)


def remind_show(json: JsonOption = False, demo: DemoOption = False) -> None:
    """The digest's settings and the outgoing mail server (never its password)."""
    owner = open_store(demo)
    from goodwill.services.digest import digest_settings

    shown = digest_settings(owner)
    if json:
        emit_json(shown)
        return
    _print_settings(shown)


def remind_digest(
    on: Annotated[bool | None, typer.Option("--on/--off", help="Send the daily digest, or stop it")] = None,
    at: Annotated[str | None, typer.Option("--at", help="The time it comes, e.g. 07:30")] = None,
    days: Annotated[str | None, typer.Option("--days", help="Weekdays, e.g. mon-fri, mon,wed,fri or daily")] = None,
    to: Annotated[str | None, typer.Option("--to", help="The address it goes to (empty: your login's)")] = None,
    zone: Annotated[
        str | None, typer.Option("--zone", help="Its time zone, e.g. Europe/Paris (empty: your home's)")
    ] = None,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Set up the daily digest: one message with what needs you, on the days and at the time you choose."""
    owner = open_store(demo)
    from goodwill.services.digest import digest_settings, set_digest

    set_digest(owner, on=on, at=at, days=days, to=to, time_zone=zone)
    shown = digest_settings(owner)
    if json:
        emit_json(shown)
        return
    _print_settings(shown)


def remind_smtp(
    host: Annotated[str, typer.Option("--host", help="The mail server, e.g. smtp.fastmail.com (empty: none)")],
    port: Annotated[int | None, typer.Option("--port", help="Its port (default: 465 ssl, 587 starttls)")] = None,
    security: Annotated[
        str, typer.Option("--security", help="ssl, starttls, or plain (this machine only)")
    ] = "starttls",
    user: Annotated[str, typer.Option("--user", help="The login, often your address")] = "",
    sender: Annotated[str, typer.Option("--from", help="The address the mail comes from")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from the first line of standard input")
    ] = False,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Your outgoing mail server. The password is kept encrypted or in the OS keyring, never in plain text."""
    owner = open_store(demo)
    import sys

    from goodwill.services.digest import digest_settings
    from goodwill.services.outbox import set_smtp

    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
    set_smtp(owner, host, port, security, user, password, sender)
    shown = digest_settings(owner)
    if json:
        emit_json(shown["smtp"])
        return
    _print_settings(shown)


def remind_test(json: JsonOption = False, demo: DemoOption = False) -> None:
    """Send the digest now, as a test, whatever it holds."""
    owner = open_store(demo)
    from goodwill.services.digest import send_digest

    outcome = send_digest(owner, test=True)
    if json:
        emit_json({"summary": outcome.summary, "skipped": outcome.skipped})
        return
    console.print(outcome.summary[:1].upper() + outcome.summary[1:] + ".", markup=False)


def remind_preview(demo: DemoOption = False) -> None:
    """Print today's digest as plain text, without sending it."""
    owner = open_store(demo)
    from goodwill.services.digest import preview_digest

    rendered = preview_digest(owner)
    console.print(f"Subject: {rendered.subject}\n", markup=False)
    console.print(rendered.text, markup=False)


def register(app: typer.Typer) -> None:
    from goodwill.cli.main import new_app

    remind = new_app(help="The daily digest and the mail server it goes through.", no_args_is_help=True)
    remind.command("show")(remind_show)
    remind.command("digest")(remind_digest)
    remind.command("smtp")(remind_smtp)
    remind.command("test")(remind_test)
    remind.command("preview")(remind_preview)
    app.add_typer(remind, name="remind")
