"""Exports: vCard 4.0/3.0 and CSV that round-trip through Goodwill, Goodwill's own
fields as X-GOODWILL-*, vdir folders both ways, and confidential notes kept out."""

import dataclasses
import io
from datetime import date
from pathlib import Path

import pytest

from goodwill.formats import ContactRecord, read_contacts
from goodwill.models import Person
from goodwill.services.contact_mapping import GOODWILL_PREFIX
from goodwill.services.contacts_export import export_csv, export_vcard, export_vdir, vdir_filename
from goodwill.services.contacts_import import import_contacts
from goodwill.services.notes import add_note
from goodwill.services.people import PersonFields, add_person

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"
# Every vCard fixture; the broken ones too (what they had that was readable must survive).
VCARDS = sorted(p.name for p in DATA.glob("*.vcf"))

FULL_CARD = """BEGIN:VCARD
VERSION:4.0
UID:urn:uuid:0b7d3c2e-5b1a-4c7e-9a55-2f1f7a1d9e01
FN:Dr. Ada Augusta King Lovelace
N:Lovelace;Ada;Augusta King;Dr.;FRS
NICKNAME:Ada
ORG:Analytical Engines;Research
TITLE:Programmer
EMAIL;TYPE=work;PREF=1:ada@engines.example
EMAIL;TYPE=home:ada@home.example
TEL;TYPE=cell:+44 20 7946 0001
TEL;TYPE=work,fax:+44 20 7946 0002
item1.TEL:+44 20 7946 0003
item1.X-ABLabel:Lab
URL:https://ada.example
item2.URL:https://www.linkedin.com/in/ada-lovelace
item2.X-ABLabel:LinkedIn
ADR;TYPE=home;LABEL="12 St James's Sq\\nLondon":;Flat 2;12 St James's Sq;London;;SW1Y 4LB;UK
ADR;TYPE=work:PO 7;;1 Engine Way;Cambridge;Cambs;CB1 1AA;UK
BDAY:--1210
NOTE:Met at the Royal Society.\\nAsk about the engine.
CATEGORIES:mathematics,engines
PHOTO:data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==
X-FAVORITE-COLOR:teal
item3.X-ABRELATEDNAMES:Lord Byron
item3.X-ABLabel:_$!<Father>!$_
END:VCARD
"""


def records_of(text: str, tmp_path, name="out.vcf") -> list[ContactRecord]:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return [r for r in read_contacts(path) if isinstance(r, ContactRecord)]


def comparable(record: ContactRecord) -> ContactRecord:
    """What a card says about the person: not where it came from, not the source's
    revision stamp; tags are a case-folded set in Goodwill; Goodwill's own fields aside."""
    return dataclasses.replace(
        record,
        source="",
        line=0,
        rev=None,
        tags=sorted(t.lower() for t in record.tags),
        extra={k: v for k, v in record.extra.items() if not k.upper().startswith(GOODWILL_PREFIX)},
        uid=None,
    )


@pytest.mark.parametrize("v3", [False, True])
def test_full_card_round_trips_through_goodwill(alice, now, tmp_path, v3):
    original = records_of(FULL_CARD.replace("\n", "\r\n"), tmp_path, "in.vcf")
    import_contacts(alice, [tmp_path / "in.vcf"], apply=True)
    text = export_vcard(alice, version="3.0" if v3 else "4.0")
    assert ("VERSION:3.0" if v3 else "VERSION:4.0") in text
    back = records_of(text, tmp_path)
    assert [comparable(r) for r in back] == [comparable(r) for r in original]
    assert back[0].uid == original[0].uid


@pytest.mark.parametrize("name", VCARDS)
def test_every_vcard_fixture_round_trips_through_goodwill(alice, now, tmp_path, name):
    original = [r for r in read_contacts(DATA / name) if isinstance(r, ContactRecord)]
    import_contacts(alice, [DATA / name], apply=True)
    back = records_of(export_vcard(alice), tmp_path)
    key = lambda r: r.full_name  # noqa: E731 - the export is sorted by name
    assert sorted(map(comparable, back), key=key) == sorted(map(comparable, original), key=key)


