"""`goodwill feed url` and `goodwill feed off`: the calendar feed's address (services.feed)."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.output import console, emit_json, errors

# Older scripts passed the server's address each time; GOODWILL_BASE_URL says it once for every door.
BaseOption = Annotated[
    str | None,
    typer.Option("--base", hidden=True, help="The server's address for this once, instead of GOODWILL_BASE_URL"),
]


def _show(address, *, rotated: bool, json: bool) -> None:
    if json:
        emit_json(address)
        return
    if rotated:
        console.print("New calendar feed address (the old one no longer works):")
    console.print(address.url, markup=False)  # first, alone on its line, for scripts
    console.print(f"Apple Calendar: {address.webcal_url}", markup=False)
    console.print(
        f"Google Calendar and Outlook (steps as events; they ignore to-dos): {address.events_url}", markup=False
    )
    console.print(
        "Keep it secret: anyone with the address sees your reminders. "
        "`goodwill feed url --rotate` replaces it, `goodwill feed off` turns it off."
    )
    if address.warning:
        errors.print(f"warning: {address.warning}", markup=False)


def feed_url(
    rotate: Annotated[
        bool, typer.Option("--rotate", help="Make a new address; the old one stops working at once")
    ] = False,
    base: BaseOption = None,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """The calendar feed's address, to subscribe to in Outlook, Google or Apple Calendar (made on first use)."""
    owner = open_store(demo)
    from goodwill.services.feed import feed_url as address
    from goodwill.services.feed import rotate_feed

    _show(rotate_feed(owner, base) if rotate else address(owner, base), rotated=rotate, json=json)


def feed_off(demo: DemoOption = False) -> None:
    """Turn the calendar feed off; its address stops working."""
    owner = open_store(demo)
    from goodwill.services.feed import turn_feed_off

    turn_feed_off(owner)
    console.print("Calendar feed turned off. `goodwill feed url` makes a new address when you want it back.")


# The names docs/api.md promised before `--rotate` and `off`: kept working, out of --help.
def feed_regenerate(base: BaseOption = None, json: JsonOption = False, demo: DemoOption = False) -> None:
    """A new feed address (the same as `goodwill feed url --rotate`)."""
    feed_url(rotate=True, base=base, json=json, demo=demo)


def feed_revoke(demo: DemoOption = False) -> None:
    """Turn the feed off (the same as `goodwill feed off`)."""
    feed_off(demo=demo)


def register(app: typer.Typer) -> None:
    from goodwill.cli.main import new_app

    feed = new_app(help="The calendar feed of your reminders.", no_args_is_help=True)
    feed.command("url")(feed_url)
    feed.command("off")(feed_off)
    feed.command("regenerate", hidden=True)(feed_regenerate)
    feed.command("revoke", hidden=True)(feed_revoke)
    app.add_typer(feed, name="feed")
