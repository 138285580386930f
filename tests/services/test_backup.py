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


def _big_backup(owner, people: int = 1500) -> str:
    """The owner's backup with `people` more people (each with an email and a note), written
    like a real one: the rows of a bigger network, several MB of them, late tables included."""
    data = json.loads(backup(owner, include_confidential=True))
    tables = data["tables"]
    template = tables["person"][0]
    first = max(row["id"] for row in tables["person"]) + 1
    point = tables["contactpoint"][0]
    note = tables["note"][0]
    for n in range(people):
        pk = first + n
        tables["person"].append({**template, "id": pk, "name": f"Person {n}", "introduced_by_id": None})
        tables["contactpoint"].append({**point, "id": 10**6 + n, "person_id": pk, "value": f"p{n}@example.com"})
        tables["note"].append({**note, "id": 10**6 + n, "person_id": pk, "source_id": None, "text": "x" * 300})
    return json.dumps(data)


class _Spy(io.StringIO):
    """A backup file that records how much of it had been read when each batch went in."""

    read_at_insert: list[int]

    def read(self, size=-1):
        return super().read(size)


def test_a_big_backup_is_read_as_it_is_restored_a_bounded_piece_at_a_time(alice, bob, network, monkeypatch):
    from goodwill.services import backup as backup_module
    from goodwill.services import backup_reader

    text = _big_backup(alice)
    assert len(text) > 1_000_000
    monkeypatch.setattr(backup_reader, "CHUNK", 16_384)
    stream = io.StringIO(text)
    read_when_inserting = []
    readers = []
    real_insert, real_reader = backup_module._insert, backup_module.BackupReader

    def insert(table, pending, *args):
        assert len(pending) <= backup_module.BATCH  # the restore holds one batch of rows at most
        read_when_inserting.append(stream.tell())
        return real_insert(table, pending, *args)

    def reader(*args):
        readers.append(real_reader(*args))
        return readers[-1]

    monkeypatch.setattr(backup_module, "_insert", insert)
    monkeypatch.setattr(backup_module, "BackupReader", reader)
    counts = restore_backup(bob, stream)

    assert counts["person"] == 1502 and counts["note"] == 1502
    assert Person.objects.filter(owner=bob).count() == 1502
    # Batches went in while most of the file was still unread, and the reader never held more
    # than a chunk and a row of it.
    assert read_when_inserting[0] < len(text) / 4
    assert readers[0].json.peak < 2 * 16_384


