"""Duplicates in a real browser: from People to the Duplicates page, merge a pair after the
confirmation that shows both records, then undo it from the message."""

from __future__ import annotations

import pytest

from goodwill.models import MergeRecord, Person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def twin(network):
    """Jane Doe entered a second time, from a card with her email and her title."""
    from goodwill.services.people import PersonFields, add_person

    jane = network["jane"]
    return add_person(jane.owner, PersonFields(name="Jane Doe", emails=["JANE@example.com"], title="Architect"))


def test_find_a_pair_merge_it_then_undo(page, network, twin):
    jane = network["jane"]
    page.goto(page.base + "/people/")
    page.get_by_role("link", name="Duplicates").click()
    pairs = page.locator("section[aria-labelledby=h-pairs]")
    row = pairs.locator("li.row", has_text="same email: jane@example.com")
    row.wait_for()

    row.get_by_role("link", name="Merge…").click()
    page.get_by_role("heading", name="Merge Jane Doe and Jane Doe?").wait_for()
    assert page.get_by_text("Architect").is_visible() and page.get_by_text("Acme").first.is_visible()
    page.get_by_label(f"Keep Jane Doe (#{jane.pk})").check()
    page.get_by_role("button", name="Merge them").click()

    flash = page.locator("#flash")
    flash.get_by_text(f"Merged #{twin.pk} Jane Doe into #{jane.pk} Jane Doe").wait_for()
    assert not Person.objects.filter(pk=twin.pk).exists()
    assert Person.objects.get(pk=jane.pk).title == "Architect"
    assert pairs.locator("li.row", has_text="same email: jane@example.com").count() == 0

    flash.get_by_role("button", name="Undo").click()
    page.locator("#flash").get_by_text("Merge undone: Jane Doe is back").wait_for()
    assert Person.objects.get(pk=twin.pk).title == "Architect" and Person.objects.get(pk=jane.pk).title == ""
    assert MergeRecord.objects.get().undone_at is not None
    assert pairs.locator("li.row", has_text="same email: jane@example.com").count() == 1
