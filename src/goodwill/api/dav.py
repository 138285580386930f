"""Phone sync's doors in the API, as `goodwill dav` and Settings give them: GET /dav (what to
type into the phone, services.dav_info) and the device passwords it logs in with
(services.dav_passwords): list, add (the password is in that answer only), revoke.

An API token manages device passwords; a device password never opens the API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Field, Router, Schema, Status

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Id, Input

router = Router(tags=["phone sync"])


class DavOut(Schema):
    server: str = Field(description="What to type into the phone as the server: https://…/dav/")
    username: str = Field(description="The user name to type; the password is a device password")
    contacts: str = Field(description="The address book (CardDAV), synced both ways")
    tasks: str = Field(description="Open next steps and promises as to-dos (CalDAV), synced both ways")
    dates: str = Field(description="Birthdays, important dates and planned touches (CalDAV), read-only")
    reachable_from_phone: bool = Field(
        description="The server's address (GOODWILL_BASE_URL) is https and not this machine's loopback"
    )
    warning: str = Field(description="Why a phone can't sync and what to do about it; empty when it can")


class DevicePasswordOut(Schema):
    id: int
    name: str = Field(description='The device it is for, e.g. "iPhone"')
    ends_with: str = Field(description="The password's last characters, to tell devices apart")
    created_at: datetime
    last_used_at: datetime | None = Field(description="When a device last logged in with it (to the minute)")
    revoked_at: datetime | None = Field(description="When it was revoked; null while it works")


class NewDevicePasswordOut(DevicePasswordOut):
    password: str = Field(description="The password itself, in this answer only: it is never shown again")
    server: str = Field(description="What to type into the phone as the server")
    username: str = Field(description="The user name to type with it")


class DevicePasswordIn(Input):
    name: Annotated[str, Chars(60)] = Field(description='The device it is for, e.g. "iPhone" or "Thunderbird"')


def _device(device) -> dict:
    return {
        "id": device.pk,
        "name": device.name,
        "ends_with": device.hint,
        "created_at": device.created_at,
        "last_used_at": device.last_used_at,
        "revoked_at": device.revoked_at,
    }


@router.get("", response={200: DavOut, **ERRORS}, summary="What to type into a phone to sync")
def addresses(request):
    """The server, the user name and the three collections, under GOODWILL_BASE_URL."""
    from goodwill.services.dav_info import dav_addresses

    return dav_addresses(request.auth)


@router.get("/passwords", response={200: list[DevicePasswordOut], **ERRORS}, summary="My device passwords")
def list_passwords(request, all: bool = False):
    """Working ones, newest first; `all=true` adds the revoked ones."""
    from goodwill.services.dav_passwords import device_passwords

    return [_device(d) for d in device_passwords(request.auth, include_revoked=all)]


@router.post("/passwords", response={201: NewDevicePasswordOut, **ERRORS}, summary="Make a device password")
def add_password(request, payload: DevicePasswordIn):
    """The password is in this answer only. 400 when the name is empty, too long, or already
    has a working password."""
    from goodwill.services.dav_info import dav_addresses
    from goodwill.services.dav_passwords import add_device_password

    where = dav_addresses(request.auth)  # first: a bad GOODWILL_BASE_URL makes no password
    new = add_device_password(request.auth, payload.name)
    return Status(
        201, _device(new.device) | {"password": new.plain, "server": where.server, "username": where.username}
    )


@router.post(
    "/passwords/{password_id}/revoke", response={200: DevicePasswordOut, **ERRORS}, summary="Revoke a device password"
)
def revoke_password(request, password_id: Id):
    """That device can't sync from now on. 400 when it is already revoked."""
    from goodwill.services.dav_passwords import revoke_device_password

    return _device(revoke_device_password(request.auth, password_id))