def test_a_big_backup_with_a_damaged_tail_restores_nothing(alice, bob, network):
    from goodwill.models import ContactPoint, Tag

    text = _big_backup(alice)
    tags = Tag.objects.filter(owner=bob).count()
    for cut in (text[: len(text) - 40], text[: len(text) // 2], text.replace('"text": "x', '"text": x', 1)):
        with pytest.raises(InvalidInput) as error:
            restore_backup(bob, io.StringIO(cut))
        assert "damaged and nothing was restored" in str(error.value)
        assert "JSON is broken near line 1" in str(error.value)
        assert not Person.objects.filter(owner=bob).exists()
        assert not ContactPoint.objects.filter(owner=bob).exists()
        assert Tag.objects.filter(owner=bob).count() == tags


def test_a_reformatted_backup_restores_the_same(alice, bob, network, monkeypatch):
    """Any valid JSON layout reads the same: indented, the keys of the file and of each row
    sorted (the version after the tables), and values cut across the reader's chunks anywhere.
    (The tables must stay in the order Goodwill wrote them: see the test below.)"""
    from goodwill.services import backup_reader

    text = backup(alice, include_confidential=True)
    data = json.loads(text)
    data["tables"] = {label: [dict(sorted(row.items())) for row in rows] for label, rows in data["tables"].items()}
    pretty = json.dumps(dict(sorted(data.items())), indent=3)
    assert pretty.index('"tables"') < pretty.index('"version"')
    monkeypatch.setattr(backup_reader, "CHUNK", 7)
    restore_backup(bob, io.StringIO(pretty))
    assert _without_ids(backup(bob, include_confidential=True)) == _without_ids(text)


@pytest.mark.parametrize(
    "change,message",
    [
        (lambda d: {"tables": d["tables"], **{k: v for k, v in d.items() if k != "tables"}}, 'no "format"'),
        (lambda d: {**d, "version": 2}, "newer Goodwill"),
        (lambda d: {**d, "tables": dict(reversed(list(d["tables"].items())))}, "out of order"),
        (lambda d: {**d, "tables": []}, "not an object"),
        (lambda d: {**d, "tables": {**d["tables"], "person": {"id": 1}}}, "not a list"),
    ],
)
def test_a_backup_out_of_shape_is_refused_whole(alice, bob, network, change, message):
    data = change(json.loads(backup(alice)))
    with pytest.raises(InvalidInput) as error:
        restore_backup(bob, io.StringIO(json.dumps(data)))
    assert message in str(error.value)
    assert not Person.objects.filter(owner=bob).exists()


def test_the_reader_keeps_values_cut_at_a_chunk_edge_whole():
    from goodwill.services.backup_reader import BackupReader, BrokenJSON

    text = '{"format": "goodwill-backup", "version": 1234567, "tables": {"a": [1, 22, 333, {"b": [4444]}], "c": []}, "z": true}'
    for chunk in range(1, 12):
        reader = BackupReader(io.StringIO(text), chunk)
        assert reader.header() == {"format": "goodwill-backup", "version": 1234567}
        assert [(label, list(rows)) for label, rows in reader.tables()] == [
            ("a", [1, 22, 333, {"b": [4444]}]),
            ("c", []),
        ]
        assert reader.trailer()["z"] is True
    reader = BackupReader(io.StringIO(text + "\n\n{"), 5)
    reader.header()
    for _, rows in reader.tables():
        list(rows)
    with pytest.raises(BrokenJSON) as error:
        reader.trailer()
    assert error.value.line == 3


def test_bytes_that_are_not_utf8_late_in_a_big_backup_restore_nothing(alice, bob, network, tmp_path):
    path = tmp_path / "backup.json"
    text = _big_backup(alice)
    cut = len(text) * 3 // 4
    path.write_bytes(text[:cut].encode() + b"\xff\xfe" + text[cut:].encode())
    with pytest.raises(InvalidInput) as error, path.open(encoding="utf-8") as stream:
        restore_backup(bob, stream)
    assert "damaged and nothing was restored" in str(error.value)
    assert not Person.objects.filter(owner=bob).exists()


def test_an_imported_field_named_base64_round_trips_as_it_was(alice, bob, network):
    # Only a binary column's value is written as {"base64": ...}; an imported column that
    # happens to be called "base64" is a person's extra field like any other.
    Person.objects.filter(pk=network.pk).update(extra={"base64": "aGVsbG8=", "Badge": "7"})
    restore_backup(bob, io.StringIO(backup(alice, include_confidential=True)))
    assert Person.objects.get(owner=bob, name="Jane Doe").extra == {"base64": "aGVsbG8=", "Badge": "7"}


def test_a_phone_syncing_the_account_receives_the_restored_people(alice, bob, network):
    # Rows go in by plain INSERTs on SQLite and by COPY on PostgreSQL: either way the
    # database's row triggers mark what changed, so a phone's next sync brings it all.
    from goodwill.services import dav_sync

    token, hrefs = dav_sync.changes_since(bob, "contacts", "")
    assert hrefs == []
    restore_backup(bob, io.StringIO(backup(alice, include_confidential=True)))
    new_token, hrefs = dav_sync.changes_since(bob, "contacts", token)
    cards = [item.text for item in dav_sync.live_items(bob, "contacts")]
    assert new_token != token and len(hrefs) == 2
    assert sorted(text.split("FN:")[1].split("\r\n")[0].split("\n")[0] for text in cards) == ["Jane Doe", "Sam Lee"]


def test_a_big_backup_brings_back_every_introducer(alice, bob, network):
    # Introducers are linked once everyone is in (an introducer may come later in the file).
    data = json.loads(_big_backup(alice, people=1200))
    people = data["tables"]["person"]
    for earlier, later in zip(people[2:], people[3:], strict=False):
        later["introduced_by_id"] = earlier["id"]
    people[2]["introduced_by_id"] = people[-1]["id"]  # one introduced by someone further on
    restore_backup(bob, io.StringIO(json.dumps(data)))
    introducers = dict(Person.objects.filter(owner=bob).values_list("name", "introduced_by__name"))
    assert introducers["Jane Doe"] == "Sam Lee"
    assert introducers["Person 0"] == "Person 1199"
    assert all(introducers[f"Person {n}"] == f"Person {n - 1}" for n in range(1, 1200))


def test_a_row_the_database_refuses_late_in_a_big_backup_restores_nothing(alice, bob, network):
    # On PostgreSQL the rows go in from a second thread while the file is read: a refusal
    # there still rolls back everything and reads as one line.
    from goodwill.models import ContactPoint

    data = json.loads(_big_backup(alice))
    data["tables"]["contactpoint"][-1]["person_id"] = 10**9  # nobody in the backup
    with pytest.raises(InvalidInput) as error:
        restore_backup(bob, io.StringIO(json.dumps(data)))
    assert "damaged and nothing was restored (IntegrityError" in str(error.value)
    assert "\n" not in str(error.value)
    assert not Person.objects.filter(owner=bob).exists()
    assert not ContactPoint.objects.filter(owner=bob).exists()
    restore_backup(bob, io.StringIO(backup(alice, include_confidential=True)))  # and the next restore works
    assert Person.objects.filter(owner=bob).count() == 2


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("GOODWILL_HOME", str(tmp_path))
    return tmp_path


def test_a_replace_keeps_the_network_it_deletes_and_that_copy_undoes_it(alice, bob, network, home):
    import stat

    from goodwill.services.backup import replaced_backup, replaced_backups
    from goodwill.services.people import PersonFields, add_person

    other = io.StringIO()
    add_person(bob, PersonFields(name="Only Bob's"))
    write_backup(bob, other)
    restored = restore_backup(alice, io.StringIO(other.getvalue()), replace=True)
    assert list(Person.objects.filter(owner=alice).values_list("name", flat=True)) == ["Only Bob's"]
    kept = restored.kept
    assert kept is not None and [k.path for k in replaced_backups(alice)] == [kept]
    assert replaced_backup(alice, kept.name) == kept and replaced_backups(alice)[0].size == kept.stat().st_size
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600  # it holds the confidential notes: theirs alone
    text = kept.read_text()
    assert "Interviewing at Stripe" in text and "She is leaving Acme" in text
    # Restoring the kept copy undoes the replace, confidences and all.
    back = restore_backup(alice, io.StringIO(text), replace=True)
    assert sorted(Person.objects.filter(owner=alice).values_list("name", flat=True)) == ["Jane Doe", "Sam Lee"]
    assert Note.objects.get(owner=alice, text="Interviewing at Stripe").confidentiality == "confidential"
    assert back.kept is not None and back.kept != kept and len(replaced_backups(alice)) == 2
    assert replaced_backups(bob) == []


def test_a_replace_that_fails_or_has_nothing_to_replace_keeps_no_copy(alice, bob, network, home):
    from goodwill.services.backup import replaced_backups

    damaged = json.dumps({"format": "goodwill-backup", "version": 1, "tables": {"person": [{"id": 1}]}})
    with pytest.raises(InvalidInput, match="damaged"):
        restore_backup(alice, io.StringIO(damaged), replace=True)
    assert Person.objects.filter(owner=alice).count() == 2 and replaced_backups(alice) == []
    restored = restore_backup(bob, io.StringIO(backup(alice)), replace=True)
    assert restored["person"] == 2 and restored.kept is None and replaced_backups(bob) == []


@pytest.mark.parametrize("name", ["../x.json", "before-restore-20261207-053012.json", "backup.json", ""])
def test_a_kept_copy_is_found_only_by_its_own_name_in_its_owners_folder(alice, bob, network, home, name):
    from goodwill.errors import NotFound
    from goodwill.services.backup import replaced_backup

    kept = restore_backup(alice, io.StringIO(backup(bob)), replace=True).kept
    assert kept is not None
    with pytest.raises(NotFound):
        replaced_backup(bob, kept.name)  # alice's copy, asked for as bob
    with pytest.raises(NotFound):
        replaced_backup(alice, name)
