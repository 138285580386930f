"""Importing contact files: dry run, one undoable batch, re-imports that change
nothing, row-level problems, --strict, --map, extras kept, and isolation."""

from pathlib import Path

import pytest

from goodwill.errors import InvalidInput
from goodwill.formats import ContactRecord
from goodwill.models import Address, ContactPoint, ImportBatch, Note, Person, Photo
from goodwill.services.contacts_import import import_contacts, undo_import
from goodwill.services.contacts_import import run as import_run
from goodwill.services.contacts_import.write import Writer
from goodwill.services.people import PersonFields, add_person

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"
FIXTURES = sorted(p.name for p in DATA.iterdir())


def snapshot(owner) -> dict:
    """Everything an import may touch, as comparable values."""
    people = {}
    for p in Person.objects.filter(owner=owner).select_related("organization"):
        people[p.pk] = {
            "name": p.name,
            "title": p.title,
            "org": p.organization.name if p.organization else None,
            "extra": p.extra,
            "how_met": p.how_met,
            "birthday": p.birthday,
            "uid": p.uid,
            "points": sorted(p.contact_points.values_list("kind", "value", "label")),
            "addresses": sorted(p.addresses.values_list("street", "city")),
            "notes": sorted(p.notes.values_list("text", flat=True)),
            "tags": sorted(p.tags.values_list("name", flat=True)),
            "photo": Photo.objects.filter(person=p).exists(),
        }
    return people


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_imports_and_a_second_import_changes_nothing(alice, now, name):
    dry = import_contacts(alice, [DATA / name])
    assert not dry.applied and Person.objects.filter(owner=alice).count() == 0
    assert not ImportBatch.objects.filter(owner=alice).exists()
    applied = import_contacts(alice, [DATA / name], apply=True)
    assert applied.applied and applied.counts == dry.counts
    assert applied.counts["created"] >= 1
    assert Person.objects.filter(owner=alice).count() == applied.counts["created"]
    before = snapshot(alice)
    again = import_contacts(alice, [DATA / name], apply=True)
    assert again.counts["created"] == again.counts["updated"] == again.counts["merged"] == 0
    assert again.counts["unchanged"] == applied.counts["created"] + applied.counts["merged"]
    assert snapshot(alice) == before


def test_dry_run_reports_what_would_happen_and_writes_nothing(alice, now):
    add_person(alice, PersonFields(name="Ada Lovelace", emails=["ADA@example.com"]))
    before = snapshot(alice)
    report = import_contacts(alice, [DATA / "linkedin_new.csv"])
    assert report.counts["created"] == 3 and report.counts["updated"] == 1
    assert report.examples["updated"] == ["Ada Lovelace"]
    assert report.formats == ["linkedin"] and report.batch_id is None
    assert snapshot(alice) == before
    assert not ImportBatch.objects.filter(owner=alice).exists()


def test_apply_fills_what_was_empty_and_undo_restores_the_prior_state(alice, now):
    ada = add_person(alice, PersonFields(name="Ada Lovelace", emails=["ada@example.com"], title="Countess"))
    before = snapshot(alice)
    report = import_contacts(alice, [DATA / "linkedin_new.csv"], apply=True)
    ada.refresh_from_db()
    # What the user wrote stays; what was empty is filled; the LinkedIn URL is added.
    assert ada.title == "Countess" and ada.organization.name == "Analytical Engines"
    assert ada.contact_points.filter(kind="url", value="https://www.linkedin.com/in/ada-lovelace").exists()
    assert ada.how_met == "LinkedIn connection since 2025-11-12"
    grace = Person.objects.get(owner=alice, name="Grace Hopper")
    assert grace.title == "Rear Admiral, Director" and grace.uid
    assert ImportBatch.objects.get(owner=alice).summary["created"] == 3

    undo_import(alice, report.batch_id)
    assert snapshot(alice) == before
    assert ImportBatch.objects.get(owner=alice).undone_at == now
    with pytest.raises(InvalidInput, match="already undone"):
        undo_import(alice, report.batch_id)


