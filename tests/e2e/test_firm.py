"""Issue 17's "done means", in a real browser: two professionals on one server, each with their
own network and sharing, find who knows a target, ask for and make a warm introduction, and a
partner sees the key-relationship and momentum views. The same path through the CLI and the API
is in tests/firm/test_done_means.py."""

from __future__ import annotations

import re

import pytest

from tests.firm.conftest import PASSWORD, make_user

pytestmark = pytest.mark.e2e


@pytest.fixture
def firm(db, now):
    """Alice knows Priya Patel at Acme (lunches, and one meeting in confidence); bob is her
    colleague; pat is a partner. Nothing else: the access tables' records stay out."""
    from datetime import timedelta

    from goodwill.services.interactions import LogRequest, log_interaction
    from goodwill.services.people import PersonFields, add_person

    alice = make_user("alice", teams=("Advisory",))
    make_user("bob", teams=("Advisory",))
    make_user("pat", role="partner", teams=("Tax",))
    priya = add_person(
        alice, PersonFields(name="Priya Patel", organization="Acme Inc.", emails=["priya@acme.test"], circle="close")
    )
    for weeks in (1, 3, 10):
        log_interaction(
            alice, LogRequest(kind="meeting", people=[priya], summary="Lunch", when=now - timedelta(weeks=weeks))
        )
    log_interaction(
        alice,
        LogRequest(
            kind="meeting",
            people=[priya],
            summary="She is leaving Acme in March",
            confidentiality="confidential",
            when=now - timedelta(days=2),
        ),
    )
    return {"priya": priya}


def _tab(browser, live_server, username: str):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.goto(live_server.url + "/login/")
    tab.fill('input[name="username"]', username)
    tab.fill('input[name="password"]', PASSWORD)
    tab.click('button[type="submit"]')
    tab.wait_for_url(live_server.url + "/")
    tab.base = live_server.url
    return context, tab


def test_find_who_knows_ask_introduce_and_the_partner_sees_it(browser, live_server, firm):
    alice_context, alice = _tab(browser, live_server, "alice")
    bob_context, bob = _tab(browser, live_server, "bob")
    pat_context, pat = _tab(browser, live_server, "pat")
    try:
        # Alice lets colleagues see when she last met her close circle, and shares her momentum.
        alice.goto(alice.base + "/settings/")
        sharing = alice.locator("form[action='/settings/sharing']")
        close = firm["priya"].circle_id
        sharing.locator(f"select[name='circle-{close}']").select_option("last_met")
        sharing.get_by_label("Share my momentum with the firm's partners").check()
        sharing.get_by_role("button", name="Save").click()

        # Bob finds who knows Priya: alice (and when she last met her), never her confidence.
        bob.get_by_role("link", name="Firm").click()
        bob.get_by_label("Person or organization").fill("Priya Patel")
        bob.get_by_role("button", name="Search").click()
        results = bob.locator("main")
        results.get_by_text("alice", exact=False).first.wait_for()
        text = results.inner_text()
        assert "alice" in text and "last met" in text.lower()
        assert "leaving Acme" not in text
        bob.get_by_role("link", name="Ask alice to introduce you").first.click()
        bob.get_by_label("Why you want to meet them").fill("We pitch Acme's audit next month")
        bob.get_by_role("button", name="Ask alice").click()
        bob.wait_for_url(re.compile(r"/firm/requests/"))
        assert "Priya Patel" in bob.locator("main").inner_text()

        # Alice accepts: a double opt-in introduction on her own board.
        alice.goto(alice.base + "/firm/requests/")
        assert "We pitch Acme's audit next month" in alice.locator("main").inner_text()
        alice.get_by_role("button", name="Accept").first.click()
        alice.goto(alice.base + "/intros/")
        board = alice.locator("main").inner_text()
        assert "Priya Patel" in board and "bob" in board.lower()

        # Pat, a partner, marks Acme a key client and sees who in the firm knows whom there.
        pat.get_by_role("link", name="Firm").click()
        pat.get_by_role("link", name="Key relationships").click()
        pat.get_by_label("Organization").fill("Acme")
        pat.get_by_role("button", name="Mark").click()
        pat.get_by_role("link", name=re.compile("^Acme")).first.click()
        account = pat.locator("main").inner_text()
        assert "alice" in account and "Priya Patel" in account
        assert "leaving Acme" not in account
        pat.get_by_role("link", name="Firm momentum").click()
        momentum = pat.locator("main").inner_text()
        assert "alice" in momentum
    finally:
        for context in (alice_context, bob_context, pat_context):
            context.close()


def test_a_member_has_no_partner_views(browser, live_server, firm):
    context, bob = _tab(browser, live_server, "bob")
    try:
        bob.goto(bob.base + "/firm/")
        nav = bob.locator("nav[aria-label='The firm']").inner_text()
        assert "Who knows whom" in nav and "Key relationships" not in nav
        assert bob.goto(bob.base + "/firm/accounts/").status == 404
    finally:
        context.close()
