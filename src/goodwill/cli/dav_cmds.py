"""`goodwill dav ...`: syncing a phone (CardDAV and CalDAV, goodwill.dav).

`dav info` says what to type into the phone (services.dav_info); `dav password add|list|revoke`
manage the per-device passwords it logs in with (services.dav_passwords).

`dav_group()` builds the `goodwill dav` Typer app; another module adds its subcommands to it
with its own `register(dav_app)` (`goodwill dav tasks ...`), called there. Built on each
`register`, as every group is: the CLI builds only the group of the command asked for."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.output import console, emit_json, errors


def _where(addresses) -> None:
    """The server and user name, as the phone's account screen asks for them."""
    console.print(f"Server:    {addresses.server}", markup=False)
    console.print(f"User name: {addresses.username}", markup=False)


def _warn(addresses) -> None:
    if addresses.warning:
        errors.print(f"warning: {addresses.warning}", markup=False)


def dav_info(json: JsonOption = False, demo: DemoOption = False) -> None:
    """What to type into a phone: the server, your user name, and the three collections."""
    owner = open_store(demo)
    from goodwill.services.dav_info import dav_addresses

    addresses = dav_addresses(owner)
    if json:
        emit_json(addresses)
        return
    _where(addresses)
    console.print("Password:  a device password (`goodwill dav password add NAME`), never your login's")
    console.print(f"Contacts (both ways):            {addresses.contacts}", markup=False)
    console.print(f"Next steps and promises (tasks): {addresses.tasks}", markup=False)
    console.print(f"Dates (read-only calendar):      {addresses.dates}", markup=False)
    console.print("Step by step for iPhone, Android (DAVx5) and Thunderbird: docs/phone.md")
    _warn(addresses)


def password_add(
    name: Annotated[str, typer.Argument(help='The device it is for, e.g. "iPhone" or "Thunderbird"')],
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Make a password for one device. It is shown once: type it into the device now."""
    owner = open_store(demo)
    from goodwill.services.dav_info import dav_addresses
    from goodwill.services.dav_passwords import add_device_password

    addresses = dav_addresses(owner)  # first: a bad GOODWILL_BASE_URL makes no password
    new = add_device_password(owner, name)
    if json:
        emit_json(
            {
                "id": new.device.pk,
                "name": new.device.name,
                "password": new.plain,
                "server": addresses.server,
                "username": addresses.username,
            }
        )
        return
    console.print(f'Device password #{new.device.pk} for "{new.device.name}":', markup=False)
    console.print(f"Password:  {new.plain}", markup=False)
    _where(addresses)
    console.print("It will not be shown again: type it into the device now. Case, spaces and dashes don't matter.")
    _warn(addresses)


def password_list(
    all_: Annotated[bool, typer.Option("--all", help="Include revoked passwords")] = False,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Your device passwords: name, created, last used (the password itself is never shown again)."""
    owner = open_store(demo)
    from goodwill import clock
    from goodwill.services.dav_passwords import device_passwords

    devices = device_passwords(owner, include_revoked=all_)
    if json:
        emit_json(
            [
                {
                    "id": d.pk,
                    "name": d.name,
                    "ends_with": d.hint,
                    "created_at": d.created_at,
                    "last_used_at": d.last_used_at,
                    "revoked_at": d.revoked_at,
                }
                for d in devices
            ]
        )
        return
    if not devices:
        console.print("No device passwords. `goodwill dav password add NAME` makes one.")
        return
    from rich.table import Table

    from goodwill.humanize import short_date

    today = clock.today()
    table = Table(box=None)
    for column in ("id", "device", "ends with", "created", "last used", "revoked"):
        table.add_column(column)
    for d in devices:
        table.add_row(
            f"#{d.pk}",
            d.name,
            "…" + d.hint,
            short_date(d.created_at, today),
            short_date(d.last_used_at, today) if d.last_used_at else "never",
            short_date(d.revoked_at, today) if d.revoked_at else "",
        )
    console.print(table)


def password_revoke(
    ref: Annotated[str, typer.Argument(help="The device's name or the password's id, as the list shows them")],
    demo: DemoOption = False,
) -> None:
    """Revoke a device password: that device can't sync from now on."""
    owner = open_store(demo)
    from goodwill.services.dav_passwords import revoke_device_password

    device = revoke_device_password(owner, ref)
    console.print(
        f'Revoked device password #{device.pk} "{device.name}": that device can no longer sync.', markup=False
    )


def dav_group() -> typer.Typer:
    """The `goodwill dav` group: info, password add|list|revoke, and what other modules register."""
    from goodwill.cli.main import new_app

    dav_app = new_app(help="Sync contacts, next steps and dates with a phone (CardDAV, CalDAV).", no_args_is_help=True)
    dav_app.command("info")(dav_info)
    passwords = new_app(help="Device passwords: one per phone or app, shown once.", no_args_is_help=True)
    passwords.command("add")(password_add)
    passwords.command("list")(password_list)
    passwords.command("revoke")(password_revoke)
    dav_app.add_typer(passwords, name="password")
    from goodwill.cli import phone_task_cmds

    phone_task_cmds.register(dav_app)  # goodwill dav tasks [assign|dismiss]
    return dav_app


def register(app: typer.Typer) -> None:
    app.add_typer(dav_group(), name="dav")
