"""Merging two people keeps everything of both, and undo restores exactly what was the merged person's."""

from datetime import UTC, date, datetime, timedelta

import pytest

from goodwill.errors import InvalidInput, NotFound
from goodwill.models import (
    Address,
    ContactPoint,
    DupeDismissal,
    Exchange,
    FieldVector,
    ImportantDate,
    Interaction,
    Introduction,
    Item,
    MergeRecord,
    NextStep,
    Note,
    Person,
    Photo,
    ProfileEntry,
    Share,
    Tag,
)
from goodwill.models.service import SearchDocument
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.merge import DERIVED, get_merge, merge_history, merge_people, person_relations, undo_merge
from goodwill.services.people import PersonFields, add_person
from goodwill.services.rhythm import recount_last_touch

T = datetime(2026, 11, 1, 12, tzinfo=UTC)


def test_every_relation_to_person_is_handled_by_merge():
    """A model that points at Person in a way merge does not know must fail here, not lose data."""
    handled = {r.key for r in person_relations()}
    forward = {"owner", "organization", "circle", "introduced_by", "tags"}  # Person's own fields, in the snapshot
    for f in Person._meta.get_fields(include_hidden=True):
        if not f.is_relation or f.name in forward:
            continue
        assert f.auto_created and not f.concrete, f"merge does not know the relation {f!r}"
        if f.related_model in DERIVED:
            continue  # recomputed, never moved
        if f.many_to_many:
            assert any(key.startswith(f.through._meta.label + ".") for key in handled), f
        elif f.related_model._meta.auto_created:
            assert any(key.startswith(f.related_model._meta.label + ".") for key in handled), f
        else:
            assert f"{f.related_model._meta.label}.{f.field.attname}" in handled, f
    # The forward many-to-many (tags) is moved as a relation too.
    assert any(key.startswith("goodwill.Person_tags.") for key in handled)


def _person(owner, name, **fields):
    return add_person(owner, PersonFields(name=name, **fields))


