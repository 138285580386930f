"""Pushes for what can't wait: channels (one Apprise URL each), a test push, the on/off
switch and quiet hours. The same service as `goodwill push` and Settings (services.push).

A channel's URL is write-only: it is kept as a secret, and answers show only its masked form."""

from __future__ import annotations

from datetime import datetime, time
from typing import Annotated

from ninja import Field, Router, Schema, Status

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Id, Input
from goodwill.services.push import channel_fields

router = Router(tags=["push"])

Clock = Annotated[str, Chars(20)]


class ChannelOut(Schema):
    id: int
    name: str
    shown: str = Field(description='The URL with its secrets masked, e.g. "ntfys://ntfy.sh/…"')
    paused: bool
    created_at: datetime
    last_sent_at: datetime | None = Field(description="When a push last arrived there")
    last_error: str = Field(description="Why the last push did not arrive; empty once one does")


class ChannelIn(Input):
    name: Annotated[str, Chars(100)] = Field(description='What to call it, e.g. "phone"')
    url: Annotated[str, Chars(2000)] = Field(
        description="Its Apprise URL, e.g. ntfys://ntfy.sh/TOPIC or tgram://BOT_TOKEN/CHAT_ID; never shown again"
    )


class ChannelPatch(Input):
    paused: bool = Field(description="true: nothing is sent to it; false: it gets pushes again")


class DeliveryOut(Schema):
    channel: ChannelOut
    delivered: bool
    error: str = Field(description="Why it did not arrive, in Apprise's words; empty when it did")


class PushSettingsOut(Schema):
    on: bool = Field(description="Whether urgent items are pushed")
    quiet_from: str | None = Field(description="Quiet hours start (HH:MM, in time_zone); null: no quiet hours")
    quiet_until: str | None = Field(description="Quiet hours end (HH:MM); may be the next morning")
    time_zone: str = Field(description="The zone quiet hours are read in")
    channels: list[ChannelOut]


class PushSettingsIn(Input):
    """All three are set: quiet_from and quiet_until both null means no quiet hours."""

    on: bool
    quiet_from: Clock | None = Field(description='e.g. "21:00" or "9pm"; null with quiet_until for none')
    quiet_until: Clock | None = Field(description='e.g. "08:00"')


def _hhmm(value: time | None) -> str | None:
    return f"{value:%H:%M}" if value is not None else None


def _settings_out(settings) -> dict:
    return {
        "on": settings.on,
        "quiet_from": _hhmm(settings.quiet_from),
        "quiet_until": _hhmm(settings.quiet_until),
        "time_zone": settings.time_zone,
        "channels": [channel_fields(c) for c in settings.channels],
    }


@router.get("/channels", response={200: list[ChannelOut], **ERRORS}, summary="My push channels")
def list_channels(request):
    from goodwill.services.push import list_channels as channels

    return [channel_fields(c) for c in channels(request.auth)]


@router.post("/channels", response={201: ChannelOut, **ERRORS}, summary="Add a push channel")
def add_channel(request, payload: ChannelIn):
    """The URL is checked by Apprise; a URL it does not accept is a 400 saying what is wrong."""
    from goodwill.services.push import add_channel as add

    return Status(201, channel_fields(add(request.auth, payload.name, payload.url)))


@router.patch("/channels/{channel_id}", response={200: ChannelOut, **ERRORS}, summary="Pause or resume a channel")
def change_channel(request, channel_id: Id, payload: ChannelPatch):
    from goodwill.services.push import set_paused

    return channel_fields(set_paused(request.auth, channel_id, payload.paused))


@router.delete("/channels/{channel_id}", response={204: None, **ERRORS}, summary="Remove a channel")
def remove_channel(request, channel_id: Id):
    """Its URL is forgotten."""
    from goodwill.services.push import remove_channel as remove

    remove(request.auth, channel_id)
    return Status(204, None)


@router.post("/channels/{channel_id}/test", response={200: DeliveryOut, **ERRORS}, summary="Send a test push now")
def test_channel(request, channel_id: Id):
    """Whatever the hour or the on/off switch. A push that did not arrive is still a 200:
    `delivered` is false and `error` says why."""
    from goodwill.services.push import test_channel as send_test

    [delivery] = send_test(request.auth, channel_id)
    return {"channel": channel_fields(delivery.channel), "delivered": delivery.delivered, "error": delivery.error}


@router.get("/settings", response={200: PushSettingsOut, **ERRORS}, summary="Pushes on or off, and quiet hours")
def read_settings(request):
    from goodwill.services.push import push_settings

    return _settings_out(push_settings(request.auth))


@router.put("/settings", response={200: PushSettingsOut, **ERRORS}, summary="Set pushes on or off, and quiet hours")
def put_settings(request, payload: PushSettingsIn):
    """All or nothing: a bad time changes nothing."""
    from django.db import transaction

    from goodwill.services.push import read_clock, set_push, set_quiet

    def clock(text: str | None, which: str) -> time | None:
        return read_clock(text, which) if text is not None else None

    owner = request.auth
    with transaction.atomic():
        set_quiet(owner, clock(payload.quiet_from, "start"), clock(payload.quiet_until, "end"))
        return _settings_out(set_push(owner, payload.on))
