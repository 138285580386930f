"""Deleting a person can be undone exactly: the same id, every row that pointed at them,
and the interactions they shared with others, linked again."""

import pytest

from goodwill.errors import InvalidInput, NotFound
from goodwill.models import Interaction, NextStep, Note, Person, PersonDeletion
from goodwill.services.deletion import (
    delete_person,
    deletions,
    get_deletion,
    purge_deletion,
    restore_person,
)
from goodwill.services.merge import person_relations
from tests.services.test_merge import _person, _populate, _state, pointing_at, trio  # noqa: F401 (fixture)


def test_delete_then_restore_brings_back_every_row_exactly(alice, trio):
    keep, other, third = trio
    filled = _populate(alice, keep, other, third)
    assert filled == {r.key for r in person_relations()}, "add a row for the new relation to _populate"
    before = _state(alice)
    interactions_before = sorted(Interaction.objects.values_list("id", "summary", "kind"))
    other_id = other.pk

    deletion = delete_person(alice, other)

    assert not Person.objects.filter(pk=other_id).exists()
    assert pointing_at(other_id) == []
    # The lunch with Robert stays on his timeline; the call with Bob alone went with him.
    assert list(Interaction.objects.values_list("summary", flat=True)) == ["Lunch"]
    assert list(Interaction.objects.get(summary="Lunch").participants.all()) == [keep]
    assert Person.objects.get(pk=third.pk).introduced_by_id is None
    assert Note.objects.get(text="heard from B").source_id is None
    assert [d.name for d in deletions(alice)] == ["Bob Smith"]

    restored = restore_person(alice, deletion)

    assert restored.pk == other_id
    assert _state(alice) == before
    assert sorted(Interaction.objects.values_list("id", "summary", "kind")) == interactions_before
    assert set(Interaction.objects.get(summary="Lunch").participants.all()) == {keep, restored}
    assert NextStep.objects.get(text="send deck").interaction.summary == "Call with B"
    assert deletions(alice) == []
    with pytest.raises(InvalidInput, match="already restored"):
        restore_person(alice, get_deletion(alice, deletion.pk))


def test_nobody_else_can_see_restore_or_empty_alices_deletions(alice, bob, charlie, trio):
    _, other, _ = trio
    deletion = delete_person(alice, other)
    for stranger in (bob, charlie):
        assert deletions(stranger) == []
        with pytest.raises(NotFound):
            get_deletion(stranger, deletion.pk)
        with pytest.raises(NotFound):
            restore_person(stranger, deletion)
        with pytest.raises(NotFound):
            purge_deletion(stranger, deletion)
    with pytest.raises(NotFound):
        delete_person(bob, Person.objects.get(name="Carol King"))
    assert Person.objects.filter(name="Carol King").exists()


def test_empty_forgets_the_deletion_for_good(alice, trio):
    _, other, _ = trio
    deletion = delete_person(alice, other)
    assert purge_deletion(alice, deletion) == "Bob Smith"
    assert not PersonDeletion.objects.exists()
    with pytest.raises(InvalidInput):
        get_deletion(alice, "abc")


def test_two_people_of_one_encounter_deleted_then_restored_in_any_order(alice, now):
    from goodwill.services.interactions import LogRequest, log_interaction

    jane, sam = _person(alice, "Jane Doe"), _person(alice, "Sam Lee")
    lunch = log_interaction(alice, LogRequest(kind="meeting", people=[jane, sam], summary="Lunch")).interaction
    first = delete_person(alice, jane)
    second = delete_person(alice, sam)  # the lunch had nobody else left: it goes with Sam
    assert not Interaction.objects.exists()
    restore_person(alice, first)  # Jane's link to the lunch has nothing to link to yet
    assert Person.objects.filter(name="Jane Doe").exists()
    restore_person(alice, second)
    assert list(Interaction.objects.get(pk=lunch.pk).participants.values_list("name", flat=True)) == ["Sam Lee"]
