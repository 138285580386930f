"""The Content-Security-Policy holds in a real browser: browsing Today, a Person
page and Quick log, with actions in place (htmx), reports no violation; and the
policy really is enforced (an inline script is refused and reported)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '')));
"""


def _violations(page, console: list[str]) -> list[str]:
    return page.evaluate("window.__csp") + [m for m in console if "Content Security Policy" in m]


def test_no_csp_violation_on_today_person_and_log(page, network):
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(LISTEN)

    response = page.goto(page.base + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    priya = page.locator("section[aria-labelledby=h-due] li.row", has_text="Priya Laurent")
    priya.locator("summary", has_text="Log").click()  # htmx loads the form in place
    priya.locator('input[name="summary"]').wait_for()
    assert _violations(page, console) == []

    page.goto(f"{page.base}/people/{network['jane'].pk}/")
    page.get_by_role("heading", name="Jane Doe", exact=True).wait_for()
    assert _violations(page, console) == []

    page.goto(page.base + "/log/")
    page.fill('input[name="person"]', "Jan")  # suggestions as you type (htmx)
    page.fill('textarea[name="summary"]', "Coffee. I'll send you the deck by Friday.")
    page.locator("#promises").get_by_text("send you the deck").first.wait_for()  # promises found (htmx)
    assert _violations(page, console) == []

    # The policy is enforced, and a violation would be seen: an inline script is refused.
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.__ran = true'; document.body.appendChild(s); }""")
    page.wait_for_function("() => window.__csp.length > 0")
    assert page.evaluate("window.__ran === undefined")
    assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
