"""Pass it on in a real browser: type what it is, see who would care and why, tick one, and the share is recorded,
all in place (htmx swaps the result; the page is never reloaded)."""

from __future__ import annotations

import pytest

from goodwill.models import Exchange, Share

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_pass_it_on(page, network, alice):
    from goodwill.services.people import PersonFields, add_person
    from goodwill.services.profiles import add_entry

    nina = add_person(alice, PersonFields(name="Nina Need", title="COO"))
    add_entry(alice, nina, "need", "a qualified custodian for client crypto assets", confidentiality="shareable")
    page.get_by_role("link", name="Pass it on").click()
    # An item that plainly concerns her need (one shared rare word alone does not make someone stand out).
    page.get_by_label("What is it?").fill("New SEC guidance on choosing a crypto custodian")
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("button", name="Who would care?").click()
    ranked = page.locator("#share-form li.row", has_text="Nina Need")
    ranked.get_by_text("a qualified custodian for client crypto assets").wait_for()
    assert "Secretly interviewing" not in page.content()
    ranked.locator('input[name="person"]').check()
    page.get_by_role("button", name="Pass it on to the ticked people").click()
    page.locator("#flash").get_by_text("Recorded: passed on to Nina Need").wait_for()
    assert "Hi Nina," in page.locator("pre.draft-text").inner_text()
    assert page.evaluate("window.stillTheSamePage") is True  # ranked and shared in place, no reload
    page.wait_for_function("() => document.activeElement.id === 'h-sent'")  # the keyboard lands on the drafts
    assert "text=New%20SEC%20guidance" in page.url  # the ranking's address is kept, so a reload shows it again
    share = Share.objects.get(person=nina)
    assert share.item.title == "New SEC guidance on choosing a crypto custodian"
    assert Exchange.objects.filter(share=share, kind="information", direction="given").exists()
