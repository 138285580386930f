import io
import json
from datetime import date

import pytest

from goodwill.errors import InvalidInput
from goodwill.models import Interaction, NextStep, Note, Person
from goodwill.services.backup import restore_backup, write_backup
from goodwill.services.interactions import LogRequest, StepRequest, log_interaction
from goodwill.services.notes import add_note
from goodwill.services.people import PersonFields, add_person


@pytest.fixture
def network(alice, now):
    sam = add_person(alice, PersonFields(name="Sam Lee", emails=["sam@example.com"], tags=["golf"]))
    jane = add_person(
        alice,
        PersonFields(
            name="Jane Doe", circle="inner", introduced_by="Sam Lee", organization="Acme", location="Austin, TX"
        ),
    )
    log_interaction(
        alice,
        LogRequest(
            kind="call",
            people=[jane, sam],
            summary="Board prep",
            next_steps=[StepRequest("send the deck", date(2026, 11, 27))],
        ),
    )
    log_interaction(
        alice, LogRequest(kind="meeting", people=[jane], summary="She is leaving Acme", confidentiality="confidential")
    )
    add_note(alice, jane, "Interviewing at Stripe", "confidential", source=sam)
    add_note(alice, jane, "Loves jazz", "private")
    return jane


def backup(owner, **kw) -> str:
    stream = io.StringIO()
    write_backup(owner, stream, **kw)
    return stream.getvalue()


def test_round_trip_into_another_account(alice, bob, network):
    text = backup(alice, include_confidential=True)
    counts = restore_backup(bob, io.StringIO(text))
    assert counts["person"] == 2 and counts["interaction"] == 2 and counts["nextstep"] == 2
    jane = Person.objects.get(owner=bob, name="Jane Doe")
    assert jane.introduced_by.name == "Sam Lee" and jane.organization.name == "Acme"
    assert jane.circle.owner == bob and jane.circle.name == "inner"
    assert jane.due_day == network.due_day and jane.place_label == network.place_label
    assert sorted(
        Interaction.objects.get(owner=bob, summary="Board prep").participants.values_list("name", flat=True)
    ) == ["Jane Doe", "Sam Lee"]
    assert Note.objects.get(owner=bob, text="Interviewing at Stripe").source.name == "Sam Lee"
    assert list(Person.objects.get(owner=bob, name="Sam Lee").tags.values_list("name", flat=True)) == ["golf"]
    # alice's network is untouched
    assert Person.objects.filter(owner=alice).count() == 2


def test_confidential_content_stays_out_by_default(alice, network):
    text = backup(alice)
    assert "Interviewing at Stripe" not in text and "She is leaving Acme" not in text
    assert "Loves jazz" in text
    assert json.loads(text)["include_confidential"] is False


def test_restore_refuses_a_non_empty_network_unless_replace(alice, network):
    text = backup(alice)
    with pytest.raises(InvalidInput):
        restore_backup(alice, io.StringIO(text))
    restore_backup(alice, io.StringIO(text), replace=True)
    assert Person.objects.filter(owner=alice).count() == 2
    assert NextStep.objects.filter(owner=alice).count() == 2


@pytest.mark.parametrize(
    "text,message",
    [
        ("{not json", "JSON is broken"),
        ('{"format": "something-else"}', "not a Goodwill backup"),
        ('{"format": "goodwill-backup", "version": 99}', "newer Goodwill"),
    ],
)
def test_bad_backups_are_refused_cleanly(bob, text, message):
    with pytest.raises(InvalidInput) as error:
        restore_backup(bob, io.StringIO(text))
    assert message in str(error.value)
    assert not Person.objects.filter(owner=bob).exists()


