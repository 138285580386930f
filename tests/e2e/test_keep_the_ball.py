"""Done on Today in a real browser: the message offers the next step and an undo, both in place."""

from __future__ import annotations

import pytest

from goodwill.models import NextStep

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _done(page):
    mine = page.locator("section[aria-labelledby=h-mine]")
    mine.locator("li.row", has_text="mail her the trail map").get_by_role(
        "button", name="Done: mail her the trail map"
    ).click()
    flash = page.locator("#flash")
    flash.get_by_text("Done: mail her the trail map").wait_for()
    return mine, flash


def test_done_then_the_next_step_in_place(page, network):
    page.evaluate("window.stillTheSamePage = true")
    _mine, flash = _done(page)
    flash.get_by_label("What's the next step with Jane Doe?").fill("ask how the race went")
    flash.get_by_role("button", name="Add next step").click()
    page.locator("#flash").get_by_text("Next step with Jane Doe: ask how the race went").wait_for()
    assert NextStep.objects.get(person=network["jane"], text="ask how the race went").status == "open"
    assert page.evaluate("window.stillTheSamePage") is True


def test_done_then_undo_in_place(page, network):
    page.evaluate("window.stillTheSamePage = true")
    mine, flash = _done(page)
    assert mine.locator("li.row", has_text="mail her the trail map").count() == 0
    flash.get_by_role("button", name="Undo done: mail her the trail map").click()
    page.locator("#flash").get_by_text("Open again: mail her the trail map").wait_for()
    assert mine.locator("li.row", has_text="mail her the trail map").count() == 1
    assert NextStep.objects.get(person=network["jane"], text="mail her the trail map").status == "open"
    assert page.evaluate("window.stillTheSamePage") is True
