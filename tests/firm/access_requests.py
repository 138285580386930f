"""Access rows for the firm's requests pages and endpoints (tests/firm/test_access.py runs them).

setup() makes a request from bob (teammate) to alice (owner) about Priya: only alice answers
it, only bob replies or withdraws, and only the two of them see it."""

from __future__ import annotations

from tests.firm.access import EVERYONE, Row

OWNER = frozenset({"owner"})
TEAMMATE = frozenset({"teammate"})
BOTH = frozenset({"owner", "teammate"})
# Everyone asks pat about his Priya but pat himself: asking oneself is a mistake (400).
ASKERS = EVERYONE - {"partner"}
ASK = {"colleague_id": "{partner_user}", "target_id": "{pats_priya}", "reason": "We pitch Acme's audit next month"}

# Web pages: (Row), paths under the site root. API: paths under /api/v1.
PAGES: list[Row] = [
    Row("get", "/firm/requests/", EVERYONE),
    Row("get", "/firm/requests/new?colleague={partner_user}&target={pats_priya}", ASKERS, denied=400),
    Row(
        "post",
        "/firm/requests/new",
        ASKERS,
        body={"colleague": "{partner_user}", "target": "{pats_priya}", "reason": "We pitch Acme's audit"},
        ok=303,
        denied=400,
    ),
    Row("post", "/firm/requests/{request}/answer", OWNER, body={"action": "more", "text": "Why now?"}, ok=303),
    Row("post", "/firm/requests/{request}/withdraw", TEAMMATE, ok=303),
    Row("post", "/firm/requests/{request_more}/reply", TEAMMATE, body={"text": "Her team asked"}, ok=303),
]
API: list[Row] = [
    Row("get", "/firm/requests", EVERYONE),
    Row("post", "/firm/requests", ASKERS, body=ASK, ok=201, denied=400),
    Row("get", "/firm/requests/{request}", BOTH),
    Row("post", "/firm/requests/{request}/answer", OWNER, body={"action": "decline", "text": "Not now"}),
    Row("post", "/firm/requests/{request_more}/reply", TEAMMATE, body={"text": "Her team asked to meet us"}),
    Row("post", "/firm/requests/{request}/withdraw", TEAMMATE),
]


def setup(firm: dict) -> dict[str, int]:
    """Records these rows need, made in the firm fixture; their ids by placeholder name."""
    from goodwill.services.firm_intros import answer, ask

    alice, bob = firm["users"]["owner"], firm["users"]["teammate"]
    request = ask(bob, alice, firm["priya"].pk, "Acme's audit is up for tender and she runs finance")
    # A second one, about another of alice's people: she asked for more, so bob may reply.
    from goodwill.services.people import PersonFields, add_person

    lee = add_person(alice, PersonFields(name="Lee Chen", organization="Initech"))
    more = ask(bob, alice, lee.pk, "Initech is looking for tax advice")
    answer(alice, more.pk, "more", "What would you offer them?")
    return {"request": request.pk, "request_more": more.pk, "lee": lee.pk}