def test_not_a_duplicate_marks_round_trip(alice, bob, network):
    from goodwill.models import DupeDismissal
    from goodwill.queries.dupes import likely_duplicates
    from goodwill.services.dupes import dismiss_pair

    sam = Person.objects.get(owner=alice, name="Sam Lee")
    twin = add_person(alice, PersonFields(name="Sam Lee", emails=["sam@example.com"]))
    dismiss_pair(alice, twin, sam)
    data = json.loads(backup(alice))
    assert len(data["tables"]["dupedismissal"]) == 1

    restore_backup(bob, io.StringIO(json.dumps(data)))
    mark = DupeDismissal.objects.get(owner=bob)
    assert mark.person_a.owner == bob and {mark.person_a.name, mark.person_b.name} == {"Sam Lee"}
    assert likely_duplicates(bob) == [] and len(likely_duplicates(bob, include_dismissed=True)) == 1

    # Ids are new on restore: a mark whose ids came back the other way round is stored lower id first again.
    row = data["tables"]["dupedismissal"][0]
    row["person_a_id"], row["person_b_id"] = row["person_b_id"], row["person_a_id"]
    restore_backup(bob, io.StringIO(json.dumps(data)), replace=True)
    mark = DupeDismissal.objects.get(owner=bob)
    assert mark.person_a_id < mark.person_b_id
    assert likely_duplicates(bob) == []


def test_important_dates_round_trip_and_deleted_people_stay_out(alice, bob, network):
    from goodwill.models import ImportantDate
    from goodwill.services.dates import add_date
    from goodwill.services.deletion import delete_person

    add_date(alice, network, "anniversary", "14 June 2012")
    gone = add_person(alice, PersonFields(name="Olga Gone", emails=["olga@example.com"]))
    delete_person(alice, gone)
    text = backup(alice, include_confidential=True)
    assert "Olga" not in text and "olga@example.com" not in text
    counts = restore_backup(bob, io.StringIO(text))
    assert counts["importantdate"] == 1
    restored = ImportantDate.objects.get(owner=bob)
    assert (restored.person.name, restored.label, restored.month, restored.day, restored.year) == (
        "Jane Doe",
        "anniversary",
        6,
        14,
        2012,
    )


def test_what_colleagues_see_round_trips(alice, bob, network):
    from goodwill.models import Circle, SharingRule

    inner = Circle.objects.get(owner=alice, name="inner")
    SharingRule.objects.create(owner=alice, level="nothing")
    SharingRule.objects.create(owner=alice, circle=inner, level="last_met")
    SharingRule.objects.create(owner=alice, person=network, level="summaries")
    restore_backup(bob, io.StringIO(backup(alice)))
    rules = {
        (r.circle.name if r.circle else None, r.person.name if r.person else None, r.level)
        for r in SharingRule.objects.filter(owner=bob).select_related("circle", "person")
    }
    assert rules == {(None, None, "nothing"), ("inner", None, "last_met"), (None, "Jane Doe", "summaries")}
    assert all(r.circle is None or r.circle.owner == bob for r in SharingRule.objects.filter(owner=bob))


def _without_ids(text: str) -> dict:
    """A backup's rows with their ids left out (a restore gives new ones): links become
    whether there is one, and many-to-many lists (tags, participants) how many."""
    tables = json.loads(text)["tables"]

    def plain(row: dict) -> str:
        kept = {k: (v is not None if k.endswith("_id") else v) for k, v in row.items() if k != "id"}
        return json.dumps({k: len(v) if k in ("tags", "participants") else v for k, v in kept.items()}, sort_keys=True)

    return {label: sorted(plain(row) for row in rows) for label, rows in tables.items()}


def test_a_restore_brings_back_every_field_and_organizations_stay_findable(alice, bob, network):
    from goodwill.habits.dupes import org_key
    from goodwill.models import Circle, Organization

    text = backup(alice, include_confidential=True)
    circles = Circle.objects.filter(owner=bob).count()
    restore_backup(bob, io.StringIO(text))
    assert _without_ids(backup(bob, include_confidential=True)) == _without_ids(text)
    acme = Organization.objects.get(owner=bob, name="Acme")
    assert acme.key == org_key("Acme")  # duplicate detection and `find` look organizations up by key
    assert Circle.objects.filter(owner=bob).count() == circles  # the default circles were reused, not doubled
