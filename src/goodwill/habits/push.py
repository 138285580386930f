"""Pure rules of pushes: when quiet hours hold, and how a channel's URL is shown.

A push channel is an Apprise URL, and most of them carry their secret in the URL itself
(an ntfy topic, a Telegram bot token, a Slack webhook's path, a password). So a channel is
shown by its kind and, when the URL names a real host, that host: never its path, query or
login. "ntfy://ntfy.sh/mytopic" is shown "ntfy://ntfy.sh/…", "tgram://123:ABC/456" "tgram://…".
"""

from __future__ import annotations

import re
from datetime import time

ELLIPSIS = "…"
# A host worth showing: a dotted name or address, or localhost. A Telegram or Slack URL's
# first part is a token, not a host, and has no dot.
_HOST = re.compile(r"^(localhost|\[[0-9a-fA-F:]+\]|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$")


def mask_url(url: str) -> str:
    """The URL as Settings and lists show it: its scheme and public host, the rest masked."""
    text = url.strip()
    scheme, sep, rest = text.partition("://")
    if not sep or not scheme:
        return ELLIPSIS
    netloc = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    hostport = netloc.rpartition("@")[2]  # never the login or password
    if hostport.startswith("["):  # an IPv6 address: [::1]:8080
        host, _, port = hostport.partition("]")
        host, port = host + "]", port.removeprefix(":")
    else:
        host, _, port = hostport.partition(":")
    shown_host = host if _HOST.match(host) else ""
    if shown_host and port.isdigit():
        shown_host += f":{port}"
    beyond = rest[len(netloc) :].strip("/")
    if not shown_host:
        return f"{scheme.lower()}://{ELLIPSIS}"
    has_secret = bool(beyond) or "@" in netloc
    return f"{scheme.lower()}://{shown_host}" + (f"/{ELLIPSIS}" if has_secret else "")


def is_quiet(at: time, quiet_from: time | None, quiet_until: time | None) -> bool:
    """Whether a local wall-clock time falls in quiet hours [from, until).

    A window may cross midnight (21:00 to 08:00). No window (either end missing), or one that
    starts and ends at the same minute, is never quiet."""
    if quiet_from is None or quiet_until is None:
        return False
    now, start, end = _minute(at), _minute(quiet_from), _minute(quiet_until)
    if start == end:
        return False
    if start < end:
        return start <= now < end
    return now >= start or now < end


def _minute(moment: time) -> int:
    return moment.hour * 60 + moment.minute


_CLOCK = re.compile(r"^(\d{1,2})(?:[:.h]?(\d{2}))?\s*(am|pm)?$")


def parse_clock(text: str) -> time:
    """A time of day as people write it: "21:00", "9:30", "0800", "21h", "9pm", "12am".

    A ValueError says what was wrong."""
    typed = " ".join(text.strip().lower().split()).removesuffix("h")
    found = _CLOCK.match(typed)
    if found is None:
        raise ValueError(f'"{text.strip()}" is not a time of day; write it like 21:00 or 9pm')
    hour, minute, half = int(found.group(1)), int(found.group(2) or 0), found.group(3)
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f'"{text.strip()}": with am or pm the hour is 1 to 12')
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f'"{text.strip()}" is not a time of day; hours run 0 to 23, minutes 0 to 59')
    return time(hour, minute)