def test_undo_restores_fields_notes_and_tags_added_to_existing_people(alice, now, tmp_path):
    add_person(alice, PersonFields(name="Jane Doe", emails=["jane@icloud.example"]))
    before = snapshot(alice)
    card = tmp_path / "jane.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nEMAIL:jane@icloud.example\r\nNOTE:Likes sailing\r\n"
        "CATEGORIES:Sailing,Board\r\nTEL:+1 555 010 0200\r\nX-SHOE-SIZE:38\r\n"
        "ADR;TYPE=HOME:;;1 Main St;Austin;TX;78701;USA\r\nEND:VCARD\r\n"
    )
    report = import_contacts(alice, [card], apply=True)
    assert report.counts["updated"] == 1
    jane = Person.objects.get(owner=alice, name="Jane Doe")
    assert jane.extra == {"X-SHOE-SIZE": ["38"]} and jane.place_label.startswith("Austin")
    assert sorted(jane.tags.values_list("name", flat=True)) == ["board", "sailing"]
    undo_import(alice, report.batch_id)
    assert snapshot(alice) == before
    jane.refresh_from_db()
    assert jane.place_label == ""


def test_problems_name_the_file_and_line_and_the_rest_imports(alice, now):
    path = DATA / "bad_rows.csv"
    report = import_contacts(alice, [path], apply=True)
    lines = sorted(p.line for p in report.problems)
    assert lines[:3] == [3, 4, 6]
    assert all(p.file == str(path) for p in report.problems)
    assert all(str(p).startswith(f"{path}:") for p in report.problems)
    names = set(Person.objects.filter(owner=alice).values_list("name", flat=True))
    assert {"Zoë One", "Good Two", "Good Three", "Good Four"} <= names
    assert "Too Many" not in names


def test_a_row_without_any_name_is_skipped_with_its_file_and_line(alice, now, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("Name,Email,Phone\nSam Lee,sam@example.com,\n,,\n  ,, \nKim Ray,,\n,,+1 512 555 0100\n")
    report = import_contacts(alice, [path], apply=True)
    assert report.counts["created"] == 2 and report.counts["skipped"] == 1
    assert report.problems[0].file == str(path) and report.problems[0].line == 6
    assert "no name" in report.problems[0].message


def test_strict_imports_nothing_when_any_row_is_bad(alice, now):
    report = import_contacts(alice, [DATA / "bad_rows.csv"], apply=True, strict=True)
    assert not report.applied and report.problem_count >= 3 and report.batch_id is None
    assert not Person.objects.filter(owner=alice).exists()
    assert not ImportBatch.objects.filter(owner=alice).exists()
    clean = import_contacts(alice, [DATA / "linkedin_new.csv"], apply=True, strict=True)
    assert clean.applied and Person.objects.filter(owner=alice).count() == 4


def test_unusable_files_raise_one_line_errors_and_write_nothing(alice, now, tmp_path):
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 40)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    for path, message in ((binary, "binary"), (empty, "empty"), (tmp_path / "missing.vcf", "no such file")):
        with pytest.raises(InvalidInput, match=message) as error:
            import_contacts(alice, [DATA / "linkedin_new.csv", path], apply=True)
        assert "\n" not in str(error.value) and str(path) in str(error.value)
    assert not Person.objects.filter(owner=alice).exists()


def test_an_error_midway_leaves_no_half_batch(alice, now, monkeypatch):
    monkeypatch.setattr(import_run, "CHUNK", 2)
    real = Writer.write
    calls = []

    def failing(self, pending):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(self, pending)

    monkeypatch.setattr(Writer, "write", failing)
    with pytest.raises(RuntimeError):
        import_contacts(alice, [DATA / "linkedin_new.csv"], apply=True)
    assert not Person.objects.filter(owner=alice).exists()
    assert not ContactPoint.objects.filter(owner=alice).exists()
    assert not ImportBatch.objects.filter(owner=alice).exists()


