"""Forms of the Capture section of Settings: a mail source, a calendar source."""

from __future__ import annotations

from goodwill.errors import InvalidInput
from goodwill.web.forms.base import Flag, Parsed, WebForm, box


def _minutes(typed: str) -> int:
    if not typed.strip().isdecimal():
        raise InvalidInput(f'"{typed}" is not a number of minutes', code="capture-every")
    return int(typed)


def _port(typed: str) -> int:
    if not typed.strip().isdecimal() or len(typed.strip()) > 5:
        raise InvalidInput(f'"{typed}" is not a port number; leave it empty for the usual one', code="imap-port")
    return int(typed)


class MailSourceForm(WebForm):
    name = box()
    host = box()
    user = box()
    password = box(strip=False)
    folder = box()
    port = Parsed(_port)
    security = box()
    every = Parsed(_minutes, empty=15)


class CalendarSourceForm(WebForm):
    name = box()
    url = box()
    caldav = Flag()
    user = box()
    password = box(strip=False)
    every = Parsed(_minutes, empty=15)
