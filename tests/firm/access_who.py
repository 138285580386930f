"""Access rows for who knows whom (tests/firm/test_access.py runs them): everyone in the firm
may search; a person's ties only for the person's owner."""

from __future__ import annotations

from tests.firm.access import EVERYONE, Row

# Web pages: (Row), paths under the site root. API: paths under /api/v1.
PAGES: list[Row] = [
    Row("get", "/firm/", EVERYONE),
    Row("get", "/firm/?q=Priya+Patel", EVERYONE),
    Row("get", "/firm/?q=priya%40acme.test", EVERYONE),
    Row("get", "/firm/?org=ACME", EVERYONE),
    Row("get", "/people/{priya}/", frozenset({"owner"})),
]
API: list[Row] = [
    Row("get", "/firm/who?q=Priya+Patel", EVERYONE),
    Row("get", "/firm/who/org?name=Acme", EVERYONE),
    Row("get", "/firm/people/{priya}/ties", frozenset({"owner"})),
]


def setup(firm: dict) -> dict[str, int]:
    """Records these rows need, made in the firm fixture; their ids by placeholder name."""
    return {}
