"""Dismissing a pair ("not a duplicate"): it leaves `dupes` once, for its owner only, until taken back."""

import pytest
from django.db import IntegrityError, transaction

from goodwill.errors import InvalidInput, NotFound
from goodwill.models import DupeDismissal, Person
from goodwill.queries.dupes import find_duplicates, likely_duplicates
from goodwill.services.dupes import dismiss_pair, undismiss_pair
from goodwill.services.merge import merge_people, undo_merge
from goodwill.services.people import PersonFields, add_person, resolve_person


def _person(owner, name, **fields):
    return add_person(owner, PersonFields(name=name, **fields))


@pytest.fixture
def pairs(alice, now):
    """Two likely pairs in alice's network: Robert/Bob Smith (email) and two Ann Lees (phone)."""
    robert = _person(alice, "Robert Smith", organization="Acme", emails=["bob@acme.com"])
    bob = _person(alice, "Bob Smith", emails=["Bob@Acme.com"])
    ann = _person(alice, "Ann Lee", phones=["(208) 555-0143"])
    ann2 = _person(alice, "Ann Lee", phones=["+1 208-555-0143"])
    return robert, bob, ann, ann2


def _listed(owner, **kw):
    return [(p.keep_id, p.other_id) for p in likely_duplicates(owner, **kw)]


def test_a_dismissed_pair_is_no_longer_listed_until_taken_back(alice, pairs):
    robert, bob, ann, ann2 = pairs
    assert _listed(alice) == [(robert.pk, bob.pk), (ann.pk, ann2.pk)]

    record, created = dismiss_pair(alice, bob, robert)  # either way round: stored lower id first

    assert created and (record.person_a_id, record.person_b_id) == (robert.pk, bob.pk)
    assert _listed(alice) == [(ann.pk, ann2.pk)]
    found = find_duplicates(alice)
    assert found.hidden == 1
    everything = find_duplicates(alice, include_dismissed=True)
    assert [(p.keep_id, p.dismissed) for p in everything.pairs] == [(robert.pk, True), (ann.pk, False)]
    assert everything.hidden == 0
    assert _listed(alice, limit=1) == [(ann.pk, ann2.pk)]  # the limit counts only what is shown

    undismiss_pair(alice, robert, bob)
    assert _listed(alice) == [(robert.pk, bob.pk), (ann.pk, ann2.pk)]
    assert not DupeDismissal.objects.exists()


def test_dismissing_twice_keeps_one_mark_and_undismissing_an_unmarked_pair_is_refused(alice, pairs):
    robert, bob, ann, _ = pairs
    dismiss_pair(alice, robert, bob)
    again, created = dismiss_pair(alice, bob, robert)
    assert not created and DupeDismissal.objects.count() == 1
    with pytest.raises(InvalidInput, match="were not marked as different people"):
        undismiss_pair(alice, robert, ann)
    with pytest.raises(InvalidInput, match="named twice"):
        dismiss_pair(alice, robert, robert)
    assert DupeDismissal.objects.count() == 1


def test_the_database_keeps_one_ordered_mark_per_pair(alice, pairs):
    robert, bob, *_ = pairs
    dismiss_pair(alice, robert, bob)
    with pytest.raises(IntegrityError), transaction.atomic():
        DupeDismissal.objects.create(owner=alice, person_a=robert, person_b=bob, created_at=robert.created_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        DupeDismissal.objects.create(owner=alice, person_a=bob, person_b=robert, created_at=robert.created_at)


def test_only_the_owner_can_dismiss_or_undismiss_their_pairs(alice, bob, charlie, pairs):
    robert, smith, *_ = pairs
    dismiss_pair(alice, robert, smith)
    for outsider in (bob, charlie):
        with pytest.raises(NotFound):
            resolve_person(outsider, f"#{robert.pk}")
        with pytest.raises(NotFound):
            dismiss_pair(outsider, robert, smith)
        with pytest.raises(NotFound):
            undismiss_pair(outsider, robert, smith)
        assert likely_duplicates(outsider, include_dismissed=True) == []
    assert DupeDismissal.objects.get().owner == alice  # alice's mark is untouched


def test_a_mark_in_one_network_hides_nothing_in_another(alice, bob, pairs, now):
    robert, smith, *_ = pairs
    dismiss_pair(alice, robert, smith)
    b1 = _person(bob, "Robert Smith", emails=["bob@acme.com"])
    b2 = _person(bob, "Bob Smith", emails=["bob@acme.com"])
    assert _listed(bob) == [(b1.pk, b2.pk)]


def test_deleting_a_person_deletes_their_marks(alice, pairs):
    robert, bob, ann, _ = pairs
    dismiss_pair(alice, robert, bob)
    dismiss_pair(alice, robert, ann)
    bob.delete()
    assert list(DupeDismissal.objects.values_list("person_a_id", "person_b_id")) == [(robert.pk, ann.pk)]


def test_a_dismissed_pair_can_still_be_merged_and_undo_brings_the_mark_back(alice, pairs):
    robert, bob, ann, _ = pairs
    dismiss_pair(alice, robert, bob)
    dismiss_pair(alice, bob, ann)
    bob_id = bob.pk

    record = merge_people(alice, robert, bob)

    assert not Person.objects.filter(pk=bob_id).exists()
    # Bob is not Ann, and Bob is Robert now: so Robert is not Ann.
    assert list(DupeDismissal.objects.values_list("person_a_id", "person_b_id")) == [(robert.pk, ann.pk)]

    undo_merge(alice, record)

    assert sorted(DupeDismissal.objects.values_list("person_a_id", "person_b_id")) == [
        (robert.pk, bob_id),
        (bob_id, ann.pk),
    ]
    assert _listed(alice) == [(ann.pk, pairs[3].pk)]


def test_merge_keeps_the_kept_persons_own_mark_once(alice, pairs):
    robert, bob, ann, _ = pairs
    dismiss_pair(alice, robert, ann)
    dismiss_pair(alice, bob, ann)
    record = merge_people(alice, robert, bob)
    marks = list(DupeDismissal.objects.values_list("pk", "person_a_id", "person_b_id"))
    assert [m[1:] for m in marks] == [(robert.pk, ann.pk)]
    undo_merge(alice, record)
    assert sorted(DupeDismissal.objects.values_list("person_a_id", "person_b_id")) == [
        (robert.pk, ann.pk),
        (bob.pk, ann.pk),
    ]
    assert marks[0][0] in DupeDismissal.objects.values_list("pk", flat=True)  # robert's own mark was never touched


def test_undo_still_works_when_the_other_person_of_a_mark_was_deleted_since(alice, pairs):
    robert, bob, ann, _ = pairs
    dismiss_pair(alice, bob, ann)
    record = merge_people(alice, robert, bob)
    ann.delete()
    restored = undo_merge(alice, record)
    assert restored.pk == bob.pk and not DupeDismissal.objects.exists()
