"""Fingerprints of imported records (issue 18): a re-import reports a record "unchanged"
without folding its person when the record's digest is kept for that person, and the
answer is always the one a full fold gives.

Every edit that could make a kept fingerprint lie (the CLI, the web app, the API, a
phone's CardDAV card, a merge, an undo, a deleted person restored, a renamed tag, raw
SQL) is made here after an import; then the dry run with the fingerprints as stored, the
same dry run with none (everyone folded in full) and the applied import must agree."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from goodwill.dav_changes import PERSON_CARD_COLUMNS
from goodwill.formats.contact import Address, ContactRecord, Photo, Typed
from goodwill.models import ContactPoint, ImportPrint, Note, Person, Tag
from goodwill.services.backup import restore_backup, write_backup
from goodwill.services.contact_mapping import record_points
from goodwill.services.contacts_import import import_contacts, undo_import
from goodwill.services.contacts_import import run as import_run
from goodwill.services.contacts_import.fold import Known, Pending, fold
from goodwill.services.contacts_import.prints import digest, settled
from goodwill.services.dav_card_merge import apply_card
from goodwill.services.dav_cards import render_card
from goodwill.services.deletion import delete_person, restore_person
from goodwill.services.merge import merge_people, undo_merge
from goodwill.services.people import PersonFields, add_person, resolve_person

CARDS = {
    "ada": (
        "FN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\nEMAIL;TYPE=WORK:ada@example.org\r\nTEL;TYPE=CELL:+1 512 555 0101\r\n"
        "ORG:Analytical Engines\r\nTITLE:Countess\r\nNOTE:Met at the fair\r\nCATEGORIES:math,poetry\r\n"
        "ADR;TYPE=HOME:;;12 St James Sq;London;;SW1;UK\r\nURL:https://www.linkedin.com/in/ada-lovelace\r\n"
        "BDAY:1815-12-10\r\n"
    ),
    "grace": "FN:Grace Hopper\r\nEMAIL:grace@example.org\r\nORG:Navy\r\nTITLE:Admiral\r\nCATEGORIES:navy\r\n",
    "alan": "FN:Alan Turing\r\nEMAIL:alan@example.org\r\nTITLE:Fellow\r\n",
}


def _vcf(tmp_path: Path, cards: dict[str, str], name: str = "contacts.vcf") -> Path:
    path = tmp_path / name
    path.write_text("".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{body}END:VCARD\r\n" for body in cards.values()))
    return path


def _report(report) -> tuple:
    return report.counts, report.examples, report.problem_count


def agreed(owner, path: Path) -> dict[str, int]:
    """The dry run with the fingerprints kept, the same with none, and the applied import
    say the same (counts, the people named for each, problems); returns the counts."""
    quick = import_contacts(owner, [path])
    kept = list(ImportPrint.objects.values_list("person_id", "digest"))
    ImportPrint.objects.all().delete()
    full = import_contacts(owner, [path])
    ImportPrint.objects.bulk_create([ImportPrint(person_id=pk, digest=d) for pk, d in kept])
    assert _report(quick) == _report(full)
    applied = import_contacts(owner, [path], apply=True)
    assert _report(applied) == _report(quick)
    return quick.counts


@pytest.fixture
def imported(alice, now, tmp_path):
    path = _vcf(tmp_path, CARDS)
    report = import_contacts(alice, [path], apply=True)
    assert report.counts["created"] == 3
    return path


def _folds(monkeypatch) -> list[int]:
    calls: list[int] = []

    def counting(*args, **kwargs):
        calls.append(1)
        return fold(*args, **kwargs)

    monkeypatch.setattr(import_run, "fold", counting)
    return calls


def _ada(owner) -> Person:
    return Person.objects.get(owner=owner, name="Ada Lovelace")


def test_a_file_imported_before_is_unchanged_without_folding_anyone(alice, imported, monkeypatch):
    people = Person.objects.filter(owner=alice)
    assert ImportPrint.objects.filter(person__in=people).count() == 3  # one per record
    folds = _folds(monkeypatch)
    again = import_contacts(alice, [imported])
    assert again.counts["unchanged"] == 3 and again.counts["updated"] == again.counts["created"] == 0
    assert folds == []
    applied = import_contacts(alice, [imported], apply=True)
    assert applied.counts == again.counts and folds == []


def test_one_new_row_is_folded_the_rest_are_not(alice, imported, tmp_path, monkeypatch):
    cards = {**CARDS, "alan": CARDS["alan"] + "NOTE:Broke Enigma\r\n"}
    folds = _folds(monkeypatch)
    report = import_contacts(alice, [_vcf(tmp_path, cards, "changed.vcf")])
    assert (report.counts["updated"], report.counts["unchanged"]) == (1, 2)
    assert report.examples["updated"] == ["Alan Turing"] and len(folds) == 1


def test_the_first_full_fold_of_an_unchanged_record_keeps_its_fingerprint(alice, imported):
    ImportPrint.objects.all().delete()  # as after a restore: nobody has any
    assert import_contacts(alice, [imported], apply=True).counts["unchanged"] == 3
    assert ImportPrint.objects.count() == 3


def test_clearing_a_field_with_the_cli(me, cli, tmp_path):
    path = _vcf(tmp_path, CARDS)
    import_contacts(me, [path], apply=True)
    result = cli("edit", "Ada Lovelace", "--title", "")
    assert result.exit_code == 0, result.output
    assert _ada(me).title == ""
    assert agreed(me, path)["updated"] == 1
    assert _ada(me).title == "Countess"


def test_removing_a_tag_with_the_cli(me, cli, tmp_path):
    path = _vcf(tmp_path, CARDS)
    import_contacts(me, [path], apply=True)
    result = cli("tag", "Grace Hopper", "--remove", "navy")
    assert result.exit_code == 0, result.output
    counts = agreed(me, path)
    assert counts["updated"] == 1 and counts["unchanged"] == 2


def test_removing_an_email_on_the_web(alice, imported, now):
    ada = _ada(alice)
    client = Client()
    client.force_login(alice)
    response = client.post(
        f"/people/{ada.pk}/edit",
        {
            "name": "Ada Lovelace",
            "organization": "Analytical Engines",
            "title": "Countess",
            "emails": "",
            "phones": "+1 512 555 0101",
            "urls": "https://www.linkedin.com/in/ada-lovelace",
            "location": "",
            "circle": "network",
            "cadence": "",
            "tags": "math, poetry",
            "how_met": "",
            "introduced_by": "",
            "birthday": "1815-12-10",
        },
    )
    assert response.status_code == 303
    assert not ContactPoint.objects.filter(person=ada, kind="email").exists()
    assert agreed(alice, imported)["updated"] == 1


def test_clearing_a_field_through_the_api(alice, imported, client, now):
    from goodwill.services.tokens import create_token

    grace = Person.objects.get(owner=alice, name="Grace Hopper")
    token = create_token(alice, "tests").plain
    response = client.patch(
        f"/api/v1/people/{grace.pk}",
        json.dumps({"title": ""}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.content
    assert agreed(alice, imported)["updated"] == 1


def test_a_phone_drops_a_number_over_carddav(alice, imported):
    ada = _ada(alice)
    before = render_card(ada)
    after = "\r\n".join(line for line in before.split("\r\n") if not line.startswith("TEL"))
    apply_card(alice, ada, before, after)
    assert not ContactPoint.objects.filter(person=ada, kind="phone").exists()
    assert agreed(alice, imported)["updated"] == 1


def test_a_deleted_note_and_a_renamed_tag(alice, imported):
    Note.objects.filter(person=_ada(alice)).delete()
    Tag.objects.filter(owner=alice, name="navy").update(name="sea")
    counts = agreed(alice, imported)
    assert counts["updated"] == 2 and counts["unchanged"] == 1


def test_rows_added_keep_the_fingerprints(alice, imported, now, monkeypatch):
    """Fold adds only what a person lacks: a new email, note or tag cannot make it add
    anything, so the fingerprints stay (the triggers fire on no insert) and still agree."""
    ada = _ada(alice)
    ContactPoint.objects.create(owner=alice, person=ada, kind="email", value="a@b.org", normalized="a@b.org")
    Note.objects.create(owner=alice, person=ada, text="Another note", created_at=now)
    ada.tags.add(Tag.objects.create(owner=alice, name="engines"))
    assert ImportPrint.objects.filter(person=ada).count() == 1
    folds = _folds(monkeypatch)
    assert import_contacts(alice, [imported]).counts["unchanged"] == 3 and folds == []
    assert agreed(alice, imported)["unchanged"] == 3


def test_raw_sql_that_empties_a_field(alice, imported):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE goodwill_person SET birthday = '' WHERE name = %s", ["Ada Lovelace"])
    assert agreed(alice, imported)["updated"] == 1


def test_a_merge_and_its_undo(alice, imported):
    ada = _ada(alice)
    other = add_person(alice, PersonFields(name="A. Lovelace", emails=["countess@example.org"]))
    record = merge_people(alice, other, ada)  # Ada's rows move to the person kept
    # The person kept has everything Ada had now, and no fingerprints: folded in full.
    assert not ImportPrint.objects.filter(person=other).exists()
    counts = agreed(alice, imported)
    assert counts["unchanged"] == 3 and counts["created"] == 0
    undo_merge(alice, record)
    assert agreed(alice, imported)["created"] == 0


def test_undoing_a_later_import_that_added_to_people(alice, imported, tmp_path):
    more = _vcf(tmp_path, {"alan": "FN:Alan Turing\r\nEMAIL:alan@example.org\r\nTEL:+44 20 7946 0000\r\n"}, "more.vcf")
    batch = import_contacts(alice, [more], apply=True)
    assert batch.counts["updated"] == 1
    undo_import(alice, batch.batch_id)  # the phone goes again
    assert agreed(alice, more)["updated"] == 1
    assert agreed(alice, imported)["unchanged"] == 3


def test_a_deleted_person_brought_back_has_no_fingerprints(alice, imported):
    deletion = delete_person(alice, _ada(alice))
    assert agreed(alice, imported)["created"] == 1  # Ada is new again, and that import keeps her
    ada = Person.objects.get(owner=alice, name="Ada Lovelace", pk__gt=deletion.person_id)
    delete_person(alice, ada)
    restore_person(alice, deletion)
    assert not ImportPrint.objects.filter(person_id=deletion.person_id).exists()
    counts = agreed(alice, imported)
    assert counts["unchanged"] == 3


def test_a_restored_backup_has_none_and_folds_in_full_once(alice, bob, imported, monkeypatch):
    stream = io.StringIO()
    write_backup(alice, stream)
    restore_backup(bob, io.StringIO(stream.getvalue()))
    assert not ImportPrint.objects.filter(person__owner=bob).exists()
    folds = _folds(monkeypatch)
    assert agreed(bob, imported)["unchanged"] == 3  # folded in full, then kept by the apply
    assert len(folds) == 3 * 2 + 3  # two dry runs with none (agreed's, then the full one), the apply
    assert ImportPrint.objects.filter(person__owner=bob).count() == 3


def test_a_changed_phone_region_folds_again(alice, imported):
    from goodwill.services.accounts import settings_for

    settings = settings_for(alice)
    settings.default_phone_region = "GB"
    settings.save()
    quick = import_contacts(alice, [imported])
    ImportPrint.objects.all().delete()
    assert _report(import_contacts(alice, [imported])) == _report(quick)


def test_a_teammates_fingerprints_are_not_yours(alice, bob, imported):
    import_contacts(bob, [imported], apply=True)
    ada = _ada(alice)
    ContactPoint.objects.filter(person=ada, kind="phone").delete()
    assert agreed(alice, imported)["updated"] == 1
    assert import_contacts(bob, [imported]).counts["unchanged"] == 3


# -- which records get a fingerprint ---------------------------------------------------


def _record(**fields) -> ContactRecord:
    return ContactRecord(source="vcard", line=1, full_name="Ada Lovelace", **fields)


def test_a_digest_changes_with_anything_fold_reads():
    base = _record(emails=[Typed("ada@example.org")], title="Countess", note="fair", tags=["math"])
    points = record_points(base, "US")[0]
    first = digest(base, points, "US")
    assert first == digest(
        _record(emails=[Typed("ada@example.org")], title="Countess", note="fair", tags=["math"]), points, "US"
    )
    variants = [
        _record(emails=[Typed("ada@example.org")], title="Count", note="fair", tags=["math"]),
        _record(emails=[Typed("ada@example.org")], title="Countess", note="fair!", tags=["math"]),
        _record(emails=[Typed("ada@example.org")], title="Countess", note="fair", tags=["maths"]),
        _record(emails=[Typed("ada@example.org")], title="Countess", note="fair", tags=["math"], extra={"X": ["1"]}),
        _record(
            emails=[Typed("ada@example.org")],
            title="Countess",
            note="fair",
            tags=["math"],
            photo=Photo("image/png", b"\x89PNG"),
        ),
        _record(
            emails=[Typed("ada@example.org")],
            title="Countess",
            note="fair",
            tags=["math"],
            addresses=[Address(city="London")],
        ),
    ]
    assert all(digest(v, record_points(v, "US")[0], "US") != first for v in variants)
    assert digest(base, points, "GB") != first


def test_records_that_could_fold_differently_twice_get_none():
    own = _record(extra={"X-GOODWILL-INTRODUCED-BY": ["Grace Hopper"]})
    assert digest(own, [], "US") is None
    long_email = _record(emails=[Typed("a" * 330 + "@example.org")])
    assert digest(long_email, record_points(long_email, "US")[0], "US") is None
    long_street = _record(addresses=[Address(street="x" * 301)])
    assert digest(long_street, [], "US") is None
    # A note fold left out because it reads as the person's notes joined.
    known = Known(notes=["one", "two"], all_notes={"one", "two"})
    joined = _record(note="one\n\ntwo")
    person = Person(name="Ada Lovelace", extra={})
    target = Pending(person, False, known)
    fold(target, joined, [])
    assert not target.notes and not settled(target, joined)
    assert settled(target, _record(note="one")) and settled(target, _record())


class _Spy:
    """A person that remembers which fields fold read."""

    def __init__(self, person: Person) -> None:
        object.__setattr__(self, "_person", person)
        object.__setattr__(self, "read", set())

    def __getattr__(self, name):
        self.read.add(name)
        return getattr(self._person, name)

    def __setattr__(self, name, value):
        setattr(self._person, name, value)


def test_fold_reads_only_fields_whose_change_drops_the_fingerprints():
    """goodwill.import_prints watches these columns: a field fold read that it does not
    watch could change without the fingerprints going, and they would lie."""
    record = _record(
        given="Ada",
        family="Lovelace",
        middle="K",
        nickname="Countess",
        organization="Engines",
        title="Countess",
        birthday="1815-12-10",
        uid="u-1",
        connected_on="2020-01-01",
        note="fair",
        tags=["math"],
        photo=Photo("image/png", b"\x89PNG"),
        addresses=[Address(city="London")],
        extra={"X-A": ["1"], "X-GOODWILL-CADENCE": ["30"], "X-GOODWILL-INTRODUCED-BY": ["Grace"]},
    )
    spy = _Spy(Person(name="Ada Lovelace", extra={}))
    fold(Pending(spy, False, Known()), record, record_points(record, "US")[0], problem=lambda *a: None)
    watched = {Person._meta.get_field(c.removesuffix("_id")).attname for c in PERSON_CARD_COLUMNS}
    assert spy.read and spy.read <= watched, spy.read - watched


def test_a_duplicate_row_inside_the_file_agrees_too(alice, now, tmp_path):
    path = _vcf(tmp_path, {**CARDS, "ada2": "FN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nNOTE:Second note\r\n"})
    first = import_contacts(alice, [path], apply=True)
    assert first.counts["merged"] == 1
    counts = agreed(alice, path)
    assert counts["unchanged"] == 4
    resolve_person(alice, "Ada Lovelace")


def test_a_kept_row_and_a_new_one_for_the_same_person(alice, imported, tmp_path):
    """The first row is known unchanged; the second has to be folded into the same person."""
    cards = {**CARDS, "ada2": "FN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nNOTE:Wrote the first program\r\n"}
    counts = agreed(alice, _vcf(tmp_path, cards, "more.vcf"))
    assert (counts["unchanged"], counts["updated"]) == (3, 1)