def test_reimport_recognises_people_by_email_phone_and_linkedin_url(alice, now, tmp_path):
    by_email = add_person(alice, PersonFields(name="Ann Email", emails=["Ann@Example.com"]))
    by_phone = add_person(alice, PersonFields(name="Pat Phone", phones=["(512) 555-0199"]))
    by_url = add_person(alice, PersonFields(name="Lin Kedin"))
    ContactPoint.objects.create(
        owner=alice,
        person=by_url,
        kind="url",
        value="https://linkedin.com/in/linked/",
        normalized="linkedin.com/in/linked",
    )
    path = tmp_path / "contacts.csv"
    path.write_text(
        "Name,Email,Phone,LinkedIn,Company\n"
        "Ann E.,ann@example.com,,,Acme\n"
        "P. Phone,,+1 512 555 0199,,Initech\n"
        "Lin K.,,,http://www.linkedin.com/in/linked?trk=x,Globex\n"
    )
    report = import_contacts(alice, [path], apply=True)
    assert report.counts["updated"] == 3 and report.counts["created"] == 0
    assert Person.objects.filter(owner=alice).count() == 3
    for person, org in ((by_email, "Acme"), (by_phone, "Initech"), (by_url, "Globex")):
        person.refresh_from_db()
        assert person.organization.name == org


def test_the_same_person_twice_in_a_file_is_merged(alice, now, tmp_path, monkeypatch):
    monkeypatch.setattr(import_run, "CHUNK", 2)  # the duplicate lands in a later chunk
    path = tmp_path / "dupes.csv"
    path.write_text(
        "Name,Email,Phone\nSam Lee,sam@example.com,\nKim Ray,kim@example.com,\n"
        "Other,other@example.com,\nSamuel Lee,SAM@example.com,+1 512 555 0101\n"
    )
    report = import_contacts(alice, [path], apply=True)
    assert report.counts["created"] == 3 and report.counts["merged"] == 1
    sam = Person.objects.get(owner=alice, name="Sam Lee")
    assert sorted(sam.contact_points.values_list("kind", flat=True)) == ["email", "phone"]


def test_unknown_columns_and_x_properties_are_kept_and_exported_again(alice, now, tmp_path):
    from goodwill.services.contacts_export import export_csv, export_vcard

    card = tmp_path / "x.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Xavier Props\r\nX-FAVORITE-COLOR:teal\r\n"
        "item1.X-ABRELATEDNAMES:Maria\r\nitem1.X-ABLabel:_$!<Spouse>!$_\r\nEND:VCARD\r\n"
    )
    table = tmp_path / "t.csv"
    table.write_text("Name,Email,Shoe Size\nCora Columns,cora@example.com,38\n")
    import_contacts(alice, [card, table], apply=True)
    xavier = Person.objects.get(owner=alice, name="Xavier Props")
    assert xavier.extra["X-FAVORITE-COLOR"] == ["teal"]
    assert xavier.extra["item1.X-ABRELATEDNAMES"] == ["Maria"]
    assert Person.objects.get(owner=alice, name="Cora Columns").extra == {"Shoe Size": ["38"]}
    vcard = export_vcard(alice)
    assert "X-FAVORITE-COLOR:teal" in vcard and "item1.X-ABRELATEDNAMES:Maria" in vcard
    assert "item1.X-ABLabel:_$!<Spouse>!$_" in vcard and 'X-SHOE-SIZE;X-GOODWILL-COLUMN="Shoe Size":38' in vcard
    import io

    out = io.StringIO()
    export_csv(alice, out)
    header, *rows = out.getvalue().splitlines()
    assert "Shoe Size" in header.split(",") and "X-FAVORITE-COLOR" in header


def test_map_reads_any_csv(alice, now, tmp_path):
    path = tmp_path / "crm.csv"
    path.write_text(
        "Nom complet;Courriel;Portable;Société;Ville\nChloé Martin;chloe@example.fr;+33 6 12 34 56 78;Acme;Lyon\n",
        encoding="utf-8",
    )
    mapping = "Nom complet=name,Courriel=email:work,Portable=phone:mobile,Société=organization,Ville=city"
    report = import_contacts(alice, [path], mapping=mapping, apply=True)
    assert report.counts["created"] == 1 and report.formats == ["csv"]
    chloe = Person.objects.get(owner=alice, name="Chloé Martin")
    assert chloe.organization.name == "Acme"
    assert set(chloe.contact_points.values_list("kind", "label")) == {("email", "work"), ("phone", "mobile")}
    assert Address.objects.get(person=chloe).city == "Lyon"
    with pytest.raises(InvalidInput, match="column map: .*shoe_size") as error:
        import_contacts(alice, [path], mapping="Nom complet=shoe_size")
    assert error.value.code == "column-map"
    with pytest.raises(InvalidInput, match="Courriel2.*spelling"):
        import_contacts(alice, [path], mapping="Courriel2=email")


