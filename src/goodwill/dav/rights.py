"""Who may do what (Radicale's rights plugin): a user reaches only their own principal and its
three collections; `dates` is read-only; no collection is made, renamed or deleted by a client."""

from __future__ import annotations

from radicale import pathutils
from radicale.rights import BaseRights

WRITABLE = {"contacts", "tasks"}
READ_ONLY = {"dates"}


class Rights(BaseRights):
    def authorization(self, user: str, user_groups: set, path: str) -> str:
        if not user:
            return ""
        parts = pathutils.strip_path(path).split("/") if pathutils.strip_path(path) else []
        if not parts:
            return "R"  # the root: enough to find one's principal
        if parts[0] != user:
            return ""
        if len(parts) == 1:
            return "R"  # the principal: read, never make collections in it
        if len(parts) == 2 and parts[1] in WRITABLE:
            return "rw"
        if len(parts) == 2 and parts[1] in READ_ONLY:
            return "r"
        return ""
