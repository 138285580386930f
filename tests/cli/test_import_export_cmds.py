"""`goodwill import`, `import list`, `import undo`, `export` and `restore` as a user
runs them: dry run first, one undoable batch, clean errors, round trips."""

import io
import json
from pathlib import Path

import pytest

from goodwill.models import ContactPoint, ImportBatch, Interaction, Note, Person

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"
FIXTURES = sorted(p.name for p in DATA.iterdir())


def one_line_error(result, expected: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and expected in lines[0], result.output


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_imports_through_the_cli(cli, name):
    dry = cli("import", str(DATA / name))
    assert dry.exit_code == 0, dry.output
    assert "Dry run, nothing written" in dry.output and "Run again with --apply" in dry.output
    assert not Person.objects.exists()
    applied = cli("import", str(DATA / name), "--apply")
    assert applied.exit_code == 0 and "Batch #" in applied.output
    people = Person.objects.count()
    assert people >= 1
    again = json.loads(cli("import", str(DATA / name), "--apply", "--json").stdout)
    assert again["counts"]["created"] == again["counts"]["updated"] == 0
    assert Person.objects.count() == people


def test_dry_run_lists_what_would_happen_and_problems_with_file_and_line(cli):
    cli("add", "Ada Lovelace", "--email", "ada@example.com")
    result = cli("import", str(DATA / "linkedin_new.csv"))
    assert "created" in result.output and "updated" in result.output
    assert "e.g. Ada Lovelace" in result.output
    bad = cli("import", str(DATA / "bad_rows.csv"))
    assert f"{DATA / 'bad_rows.csv'}:3: the row has 7 columns" in bad.output
    assert f"{DATA / 'bad_rows.csv'}:4: byte 0xFC" in bad.output
    report = json.loads(cli("import", str(DATA / "bad_rows.csv"), "--json").stdout)
    assert report["applied"] is False and report["problem_count"] == len(report["problems"])
    assert {"file", "line", "field", "message"} <= set(report["problems"][0])


def test_apply_list_and_undo(cli):
    cli("add", "Ada Lovelace", "--email", "ada@example.com")
    applied = json.loads(cli("import", str(DATA / "linkedin_new.csv"), "--apply", "--json").stdout)
    batch = applied["batch_id"]
    assert Person.objects.count() == 4
    listing = cli("import", "list")
    assert f"#{batch}" in listing.output and "3 created, 1 updated" in listing.output
    rows = json.loads(cli("import", "list", "--json").stdout)
    assert rows[0]["id"] == batch and rows[0]["undone"] is False
    undone = cli("import", "undo", str(batch))
    assert undone.exit_code == 0 and f"Import #{batch} undone" in undone.output
    assert list(Person.objects.values_list("name", flat=True)) == ["Ada Lovelace"]
    assert not ContactPoint.objects.filter(kind="url").exists()
    assert "(undone)" in cli("import", "list").output
    one_line_error(cli("import", "undo", str(batch)), "already undone")
    one_line_error(cli("import", "undo", "9999"), "no import batch")
    one_line_error(cli("import", "undo"), "give one batch id")


def test_strict_imports_nothing_and_exits_2(cli):
    result = cli("import", str(DATA / "bad_rows.csv"), "--apply", "--strict")
    assert result.exit_code == 2
    assert "--strict: nothing was imported" in result.output
    assert not Person.objects.exists() and not ImportBatch.objects.exists()


def test_map_imports_any_csv(cli, tmp_path):
    path = tmp_path / "crm.csv"
    path.write_text("Kontakt,Mail,Firma\nJonas Berg,jonas@example.de,Acme GmbH\n", encoding="utf-8")
    result = cli("import", str(path), "--map", "Kontakt=name,Mail=email,Firma=organization", "--apply")
    assert result.exit_code == 0, result.output
    jonas = Person.objects.get(name="Jonas Berg")
    assert jonas.organization.name == "Acme GmbH"
    one_line_error(cli("import", str(path), "--map", "Kontakt=nom"), "unknown field 'nom'")
    # The service names the column map; the CLI adds how --map is written (cli/hints.py).
    one_line_error(cli("import", str(path), "--map", "Kontakt=nom"), "; write --map as 'Column=field,Column=field'")
    one_line_error(cli("import", str(path), "--map", "Kontakt"), "is not COLUMN=field")
    one_line_error(cli("import", str(path), "--map", "Name=name"), "no header row has the columns the column map names")
    one_line_error(cli("import", str(path), "--map", "Name=name"), "first line; fix the column names in --map")
    unknown = tmp_path / "sizes.csv"
    unknown.write_text("Colour,Size\nblue,10\n", encoding="utf-8")
    one_line_error(cli("import", str(unknown)), "; say where they go with --map 'Column=field,...'")


@pytest.mark.parametrize(
    "content,expected",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20, "binary file"),
        (b"PK\x03\x04" + b"\x00" * 200, "a ZIP archive (an Excel workbook?)"),
        (b"", "the file is empty"),
        (b"just some words\nwith no columns\n", "no header row"),
    ],
)
def test_unusable_files_are_one_line_errors(cli, tmp_path, content, expected):
    path = tmp_path / "upload.csv"
    path.write_bytes(content)
    one_line_error(cli("import", str(path), "--apply"), expected)
    assert not Person.objects.exists() and not ImportBatch.objects.exists()


