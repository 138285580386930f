"""Planning a trip in a real browser: from Near to the Trip page, whom to see in Austin, and a
meeting ticked and added as a next step with one button, the message saying what was added."""

from __future__ import annotations

import pytest

from goodwill.models import NextStep

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_plan_a_trip_and_add_a_meeting_as_a_next_step(page, network):
    page.goto(page.base + "/near/")
    page.get_by_role("link", name="Plan a trip").click()
    page.wait_for_url("**/trip/**")
    page.get_by_label("Place").fill("Austin, TX")
    page.get_by_label("From").fill("2026-12-01")
    page.get_by_label("To").fill("2026-12-03")
    page.get_by_label("Within").fill("50mi")
    page.get_by_role("button", name="Show").click()
    visits = page.locator("section[aria-labelledby=h-visits]")
    visits.get_by_role("heading", name="Austin, Texas, United States, Tue 1 Dec – Thu 3 Dec: 1 to see").wait_for()
    assert 'Understood "Austin, TX" as Austin, Texas, United States' in page.locator("#understood").inner_text()
    jane = visits.locator("li.row", has_text="Jane Doe")
    assert "mi" in jane.inner_text()
    jane.get_by_role("checkbox", name="Jane Doe").check()
    visits.get_by_role("button", name="Add the meetings as next steps").click()
    page.locator("#flash").get_by_text("Added 1 next step, due Tue 01 Dec: meet Jane Doe in Austin.").wait_for()
    step = NextStep.objects.get(person=network["jane"], text="meet Jane Doe in Austin")
    assert str(step.due_on) == "2026-12-01" and step.status == "open"
    # The trip is still on the page after the redirect, ready for another meeting.
    assert page.get_by_label("Place").input_value() == "Austin, TX"
