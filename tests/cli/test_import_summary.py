"""A big import is summed up, not listed file by file."""

from goodwill.cli.import_cmds import formats_read


def test_a_folder_of_vcards_is_named_once_with_its_count(cli, tmp_path):
    folder = tmp_path / "contacts"
    folder.mkdir()
    for n in range(1, 41):
        (folder / f"{n}.vcf").write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\nEND:VCARD\r\n")
    result = cli("import", str(folder))
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first == "Dry run, nothing written: vcard from 40 files"
    assert result.output.count("vcard") == 1


def test_mixed_kinds_are_counted_per_kind():
    assert formats_read(["linkedin"]) == "linkedin from 1 file"
    assert formats_read(["vcard", "vcard", "google"]) == "vcard (2 files), google (1 file) from 3 files"