def test_people_stay_with_their_owner(alice, bob, charlie, now):
    report = import_contacts(alice, [DATA / "linkedin_new.csv"], apply=True)
    assert not Person.objects.filter(owner=bob).exists() and not Person.objects.filter(owner=charlie).exists()
    # Bob's import of the same file does not match alice's people: he gets his own.
    bobs = import_contacts(bob, [DATA / "linkedin_new.csv"], apply=True)
    assert bobs.counts["created"] == 4 and Person.objects.filter(owner=alice).count() == 4
    assert ContactPoint.objects.filter(owner=bob, person__owner=alice).count() == 0
    with pytest.raises(InvalidInput, match="no import batch"):
        undo_import(charlie, report.batch_id)
    undo_import(bob, bobs.batch_id)
    assert Person.objects.filter(owner=alice).count() == 4 and not Person.objects.filter(owner=bob).exists()


def test_undo_refuses_when_imported_people_have_been_used(alice, now):
    from goodwill.services.interactions import LogRequest, log_interaction

    report = import_contacts(alice, [DATA / "linkedin_new.csv"], apply=True)
    grace = Person.objects.get(owner=alice, name="Grace Hopper")
    log_interaction(alice, LogRequest(kind="call", people=[grace], summary="Catch-up"))
    with pytest.raises(InvalidInput, match="have interactions"):
        undo_import(alice, report.batch_id)
    assert Person.objects.filter(owner=alice).count() == 4


def test_import_consumes_the_reader_chunk_by_chunk(alice, now, tmp_path, monkeypatch):
    """The file is streamed: the first chunk is written before the reader gets far."""
    from goodwill.formats import read as read_module

    monkeypatch.setattr(import_run, "CHUNK", 10)
    path = tmp_path / "many.csv"
    path.write_text("Name,Email\n" + "".join(f"Person {n},p{n}@example.com\n" for n in range(35)))
    pulled = []
    real = read_module.read_contacts

    def counting(*args, **kwargs):
        for item in real(*args, **kwargs):
            pulled.append(item)
            yield item

    monkeypatch.setattr(read_module, "read_contacts", counting)
    seen = []
    report = import_contacts(
        alice,
        [path],
        apply=True,
        progress=lambda n: seen.append((n, len(pulled), Person.objects.filter(owner=alice).count())),
    )
    assert report.counts["created"] == 35
    assert [n for n, _, _ in seen] == [10, 10, 10, 5]
    assert seen[0][1] <= 11 and seen[0][2] == 10  # 10 written while only 11 rows had been read


def test_reader_memory_stays_flat_on_a_big_file(tmp_path):
    import tracemalloc

    from goodwill.formats import read_contacts

    path = tmp_path / "big.csv"
    with path.open("w") as out:
        out.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
        row = "Ada,Lovelace{n},https://www.linkedin.com/in/ada-{n},ada{n}@example.com,Acme,Engineer,01 Jan 2020\n"
        out.write("".join(row.format(n=n) for n in range(30_000)))
    size = path.stat().st_size
    stream = read_contacts(path)
    tracemalloc.start()
    count = sum(1 for item in stream if isinstance(item, ContactRecord))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 30_000
    assert size > 3_000_000 and peak < size / 5  # a fraction of the file: never all of it at once


