"""Wide and repeated headers: read in linear time with the right names, and files of
absurd widths refused with one line naming the file and line (issue 12).
The speed itself is measured by benchmarks/bench_csv_header.py, not timed here."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goodwill.formats import FormatError, read_contacts
from goodwill.formats.csv.read import MAX_COLUMNS, MAX_FIELD_CHARS, clean_header

from ..helpers import read_all


def _reference(cells: list[str]) -> list[str]:
    """The numbering as it always was (quadratic per name, cubic overall)."""
    header: list[str] = []
    for index, cell in enumerate(cells, 1):
        name = cell.strip().lstrip("\ufeff") or f"Column {index}"
        candidate, n = name, 2
        while candidate in header:
            candidate, n = f"{name} ({n})", n + 1
        header.append(candidate)
    return header


def test_ten_thousand_repeated_names_get_their_numbers(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(["Email"] + ["Custom"] * 9_999) + "\n" + ",".join(["a@x.example"] + ["v"] * 9_999) + "\n")
    found, problems = read_all(path)
    assert problems == [] and len(found) == 1
    record = found[0]
    assert [e.value for e in record.emails] == ["a@x.example"]
    assert len(record.extra) == 9_999 and record.extra["Custom (9999)"] == ["v"]


def test_clean_header_numbers_repeats_and_blanks():
    assert clean_header(["A", "A", "", "A (2)", "A", " B "]) == ["A", "A (2)", "Column 3", "A (2) (2)", "A (3)", "B"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["A", "A (2)", "A (3)", "B", "", " ", "Column 2", "A (2) (2)"]), max_size=40))
def test_clean_header_is_the_old_numbering(cells):
    header = clean_header(cells)
    assert header == _reference(cells)
    assert len(set(header)) == len(header) == len(cells)


def test_a_header_wider_than_the_limit_is_refused_naming_file_and_line(tmp_path):
    path = tmp_path / "absurd.csv"
    path.write_text("preamble\n" + ",".join(f"C{i}" for i in range(MAX_COLUMNS + 1)) + "\nx,y\n")
    with pytest.raises(FormatError) as caught:
        read_contacts(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:2: the header has 10,001 columns") and "\n" not in message


def test_a_cell_over_the_field_limit_costs_its_row_with_a_clear_line(tmp_path):
    path = tmp_path / "huge_cell.csv"
    big = "x" * (MAX_FIELD_CHARS + 10)
    path.write_text(f'Name,Email\nAda,ada@x.example\nHuge,"{big}"\nBob,bob@x.example\n')
    found, problems = read_all(path)
    assert [r.full_name for r in found] == ["Ada", "Bob"]
    assert [p.line for p in problems] == [3]
    assert "longer than 8 MB" in problems[0].message and str(path) in str(problems[0])


def test_a_damaged_vcard_read_as_csv_with_a_wide_repeated_line(tmp_path):
    # No BEGIN:VCARD in the first 4 KB: read as CSV; its first line repeats one name.
    path = tmp_path / "damaged.vcf"
    path.write_text(
        ",".join(["EMAIL;TYPE=INTERNET:a@x.example"] * 5_000)
        + "\n"
        + "NOTE:"
        + "x" * 5_000
        + "\n"
        + "FN:Ada\nEND:VCARD\n"
    )
    found, problems = read_all(path)  # split at ";": 5,001 cells, 4,999 of them one repeated name
    assert found == [] and len(problems) == 3
