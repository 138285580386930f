"""Access rows for the firm's key relationships and departures (tests/firm/test_access.py runs them).

Key accounts are for partners and admins; handing over one's own ties is for everyone in the
firm; recording a departure is for admins."""

from __future__ import annotations

from tests.firm.access import ADMINS, EVERYONE, PARTNERS, Row

# Web pages: (Row), paths under the site root. API: paths under /api/v1.
PAGES: list[Row] = [
    Row("get", "/firm/accounts/", PARTNERS),
    Row("post", "/firm/accounts/", PARTNERS, body={"name": "Initech", "kind": "target"}, ok=303),
    Row("get", "/firm/accounts/{acme_account}/", PARTNERS),
    Row("post", "/firm/accounts/{acme_account}/remove", PARTNERS, ok=303),
    Row("get", "/firm/handover/", EVERYONE),
    Row("get", "/firm/departures/", ADMINS),
    Row("post", "/firm/departures/", ADMINS, body={"login": "charlie"}, ok=303),
]
API: list[Row] = [
    Row("get", "/firm/accounts", PARTNERS),
    Row("post", "/firm/accounts", PARTNERS, body={"name": "Initech", "kind": "target"}, ok=201),
    Row("get", "/firm/accounts/{acme_account}", PARTNERS),
    Row("delete", "/firm/accounts/{acme_account}", PARTNERS, ok=204),
    Row("get", "/firm/handovers", EVERYONE),
    # Alice hands over her own Priya; of everyone else only an admin may.
    Row(
        "post",
        "/firm/handovers",
        frozenset({"owner", "admin"}),
        body={"to": "bob", "person_ids": ["{priya}"], "note": "Call her first", "leaver": "alice"},
        ok=201,
    ),
    Row("post", "/firm/departures", ADMINS, body={"login": "charlie"}, ok=201),
]


def setup(firm: dict) -> dict[str, int]:
    """Acme is a key client, marked by pat."""
    from goodwill import clock
    from goodwill.models import KeyAccount

    acme = KeyAccount.objects.create(
        name="Acme", key="acme", kind=KeyAccount.CLIENT, marked_by=firm["users"]["partner"], created_at=clock.now()
    )
    return {"acme_account": acme.pk}
