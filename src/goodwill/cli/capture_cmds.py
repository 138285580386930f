"""`goodwill capture`: mailboxes and calendars Goodwill reads by itself, on a schedule."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, interactive, open_store
from goodwill.cli.output import console, emit_json

IdArgument = Annotated[str, typer.Argument(help="The source's id, as `goodwill capture list` shows it")]
EveryOption = Annotated[int, typer.Option("--every", help="Minutes between runs (5 to 10080)")]
PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from standard input (its first line)")
]
CheckOption = Annotated[bool, typer.Option("--check", help="Connect now to test it (writes nothing)")]


def _password(from_stdin: bool, prompt: str, *, required: bool) -> str | None:
    import sys

    from goodwill.errors import InvalidInput

    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise InvalidInput("no password on standard input; pipe it in, e.g. from your password manager")
        return line
    if not required:
        return None
    if interactive():
        return typer.prompt(prompt, hide_input=True)
    raise InvalidInput("no password: give --password-stdin and pipe the password in")


def _added(owner, source, check: bool, json: bool) -> None:
    from goodwill.services.capture_sources import source_row

    checked = None
    if check:
        from goodwill.services.capture import check_source

        checked = check_source(owner, source.pk)
    row = source_row(source)
    if json:
        emit_json({**_plain(row), "check": checked})
        return
    console.print(
        f'Added source #{row.id} "{row.name}" ({row.where}), read every {row.every_minutes} minutes '
        "while Goodwill runs. Nothing was fetched yet.",
        markup=False,
    )
    if checked:
        console.print(f"Check: {checked}.", markup=False)


def _plain(row) -> dict:
    import dataclasses

    return dataclasses.asdict(row)


def add_mail(
    name: Annotated[str, typer.Argument(help='A name for the source, e.g. "Work inbox"')],
    host: Annotated[str, typer.Option("--host", help="IMAP server, e.g. imap.gmail.com")],
    user: Annotated[str, typer.Option("--user", help="Login, usually your address")],
    password_stdin: PasswordStdin = False,
    folder: Annotated[
        str, typer.Option("--folder", help='Folder to read, e.g. INBOX or "[Gmail]/Sent Mail"')
    ] = "INBOX",
    port: Annotated[int | None, typer.Option("--port", help="Default 993 with --ssl, 143 otherwise")] = None,
    starttls: Annotated[bool, typer.Option("--starttls", help="Plain connection upgraded with STARTTLS")] = False,
    plain: Annotated[bool, typer.Option("--plain", help="No encryption: only for a server on this machine")] = False,
    ca_file: Annotated[
        str | None, typer.Option("--ca-file", help="PEM file of a CA to trust besides the system's")
    ] = None,
    every: EveryOption = 15,
    check: CheckOption = False,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Read an IMAP folder on a schedule: touches, replies owed, promises to confirm."""
    from goodwill.errors import InvalidInput

    if starttls and plain:
        raise InvalidInput("choose one of --starttls and --plain")
    security = "starttls" if starttls else "plain" if plain else "ssl"
    password = _password(password_stdin, f"Password for {user} at {host}", required=True)
    owner = open_store(demo)
    from goodwill.services.capture_sources import add_imap_source

    source = add_imap_source(
        owner,
        name,
        host,
        user,
        password or "",
        folder=folder,
        port=port,
        security=security,
        ca_file=ca_file,
        every_minutes=every,
    )
    _added(owner, source, check, json)


