"""Mail: `mail import` (mbox, Maildir, .eml), `mail sync` (IMAP), and `replies`."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, interactive, open_store
from goodwill.cli.output import console, emit_json

MeOption = Annotated[
    list[str] | None,
    typer.Option("--me", help="An address of yours (repeatable); kept in your settings for later imports"),
]
RecentOption = Annotated[
    int,
    typer.Option(
        "--recent", help="Days back in which unanswered mail opens a reply owed and sent mail is read for promises"
    ),
]


def _progress():
    """A progress bar for work past a second, only at a terminal; returns (callback, stop)."""
    import time

    started = time.monotonic()
    state: dict = {"bar": None, "task": None}

    def update(done: int, total: int) -> None:
        if state["bar"] is None:
            if not console.is_terminal or time.monotonic() - started < 1.0:
                return
            from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

            bar = state["bar"] = Progress(
                TextColumn("Reading mail"),
                BarColumn(),
                TaskProgressColumn(),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
            bar.start()
            state["task"] = bar.add_task("mail", total=total or None)
        state["bar"].update(state["task"], completed=done, total=total or None)

    def stop() -> None:
        if state["bar"] is not None:
            state["bar"].stop()

    return update, stop


def import_cmd(
    paths: Annotated[list[str], typer.Argument(help="mbox files, Maildir folders, .eml files, or folders of them")],
    me: MeOption = None,
    apply: Annotated[
        bool, typer.Option("--apply", help="Write the import (without it, a dry run shows what would happen)")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Import nothing if any message cannot be read")] = False,
    recent: RecentOption = 30,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Log the mail you exchanged with people you know; find the replies you owe."""
    owner = open_store(demo)
    from goodwill.services.mail_import import import_mail

    update, stop = _progress()
    try:
        report = import_mail(owner, paths, me=me or [], apply=apply, strict=strict, recent_days=recent, progress=update)
    finally:
        stop()
    _print(report, json, strict=strict)
    if strict and report.skipped:
        raise typer.Exit(2)