def test_missing_files_and_empty_folders_are_one_line_errors(cli, tmp_path):
    one_line_error(cli("import", str(tmp_path / "nope.vcf")), "no such file")
    one_line_error(cli("import", str(tmp_path)), "a folder with no .vcf files")
    (tmp_path / "m.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    one_line_error(cli("import", str(tmp_path / "m.ics"), str(DATA / "icloud.vcf")), "on their own")


def test_vdir_export_and_import_both_ways(cli, tmp_path):
    cli("import", str(DATA / "macos_contacts.vcf"), str(DATA / "google_current.csv"), "--apply")
    folder = tmp_path / "vdir"
    result = cli("export", "--format", "vdir", "--out", str(folder))
    assert result.exit_code == 0 and f"Wrote {Person.objects.count()} cards" in result.output
    files = sorted(folder.glob("*.vcf"))
    assert len(files) == Person.objects.count()
    assert all(f.read_text(encoding="utf-8").count("BEGIN:VCARD") == 1 for f in files)
    again = json.loads(cli("import", str(folder), "--apply", "--json").stdout)
    assert again["counts"]["unchanged"] == len(files) and again["counts"]["created"] == 0
    one_line_error(cli("export", "--format", "vdir"), "needs a folder")
    one_line_error(cli("export", "--format", "vdir", "--out", str(files[0])), "is a file")


def test_export_formats_and_confidential_notes(cli, tmp_path):
    cli("add", "Jane Doe", "--email", "jane@example.com")
    jane = Person.objects.get(name="Jane Doe")
    Note.objects.create(
        owner=jane.owner,
        person=jane,
        text="Told me in confidence",
        confidentiality="confidential",
        created_at=jane.created_at,
    )
    Note.objects.create(owner=jane.owner, person=jane, text="Likes jazz", created_at=jane.created_at)
    result = cli("export")
    v4 = result.stdout
    assert result.stdout_bytes.startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n") and "Likes jazz" in v4
    assert "VERSION:3.0" in cli("export", "--v3").stdout
    out = tmp_path / "people.csv"
    assert cli("export", "--format", "csv", "--out", str(out)).exit_code == 0
    assert "jane@example.com" in out.read_text(encoding="utf-8")
    plain = cli("export", "--format", "json").stdout
    full = cli("export", "--format", "json", "--include-confidential").stdout
    for text in (v4, out.read_text(encoding="utf-8"), plain):
        assert "in confidence" not in text
    assert "Told me in confidence" in full and json.loads(full)["include_confidential"] is True
    one_line_error(cli("export", "--include-confidential"), "JSON backup only")
    one_line_error(cli("export", "--format", "xml"), "not an export format")
    one_line_error(cli("export", "--out", str(tmp_path)), "is a folder")


def test_backup_and_restore(cli, tmp_path):
    cli("import", str(DATA / "icloud.vcf"), "--apply")
    cli("log", "call", "Jane Doe", "Caught up", "--next", "none")
    backup = tmp_path / "backup.json"
    assert cli("export", "--format", "json", "--out", str(backup)).exit_code == 0
    assert not list(tmp_path.glob("*.partial"))
    one_line_error(cli("restore", str(backup)), "your network is not empty")
    restored = cli("restore", str(backup), "--replace")
    assert restored.exit_code == 0 and "Restored 1 people, 1 interactions" in restored.output
    kept = restored.output.split("The network it replaced is kept in ", 1)[1].split(";", 1)[0]
    assert "Jane Doe" in Path(kept).read_text()  # the replace is undone by restoring that file
    assert Person.objects.get().name == "Jane Doe" and Interaction.objects.count() == 1
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"\xff\xfe\x00garbage")
    one_line_error(cli("restore", str(broken), "--replace"), "not a Goodwill backup")
    damaged = tmp_path / "damaged.json"
    damaged.write_text(json.dumps({"format": "goodwill-backup", "version": 1, "tables": {"person": [{"id": 1}]}}))
    one_line_error(cli("restore", str(damaged), "--replace"), "damaged")
    assert Person.objects.get().name == "Jane Doe"
    one_line_error(cli("restore", str(tmp_path / "none.json")), "no such file")


