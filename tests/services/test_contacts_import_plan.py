"""The dry run plans in memory (services/import_plan.py) instead of writing and rolling
back: its report must be exactly the report --apply then gives, however the file
falls into chunks, and it must write nothing. A dry run on PostgreSQL asks the database
about its next chunk while it folds this one (run.ASK_AHEAD); the `ask_ahead` fixture
runs the same tests that way on SQLite too, and the other way on PostgreSQL."""

from pathlib import Path

import pytest
from django.db import connection

from goodwill.models import ContactPoint, ImportBatch, Organization, Person
from goodwill.services import import_plan
from goodwill.services.contacts_import import import_contacts, undo_import
from goodwill.services.contacts_import import run as import_run
from goodwill.services.import_writer import BackgroundWriter
from goodwill.services.people import PersonFields, add_person

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"

# Duplicates across chunks by email, phone and LinkedIn URL; rows with no key matched by
# name + organization (one of them only once an earlier row gave the person an
# organization); people of the network updated in one chunk and met again later; bad rows.
TABLE = (
    "Name,Email,Phone,LinkedIn,Company,Notes,Tags\n"
    "Sam Lee,sam@example.com,,,,,friends\n"
    "Known Person,known@example.com,,,,first note,\n"
    "Kim Ray,,+1 512 555 0101,,,,\n"
    "Samuel Lee,SAM@example.com,+1 512 555 0102,,Acme,,\n"
    "Lin Url,,,https://www.linkedin.com/in/lin/,,,\n"
    "Lin Again,,,http://linkedin.com/in/lin?trk=1,Globex,,\n"
    "No Keys,,,,Initech,,\n"
    "No Keys,,,,Initech,,\n"
    "Orgless,,,,,,\n"
    "Orgless Later,orgless@example.com,,,,,\n"
    ",,,,,,\n"
    "Known Person,known@example.com,,,Umbrella,first note,vip\n"
    "Known Person,,,,Umbrella,,\n"
    "Bare Known,,,,,,\n"
    "Bare Known,,,,Stark,,\n"
    "Phone Only,,(512) 555-0102,,,,\n"
    "Known Person,known@example.com,,,Umbrella,first note,vip\n"
    'Broken,"unclosed,,,,,\n'
    "After Broken,after@example.com,,,,,\n"
    "Orgless Later,orgless@example.com,,,Wayne,,\n"
    "Filler,filler@example.com,,,,,\n"
    "Orgless Later,,,,Wayne,,\n"
)


@pytest.fixture(params=[True, False], ids=["asking-ahead", "asking-in-turn"])
def ask_ahead(request, monkeypatch):
    monkeypatch.setattr(import_run, "ASK_AHEAD", frozenset({connection.vendor} if request.param else ()))
    return request.param


def _network(owner):
    add_person(owner, PersonFields(name="Known Person", emails=["known@example.com"]))
    add_person(owner, PersonFields(name="Bare Known"))


def _report(report):
    return report.counts, report.examples, [str(p) for p in report.problems]


@pytest.mark.parametrize("chunk", [1, 2, 3, 1000])
def test_the_dry_run_reports_what_apply_does_whatever_the_chunks(alice, now, tmp_path, monkeypatch, chunk, ask_ahead):
    monkeypatch.setattr(import_run, "CHUNK", chunk)
    _network(alice)
    path = tmp_path / "table.csv"
    path.write_text(TABLE)
    before = (Person.objects.count(), ContactPoint.objects.count(), Organization.objects.count())
    dry = import_contacts(alice, [path])
    assert (Person.objects.count(), ContactPoint.objects.count(), Organization.objects.count()) == before
    assert not ImportBatch.objects.exists()
    applied = import_contacts(alice, [path], apply=True)
    assert _report(dry) == _report(applied)
    assert dry.counts["merged"] >= 3 and dry.counts["updated"] >= 1 and dry.counts["unchanged"] >= 1
    again = import_contacts(alice, [path])
    assert again.counts["created"] == again.counts["updated"] == 0