def _populate(owner, keep: Person, other: Person, third: Person) -> set[str]:
    """One row (at least) in every relation that can point at `other`; returns the relation keys filled."""
    filled = set()
    a_tag, shared_tag = Tag.objects.create(owner=owner, name="golf"), Tag.objects.create(owner=owner, name="board")
    other.tags.add(a_tag, shared_tag)
    keep.tags.add(shared_tag)
    filled.add("goodwill.Person_tags.person_id")
    ContactPoint.objects.create(owner=owner, person=other, kind="email", value="b@x.com", normalized="b@x.com")
    ContactPoint.objects.create(owner=owner, person=other, kind="email", value="Same@x.com", normalized="same@x.com")
    ContactPoint.objects.create(owner=owner, person=keep, kind="email", value="same@x.com", normalized="same@x.com")
    filled.add("goodwill.ContactPoint.person_id")
    Address.objects.create(owner=owner, person=other, city="Boise")
    filled.add("goodwill.Address.person_id")
    Photo.objects.create(owner=owner, person=other, media_type="image/png", data=b"\x89PNG other")
    Photo.objects.create(owner=owner, person=keep, media_type="image/png", data=b"\x89PNG keep")
    filled.add("goodwill.Photo.person_id")
    solo = log_interaction(owner, LogRequest(kind="call", people=[other], summary="Call with B", when=T)).interaction
    both = log_interaction(owner, LogRequest(kind="meeting", people=[keep, other], summary="Lunch", when=T)).interaction
    filled.add("goodwill.Interaction_participants.person_id")
    Note.objects.create(owner=owner, person=other, text="likes jazz", created_at=T)
    filled.add("goodwill.Note.person_id")
    Note.objects.create(owner=owner, person=third, text="heard from B", source=other, created_at=T)
    filled.add("goodwill.Note.source_id")
    NextStep.objects.create(
        owner=owner, person=other, interaction=solo, text="send deck", due_on=date(2026, 12, 1), created_at=T
    )
    filled.add("goodwill.NextStep.person_id")
    ProfileEntry.objects.create(owner=owner, person=other, kind="need", text="a CFO", created_at=T)
    filled.add("goodwill.ProfileEntry.person_id")
    ImportantDate.objects.create(owner=owner, person=other, label="anniversary", month=6, day=14)
    filled.add("goodwill.ImportantDate.person_id")
    item = Item.objects.create(owner=owner, title="HBR article", created_at=T)
    share = Share.objects.create(owner=owner, item=item, person=other, interaction=both, created_at=T)
    filled.add("goodwill.Share.person_id")
    intro = Introduction.objects.create(
        owner=owner, person_a=other, person_b=third, why="both golf", created_at=T, updated_at=T
    )
    Introduction.objects.create(
        owner=owner, person_a=third, person_b=other, why="both CFOs", created_at=T, updated_at=T
    )
    filled |= {"goodwill.Introduction.person_a_id", "goodwill.Introduction.person_b_id"}
    Exchange.objects.create(
        owner=owner,
        person=other,
        kind="referral",
        direction="given",
        occurred_on=date(2026, 10, 1),
        introduction=intro,
        share=share,
        created_at=T,
    )
    filled.add("goodwill.Exchange.person_id")
    Exchange.objects.create(
        owner=owner,
        person=third,
        kind="business",
        direction="received",
        occurred_on=date(2026, 10, 2),
        source=other,
        created_at=T,
    )
    filled.add("goodwill.Exchange.source_id")
    third.introduced_by = other
    third.save()
    filled.add("goodwill.Person.introduced_by_id")
    SearchDocument.objects.create(owner=owner, person=other, notes="likes jazz")
    SearchDocument.objects.create(owner=owner, person=keep, notes="")
    filled.add("goodwill.SearchDocument.person_id")
    FieldVector.objects.create(owner=owner, person=other, kind="need", digest="0" * 40, vector=bytes(768))
    filled.add("goodwill.FieldVector.person_id")
    # "Not a duplicate" marks, stored lower id first: other is b beside keep, a beside third.
    DupeDismissal.objects.create(owner=owner, person_a=keep, person_b=other, created_at=T)
    DupeDismissal.objects.create(owner=owner, person_a=other, person_b=third, created_at=T)
    filled |= {"goodwill.DupeDismissal.person_a_id", "goodwill.DupeDismissal.person_b_id"}
    # `other` was itself the kept person of an earlier merge.
    MergeRecord.objects.create(owner=owner, kept=other, merged_id=999999, snapshot={"person": {}}, created_at=T)
    filled.add("goodwill.MergeRecord.kept_id")
    # A meeting ahead, read from a calendar, with both of them.
    from goodwill.models import CaptureSource, UpcomingMeeting

    calendar = CaptureSource.objects.create(owner=owner, kind="ics", name="Calendar", created_at=T)
    meeting = UpcomingMeeting.objects.create(owner=owner, source=calendar, key="k", title="Lunch", starts_at=T)
    meeting.people.set([other, third])
    filled.add("goodwill.UpcomingMeeting_people.person_id")
    # The firm: what colleagues see of them, a colleague's request for an introduction to
    # them, a handover that brought them, and their stored shared strength (derived: not moved).
    from django.contrib.auth import get_user_model

    from goodwill.models import Handover, IntroRequest, PersonStrength, SharingRule

    SharingRule.objects.create(owner=owner, person=other, level="nothing")
    SharingRule.objects.create(owner=owner, person=keep, level="summaries")
    filled.add("goodwill.SharingRule.person_id")
    colleague = get_user_model().objects.create_user(username="colleague-" + str(owner.pk))
    IntroRequest.objects.create(
        requester=colleague, colleague=owner, target=other, reason="a client", created_at=T, updated_at=T
    )
    filled.add("goodwill.IntroRequest.target_id")
    Handover.objects.create(
        leaver=colleague, recipient=owner, to_person=other, from_person=other, name="B", created_at=T
    )
    filled |= {"goodwill.Handover.to_person_id", "goodwill.Handover.from_person_id"}
    PersonStrength.objects.create(
        person=other, owner=owner, score=12, score_quarter_ago=10, computed_on=T.date(), stale=False
    )
    return filled


def _state(owner, ignore_merge: int | None = None) -> dict:
    """Every row that points at a person, and every person's own fields (without the merge's own record)."""
    state = {
        "people": sorted(
            Person.objects.filter(owner=owner).values_list(
                "id", "name", "title", "birthday", "location", "latitude", "uid", "introduced_by_id", "extra"
            )
        )
    }
    for relation in person_relations():
        rows = relation.model._default_manager.values_list(
            "pk", relation.column, *([relation.other_column] if relation.other_column else [])
        )
        if relation.model is MergeRecord:
            rows = rows.exclude(pk=ignore_merge)
        state[relation.key] = sorted(tuple(r[1:]) if relation.other_column else r for r in rows)
    state["photos"] = sorted((p.person_id, bytes(p.data)) for p in Photo.objects.all())
    state["emails"] = sorted(ContactPoint.objects.values_list("person_id", "value"))
    return state


def pointing_at(person_id: int) -> list[str]:
    return [r.key for r in person_relations() if r.model._default_manager.filter(**{r.column: person_id}).exists()]


@pytest.fixture
def trio(alice, now):
    keep = _person(alice, "Robert Smith", emails=["bob@acme.com"])
    other = _person(alice, "Bob Smith", title="CFO", organization="Acme", birthday="--04-12", location="Boise, ID")
    other.extra = {"X-SKYPE": ["bobsmith"]}
    other.save()
    third = _person(alice, "Carol King")
    return keep, other, third


