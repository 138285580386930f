"""Every page of the demo network, scanned by axe-core (WCAG 2.1 A and AA) at a desktop and a phone width:
no critical and no serious problem, nothing wider than a 375 px screen, and a focus ring that stands out.

axe-core is vendored for the tests (tests/e2e/vendor/axe.min.js, MPL-2.0, see axe-LICENSE.txt). The pages send
a Content-Security-Policy that allows only their own scripts, so the browser context bypasses it to inject axe."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (1280, 375)
PASS_ON = "New SEC guidance on fintech custody"


def pages(person_id: int) -> list[tuple[str, str]]:
    """The one list of pages scanned after logging in (the login page comes first): (name, path), with the demo
    network behind each."""
    return [
        ("today", "/"),
        ("people", "/people/"),
        ("person", f"/people/{person_id}/"),
        ("add a person", "/people/new"),
        ("edit a person", f"/people/{person_id}/edit"),
        ("delete a person", f"/people/{person_id}/delete"),
        ("recently deleted", "/people/deleted/"),
        ("duplicates", "/people/duplicates/"),
        ("log", "/log/"),
        ("review", "/review/"),
        ("momentum", "/momentum/"),
        ("replies", "/replies/"),
        ("near", "/near/"),
        ("near a place", "/near/?place=home&within=100mi"),
        ("places", "/places/"),
        ("people without a place", "/places/unplaced/"),
        ("trip", "/trip/?place=home&start=2026-12-01&end=2026-12-03&within=100mi"),
        ("import", "/import/"),
        ("pass-on", "/pass-on/?text=" + PASS_ON.replace(" ", "+")),
        ("intros", "/intros/"),
        ("ledger", "/ledger/"),
        ("settings", "/settings/"),
        ("profile suggestions", f"/people/{person_id}/profile/suggestions"),
        ("digest preview", "/settings/digest/preview"),
    ]


# What sticks out past the right edge of a phone: the innermost elements, so the culprit is named.
TOO_WIDE = """() => [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > 376
                 && ![...e.children].some(c => c.getBoundingClientRect().right > 376))
    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : "")
                          + " " + Math.round(e.getBoundingClientRect().right) + "px")"""


def serious_problems(page) -> list[str]:
    """axe's critical and serious violations on the page, one line per rule with where it was found."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return result.violations.filter(v => v.impact === "critical" || v.impact === "serious").map(v => ({
                id: v.id, impact: v.impact, nodes: v.nodes.length,
                where: v.nodes.slice(0, 3).map(n => n.target.join(" ") + ": " + (n.failureSummary || "").split("\\n")[1])}));
        }""",
        WCAG,
    )
    return [f"{v['impact']} {v['id']} on {v['nodes']} element(s): {' | '.join(v['where'])}" for v in violations]


def _log_in(tab, base: str) -> None:
    tab.fill('input[name="username"]', "alice")
    tab.fill('input[name="password"]', PASSWORD)
    tab.click('button[type="submit"]')
    tab.wait_for_url(base + "/")


@pytest.fixture
def demo(alice, now):
    from goodwill.demo import build_demo
    from goodwill.models import Person

    alice.set_password(PASSWORD)
    alice.save()
    build_demo(alice, people=300)
    return _person_with_ideas(alice, Person.objects.filter(owner=alice, profile__kind="need").distinct())


def _person_with_ideas(owner, people):
    """Someone whose ideas offer an introduction and an item to pass on: every kind of button on a person's page."""
    from goodwill.queries.ideas import ideas_for

    first = None
    for person in people.order_by("pk")[:60]:
        kinds = {idea.kind for idea in ideas_for(owner, person)}
        first = first or person
        if {"introduce", "pass_on"} <= kinds:
            return person
    return first


def test_every_page_passes_axe_and_fits_a_phone(browser, live_server, demo):
    base = live_server.url
    found = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
        tab = context.new_page()
        tab.set_default_timeout(15_000)

        def check(name: str, width: int = width, tab=tab) -> None:
            found.extend(f"{width}px {name}: {line}" for line in serious_problems(tab))
            scroll = tab.evaluate("document.documentElement.scrollWidth")
            if width == 375 and scroll > 375:
                found.append(
                    f"375px {name}: the page is {scroll}px wide, wider than the screen: "
                    + ", ".join(tab.evaluate(TOO_WIDE))
                )

        try:
            tab.goto(base + "/login/")  # the one page a visitor sees before logging in
            check("login")
            _log_in(tab, base)
            for name, path in pages(demo.pk):
                tab.goto(base + path)
                check(name)
                if name == "pass-on":  # and the drafts it shows once sent: address, mail link, copy button
                    tab.locator('#share-form input[name="person"]').first.check()
                    tab.get_by_role("button", name="Pass it on to the ticked people").click()
                    tab.locator("pre.draft-text").first.wait_for()
                    check("pass-on drafts")
                if name == "duplicates":  # the demo's people entered twice, and a merge's confirmation
                    tab.get_by_role("link", name="Merge…").first.click()
                    tab.get_by_role("button", name="Merge them").wait_for()
                    check("merge confirmation")
        finally:
            context.close()
    assert not found, "\n".join(found)
