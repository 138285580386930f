"""What one DAV request carries into Radicale's plugins: the Django request (for the
lockout's client address), the vCard version its client wants, and the collections already
refreshed in this request (a PROPFIND then a REPORT read them many times)."""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field

# iOS and macOS (Contacts, dataaccessd, AddressBook) want vCard 3.0; everyone else gets 4.0.
APPLE_AGENTS = ("ios/", "macos/", "mac os x", "dataaccessd", "addressbook", "accountsd")


@dataclass
class DavRequest:
    request: object  # the Django HttpRequest
    vcard_version: str = "4.0"
    refreshed: set[tuple[int, str]] = field(default_factory=set)
    owners: dict[str, object] = field(default_factory=dict)  # username -> user (or None), looked up once
    dates: dict[int, list] = field(default_factory=dict)  # user id -> the dates calendar's items, rendered once


current: ContextVar[DavRequest | None] = ContextVar("goodwill_dav_request", default=None)


_ASKED = re.compile(rb"""version\s*=\s*["']?(3\.0|4\.0)""")
_ADDRESS_DATA = re.compile(rb"<(?:\w+:)?address-data\b[^>]*>", re.IGNORECASE)


def vcard_version_for(user_agent: str, accept: str = "", body: bytes = b"") -> str:
    """The version a client asked for (RFC 6352: an Accept of text/vcard;version=...,
    or the version of an address-data element in a REPORT), else by who it is: iOS and
    macOS want 3.0, everyone else gets 4.0."""
    for asked in (accept.encode("latin-1", "replace"), *(_ADDRESS_DATA.findall(body[:65536]))):
        found = _ASKED.search(asked)
        if found:
            return found[1].decode()
    agent = user_agent.lower()
    return "3.0" if any(mark in agent for mark in APPLE_AGENTS) else "4.0"


def vcard_version() -> str:
    state = current.get()
    return state.vcard_version if state is not None else "4.0"
