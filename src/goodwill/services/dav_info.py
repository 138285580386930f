"""What to type into a phone to sync with Goodwill (CardDAV and CalDAV, goodwill.dav): the
server's address, the user name, and the three collections. One shape for every door:
`goodwill dav info`, Settings' "Phone and other devices" and GET /api/v1/dav.

The addresses are built under the one the server is reached at (`config.base_url()`, set
with GOODWILL_BASE_URL), like the calendar feed's. A phone reaches the server from elsewhere
and over TLS only (the DAV server refuses plain http outside loopback): a loopback address
or a plain-http one is said plainly, with what to do about it."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from goodwill.services.feed import checked_base, unreachable_from_elsewhere

DAV_PATH = "/dav/"  # where the web app mounts the DAV server (goodwill.dav)
COLLECTIONS = ("contacts", "tasks", "dates")  # models.DavCollection's values, as the server names them

LOOPBACK_WARNING = (
    "the server's address {base} is this machine's own: a phone can't reach it, only a client on this "
    "machine (Thunderbird) can sync; to sync a phone, serve Goodwill behind HTTPS and set GOODWILL_BASE_URL "
    "to its https:// address (docs/phone.md)"
)
PLAIN_HTTP_WARNING = (
    "the server's address {base} is plain http: the DAV server refuses phones over it; put Goodwill behind "
    "an HTTPS proxy and set GOODWILL_BASE_URL to its https:// address (docs/phone.md)"
)


@dataclass(frozen=True)
class DavAddresses:
    server: str  # what to type into the phone as the server: https://goodwill.example.com/dav/
    username: str  # the Goodwill user name; the password is a device password, never the login's
    contacts: str  # the address book (CardDAV), both ways
    tasks: str  # open next steps and promises (CalDAV to-dos), both ways
    dates: str  # birthdays, important dates and planned touches (CalDAV events), read-only
    reachable_from_phone: bool  # https and not loopback: a phone elsewhere can sync
    warning: str  # why a phone can't, and what to do about it; empty when it can


def dav_addresses(owner, base: str | None = None) -> DavAddresses:
    """The owner's DAV addresses under `base` (default: config.base_url()).
    An address that is not a web address is InvalidInput naming it."""
    base, host = checked_base(base)
    username = owner.get_username()
    server = base + DAV_PATH
    home = server + quote(username, safe="@+") + "/"
    contacts, tasks, dates = (home + name + "/" for name in COLLECTIONS)
    if unreachable_from_elsewhere(host):
        warning = LOOPBACK_WARNING.format(base=base)
    elif urlsplit(base).scheme != "https":
        warning = PLAIN_HTTP_WARNING.format(base=base)
    else:
        warning = ""
    return DavAddresses(
        server=server,
        username=username,
        contacts=contacts,
        tasks=tasks,
        dates=dates,
        reachable_from_phone=not warning,
        warning=warning,
    )