@pytest.mark.parametrize("chunk", [1, 4])
def test_vcards_with_uids_and_goodwill_fields_plan_like_apply(alice, now, tmp_path, monkeypatch, chunk, ask_ahead):
    monkeypatch.setattr(import_run, "CHUNK", chunk)
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\n{more}END:VCARD\r\n"
        for uid, name, more in [
            ("u-1", "Ada One", "EMAIL:ada@example.com\r\nX-GOODWILL-CADENCE:often\r\n"),
            ("u-2", "Bo Two", "X-GOODWILL-CIRCLE:nowhere\r\nX-GOODWILL-INTRODUCED-BY:Ada One\r\n"),
            ("u-1", "Ada Again", "TEL:+1 512 555 0111\r\nNOTE:met twice\r\n"),
            ("u-3", "Cy Three", "TEL:+15125550111\r\n"),
            ("u-2", "Bo Two", "ORG:Acme\r\n"),
        ]
    )
    path = tmp_path / "cards.vcf"
    path.write_text(cards)
    dry = import_contacts(alice, [path])
    applied = import_contacts(alice, [path], apply=True)
    assert _report(dry) == _report(applied)
    assert applied.counts == {"created": 2, "updated": 0, "merged": 3, "unchanged": 0, "skipped": 0}
    undo_import(alice, applied.batch_id)
    assert not Person.objects.filter(owner=alice).exists()


def test_a_big_dry_run_moves_its_plan_out_of_memory(alice, now, tmp_path, monkeypatch, ask_ahead):
    """Past SPILL_AT entries the plan lives in a throwaway SQLite file: same report."""
    monkeypatch.setattr(import_run, "CHUNK", 3)
    monkeypatch.setattr(import_plan, "SPILL_AT", 5)
    _network(alice)
    path = tmp_path / "table.csv"
    path.write_text(TABLE)
    spilled = []
    real = import_plan.PlanRegistry._spill
    monkeypatch.setattr(import_plan.PlanRegistry, "_spill", lambda self: (spilled.append(1), real(self)))
    dry = import_contacts(alice, [path])
    applied = import_contacts(alice, [path], apply=True)
    assert spilled and _report(dry) == _report(applied)


