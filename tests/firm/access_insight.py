"""Access rows for the firm's insight pages and endpoints (tests/firm/test_access.py runs them):
the firm's momentum and balance sheet are for partners (and admins) only."""

from __future__ import annotations

from tests.firm.access import PARTNERS, Row

# Web pages: (Row), paths under the site root. API: paths under /api/v1.
PAGES: list[Row] = [
    Row("get", "/firm/momentum/", PARTNERS),
    Row("get", "/firm/momentum/?team={tax_team}", PARTNERS),
    Row("get", "/firm/balance/", PARTNERS),
    Row("get", "/firm/balance/?team={tax_team}", PARTNERS),
]
API: list[Row] = [
    Row("get", "/firm/momentum", PARTNERS),
    Row("get", "/firm/momentum?team={tax_team}", PARTNERS),
    Row("get", "/firm/balance", PARTNERS),
    Row("get", "/firm/balance?team={tax_team}", PARTNERS),
]


def setup(firm: dict) -> dict[str, int]:
    """Records these rows need, made in the firm fixture; their ids by placeholder name."""
    from goodwill.models import Team

    return {"tax_team": Team.objects.get(name="Tax").pk}
