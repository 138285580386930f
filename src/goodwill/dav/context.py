"""What one DAV request carries into Radicale's plugins: the Django request (for the
lockout's client address), the vCard version its client wants, and the collections already
refreshed in this request (a PROPFIND then a REPORT read them many times)."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field

# iOS and macOS (Contacts, dataaccessd, AddressBook) want vCard 3.0; everyone else gets 4.0.
APPLE_AGENTS = ("ios/", "macos/", "mac os x", "dataaccessd", "addressbook", "accountsd")


@dataclass
class DavRequest:
    request: object  # the Django HttpRequest
    vcard_version: str = "4.0"
    refreshed: set[tuple[int, str]] = field(default_factory=set)


current: ContextVar[DavRequest | None] = ContextVar("goodwill_dav_request", default=None)


def vcard_version_for(user_agent: str) -> str:
    agent = user_agent.lower()
    return "3.0" if any(mark in agent for mark in APPLE_AGENTS) else "4.0"


def vcard_version() -> str:
    state = current.get()
    return state.vcard_version if state is not None else "4.0"
