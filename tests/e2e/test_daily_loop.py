"""The daily loop in a real browser: log with a next step from Today, complete a
step, walk the weekly review, and import with a preview first."""

from __future__ import annotations

import pytest

from goodwill.models import ImportBatch, Interaction, NextStep, Person, WeeklyReview

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def due_section(page):
    return page.locator("section[aria-labelledby=h-due]")


def test_log_with_a_next_step_from_today(page, network):
    priya = network["priya"]
    page.evaluate("window.stillTheSamePage = true")
    row = due_section(page).locator("li.row", has_text="Priya Laurent")
    row.locator("summary", has_text="Log").click()
    row.locator('input[name="summary"]').fill("Called to catch up on her new role")
    row.locator('input[name="next_step"]').fill("send her the conference agenda")
    row.locator('input[name="due"]').fill("friday")
    row.locator('button[type="submit"]', has_text="Log with Priya Laurent").click()
    flash = page.locator("#flash")
    flash.get_by_text("Logged call with Priya Laurent.").wait_for()
    assert "send her the conference agenda" in flash.inner_text()
    assert due_section(page).locator("li.row", has_text="Priya Laurent").count() == 0
    assert page.evaluate("window.stillTheSamePage") is True  # swapped in place by htmx, no reload
    step = NextStep.objects.get(person=priya, text="send her the conference agenda")
    assert str(step.due_on) == "2026-11-27"
    assert Interaction.objects.filter(participants=priya, summary="Called to catch up on her new role").exists()


def test_complete_a_step(page, network):
    mine = page.locator("section[aria-labelledby=h-mine]")
    row = mine.locator("li.row", has_text="mail her the trail map")
    page.evaluate("window.stillTheSamePage = true")
    row.get_by_role("button", name="Done: mail her the trail map").click()
    page.locator("#flash").get_by_text("Done: mail her the trail map").wait_for()
    assert mine.locator("li.row", has_text="mail her the trail map").count() == 0
    assert page.evaluate("window.stillTheSamePage") is True
    assert NextStep.objects.get(person=network["jane"], text="mail her the trail map").status == "done"


def test_weekly_review(page, network):
    page.get_by_role("link", name="Start the review").first.click()
    page.locator("#review-start").click()
    page.get_by_text("1 of 1").wait_for()
    assert "Priya Laurent" in page.locator("#review-name").inner_text()
    page.fill("#review-summary", "Sent her a note about the offsite")
    page.fill("#review-next", "lunch in January")
    page.get_by_role("button", name="Log and go on").click()
    page.locator("#review-finish").click()
    page.wait_for_url(page.base + "/")
    page.get_by_text("Review done: 1 person reviewed").wait_for()
    assert page.get_by_text("Done this week.").is_visible()
    review = WeeklyReview.objects.get(owner=network["jane"].owner)
    assert review.reviewed == 1
    assert NextStep.objects.filter(person=network["priya"], text="lunch in January").exists()


def test_import_preview_then_apply(page, network, tmp_path):
    card = tmp_path / "friends.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.com\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nEMAIL:jane@example.com\r\nTEL:+1 512 555 0100\r\nEND:VCARD\r\n"
    )
    owner = network["jane"].owner
    page.get_by_role("link", name="Import").click()
    page.set_input_files("#import-file", str(card))
    page.get_by_role("button", name="Preview", exact=True).click()
    page.get_by_text("Dry run: friends.vcf").wait_for()
    counts = page.locator("#import-counts").inner_text()
    assert "created\t1" in counts and "Ada Lovelace" in counts
    assert not Person.objects.filter(owner=owner, name="Ada Lovelace").exists()  # a preview writes nothing
    page.locator("#import-apply").click()
    page.get_by_text("1 created, 1 updated").wait_for()
    assert Person.objects.filter(owner=owner, name="Ada Lovelace").exists()
    assert ImportBatch.objects.filter(owner=owner, undone_at__isnull=True).count() == 1


def test_quick_log_from_the_keyboard_with_a_promise(page, network):
    jane = network["jane"]
    page.keyboard.press("l")
    page.wait_for_url("**/log/**")
    page.fill("#log-person", "Jane")
    page.locator(f'#people-options option[value="Jane Doe (#{jane.pk})"]').wait_for(state="attached")
    page.fill("#log-person", f"Jane Doe (#{jane.pk})")
    page.fill("#log-summary", "Lunch downtown. I'll send her the deck by Friday.")
    page.locator("#promises").get_by_text("I promised").wait_for()
    page.locator("#log-summary").press("Control+Enter")
    page.wait_for_url(page.base + "/")
    page.locator("#flash").get_by_text("Logged call with Jane Doe.").wait_for()
    promise = NextStep.objects.get(person=jane, text="send the deck")
    assert promise.source_sentence and str(promise.due_on) == "2026-11-27"


def test_people_search_as_you_type(page, network):
    page.keyboard.press("p")
    page.wait_for_url("**/people/")
    page.keyboard.press("/")
    page.keyboard.type("acme")
    page.wait_for_url("**/people/?q=acme**")  # the filter is kept in the address bar
    results = page.locator("#results")
    results.get_by_text("1 person").wait_for()
    assert "Jane Doe" in results.inner_text() and "Omar" not in results.inner_text()


def test_mail_import_preview_then_apply(page, network):
    """An exported mbox, uploaded on the Import page: the dry run, then the import, then undo."""
    from pathlib import Path

    from goodwill.services.people import PersonFields, add_person

    owner = network["jane"].owner
    add_person(owner, PersonFields(name="Jane Dough", emails=["jane.doe@example.com"]))
    mbox = Path(__file__).parents[1] / "data" / "mail" / "gmail_takeout.mbox"
    page.get_by_role("link", name="Import").click()
    page.set_input_files("#mail-file", str(mbox))
    page.get_by_label("Your addresses").fill("ann.owner@gmail.com")
    page.get_by_role("button", name="Preview mail").click()
    page.get_by_text("Dry run: gmail_takeout.mbox").wait_for()
    assert "logged\t3" in page.locator("#mail-counts").inner_text()
    assert not Interaction.objects.filter(owner=owner, kind="email", participants__name="Jane Dough").exists()
    page.locator("#mail-apply").click()
    page.get_by_text("3 email(s) logged").wait_for()
    assert Interaction.objects.filter(owner=owner, kind="email", participants__name="Jane Dough").count() == 3
    batch = ImportBatch.objects.get(owner=owner, source="mbox")
    page.locator(f'form[action="/import/{batch.pk}/undo"] button').click()
    page.get_by_text(f"Import #{batch.pk} undone.").wait_for()
    assert not Interaction.objects.filter(owner=owner, kind="email", participants__name="Jane Dough").exists()
