"""Pushes for what can't wait: channels (push add, list, test, pause, resume, remove), quiet
hours (push quiet) and the switch (push on, push off). Thin over goodwill.services.push."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.output import console, emit_json, fail


def _fields(channel) -> dict:
    from goodwill.services.push import channel_fields  # lazily: services need Django set up

    return channel_fields(channel)


IdArgument = Annotated[str, typer.Argument(help="The channel's id, as `goodwill push list` shows it")]


def push_add(
    name: Annotated[str, typer.Argument(help='What to call the channel, e.g. "phone"')],
    url: Annotated[
        str,
        typer.Argument(help="Its Apprise URL, e.g. ntfys://ntfy.sh/TOPIC; - reads it from standard input"),
    ],
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Add a push channel: one Apprise URL (ntfy, Telegram, Slack, Matrix, Signal, mail ...)."""
    if url == "-":
        import sys

        url = sys.stdin.readline().strip()
    owner = open_store(demo)
    from goodwill.services.push import add_channel

    channel = add_channel(owner, name, url)
    if json:
        emit_json(_fields(channel))
        return
    console.print(f'Added push channel #{channel.pk} "{channel.name}" ({channel.shown}).', markup=False)
    console.print(f"`goodwill push test {channel.pk}` sends a test push now.", markup=False)


def _quiet_words(settings) -> str:
    if settings.quiet_from is None or settings.quiet_until is None:
        return "no quiet hours"
    return f"quiet {settings.quiet_from:%H:%M} to {settings.quiet_until:%H:%M} ({settings.time_zone})"


def push_list(json: JsonOption = False, demo: DemoOption = False) -> None:
    """Your push channels, whether pushes are on, and the quiet hours."""
    owner = open_store(demo)
    from goodwill import clock
    from goodwill.humanize import short_date
    from goodwill.services.push import push_settings

    settings = push_settings(owner)
    if json:
        emit_json(
            {
                "on": settings.on,
                "quiet_from": f"{settings.quiet_from:%H:%M}" if settings.quiet_from else None,
                "quiet_until": f"{settings.quiet_until:%H:%M}" if settings.quiet_until else None,
                "time_zone": settings.time_zone,
                "channels": [_fields(c) for c in settings.channels],
            }
        )
        return
    console.print(f"Pushes are {'on' if settings.on else 'off'}; {_quiet_words(settings)}.", markup=False)
    if not settings.channels:
        console.print("No push channels. `goodwill push add NAME URL` adds one.", markup=False)
        return
    from rich.table import Table

    today = clock.today()
    table = Table(box=None)
    for column in ("id", "name", "url", "state", "last sent", "last error"):
        table.add_column(column)
    for c in settings.channels:
        table.add_row(
            f"#{c.pk}",
            c.name,
            c.shown,
            "paused" if c.paused else "on",
            short_date(c.last_sent_at, today) if c.last_sent_at else "",
            c.last_error[:80],
        )
    console.print(table)


def push_test(
    channel_id: Annotated[
        str | None, typer.Argument(help="The channel to test; without it, every channel not paused")
    ] = None,
    demo: DemoOption = False,
) -> None:
    """Send a test push now (whatever the hour): exits 1 when one did not arrive."""
    owner = open_store(demo)
    from goodwill.services.push import test_channel

    deliveries = test_channel(owner, channel_id)
    for d in deliveries:
        if d.delivered:
            console.print(f'Test push sent to #{d.channel.pk} "{d.channel.name}".', markup=False)
        else:
            fail(f'the test push to #{d.channel.pk} "{d.channel.name}" was not delivered: {d.error}')
    if not all(d.delivered for d in deliveries):
        raise typer.Exit(1)


def push_pause(channel_id: IdArgument, demo: DemoOption = False) -> None:
    """Pause a channel: nothing is sent to it until it is resumed."""
    owner = open_store(demo)
    from goodwill.services.push import set_paused

    channel = set_paused(owner, channel_id, True)
    console.print(f'Paused push channel #{channel.pk} "{channel.name}".', markup=False)


def push_resume(channel_id: IdArgument, demo: DemoOption = False) -> None:
    """Resume a paused channel."""
    owner = open_store(demo)
    from goodwill.services.push import set_paused

    channel = set_paused(owner, channel_id, False)
    console.print(f'Resumed push channel #{channel.pk} "{channel.name}".', markup=False)


def push_remove(channel_id: IdArgument, demo: DemoOption = False) -> None:
    """Remove a channel; its URL is forgotten."""
    owner = open_store(demo)
    from goodwill.services.push import remove_channel

    channel = remove_channel(owner, channel_id)
    console.print(f'Removed push channel #{channel.pk} "{channel.name}".', markup=False)


def push_quiet(
    start: Annotated[str | None, typer.Argument(help="When quiet hours start, e.g. 21:00")] = None,
    end: Annotated[str | None, typer.Argument(help="When they end, e.g. 08:00 (the next morning is fine)")] = None,
    off: Annotated[bool, typer.Option("--off", help="No quiet hours: pushes at any hour")] = False,
    demo: DemoOption = False,
) -> None:
    """Quiet hours, in your zone: pushes wait until they end. Without times, shows them."""
    from goodwill.errors import InvalidInput

    if off and (start or end):
        raise InvalidInput("give either the two times or --off, not both", code="quiet-off")
    owner = open_store(demo)
    from goodwill.services.push import push_settings, read_clock, set_quiet

    if off:
        settings = set_quiet(owner, None, None)
    elif start is not None or end is not None:
        settings = set_quiet(
            owner, read_clock(start, "start") if start else None, read_clock(end, "end") if end else None
        )
    else:
        settings = push_settings(owner)
    words = _quiet_words(settings)
    console.print(words[0].upper() + words[1:] + ".", markup=False)


def push_on(demo: DemoOption = False) -> None:
    """Turn pushes on: what can't wait goes to every channel not paused."""
    owner = open_store(demo)
    from goodwill.services.push import set_push

    settings = set_push(owner, True)
    console.print(f"Pushes are on; {_quiet_words(settings)}.", markup=False)
    if not settings.channels:
        console.print("No push channel yet: `goodwill push add NAME URL` adds one.", markup=False)


def push_off(demo: DemoOption = False) -> None:
    """Turn pushes off (channels are kept)."""
    owner = open_store(demo)
    from goodwill.services.push import set_push

    set_push(owner, False)
    console.print("Pushes are off.", markup=False)


def register(app: typer.Typer) -> None:
    from goodwill.cli.main import new_app

    push = new_app(help="Pushes for what can't wait, through Apprise, with quiet hours.", no_args_is_help=True)
    push.command("add")(push_add)
    push.command("list")(push_list)
    push.command("test")(push_test)
    push.command("pause")(push_pause)
    push.command("resume")(push_resume)
    push.command("remove")(push_remove)
    push.command("quiet")(push_quiet)
    push.command("on")(push_on)
    push.command("off")(push_off)
    app.add_typer(push, name="push")
