"""Pass it on in a real browser when no one stands out: the kind line, "Keep it for later" in place,
then the item under "Kept for later" and forgotten again, without a reload."""

from __future__ import annotations

import pytest

from goodwill.models import Item

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SKATING = "Figure skating federation revises scoring for quadruple jumps"


def test_nobody_stands_out_keep_it_then_forget_it(page, network, alice):
    from goodwill.services.people import PersonFields, add_person
    from goodwill.services.profiles import add_entry

    carl = add_person(alice, PersonFields(name="Carl Cloud", title="CTO"))
    add_entry(alice, carl, "need", "lower cloud hosting bills")
    page.get_by_role("link", name="Pass it on").click()
    page.get_by_label("What is it?").fill(SKATING)
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("button", name="Who would care?").click()
    page.get_by_text("No one in your network stands out for this.").wait_for()
    page.get_by_role("button", name="Keep it for later").click()
    page.locator("#flash").get_by_text("Kept for later").wait_for()
    kept = page.locator("section[aria-labelledby=h-kept] li", has_text=SKATING)
    kept.wait_for()
    assert page.get_by_role("button", name="Keep it for later").count() == 0  # kept: said, not offered again
    assert Item.objects.filter(owner=alice, title=SKATING, shares__isnull=True).exists()
    kept.get_by_role("button", name=f"Forget {SKATING}").click()
    page.locator("#flash").get_by_text("Forgot").wait_for()
    assert page.locator("#h-kept").count() == 0 and not Item.objects.exists()
    assert page.evaluate("window.stillTheSamePage") is True  # all in place, no reload
