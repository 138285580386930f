"""Access rows for the firm's insight pages and endpoints (tests/firm/test_access.py runs them)."""

from __future__ import annotations

from tests.firm.access import Row

# Web pages: (Row), paths under the site root. API: paths under /api/v1.
PAGES: list[Row] = []
API: list[Row] = []


def setup(firm: dict) -> dict[str, int]:
    """Records these rows need, made in the firm fixture; their ids by placeholder name."""
    return {}