def test_meetings_from_ics(cli, tmp_path):
    cli("add", "Jane Doe", "--email", "jane@example.com")
    path = tmp_path / "cal.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:m1\r\n"
        "DTSTAMP:20261101T000000Z\r\nDTSTART:20261110T150000Z\r\nSUMMARY:Coffee\r\n"
        "ATTENDEE:mailto:jane@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    dry = cli("import", str(path))
    assert "would log 1 meeting" in dry.output and not Interaction.objects.exists()
    applied = cli("import", str(path), "--apply")
    assert "Logged 1 meeting" in applied.output and Interaction.objects.get().summary == "Coffee"
    batch = ImportBatch.objects.get(source="ics").pk
    assert cli("import", "undo", str(batch)).exit_code == 0 and not Interaction.objects.exists()
    (tmp_path / "bad.ics").write_bytes(b"\x00\x01binary")
    one_line_error(cli("import", str(tmp_path / "bad.ics")), "not a readable iCalendar file")


def test_progress_bar_only_at_a_terminal_and_never_with_json(cli, monkeypatch):
    from rich.console import Console

    from goodwill.cli import import_progress
    from goodwill.cli.output import _LazyConsole

    screen = io.StringIO()
    # The stand-in the CLI prints through (made on first use), at a terminal.
    monkeypatch.setattr(import_progress, "errors", _LazyConsole(file=screen, force_terminal=True, width=80))
    monkeypatch.setattr(import_progress, "DELAY_SECONDS", 0.0)
    cli("import", str(DATA / "linkedin_new.csv"), "--json")
    assert screen.getvalue() == ""
    cli("import", str(DATA / "linkedin_new.csv"))
    assert "records" in screen.getvalue()
    shown = screen.getvalue()
    monkeypatch.setattr(import_progress, "errors", Console(file=io.StringIO(), force_terminal=False))
    result = cli("import", str(DATA / "linkedin_new.csv"))
    assert "━" not in result.output and shown


def test_people_stay_with_their_owner(cli, alice, bob):
    """The CLI acts as the local user: other accounts' people are never touched or exported."""
    from goodwill.services.people import PersonFields, add_person

    add_person(alice, PersonFields(name="Alice's Friend", emails=["ada@example.com"]))
    cli("import", str(DATA / "linkedin_new.csv"), "--apply")
    assert Person.objects.filter(owner=alice).count() == 1
    assert not Person.objects.filter(owner=bob).exists()
    assert "Alice's Friend" not in cli("export").stdout
    rows = json.loads(cli("import", "list", "--json").stdout)
    assert len(rows) == 1
