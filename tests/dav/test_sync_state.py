"""services.dav_sync: what the address book holds and what changed since a token, kept up
to date from the trigger marks whatever path wrote the change."""

from __future__ import annotations

import pytest

from goodwill.models import ContactPoint, DavDirty, DavItem, Person
from goodwill.services import dav_sync
from goodwill.services.people import PersonFields, add_person, archive_person, edit_person, tag_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def jane(alice):
    return add_person(alice, PersonFields(name="Jane Doe", emails=["jane@example.com"], circle="close"))


def _card(owner, person) -> DavItem:
    return DavItem.objects.get(owner=owner, collection="contacts", object_kind="p", object_id=person.pk)


def test_first_look_renders_everyone_and_a_token_answers_nothing_new(alice, jane):
    token, hrefs = dav_sync.changes_since(alice, "contacts", "")
    assert len(hrefs) == 1 and hrefs[0].endswith(".vcf")
    card = _card(alice, jane)
    assert "FN:Jane Doe" in card.text and "jane@example.com" in card.text
    assert "CATEGORIES:close" in card.text  # the circle shows as a group on the phone
    assert dav_sync.changes_since(alice, "contacts", token) == (token, [])


def test_an_edit_anywhere_is_one_change_and_only_that_card(alice, jane):
    other = add_person(alice, PersonFields(name="Omar Thompson"))
    token, _ = dav_sync.changes_since(alice, "contacts", "")
    before = _card(alice, other).etag
    edit_person(alice, jane, PersonFields(title="CFO"))
    new_token, hrefs = dav_sync.changes_since(alice, "contacts", token)
    assert hrefs == [_card(alice, jane).href] and new_token != token
    assert "TITLE:CFO" in _card(alice, jane).text
    assert _card(alice, other).etag == before


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda o, p: ContactPoint.objects.filter(person=p).update(value="j@new.example"), id="raw update"),
        pytest.param(lambda o, p: tag_person(o, p, ["austin"]), id="a tag"),
        pytest.param(
            lambda o, p: p.organization is None and edit_person(o, p, PersonFields(organization="Acme")), id="org"
        ),
        pytest.param(
            lambda o, p: p.circle.__class__.objects.filter(pk=p.circle_id).update(name="inner-most"),
            id="circle renamed",
        ),
    ],
)
def test_changes_from_any_write_path_reach_the_card(alice, jane, change):
    token, _ = dav_sync.changes_since(alice, "contacts", "")
    before = _card(alice, jane).text
    change(alice, Person.objects.get(pk=jane.pk))
    _, hrefs = dav_sync.changes_since(alice, "contacts", token)
    assert hrefs == [_card(alice, jane).href]
    assert _card(alice, jane).text != before


def test_a_touch_that_changes_no_card_field_is_no_change(alice, jane):
    from goodwill.services.interactions import LogRequest, log_interaction

    token, _ = dav_sync.changes_since(alice, "contacts", "")
    log_interaction(alice, LogRequest(kind="call", people=[jane], summary="caught up"))
    assert dav_sync.changes_since(alice, "contacts", token)[1] == []


def test_archived_and_deleted_people_leave_tombstones_and_come_back_at_the_same_address(alice, jane):
    from goodwill.services.deletion import delete_person, restore_person

    token, _ = dav_sync.changes_since(alice, "contacts", "")
    href = _card(alice, jane).href
    deletion = delete_person(alice, jane)
    token2, hrefs = dav_sync.changes_since(alice, "contacts", token)
    assert hrefs == [href]
    assert dav_sync.item_at(alice, "contacts", href) is None  # a tombstone: reported as gone
    restore_person(alice, deletion)
    _, hrefs = dav_sync.changes_since(alice, "contacts", token2)
    assert hrefs == [href] and dav_sync.item_at(alice, "contacts", href) is not None
    archive_person(alice, Person.objects.get(pk=jane.pk))
    dav_sync.refresh(alice, "contacts")
    assert dav_sync.item_at(alice, "contacts", href) is None  # archived: off the phone, kept in Goodwill


def test_tokens_from_elsewhere_are_refused(alice, bob, jane):
    add_person(bob, PersonFields(name="Bob's friend"))
    token, _ = dav_sync.changes_since(alice, "contacts", "")
    with pytest.raises(dav_sync.StaleToken):
        dav_sync.changes_since(bob, "contacts", token)  # another book's token
    with pytest.raises(dav_sync.StaleToken):
        dav_sync.changes_since(alice, "contacts", "http://example.com/sync/1")
    with pytest.raises(dav_sync.StaleToken):
        dav_sync.changes_since(alice, "contacts", token.rsplit("-", 1)[0] + "-999")  # from the future


def test_each_user_sees_only_their_own_people(alice, bob, jane):
    add_person(bob, PersonFields(name="Zed Bob"))
    _, hrefs = dav_sync.changes_since(bob, "contacts", "")
    assert [i.text.count("FN:") for i in dav_sync.live_items(bob, "contacts")] == [1]
    assert all("Jane" not in i.text for i in dav_sync.live_items(bob, "contacts"))
    assert len(hrefs) == 1


