"""Reading a subscribed calendar over the network: an ICS address (the stdlib's urllib) or a
CalDAV calendar (the `caldav` library). Each returns parsed icalendar.Calendar objects;
what they mean (meetings to log, meetings ahead) is services.capture's and meetings_import's.

Certificates are always verified. Any failure is one line naming the address (without its
private token) and what to check; nothing here writes.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from base64 import b64encode
from datetime import datetime
from urllib.parse import urlsplit

from goodwill.errors import InvalidInput

TIMEOUT = 30
MAX_BYTES = 50 * 1024 * 1024  # a calendar larger than this is not a calendar anyone subscribes to


def _where(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


def _parse(data: bytes, where: str):
    import icalendar

    try:
        return icalendar.Calendar.from_ical(data)
    except Exception as exc:  # icalendar raises many kinds on broken input: all mean "not a calendar"
        first = (str(exc).splitlines() or [type(exc).__name__])[0][:80]
        raise InvalidInput(f"{where}: the answer is not an iCalendar file ({first}); check the address") from None


class _NoDowngrade(urllib.request.HTTPRedirectHandler):
    """Follow a redirect, but never from https to plain http (the calendar and the login would
    then cross the network in clear), except to this machine."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        target = urlsplit(newurl)
        if (
            urlsplit(req.full_url).scheme == "https"
            and target.scheme != "https"
            and (target.hostname or "").lower() not in ("127.0.0.1", "::1", "localhost")
        ):
            raise InvalidInput(
                f"{_where(req.full_url)} redirects to an unencrypted address; nothing was read",
                code="calendar-http",
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_ics(url: str, user: str | None = None, password: str | None = None) -> list:
    """The calendar at an ICS address, fetched whole (that is how ICS subscriptions work)."""
    where = _where(url)
    request = urllib.request.Request(url, headers={"User-Agent": "Goodwill", "Accept": "text/calendar"})
    if user:
        token = b64encode(f"{user}:{password or ''}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        opener = urllib.request.build_opener(_NoDowngrade)
        with opener.open(request, timeout=TIMEOUT) as response:
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        hint = "check the login and password" if exc.code in (401, 403) else "check the address"
        raise InvalidInput(f"{where} answered {exc.code} ({exc.reason}); {hint}", code="calendar-http-error") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise InvalidInput(
            f"cannot reach the calendar at {where} ({reason}); check the address", code="calendar-unreachable"
        ) from None
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"{where}: the calendar is larger than 50 MB; nothing was read", code="calendar-size")
    return [_parse(data, where)]


def _calendars(client, url: str) -> list:
    """The calendars an address means: that calendar; or, for a server's or an account's address
    (https://caldav.icloud.com/, https://caldav.fastmail.com/dav/), the account's calendars under
    it, or all of them when they live elsewhere (iCloud hands each account its own server)."""
    from urllib.parse import urlsplit

    from caldav.lib import error as caldav_error

    wanted = url.rstrip("/")
    try:
        mine = client.principal().calendars()
    except caldav_error.DAVError:
        mine = []
    exact = [c for c in mine if str(c.url).rstrip("/") == wanted]
    under = [c for c in mine if str(c.url).startswith(wanted + "/")]
    if exact or under:
        return exact or under
    if mine and urlsplit(url).path.strip("/") == "":
        return mine  # the server's own address
    return [client.calendar(url=url)]  # a calendar of someone else's, shared with me


def fetch_caldav(url: str, user: str | None, password: str | None, start: datetime, end: datetime) -> list:
    """The events of a CalDAV calendar between `start` and `end`, recurring ones expanded to
    their occurrences (see _calendars for the addresses it takes)."""
    from caldav.davclient import DAVClient
    from caldav.lib import error as caldav_error

    where = _where(url)
    try:
        with DAVClient(
            url=url, username=user or None, password=password or None, timeout=TIMEOUT, enable_rfc6764=False
        ) as client:
            found = [
                item
                for calendar in _calendars(client, url)
                for item in calendar.search(event=True, start=start, end=end, expand=True)
            ]
            return [item.icalendar_instance for item in found]
    except caldav_error.AuthorizationError:
        raise InvalidInput(
            f"the CalDAV server at {where} refused the login{f' for {user}' if user else ''}; "
            "check the login and the password",
            code="caldav-login",
        ) from None
    except caldav_error.DAVError as exc:
        first = (str(exc).splitlines() or [type(exc).__name__])[0][:120]
        raise InvalidInput(
            f"the CalDAV server at {where} would not list the calendar's events ({first}); check the address",
            code="caldav-error",
        ) from None
    except Exception as exc:  # niquests' and the socket's errors: the server cannot be reached
        first = (str(exc).splitlines() or [type(exc).__name__])[0][:120]
        raise InvalidInput(
            f"cannot reach the CalDAV server at {where} ({first}); check the address", code="calendar-unreachable"
        ) from None
