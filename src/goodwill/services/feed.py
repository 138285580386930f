"""The calendar feed's address, as every door shows it (`goodwill feed url`, Settings, the API).

The address is built under the one the server is reached at (`config.base_url()`, set with
GOODWILL_BASE_URL), never the one a request happened to come in on, so the CLI, the web and
the API give the same URL. A calendar cloud (Google, Outlook.com, iCloud) fetches the feed from
its own servers: when that address is this machine's loopback, the address works only for a
calendar app on this machine, and every door says so with the same warning.

The token itself (made, replaced, revoked) is services.tokens' business."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from goodwill import config
from goodwill.errors import InvalidInput
from goodwill.hosts import is_loopback_host
from goodwill.services.tokens import ensure_feed_token, feed_token, regenerate_feed_token, revoke_feed_token

# Where api/urls.py serves the feed (a test holds the two equal).
FEED_PATH = "/feed/{token}.ics"
# Google Calendar and Outlook ignore to-dos: this asks the feed for steps as all-day events.
EVENTS_QUERY = "?events=1"
LOOPBACK_WARNING = (
    "calendar clouds (Google, Outlook.com, iCloud) can't reach {host}; set GOODWILL_BASE_URL "
    "to the address the server is reached at (a calendar app on this machine, such as Apple Calendar, can)"
)


@dataclass(frozen=True)
class FeedAddress:
    url: str  # https://goodwill.example.com/feed/TOKEN.ics: what a calendar subscribes to
    webcal_url: str  # the same as webcal://, which Apple Calendar opens as a new subscription
    events_url: str  # steps and promises as all-day events too, for Google Calendar and Outlook
    local_only: bool  # the server's address is loopback: no calendar cloud can reach it
    warning: str  # what to do about it when local_only, else ""


def checked_base(base: str | None = None) -> tuple[str, str]:
    """The server's address without a trailing slash (default: config.base_url()) and its host,
    or an error naming the address and the form it should take."""
    base = (base if base is not None else config.base_url()).strip().rstrip("/")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise InvalidInput(
            f'the server address "{base}" is not a web address; write it like https://goodwill.example.com',
            code="base-url",
        )
    return base, parts.hostname


def unreachable_from_elsewhere(host: str) -> bool:
    """Loopback, or 0.0.0.0 / :: (an address to listen on, not to be reached at): no calendar cloud gets here."""
    if is_loopback_host(host):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def address_for(token: str, base: str | None = None) -> FeedAddress:
    """The feed's address for this token under `base` (default: config.base_url())."""
    base, host = checked_base(base)
    url = base + FEED_PATH.format(token=token)
    local = unreachable_from_elsewhere(host)
    return FeedAddress(
        url=url,
        webcal_url="webcal://" + url.split("://", 1)[1],
        events_url=url + EVENTS_QUERY,
        local_only=local,
        warning=LOOPBACK_WARNING.format(host=host) if local else "",
    )


def current_feed(owner, base: str | None = None) -> FeedAddress | None:
    """The feed's address, or None when the feed is off (nothing is made)."""
    token = feed_token(owner)
    return address_for(token, base) if token else None


def feed_url(owner, base: str | None = None) -> FeedAddress:
    """The feed's address, turning the feed on (a new token) on first use; the same address after that."""
    checked_base(base)  # a bad address turns nothing on
    return address_for(ensure_feed_token(owner), base)


def rotate_feed(owner, base: str | None = None) -> FeedAddress:
    """A new address; the old one answers 404 from now on (calendars subscribed to it must subscribe again)."""
    checked_base(base)  # a bad address leaves the old token working
    return address_for(regenerate_feed_token(owner), base)


def turn_feed_off(owner) -> None:
    """No address serves the feed until it is turned on again (with a new one)."""
    revoke_feed_token(owner)