def test_goodwill_fields_travel_as_x_goodwill_and_come_back(alice, bob, now, tmp_path):
    sam = add_person(alice, PersonFields(name="Sam Lee", emails=["sam@example.com"]))
    jane = add_person(
        alice,
        PersonFields(
            name="Jane Doe",
            circle="inner",
            cadence_days=21,
            introduced_by="Sam Lee",
            how_met="Board of the food bank",
            location="Austin, TX",
            emails=["jane@example.com"],
        ),
    )
    jane.snoozed_until, jane.industry = date(2026, 12, 15), "Banking"
    jane.save()
    for version in ("4.0", "3.0"):
        text = export_vcard(alice, version=version)
        for line in (
            "X-GOODWILL-CIRCLE:inner",
            "X-GOODWILL-CADENCE:21",
            "X-GOODWILL-INTRODUCED-BY:Sam Lee",
            "X-GOODWILL-SNOOZED-UNTIL:2026-12-15",
            "X-GOODWILL-INDUSTRY:Banking",
            "X-GOODWILL-LOCATION:Austin\\, TX",
        ):
            assert line in text
    (tmp_path / "net.vcf").write_text(export_vcard(alice, version="3.0"), encoding="utf-8")
    report = import_contacts(bob, [tmp_path / "net.vcf"], apply=True)
    assert report.counts["created"] == 2 and report.problem_count == 0
    copy = Person.objects.get(owner=bob, name="Jane Doe")
    jane.refresh_from_db()  # the export gave her a UID
    assert copy.circle.name == "inner" and copy.circle.owner == bob
    assert copy.cadence_days == 21 and copy.rhythm_days == 21
    assert copy.introduced_by.name == "Sam Lee" and copy.introduced_by.owner == bob
    assert copy.how_met == "Board of the food bank" and copy.snoozed_until == date(2026, 12, 15)
    assert copy.industry == "Banking" and copy.place_label == jane.place_label and copy.uid == jane.uid
    assert copy.extra == {} and sam.pk != copy.introduced_by.pk


def test_confidential_notes_never_go_into_vcard_or_csv(alice, now):
    jane = add_person(alice, PersonFields(name="Jane Doe"))
    add_note(alice, jane, "Interviewing at Stripe", "confidential")
    add_note(alice, jane, "Loves jazz", "private")
    add_note(alice, jane, "Runs marathons", "shareable")
    vcard = export_vcard(alice)
    stream = io.StringIO()
    export_csv(alice, stream)
    for text in (vcard, stream.getvalue()):
        assert "Stripe" not in text
        assert "Loves jazz" in text and "Runs marathons" in text


def test_a_goodwill_export_imports_again_as_a_no_op(alice, now, tmp_path):
    """Several notes travel as one NOTE; importing that back adds no note."""
    jane = add_person(alice, PersonFields(name="Jane Doe", emails=["jane@example.com"], tags=["golf"]))
    add_note(alice, jane, "Loves jazz")
    add_note(alice, jane, "Two kids")
    for fmt in ("vcf", "csv"):
        path = tmp_path / f"me.{fmt}"
        if fmt == "vcf":
            path.write_text(export_vcard(alice), encoding="utf-8")
        else:
            with path.open("w", encoding="utf-8", newline="") as out:
                export_csv(alice, out)
        report = import_contacts(alice, [path], apply=True)
        assert report.counts["unchanged"] == 1 and report.counts["updated"] == 0, fmt
    assert jane.notes.count() == 2


def test_csv_export_carries_the_network_to_another_account(alice, bob, now, tmp_path):
    import_contacts(alice, [DATA / "google_current.csv", DATA / "icloud.vcf"], apply=True)
    path = tmp_path / "out.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        export_csv(alice, out)
    report = import_contacts(bob, [path], apply=True)
    assert report.formats == ["google"] and report.problem_count == 0
    mine = {
        p.name: sorted(p.contact_points.values_list("kind", "value", "label"))
        for p in Person.objects.filter(owner=alice)
    }
    theirs = {
        p.name: sorted(p.contact_points.values_list("kind", "value", "label")) for p in Person.objects.filter(owner=bob)
    }
    assert theirs == mine


