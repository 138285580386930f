"""The first hour of a browser-only user, on an empty data folder: add a person, import a
CSV, log an encounter (with someone new, added in place) with a next step, add a need to a
profile, and find it all on Today. No terminal."""

from __future__ import annotations

import pytest

from goodwill.models import Interaction, NextStep, Person, ProfileEntry

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_first_hour_in_the_browser(empty_page, alice, tmp_path):
    page = empty_page
    assert not Person.objects.filter(owner=alice).exists()

    # Add a person from the People page.
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Add a person").click()
    page.fill("#person-name", "Ann Lee")
    page.fill('textarea[name="emails"]', "ann@globex.com")
    page.fill('input[name="organization"]', "Globex")
    page.fill('input[name="birthday"]', "17 July 1984")
    page.get_by_role("button", name="Add person").click()
    page.get_by_role("heading", name="Ann Lee", exact=True).wait_for()
    assert "17 July 1984" in page.locator("dl.facts").inner_text()

    # Import a small CSV through the Import page: a dry run, then apply.
    csv = tmp_path / "contacts.csv"
    csv.write_text("First Name,Last Name,E-mail Address,Company\nBen,Okafor,ben@example.com,Initech\n")
    page.get_by_role("link", name="Import").click()
    page.set_input_files("#import-file", str(csv))
    page.get_by_role("button", name="Preview", exact=True).click()
    page.locator("#import-apply").click()
    page.get_by_text("1 created").wait_for()
    assert Person.objects.filter(owner=alice, name="Ben Okafor").exists()

    # Log an encounter with someone not in Goodwill yet: added in place, with a next step.
    page.get_by_role("link", name="Log", exact=True).click()
    page.fill("#log-person", "Carol New")
    page.fill("#log-summary", "Met at the Globex mixer with Ann")
    page.fill("#log-next", "send Carol the deck")
    page.fill('input[name="due"]', "today")
    page.get_by_role("button", name="Save").click()
    who = page.locator("#log-person")
    page.get_by_role("button", name="Add Carol New").wait_for()
    assert who.get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "log-person"
    page.get_by_role("button", name="Add Carol New").click()
    page.locator("#flash").get_by_text("Logged").wait_for()
    carol = Person.objects.get(owner=alice, name="Carol New")
    assert Interaction.objects.filter(participants=carol, summary="Met at the Globex mixer with Ann").exists()

    # Edit a profile: Ann needs a CFO.
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Ann Lee").first.click()
    page.fill("#profile-text", "a CFO for the new venture")
    page.get_by_role("button", name="Add to profile").click()
    page.locator("#profile").get_by_text("a CFO for the new venture").wait_for()
    assert ProfileEntry.objects.get(person__name="Ann Lee").kind == "need"

    # Today shows the step, with whom.
    page.get_by_role("link", name="Today").first.click()
    mine = page.locator("section[aria-labelledby=h-mine]")
    mine.get_by_text("send Carol the deck").wait_for()
    assert "Carol New" in mine.inner_text()
    assert NextStep.objects.get(person=carol).text == "send Carol the deck"