def test_merge_keeps_every_row_and_undo_restores_exactly(alice, trio):
    keep, other, third = trio
    filled = _populate(alice, keep, other, third)
    assert filled == {r.key for r in person_relations()}, "add a row for the new relation to _populate"
    before = _state(alice)
    other_id = other.pk

    record = merge_people(alice, keep, other)

    assert not Person.objects.filter(pk=other_id).exists()
    assert pointing_at(other_id) == []
    assert Interaction.objects.filter(participants=keep).count() == 2
    assert set(keep.tags.values_list("name", flat=True)) == {"golf", "board"}
    assert sorted(ContactPoint.objects.filter(person=keep).values_list("normalized", flat=True)) == [
        "b@x.com",
        "bob@acme.com",
        "same@x.com",
    ]  # the duplicate email is kept once
    assert NextStep.objects.get(text="send deck").person_id == keep.pk
    assert Note.objects.get(text="heard from B").source_id == keep.pk
    assert Person.objects.get(pk=third.pk).introduced_by_id == keep.pk
    assert bytes(Photo.objects.get(person=keep).data) == b"\x89PNG keep"
    assert (
        Exchange.objects.filter(person=keep).count() == 1 and Exchange.objects.get(kind="business").source_id == keep.pk
    )
    assert record.merged_id == other_id and record.kept_id == keep.pk
    # "B is not C" now reads "A is not C"; "A is not B" went with B.
    assert set(DupeDismissal.objects.values_list("person_a_id", "person_b_id")) == {(keep.pk, third.pk)}
    assert SearchDocument.objects.get(person=keep).stale  # search re-reads what keep now has

    restored = undo_merge(alice, record)

    assert restored.pk == other_id
    assert _state(alice, ignore_merge=record.pk) == before
    assert get_merge(alice, str(record.pk)).undone_at is not None


def test_blanks_are_filled_from_the_merged_person_and_put_back_on_undo(alice, trio):
    keep, other, _ = trio
    record = merge_people(alice, keep, other)
    keep.refresh_from_db()
    assert (keep.name, keep.title, keep.organization.name, keep.birthday) == ("Robert Smith", "CFO", "Acme", "--04-12")
    assert keep.location == "Boise, ID" and keep.latitude is not None and keep.place_label
    assert keep.extra == {"X-SKYPE": ["bobsmith"]}
    keep.title = "Chief Financial Officer"  # edited after the merge: undo leaves it
    keep.save()
    undo_merge(alice, record)
    keep.refresh_from_db()
    assert keep.title == "Chief Financial Officer"
    assert (keep.organization, keep.birthday, keep.location, keep.latitude, keep.extra) == (None, "", "", None, {})


def test_rhythm_follows_the_latest_touch_of_either(alice, trio):
    keep, other, _ = trio
    recent = datetime(2026, 11, 20, 10, tzinfo=UTC)
    log_interaction(alice, LogRequest(kind="call", people=[other], summary="Caught up", when=recent))
    record = merge_people(alice, keep, other)
    keep.refresh_from_db()
    assert keep.last_touch_at == recent
    due = keep.due_day
    assert recount_last_touch(keep, save=False).due_day == due
    restored = undo_merge(alice, record)
    keep.refresh_from_db()
    assert keep.last_touch_at is None and restored.last_touch_at == recent


def test_keep_introduced_by_the_merged_person(alice, now):
    other = _person(alice, "Sam Lee")
    keep = _person(alice, "Samuel Lee", introduced_by="Sam Lee")
    record = merge_people(alice, keep, other)
    keep.refresh_from_db()
    assert keep.introduced_by_id is None
    undo_merge(alice, record)
    keep.refresh_from_db()
    assert keep.introduced_by_id == other.pk


def test_merging_a_person_with_itself_is_refused(alice, trio):
    keep, _, _ = trio
    with pytest.raises(InvalidInput, match="itself"):
        merge_people(alice, keep, keep)


def test_nobody_else_can_merge_or_undo_alices_people(alice, bob, charlie, trio):
    keep, other, _ = trio
    for intruder in (bob, charlie):
        with pytest.raises(NotFound):
            merge_people(intruder, keep, other)
    assert Person.objects.filter(pk=other.pk).exists()
    record = merge_people(alice, keep, other)
    for intruder in (bob, charlie):
        with pytest.raises(NotFound):
            get_merge(intruder, str(record.pk))
        assert merge_history(intruder) == []
    assert [m.pk for m in merge_history(alice)] == [record.pk]


def test_undo_twice_and_bad_ids(alice, trio):
    keep, other, _ = trio
    record = merge_people(alice, keep, other)
    undo_merge(alice, record)
    with pytest.raises(InvalidInput, match="already undone"):
        undo_merge(alice, record)
    with pytest.raises(InvalidInput):
        get_merge(alice, "abc")
    with pytest.raises(NotFound):
        get_merge(alice, "424242")


def test_merge_chain_then_undo_in_reverse(alice, now):
    a, b, c = (_person(alice, n) for n in ("Ann Lee", "Anne Lee", "A. Lee"))
    for person in (a, b, c):
        log_interaction(
            alice,
            LogRequest(kind="call", people=[person], summary=f"call {person.pk}", when=T - timedelta(days=person.pk)),
        )
    first = merge_people(alice, a, b)
    second = merge_people(alice, a, c)
    undo_merge(alice, second)
    undo_merge(alice, first)
    for person in (a, b, c):
        assert list(Interaction.objects.filter(participants=person).values_list("summary", flat=True)) == [
            f"call {person.pk}"
        ]