def test_vdir_export_writes_one_stable_file_per_person_and_reads_back_as_a_no_op(alice, now, tmp_path):
    import_contacts(alice, [DATA / "macos_contacts.vcf", DATA / "linkedin_new.csv"], apply=True)
    folder = tmp_path / "contacts"
    result = export_vdir(alice, folder)
    people = list(Person.objects.filter(owner=alice))
    assert result.written == result.changed == len(people) == len(list(folder.glob("*.vcf")))
    assert {f.name for f in folder.glob("*.vcf")} == {vdir_filename(p.uid) for p in people}
    stamps = {f.name: (f.stat().st_mtime_ns, f.read_bytes()) for f in folder.glob("*.vcf")}
    assert export_vdir(alice, folder).changed == 0  # unchanged people: not rewritten, a sync sees nothing new
    assert {f.name: (f.stat().st_mtime_ns, f.read_bytes()) for f in folder.glob("*.vcf")} == stamps
    assert not list(folder.glob("*.tmp"))

    report = import_contacts(alice, sorted(folder.glob("*.vcf")), apply=True)
    assert report.counts["unchanged"] == len(people) and report.counts["created"] == 0

    # A card edited elsewhere (vdirsyncer pulled a change) updates that person, matched by UID.
    ada = Person.objects.get(owner=alice, name="Ada Lovelace")
    card = folder / vdir_filename(ada.uid)
    text = card.read_text(encoding="utf-8").replace("END:VCARD", "TEL;TYPE=cell:+44 7700 900123\r\nEND:VCARD")
    card.write_text(text.replace("FN:Ada Lovelace", "FN:Ada King"), encoding="utf-8")
    report = import_contacts(alice, [card], apply=True)
    assert report.counts["updated"] == 1
    assert ada.contact_points.filter(kind="phone", normalized="+447700900123").exists()
    assert Person.objects.filter(owner=alice).count() == len(people)


def test_exports_hold_only_the_owners_people(alice, bob, now, tmp_path):
    import_contacts(alice, [DATA / "linkedin_new.csv"], apply=True)
    add_person(bob, PersonFields(name="Bob's Friend"))
    assert "Bob's Friend" not in export_vcard(alice) and "Ada" not in export_vcard(bob)
    assert export_vdir(bob, tmp_path / "bob").written == 1


def test_an_unknown_introducer_or_circle_is_kept_not_lost(alice, now, tmp_path):
    card = tmp_path / "c.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Kim Ray\r\nX-GOODWILL-CIRCLE:besties\r\n"
        "X-GOODWILL-INTRODUCED-BY:Somebody Else\r\nX-GOODWILL-CADENCE:often\r\nEND:VCARD\r\n"
    )
    report = import_contacts(alice, [card], apply=True)
    assert sorted(p.field for p in report.problems) == ["X-GOODWILL-CADENCE", "X-GOODWILL-CIRCLE"]
    kim = Person.objects.get(owner=alice, name="Kim Ray")
    assert kim.circle.name == "network" and kim.introduced_by is None and kim.cadence_days is None
    assert "X-GOODWILL-INTRODUCED-BY:Somebody Else" in export_vcard(alice)
    # Once the introducer exists, the next import links them.
    add_person(alice, PersonFields(name="Somebody Else"))
    import_contacts(alice, [card], apply=True)
    kim.refresh_from_db()
    assert kim.introduced_by.name == "Somebody Else" and kim.extra == {}


def test_vdir_export_removes_goodwills_cards_of_people_gone_and_leaves_others(alice, now, tmp_path):
    import_contacts(alice, [DATA / "linkedin_new.csv"], apply=True)
    folder = tmp_path / "contacts"
    export_vdir(alice, folder)
    foreign = folder / "from-my-phone.vcf"
    foreign.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iOS 17//EN\r\nUID:from-my-phone\r\n"
        "FN:New On Phone\r\nEND:VCARD\r\n"
    )
    grace = Person.objects.get(owner=alice, name="Grace Hopper")
    gone = folder / vdir_filename(grace.uid)
    grace.delete()  # e.g. merged into someone else
    result = export_vdir(alice, folder)
    assert result.removed == 1 and not gone.exists() and foreign.exists()
    assert len(list(folder.glob("*.vcf"))) == 4