def test_no_marks_are_kept_for_users_without_a_phone(alice, bob, jane):
    dav_sync.changes_since(alice, "contacts", "")
    add_person(bob, PersonFields(name="Zed Bob", emails=["z@example.com"]))
    assert not DavDirty.objects.filter(owner=bob).exists()
    edit_person(alice, jane, PersonFields(title="CFO"))
    assert DavDirty.objects.filter(owner=alice).exists()
    dav_sync.refresh(alice, "contacts")
    assert not DavDirty.objects.filter(owner=alice, object_kind="p").exists()


def test_confidential_notes_never_reach_the_card(alice, jane):
    from goodwill.models import Confidentiality
    from goodwill.services.notes import add_note

    add_note(alice, jane, "Likes sailing", confidentiality=Confidentiality.SHAREABLE)
    add_note(alice, jane, "Is interviewing elsewhere", confidentiality=Confidentiality.CONFIDENTIAL)
    dav_sync.refresh(alice, "contacts")
    text = _card(alice, jane).text
    assert "Likes sailing" in text and "interviewing" not in text


def test_two_uids_that_make_the_same_address_get_two_addresses(alice):
    one = add_person(alice, PersonFields(name="One"))
    two = add_person(alice, PersonFields(name="Two"))
    Person.objects.filter(pk=one.pk).update(uid="team:a")
    Person.objects.filter(pk=two.pk).update(uid="team/a")
    _, hrefs = dav_sync.changes_since(alice, "contacts", "")
    assert sorted(hrefs) == ["team-a-2.vcf", "team-a.vcf"]


def test_archiving_someone_takes_their_tasks_off_the_phone(alice, jane):
    from goodwill.services.steps import add_step

    add_step(alice, jane, "send the deck")
    token, hrefs = dav_sync.changes_since(alice, "tasks", "")
    assert len(hrefs) == 1
    archive_person(alice, Person.objects.get(pk=jane.pk))
    _, gone = dav_sync.changes_since(alice, "tasks", token)
    assert gone == hrefs and dav_sync.item_at(alice, "tasks", hrefs[0]) is None


def test_old_tombstones_are_forgotten_and_tokens_from_before_them_start_over(alice, jane):
    from datetime import timedelta

    from goodwill import clock
    from goodwill.services.deletion import delete_person

    omar = add_person(alice, PersonFields(name="Omar Thompson"))
    old_token, _ = dav_sync.changes_since(alice, "contacts", "")
    delete_person(alice, omar)
    recent_token, gone = dav_sync.changes_since(alice, "contacts", old_token)
    assert len(gone) == 1
    assert dav_sync.prune_tombstones(clock.now() + timedelta(days=30)) == 0  # kept while recent
    assert dav_sync.prune_tombstones(clock.now() + timedelta(days=91)) == 1
    with pytest.raises(dav_sync.StaleToken):
        dav_sync.changes_since(alice, "contacts", old_token)  # it would miss Omar's deletion
    assert dav_sync.changes_since(alice, "contacts", recent_token)[1] == []


def test_a_user_whose_devices_are_silent_stops_paying_for_change_marks(alice, bob, jane):
    from datetime import timedelta

    from goodwill import clock
    from goodwill.models import DavBook
    from goodwill.services.dav_passwords import add_device_password

    add_device_password(alice, "iPhone")
    token, _ = dav_sync.changes_since(alice, "contacts", "")
    assert dav_sync.forget_idle_books(clock.now() + timedelta(days=30)) == 0  # a new password counts as in use
    assert dav_sync.forget_idle_books(clock.now() + timedelta(days=91)) == 1
    assert not DavBook.objects.filter(owner=alice).exists()
    edit_person(alice, Person.objects.get(pk=jane.pk), PersonFields(title="CFO"))
    assert not DavDirty.objects.filter(owner=alice).exists()  # no book: the triggers skip her
    with pytest.raises(dav_sync.StaleToken):
        dav_sync.changes_since(alice, "contacts", token)  # the phone, back, starts over


def test_many_rows_written_in_one_statement_each_reach_their_card(alice, jane):
    """One statement over many rows (a restore's COPY, an import's bulk INSERT, undo's DELETE)
    marks every card it touched: on PostgreSQL inserts and deletes are marked once per statement,
    over all of its rows."""
    others = [add_person(alice, PersonFields(name=f"Omar {n}")) for n in range(3)]
    token, _ = dav_sync.changes_since(alice, "contacts", "")
    ContactPoint.objects.bulk_create(
        [ContactPoint(owner=alice, person=p, kind="email", value=f"o{p.pk}@example.com") for p in others]
    )
    token, hrefs = dav_sync.changes_since(alice, "contacts", token)
    assert sorted(hrefs) == sorted(_card(alice, p).href for p in others)
    assert all(f"o{p.pk}@example.com" in _card(alice, p).text for p in others)
    ContactPoint.objects.filter(person__in=[jane, others[0]]).delete()
    token, hrefs = dav_sync.changes_since(alice, "contacts", token)
    assert sorted(hrefs) == sorted(_card(alice, p).href for p in (jane, others[0]))
    assert "jane@example.com" not in _card(alice, jane).text
    ContactPoint.objects.filter(person__in=others).update(label="work")  # row by row, as before
    assert len(dav_sync.changes_since(alice, "contacts", token)[1]) == 2  # the two with a point left
