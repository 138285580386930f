"""Bad input: a clear FormatError for a file that is unusable, Problems for the rest."""

import pytest

from goodwill.formats import FormatError, Problem, detect_format, read_contacts

from .helpers import read_all


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "empty"),
        (b"\n\r\n  \n", "empty"),
        (bytes(range(256)) * 40, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(500), "binary"),
        (b"PK\x03\x04" + b"x" * 200, "ZIP"),
    ],
)
def test_unusable_file_is_one_line_format_error(tmp_path, content, words):
    path = tmp_path / "contacts.vcf"
    path.write_bytes(content)
    for call in (read_contacts, detect_format):
        with pytest.raises(FormatError) as caught:
            call(path)
        message = str(caught.value)
        assert words in message and str(path) in message and "\n" not in message


def test_missing_file_is_a_format_error(tmp_path):
    with pytest.raises(FormatError, match="cannot open"):
        read_contacts(tmp_path / "nope.csv")


def test_text_without_a_header_is_a_format_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just one line of prose\n" * 40)
    with pytest.raises(FormatError, match="no header row"):
        read_contacts(path)


def test_problem_names_file_line_and_field(tmp_path):
    path = tmp_path / "p.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:A\nBDAY:31/31/31\nEND:VCARD\n")
    problem = next(i for i in read_contacts(path) if isinstance(i, Problem))
    assert (problem.file, problem.line, problem.field) == (str(path), 4, "BDAY")
    assert str(problem).startswith(f"{path}:4 [BDAY]: '31/31/31' is not a date")


def test_undecodable_line_in_a_vcard_costs_that_line(tmp_path):
    path = tmp_path / "mixed.vcf"
    path.write_bytes(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Zoë\nNOTE:caf\xe9\nEMAIL:z@x.example\nEND:VCARD\n".encode().replace(
            "caf\xc3\xa9".encode("latin-1"), b"caf\xe9"
        )
    )
    found, problems = read_all(path)
    assert found[0].full_name == "Zoë" and found[0].emails[0].value == "z@x.example"
    assert found[0].note == "" and [p.line for p in problems] == [4]


def test_unclosed_quote_gives_back_the_rows_it_swallowed(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text(
        'First Name,Last Name,Email\n"Open,Quote,o@x\n' + "".join(f"N{i},L{i},e{i}@x\n" for i in range(300))
    )
    found, problems = read_all(path)
    assert len(found) == 300 and [p.line for p in problems] == [2]


def test_empty_lines_and_trailing_empty_cells_are_fine(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("First Name,Last Name,Connected On\n\nA,B,01 Jan 2024,,\n,,\n")
    found, problems = read_all(path)
    assert problems == [] and [r.full_name for r in found] == ["A B"]


def test_overlong_line_is_a_problem_not_a_memory_spike(tmp_path, monkeypatch):
    from goodwill.formats import encoding

    monkeypatch.setattr(encoding, "MAX_LINE_BYTES", 1000)
    path = tmp_path / "long.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:A\nNOTE:" + "x" * 5000 + "\nEMAIL:a@x\nEND:VCARD\n")
    found, problems = read_all(path)
    assert found[0].emails[0].value == "a@x" and [p.line for p in problems] == [4]