def test_undo_removes_every_person_of_a_big_batch(alice, now, tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("Name,Email\n" + "".join(f"Person {n},p{n}@example.com\n" for n in range(2500)))
    report = import_contacts(alice, [path], apply=True)
    assert Person.objects.filter(owner=alice).count() == 2500
    undo_import(alice, report.batch_id)
    assert not Person.objects.filter(owner=alice).exists()
    assert not ContactPoint.objects.filter(owner=alice).exists()


def _people(owner) -> list[tuple]:
    return sorted(
        (
            p.name,
            p.organization.name if p.organization else "",
            tuple(sorted(p.contact_points.values_list("kind", "normalized"))),
        )
        for p in Person.objects.filter(owner=owner).select_related("organization")
    )


@pytest.mark.parametrize("chunk", [1, 2, 3])
def test_into_an_empty_network_later_chunks_match_without_asking_the_database(
    alice, bob, now, tmp_path, monkeypatch, chunk
):
    """With nobody in the network before, an applied import finds this batch's people in
    memory (the registry), never in the database: what comes out must be what the
    database-backed matching makes of the same file for someone who has an unrelated person."""
    monkeypatch.setattr(import_run, "CHUNK", chunk)
    add_person(bob, PersonFields(name="Unrelated Zed", emails=["zed@example.org"]))
    path = tmp_path / "table.csv"
    path.write_text(TABLE)
    asked = []
    real_select = BackgroundWriter.select
    monkeypatch.setattr(
        BackgroundWriter,
        "select",
        lambda self, sql, params: (asked.append(sql), real_select(self, sql, params))[1],
    )
    from_memory = import_contacts(alice, [path], apply=True)
    # No lookups by key or name: nobody to find. (Matcher.known still reads, by person
    # id, what this batch's people already have, for the rows merged into them.)
    assert not [sql for sql in asked if "normalized IN" in sql or "uid IN" in sql or "name IN" in sql]
    from_database = import_contacts(bob, [path], apply=True)
    assert from_memory.counts == from_database.counts
    assert from_memory.counts["merged"] >= 3
    assert _people(alice) == [p for p in _people(bob) if p[0] != "Unrelated Zed"]


@pytest.mark.parametrize("apply", [False, True])
def test_a_key_two_people_gain_in_one_chunk_goes_to_the_one_who_was_here_first(
    alice, now, tmp_path, monkeypatch, apply
):
    monkeypatch.setattr(import_run, "CHUNK", 2)
    _network(alice)
    path = tmp_path / "phones.csv"
    path.write_text(
        "Name,Email,Phone\n"
        "Known Person,known@example.com,+1 512 555 0199\n"  # gives Known Person the phone
        "Newcomer,,+1 512 555 0199\n"  # same chunk: nobody has it yet, so a new person
        "Known Person,,(512) 555-0199\n"
    )  # next chunk: the phone is Known Person's
    report = import_contacts(alice, [path], apply=apply)
    assert report.counts == {"created": 1, "updated": 1, "merged": 0, "unchanged": 1, "skipped": 0}


@pytest.mark.parametrize("chunk", [1, 1000])
@pytest.mark.parametrize("apply", [False, True])
def test_rows_with_only_a_name_are_one_person_whether_or_not_a_chunk_ends_between_them(
    alice, now, tmp_path, monkeypatch, chunk, apply
):
    monkeypatch.setattr(import_run, "CHUNK", chunk)
    path = tmp_path / "names.csv"
    path.write_text("Name,Company\nPat Noemail,Initech\nPat Noemail,Initech\nPat Noemail,Globex\n")
    report = import_contacts(alice, [path], apply=apply)
    assert report.counts == {"created": 2, "updated": 0, "merged": 1, "unchanged": 0, "skipped": 0}


def test_a_dry_run_asking_ahead_reads_the_database_a_chunk_early(alice, now, tmp_path, monkeypatch, ask_ahead):
    """Asking ahead, the questions about chunk n + 1 go to the database before chunk n is
    folded; in turn, after. Either way the same report, and the same as the apply's."""
    monkeypatch.setattr(import_run, "CHUNK", 2)
    _network(alice)
    path = tmp_path / "table.csv"
    path.write_text(TABLE)
    events: list[str] = []
    ask, finish = import_run._Importer._ask, import_run._Importer._chunk
    monkeypatch.setattr(import_run._Importer, "_ask", lambda self, *a: (events.append("ask"), ask(self, *a))[1])
    monkeypatch.setattr(import_run._Importer, "_chunk", lambda self, c: (events.append("fold"), finish(self, c))[1])
    dry = import_contacts(alice, [path])
    assert events[:3] == (["ask", "ask", "fold"] if ask_ahead else ["ask", "fold", "ask"])
    assert events.count("fold") == 10 and events[-1] == "fold"  # 20 records, 2 a chunk
    applied = import_contacts(alice, [path], apply=True)
    assert _report(dry) == _report(applied)


def test_problems_keep_the_order_they_were_read_in_and_all_are_counted(alice, now, tmp_path, monkeypatch, ask_ahead):
    """Problems found reading a chunk come before those found folding it, chunk after
    chunk, asking ahead or not; past the 500 a report keeps, they are still counted."""
    monkeypatch.setattr(import_run, "CHUNK", 50)
    _network(alice)
    rows = []
    for n in range(600):
        rows.append(f"Bad Date {n},bad{n}@example.com,someday" if n % 2 else f"Fine {n},known@example.com,")
        rows.append(",,1990-01-01")  # no name, email or organization: a problem found while folding
    path = tmp_path / "dates.csv"
    path.write_text("Name,Email,Birthday\n" + "\n".join(rows) + "\n")
    dry = import_contacts(alice, [path])
    assert dry.problem_count == 900 and len(dry.problems) == 500
    # Chunk by chunk (50 records, a line each), its dates read first, then its nameless rows folded.
    order = [((p.line - 2) // 50, p.field != "Birthday", p.line) for p in dry.problems]
    assert order == sorted(order)
    assert {p.field for p in dry.problems} == {"Birthday", "name"}
    applied = import_contacts(alice, [path], apply=True)
    assert _report(dry) == _report(applied) and applied.problem_count == 900