def sync_cmd(
    host: Annotated[str, typer.Option("--host", help="IMAP server, e.g. imap.gmail.com")],
    user: Annotated[str, typer.Option("--user", help="Login, usually your address")],
    folder: Annotated[
        str, typer.Option("--folder", help='Folder to read, e.g. INBOX or "[Gmail]/Sent Mail"')
    ] = "INBOX",
    port: Annotated[int | None, typer.Option("--port", help="Default 993 with --ssl, 143 otherwise")] = None,
    password_env: Annotated[
        str | None,
        typer.Option("--password-env", help="Environment variable holding the password (else you are asked)"),
    ] = None,
    ssl: Annotated[bool, typer.Option("--ssl", help="TLS from the start (the default)")] = False,
    starttls: Annotated[bool, typer.Option("--starttls", help="Plain connection upgraded with STARTTLS")] = False,
    plain: Annotated[bool, typer.Option("--plain", help="No encryption: only for a server on this machine")] = False,
    ca_file: Annotated[
        str | None,
        typer.Option(
            "--ca-file", help="PEM file of a CA to trust besides the system's (a company's or your own server's)"
        ),
    ] = None,
    me: MeOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what the sync would log, write nothing")] = False,
    full: Annotated[
        bool, typer.Option("--full", help="Read the whole folder again, not only what is new (nothing is logged twice)")
    ] = False,
    recent: RecentOption = 30,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Fetch new mail from an IMAP folder (only what is new since the last sync)."""
    import os

    from goodwill.errors import InvalidInput

    if sum([ssl, starttls, plain]) > 1:
        raise InvalidInput("choose one of --ssl, --starttls and --plain")
    security = "starttls" if starttls else "plain" if plain else "ssl"
    if password_env:
        password = os.environ.get(password_env)
        if password is None:
            raise InvalidInput(
                f"the variable {password_env} is not set; export it, or leave out --password-env to be asked"
            )
    elif interactive():
        password = typer.prompt(f"Password for {user} at {host}", hide_input=True)
    else:
        raise InvalidInput("no password: give --password-env VAR with the password in that variable")
    owner = open_store(demo)
    from goodwill.services.mail_sync import ImapAccount, sync_mail

    account = ImapAccount(
        host=host, user=user, password=password, folder=folder, port=port, security=security, ca_file=ca_file
    )
    update, stop = _progress()
    try:
        report = sync_mail(
            owner, account, me=me or [], apply=not dry_run, recent_days=recent, full=full, progress=update
        )
    finally:
        stop()
    if not report.read and not json:
        console.print(f"No new mail in {folder} since the last sync.", markup=False)
        return
    _print(report, json, sync=True)


def _print(report, json: bool, *, strict: bool = False, sync: bool = False) -> None:
    if json:
        emit_json(report)
        return
    out = lambda text: console.print(text, markup=False)  # noqa: E731 - mail text is never markup
    verb = "Imported" if report.applied else "Dry run, nothing written"
    out(f"{verb}: {report.read:,} messages from {', '.join(report.paths)} (you: {', '.join(report.me)})")
    out(
        f"  logged     {report.logged:>7,}  ({report.inbound:,} from them, {report.outbound:,} from you, "
        f"{report.threads:,} threads)"
    )
    out(f"  unchanged  {report.unchanged:>7,}  (logged before)")
    reasons = ", ".join(f"{n} {why}" for why, n in list(report.automated_reasons.items())[:4])
    out(f"  automated  {report.automated:>7,}" + (f"  ({reasons})" if reasons else ""))
    out(f"  unknown    {report.unknown:>7,}  (nobody you know; add them and import again)")
    if report.skipped:
        out(f"  skipped    {report.skipped:>7,}  (could not be read)")
        for problem in report.problems[:20]:
            out(f"    {problem}")
        if report.skipped > 20:
            out(f"    … and {report.skipped - 20} more (--json lists up to 500)")
    out(
        f"Replies owed: {report.replies_owed} new"
        + (f", {report.replies_closed} answered" if report.replies_closed else "")
        + f". Promises found in your mail: {report.promises}."
    )
    if strict and report.skipped:
        out("--strict: nothing was imported because of the messages above.")
    elif report.applied:
        out(f"Batch #{report.batch_id}. Undo with: goodwill import undo {report.batch_id}")
    elif not sync:
        out("Run again with --apply to import.")


def replies_cmd(
    months: Annotated[int, typer.Option("--months", help="Months of response-time statistics")] = 12,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Replies I owe, oldest first, and how fast I answer, per month."""
    from goodwill.errors import InvalidInput

    if not 1 <= months <= 120:
        raise InvalidInput(f"--months must be from 1 to 120, not {months}")
    owner = open_store(demo)
    from goodwill.queries.replies import replies_view

    view = replies_view(owner, months=months)
    if json:
        emit_json(view)
        return
    from rich.table import Table
    from rich.text import Text

    from goodwill.humanize import age_in_hours, hours_taken, share

    window = f"{view.response_window_days} business day" + ("s" if view.response_window_days != 1 else "")
    if view.owed:
        table = Table(title=f"Replies I owe ({len(view.owed)}; window {window})", title_justify="left")
        for column in ("Interaction", "Who", "What", "Age", "Status"):  # not "#": #N names a person
            table.add_column(column)
        for row in view.owed:
            late = (
                f"{row.days_late:.1f} business days" if row.days_late >= 1 else f"{max(1, round(row.days_late * 24))} h"
            )
            status = Text(f"{late} late", style="red") if row.overdue else "within the window"
            table.add_row(
                str(row.interaction_id), row.person_name, row.summary[:70], age_in_hours(row.age_hours), status
            )
        console.print(table)
        console.print("Answer, then `goodwill replied NAME` (imported mail closes them on the next import).")
    else:
        console.print(f"No replies owed. (Window: {window}.)")
    if not view.months:
        console.print("No response times yet: they come from calls and emails that awaited your answer.")
        return
    table = Table(title="How fast I answer", title_justify="left")
    for column in ("Month", "Answered", "Median", "Mean", "In window", "Unanswered late"):
        table.add_column(column, justify="right" if column != "Month" else "left")
    for stats in view.months + [view.overall]:
        table.add_row(
            stats.month,
            str(stats.answered),
            hours_taken(stats.median_hours),
            hours_taken(stats.mean_hours),
            share(stats.within_window),
            str(stats.unanswered_late),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    from goodwill.cli.main import new_app

    group = new_app(help="Mail: import an mbox or Maildir, or sync an IMAP folder.", no_args_is_help=True)
    group.command("import")(import_cmd)
    group.command("sync")(sync_cmd)
    app.add_typer(group, name="mail")
    app.command("replies")(replies_cmd)
