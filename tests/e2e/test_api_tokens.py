"""An API token from the browser alone: Settings makes one, shown once with Copy on a page axe
finds no serious problem with (at a phone's width too), the token opens the API, and revoking it
in Settings (after saying what that does) closes it again."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import logged_in_tab
from tests.e2e.test_accessibility import TOO_WIDE, serious_problems

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _agenda(base: str, token: str) -> int:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(base + "/api/v1/agenda", headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def tab(browser, live_server, alice, now):
    """Logged in as alice, in a context that lets the test inject axe past the pages' CSP."""
    yield from logged_in_tab(browser, live_server, alice, bypass_csp=True)


def test_a_token_is_made_used_and_revoked_in_settings(tab):
    page = tab
    page.goto(page.base + "/settings/#api-tokens")
    section = page.locator("section#api-tokens")
    section.get_by_label("Name").fill("laptop script")
    section.get_by_role("button", name="Make an API token").click()
    token = page.locator("#api-new-token").inner_text()
    assert token.startswith("gw_") and "won't see this token again" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Copy the token").is_visible()
    assert serious_problems(page) == []
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate(TOO_WIDE) == []
    page.set_viewport_size({"width": 1100, "height": 900})
    base = page.base.replace("localhost", "127.0.0.1")
    assert _agenda(base, token) == 200

    page.goto(page.base + "/settings/#api-tokens")
    section = page.locator("section#api-tokens")
    assert token not in page.content()
    assert serious_problems(page) == []
    section.get_by_label("Revoke the token laptop script").click()  # opens the warning first
    assert "can't be undone" in section.inner_text()
    confirm = section.get_by_role("button", name=re.compile("Revoke it"))
    confirm.click()
    confirm.wait_for(state="detached")
    assert "No API tokens yet." in page.locator("section#api-tokens").inner_text()
    assert _agenda(base, token) == 401
