"""Introductions, the Balance sheet and a person's ideas in a real browser: each action happens in place
(htmx swaps only its section, the page is never reloaded), from the keyboard alone, and the pages fit a phone."""

from __future__ import annotations

import pytest

from goodwill.models import Exchange, Introduction, NextStep

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def mark(page):
    page.evaluate("window.stillTheSamePage = true")


def same_page(page) -> bool:
    return page.evaluate("window.stillTheSamePage") is True


def test_introduction_from_proposal_to_outcome_in_place(page, network, alice):
    jane, omar = network["jane"], network["omar"]
    page.keyboard.press("i")  # the shortcut to the board
    page.wait_for_url(page.base + "/intros/")
    mark(page)
    assert page.locator("details:has(#intro-form)").get_attribute("open") is not None  # an empty board opens the form
    page.get_by_label("Ask first (A)").fill(f"#{jane.pk}")
    page.get_by_label("Introduce to (B)").fill(f"#{omar.pk}")
    page.get_by_label("Why they should meet").fill("both are training for the Austin marathon")
    page.get_by_role("button", name="Propose").click()
    page.locator("#flash").get_by_text("proposed: ask Jane Doe first").wait_for()
    assert "Hi Jane," in page.locator("pre.draft-text").inner_text()
    intro = Introduction.objects.get(owner=alice)
    row = page.locator(f"#intro-{intro.pk}")
    row.get_by_role("button", name="Jane Doe said yes").click()
    page.locator("#flash").get_by_text("Jane Doe ↔ Omar Thompson: asked B").wait_for()
    assert "Hi Omar," in page.locator("pre.draft-text").inner_text()  # the question to B, to send next
    assert Introduction.objects.get(pk=intro.pk).status == "asked_b"
    assert same_page(page)


def test_answer_from_the_keyboard(page, network, alice):
    from goodwill.services.intros import propose_intro

    intro = propose_intro(alice, network["jane"], network["omar"], "trail runners")
    page.goto(page.base + "/intros/")
    mark(page)
    page.get_by_role("button", name="Jane Doe said yes").focus()
    page.keyboard.press("Tab")  # on to "said no"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Jane Doe said no"
    page.keyboard.press("Enter")
    page.locator("#flash").get_by_text("declined").wait_for()
    assert Introduction.objects.get(pk=intro.pk).status == "declined"
    page.wait_for_function(
        f"() => document.activeElement.id === 'intro-{intro.pk}'"
    )  # focus stays on the row that changed
    assert same_page(page)


def test_balance_sheet_record_and_settle_in_place(page, network, alice):
    omar = network["omar"]
    page.keyboard.press("b")
    page.wait_for_url(page.base + "/ledger/")
    mark(page)
    assert page.locator("#total-received").inner_text() == "0"
    page.get_by_text("Record an exchange", exact=True).click()
    page.get_by_label("Who").fill(f"Omar Thompson (#{omar.pk})")
    page.get_by_role("radio", name="received").check()
    page.get_by_label("Kind").select_option("lead")
    page.get_by_label("What", exact=True).fill("Warehouse deal")
    page.get_by_label("What", exact=True).press("Control+Enter")  # the keyboard saves the form
    page.locator("#flash").get_by_text("Recorded: lead received, Omar Thompson.").wait_for()
    assert page.locator("#total-received").inner_text() == "2"
    assert page.locator("svg.quarters").get_by_text("2026-Q4: 2 points received").count() == 1
    lead = Exchange.objects.get(owner=alice, person=omar)
    page.get_by_role("button", name="Won: lead received, Omar Thompson").click()
    page.locator("#flash").get_by_text("Lead for Omar Thompson: won.").wait_for()
    assert Exchange.objects.get(pk=lead.pk).status == "won"
    assert page.get_by_text("None waiting").is_visible()
    assert same_page(page)


def test_ideas_on_the_person_page_in_place(page, network):
    jane = network["jane"]
    page.goto(page.base + f"/people/{jane.pk}/")
    mark(page)
    ideas = page.locator("#ideas")
    ideas.get_by_text("Keep your promise: mail her the trail map").wait_for()
    ideas.get_by_role("button", name="Done: Keep your promise: mail her the trail map").click()
    page.locator("#flash").get_by_text("Done: mail her the trail map").wait_for()
    assert ideas.get_by_text("Keep your promise").count() == 0
    assert page.locator("#steps").get_by_text("mail her the trail map").count() == 0  # the steps moved with it
    page.wait_for_function("() => document.activeElement.id === 'h-ideas'")
    assert NextStep.objects.get(person=jane, text="mail her the trail map").status == "done"
    assert same_page(page)


@pytest.mark.parametrize("path", ["/pass-on/?text=trail+running", "/intros/", "/ledger/", "person"])
def test_pages_fit_a_phone(page, network, alice, path):
    from goodwill.services.intros import propose_intro
    from goodwill.services.ledger import add_exchange

    propose_intro(
        alice, network["jane"], network["omar"], "trail runners who both want a long, long, long race partner"
    )
    add_exchange(alice, network["jane"], "referral", "given", description="Acme audit", amount="12000", currency="USD")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(page.base + (f"/people/{network['jane'].pk}/" if path == "person" else path))
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} is {overflow}px wider than a 375px phone"