def add_calendar(
    name: Annotated[str, typer.Argument(help='A name for the source, e.g. "Work calendar"')],
    url: Annotated[str, typer.Argument(help="The calendar's https:// or webcal:// address (ICS or CalDAV)")],
    caldav: Annotated[bool, typer.Option("--caldav", help="A CalDAV calendar, not an ICS address")] = False,
    user: Annotated[str | None, typer.Option("--user", help="Login, if the calendar needs one")] = None,
    password_stdin: PasswordStdin = False,
    every: EveryOption = 15,
    check: CheckOption = False,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Read a calendar on a schedule: past meetings logged, meetings ahead for the digest."""
    password = _password(password_stdin, f"Password for {user} at the calendar", required=bool(user and caldav))
    owner = open_store(demo)
    from goodwill.services.capture_sources import add_calendar_source

    source = add_calendar_source(
        owner, name, url, user=user, password=password, kind="caldav" if caldav else "ics", every_minutes=every
    )
    _added(owner, source, check, json)


def list_cmd(json: JsonOption = False, demo: DemoOption = False) -> None:
    """Your capture sources, with their last run and error."""
    owner = open_store(demo)
    from goodwill import clock
    from goodwill.humanize import short_date
    from goodwill.services.capture_sources import source_rows

    rows = source_rows(owner)
    if json:
        emit_json(rows)
        return
    if not rows:
        console.print("No capture sources. `goodwill capture add-mail` and `goodwill capture add-calendar` set one up.")
        return
    today = clock.today()
    for r in rows:
        state = "paused" if r.paused else f"every {r.every_minutes} min"
        console.print(f"#{r.id} {r.name} ({r.kind}: {r.where}), {state}", markup=False)
        if r.last_run_at is None:
            console.print("    not run yet", markup=False)
        else:
            result = f"error: {r.last_error}" if r.last_error else r.last_summary
            console.print(f"    last run {short_date(r.last_run_at, today)}: {result}", markup=False)


def run_cmd(source_id: IdArgument, demo: DemoOption = False) -> None:
    """Read a source now, without waiting for its next run."""
    owner = open_store(demo)
    from goodwill.services.capture import run_now

    outcome = run_now(owner, source_id)
    console.print(outcome.summary + ".", markup=False)


def check_cmd(source_id: IdArgument, demo: DemoOption = False) -> None:
    """Connect to a source now to test it; writes nothing."""
    owner = open_store(demo)
    from goodwill.services.capture import check_source

    console.print(check_source(owner, source_id) + ".", markup=False)


def pause_cmd(source_id: IdArgument, demo: DemoOption = False) -> None:
    """Stop reading a source until it is resumed."""
    owner = open_store(demo)
    from goodwill.services.capture_sources import pause_source

    source = pause_source(owner, source_id)
    console.print(f'Paused #{source.pk} "{source.name}": nothing is read from it until you resume it.', markup=False)


def resume_cmd(source_id: IdArgument, demo: DemoOption = False) -> None:
    """Read a paused source on its schedule again."""
    owner = open_store(demo)
    from goodwill.services.capture_sources import resume_source

    source = resume_source(owner, source_id)
    console.print(f'Resumed #{source.pk} "{source.name}": read every {source.every_minutes} minutes.', markup=False)


def remove_cmd(source_id: IdArgument, demo: DemoOption = False) -> None:
    """Remove a source and its saved password (what it logged stays; undo it with `goodwill import undo`)."""
    owner = open_store(demo)
    from goodwill.services.capture_sources import remove_source

    source = remove_source(owner, source_id)
    console.print(f'Removed #{source.pk} "{source.name}" and its saved password.', markup=False)


def offers_cmd(json: JsonOption = False, demo: DemoOption = False) -> None:
    """Promises found in your sent mail by a scheduled sync, waiting for you to confirm them."""
    owner = open_store(demo)
    from goodwill.services.promise_offers import pending_offers

    offers = pending_offers(owner)
    if json:
        emit_json(offers)
        return
    if not offers:
        console.print("No promises waiting to be confirmed.")
        return
    for offer in offers:
        due = f", due {offer.due:%a %d %b}" + ("" if offer.firm else " (soft)") if offer.due else ""
        console.print(f"#{offer.id} to {offer.person_name}: {offer.text}{due}", markup=False)
        console.print(f'    from "{offer.email_summary[:100]}"', markup=False)
    console.print("`goodwill capture accept ID` records one; `goodwill capture dismiss ID` forgets it.")


def accept_cmd(
    offer_id: Annotated[str, typer.Argument(help="The offer's id, as `goodwill capture offers` shows it")],
    demo: DemoOption = False,
) -> None:
    """Record an offered promise as a step you owe."""
    owner = open_store(demo)
    from goodwill.services.promise_offers import accept_offer

    step = accept_offer(owner, offer_id)
    console.print(f"Recorded step #{step.pk} for {step.person.name}: {step.text}", markup=False)


def dismiss_cmd(
    offer_id: Annotated[str, typer.Argument(help="The offer's id, as `goodwill capture offers` shows it")],
    demo: DemoOption = False,
) -> None:
    """Not a promise: forget an offered one."""
    owner = open_store(demo)
    from goodwill.services.promise_offers import dismiss_offer

    dismiss_offer(owner, offer_id)
    console.print(f"Dismissed offer #{offer_id.lstrip('#')}.", markup=False)


def register(app: typer.Typer) -> None:
    from goodwill.cli.main import new_app

    group = new_app(help="Mail and calendars Goodwill reads by itself, on a schedule.", no_args_is_help=True)
    group.command("add-mail")(add_mail)
    group.command("add-calendar")(add_calendar)
    group.command("list")(list_cmd)
    group.command("run")(run_cmd)
    group.command("check")(check_cmd)
    group.command("pause")(pause_cmd)
    group.command("resume")(resume_cmd)
    group.command("remove")(remove_cmd)
    group.command("offers")(offers_cmd)
    group.command("accept")(accept_cmd)
    group.command("dismiss")(dismiss_cmd)
    app.add_typer(group, name="capture")