from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_cells, min_size=0, max_size=6), max_size=6), raw=st.binary(max_size=300))
def test_no_input_crashes_an_import(alice, now, tmp_path_factory, rows, raw):
    """Whatever the cells (overlong, control characters, quotes), an import either
    reads rows and reports problems, or refuses the file in one line."""
    import csv

    folder = tmp_path_factory.mktemp("fuzz")
    table = folder / "people.csv"
    with table.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Name", "Email", "Phone", "Company", "Title", "Notes"])
        writer.writerows(rows)
    card = folder / "cards.vcf"
    card.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + raw + b"\r\nEMAIL:" + raw[:50] + b"\r\nEND:VCARD\r\n")
    blob = folder / "blob.csv"
    blob.write_bytes(raw)
    for path in (table, card, blob):
        try:
            report = import_contacts(alice, [path], apply=True)
        except InvalidInput as error:
            assert "\n" not in str(error)
            continue
        assert sum(report.counts.values()) >= 0
    assert not Person.objects.filter(name="").exists()


def test_a_nul_byte_deep_in_a_file_costs_its_row_only(alice, now, tmp_path):
    """Past the head that the binary check reads: PostgreSQL would refuse the text."""
    table = tmp_path / "n.csv"
    table.write_bytes(
        b"Name,Email\n"
        + b"".join(b"P%d,p%d@x.example\n" % (i, i) for i in range(3000))
        + b"Bad\x00Name,bad@x.example\nLast,last@x.example\n"
    )
    report = import_contacts(alice, [table], apply=True)
    assert report.counts["created"] == 3001
    assert [(p.line, "NUL" in p.message) for p in report.problems] == [(3002, True)]
    cards = tmp_path / "n.vcf"
    cards.write_bytes(
        b"".join(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:C%d\r\nEND:VCARD\r\n" % i for i in range(2000))
        + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nul Card\r\nNOTE:a\x00b\r\nEND:VCARD\r\n"
    )
    report = import_contacts(alice, [cards], apply=True)
    assert report.counts["created"] == 2001 and report.problem_count == 1
    assert not Note.objects.filter(owner=alice).exists()


@pytest.mark.parametrize(
    "name,lines,people",
    [
        ("truncated.vcf", [7], 2),  # the file ends inside the last card: what it had is kept
        ("garbage_property.vcf", [6, 7, 8, 11], 2),  # unparseable properties cost their line only
        ("bad_rows.csv", [3, 4, 6, 8], 5),  # a bad row in the middle, bad bytes, an unclosed quote
    ],
)
def test_broken_files_report_each_problem_and_import_the_rest(alice, now, name, lines, people):
    report = import_contacts(alice, [DATA / name], apply=True)
    assert sorted(p.line for p in report.problems) == lines
    assert all(p.file == str(DATA / name) for p in report.problems)
    assert Person.objects.filter(owner=alice).count() == people


def test_a_record_matching_two_people_picks_by_the_strongest_key(alice, now, tmp_path):
    by_email = add_person(alice, PersonFields(name="Email Person", emails=["one@example.com"]))
    add_person(alice, PersonFields(name="Phone Person", phones=["+1 512 555 0100"]))
    path = tmp_path / "both.csv"
    path.write_text("Name,Email,Phone,Company\nSomeone,one@example.com,+1 512 555 0100,Acme\n")
    report = import_contacts(alice, [path], apply=True)
    assert report.counts["updated"] == 1
    by_email.refresh_from_db()
    assert by_email.organization.name == "Acme"


def test_a_weaker_key_is_still_asked_for_a_record_its_stronger_keys_do_not_place(alice, now, tmp_path):
    """A record found by its email is not looked up by its phone; another record in the
    same chunk that has only that phone still finds the phone's owner."""
    by_email = add_person(alice, PersonFields(name="Email Person", emails=["one@example.com"]))
    by_phone = add_person(alice, PersonFields(name="Phone Person", phones=["+1 512 555 0100"]))
    path = tmp_path / "mixed.csv"
    path.write_text(
        "Name,Email,Phone,Company\n"
        "Someone,one@example.com,+1 512 555 0100,Acme\n"
        "Else,,+1 512 555 0100,Initech\n"
        "New,new@example.com,,Globex\n"
    )
    dry = import_contacts(alice, [path])
    report = import_contacts(alice, [path], apply=True)
    assert dry.counts == report.counts
    assert report.counts["updated"] == 2 and report.counts["created"] == 1
    by_email.refresh_from_db()
    by_phone.refresh_from_db()
    assert (by_email.organization.name, by_phone.organization.name) == ("Acme", "Initech")


def test_only_the_records_left_unplaced_ask_about_a_weaker_kind():
    from goodwill.services.contacts_import.match import _unfound

    keys = [["email:a@x.org", "phone:+1", "url:in/a"], ["phone:+1"], ["email:b@x.org", "url:in/b"], []]
    assert _unfound(keys, {"email:a@x.org"}, "phone:") == {"+1"}  # the second record's
    assert _unfound(keys, {"email:a@x.org", "phone:+1"}, "url:") == {"in/b"}
    assert _unfound(keys, set(), "url:") == {"in/a", "in/b"}


_emails = st.sampled_from(["a@x.org", "b@x.org", "c@x.org", ""])
_phones = st.sampled_from(["+15125550100", "+15125550101", ""])
_urls = st.sampled_from(["https://linkedin.com/in/a", "https://linkedin.com/in/b", ""])
_row = st.tuples(st.sampled_from(["Ann", "Ben", "Cy"]), _emails, _phones, _urls)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(_row, min_size=1, max_size=4), rows=st.lists(_row, min_size=2, max_size=6))
# One row placed by its email beside one whose email is new and whose phone is known.
@example(
    people=[("Ann", "a@x.org", "+15125550100", "")],
    rows=[("Ben", "a@x.org", "", ""), ("Cy", "c@x.org", "+15125550100", "")],
)
def test_asking_weaker_kinds_only_for_unplaced_records_changes_no_match(
    alice, now, tmp_path_factory, monkeypatch, people, rows
):
    """Whatever the keys people and rows share, an import reports and writes the same as
    one that asks every kind about every record."""
    from django.db import transaction

    from goodwill.services.contacts_import import match

    for name, email, phone, url in people:
        person = add_person(alice, PersonFields(name=name, emails=[email] if email else []))
        if phone:
            add_person(alice, PersonFields(name=name + " P", phones=[phone]))
        if url:
            ContactPoint.objects.create(owner=alice, person=person, kind="url", value=url, normalized=url[8:])
    path = tmp_path_factory.mktemp("keys") / "rows.csv"
    path.write_text("Name,Email,Phone,LinkedIn\n" + "".join(",".join(row) + "\n" for row in rows))
    monkeypatch.setattr(import_run, "CHUNK", 3)
    outcomes = []
    for skipping in (True, False):
        # Undone after each example (the fixture is the test's, shared by every example).
        with monkeypatch.context() as patched, transaction.atomic():
            if not skipping:
                patched.setattr(match, "_unfound", lambda keys, found, prefix: _every(keys, prefix))
            dry = import_contacts(alice, [path])
            applied = import_contacts(alice, [path], apply=True)
            outcomes.append((dry.counts, dry.examples, applied.counts, _people(alice)))
            transaction.set_rollback(True)
    assert outcomes[0] == outcomes[1]


def _every(keys: list[list[str]], prefix: str) -> set[str]:
    return {key[len(prefix) :] for record_key in keys for key in record_key if key.startswith(prefix)}


def _people(owner) -> list[str]:
    """snapshot without ids and new people's random UIDs, which differ from one run to the next."""
    return sorted(repr({k: v for k, v in person.items() if k != "uid"}) for person in snapshot(owner).values())


def test_a_key_look_up_reads_the_index_alone_on_sqlite(alice):
    """An import's key look-ups (Matcher.ask) are answered from contact_lookup, with no
    read of each point's row: a re-import asks about every key of the file."""
    from django.db import connection

    from goodwill.services.contacts_import.match import POINT_LOOKUP

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL reads the same index")
    connection.ensure_connection()
    sql = f"EXPLAIN QUERY PLAN {POINT_LOOKUP} IN (%s, %s)".replace("%s", "?")
    plan = [row[3] for row in connection.connection.execute(sql, [alice.pk, "url", "a", "b"])]
    assert any("USING COVERING INDEX contact_lookup" in step for step in plan), plan
