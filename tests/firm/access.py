"""One row of the firm's access tables: who may do what, and what everyone else gets.

Roles: owner (alice), teammate (bob), partner (pat), admin (ada), outsider (charlie).
Anyone else logged in gets `denied` (a plain 404, as for anything not theirs); nobody logged
in is sent to the login page (web) or gets 401 (API)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    method: str  # get, post, put, patch, delete
    path: str  # with {placeholders} from the firm fixture's ids
    allowed: frozenset[str]  # the roles that get `ok`
    body: dict | None = None
    ok: int = 200
    denied: int = 404

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"


EVERYONE = frozenset({"owner", "teammate", "partner", "admin", "outsider"})
PARTNERS = frozenset({"partner", "admin"})
ADMINS = frozenset({"admin"})
