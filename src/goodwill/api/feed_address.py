"""The calendar feed's address, as `goodwill feed url` and Settings give it (services.feed):
GET /feed/url (made on first use), POST /feed/rotate, DELETE /feed (turn it off)."""

from __future__ import annotations

from ninja import Field, Router, Schema, Status

from goodwill.api.errors import ERRORS

router = Router(tags=["calendar feed"])


class FeedOut(Schema):
    url: str = Field(description="What a calendar subscribes to: https://…/feed/TOKEN.ics. Keep it secret.")
    webcal_url: str = Field(description="The same as webcal://, which Apple Calendar opens as a subscription")
    events_url: str = Field(
        description="Steps and promises as all-day events too (?events=1), for Google Calendar and Outlook, "
        "which ignore to-dos"
    )
    local_only: bool = Field(
        description="The server's address (GOODWILL_BASE_URL) is this machine's loopback: "
        "no calendar cloud can fetch the feed"
    )
    warning: str = Field(description="What to do about it when local_only, else empty")


@router.get("/url", response={200: FeedOut, **ERRORS}, summary="The calendar feed's address")
def feed_url(request):
    """The same address every time; the first call turns the feed on (after DELETE, with a new address)."""
    from goodwill.services.feed import feed_url as address

    return address(request.auth)


@router.post("/rotate", response={200: FeedOut, **ERRORS}, summary="A new calendar feed address")
def rotate(request):
    """The old address answers 404 from now on; calendars subscribed to it must subscribe again."""
    from goodwill.services.feed import rotate_feed

    return rotate_feed(request.auth)


@router.delete("", response={204: None, **ERRORS}, summary="Turn the calendar feed off")
def turn_off(request):
    """Its address answers 404 until GET /feed/url turns the feed on again with a new one.
    400 when it is already off."""
    from goodwill.services.feed import turn_feed_off

    turn_feed_off(request.auth)
    return Status(204, None)
