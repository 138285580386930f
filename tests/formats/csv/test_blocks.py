"""Reading a CSV a block at a time gives exactly the rows, line numbers and problems
of reading it line by line, wherever the blocks happen to cut it: through quoted
fields with line breaks, bad bytes, stray quotes, CRLF and lone CRs."""

from unittest import mock

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from goodwill.formats import encoding
from goodwill.formats.csv.read import CsvTable, Row
from goodwill.formats.encoding import TextSource
from goodwill.formats.errors import FormatError

TOKENS = [
    b"a",
    b"Zo\xc3\xab",
    b"x" * 12,
    b" ",
    b",",
    b",",
    b'"',
    b'""',
    b"\n",
    b"\n",
    b"\r\n",
    b"\r",
    b"\xff",
    b"\xe9",
    b"\t",
    b";",
]
HEADER = b"Name,Email,Note\r\n"


def _read(path, line_by_line: bool) -> list[tuple]:
    table = CsvTable(TextSource(path))
    if line_by_line:
        table._lines = (line for line in table._lines)  # a plain iterator: no block()
    out = []
    for item in table.rows():
        if isinstance(item, Row):
            out.append(("row", item.line, tuple(item.values)))
        else:
            out.append(("problem", item.line, item.field, item.message))
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.lists(st.sampled_from(TOKENS), max_size=120), block=st.integers(min_value=8, max_value=200))
def test_blocks_read_the_same_as_lines(tmp_path, body, block):
    path = tmp_path / "contacts.csv"
    path.write_bytes(HEADER + b"".join(body))
    try:
        expected = _read(path, line_by_line=True)
    except FormatError:
        assume(False)  # not a CSV at all (sniffed as binary): nothing to compare
    with mock.patch.object(encoding, "BLOCK_BYTES", block):
        assert _read(path, line_by_line=False) == expected


_CELL = st.one_of(
    st.sampled_from([b"", b"Ada", b"Zo\xc3\xab", b"a b", b"x" * 30]),
    st.lists(st.sampled_from([b"a", b",", b'""', b"\n", b"\r\n", b" "]), max_size=12).map(
        lambda parts: b'"' + b"".join(parts) + b'"'
    ),  # quoted: commas, quotes, line breaks
)
_ROW = st.tuples(_CELL, _CELL, _CELL, st.sampled_from([b"\r\n", b"\n", b"\r\r\n"])).map(
    lambda r: b",".join(r[:3]) + r[3]
)
_NOISE = st.sampled_from([b"", b"", b"", b"", b'"', b"\xff", b",extra", b"\n"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(_ROW, _NOISE), max_size=40), block=st.integers(min_value=8, max_value=300))
def test_mostly_good_files_read_the_same_in_blocks(tmp_path, rows, block):
    path = tmp_path / "contacts.csv"
    path.write_bytes(HEADER + b"".join(row + noise for row, noise in rows))
    expected = _read(path, line_by_line=True)
    with mock.patch.object(encoding, "BLOCK_BYTES", block):
        assert _read(path, line_by_line=False) == expected


def test_a_quoted_note_across_many_blocks_is_one_row(tmp_path):
    note = "line\n" * 40
    rows = ["Name,Email,Note"] + [f'Ada {n},ada{n}@example.com,"{note}"' for n in range(30)]
    path = tmp_path / "contacts.csv"
    path.write_text("\r\n".join(rows) + "\r\n")
    with mock.patch.object(encoding, "BLOCK_BYTES", 64):
        got = _read(path, line_by_line=False)
    assert [g[0] for g in got] == ["row"] * 30
    assert got[1] == ("row", 43, ("Ada 1", "ada1@example.com", note))  # numbered from its first line
