"""CSV as a stream of (line, row) with row-level Problems: the header is found past
any preamble (LinkedIn's "Notes:"), the delimiter is sniffed from it, and a bad row
(wrong column count, undecodable bytes, a quote never closed) costs that row only."""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Callable, Generator, Iterator
from typing import Any

from ..encoding import Line, TextSource
from ..errors import FormatError, Problem
from .generic import generic_target

HEADER_SEARCH_LINES = 30
MAX_RECORD_LINES = 200  # a quoted field may hold newlines, but not this many
MAX_FIELD_CHARS = 8 * 1024 * 1024  # inline photos as data: URIs
MAX_COLUMNS = 10_000  # Outlook writes 92, Google about 30 plus 5 a numbered group: more is no export
_DELIMITERS = (",", ";", "\t", "|")
csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD_CHARS))


class Row:
    """One row: its cells in header order, and by column name on demand."""

    __slots__ = ("line", "values", "_header")

    def __init__(self, line: int, values: list[str], header: list[str]):
        self.line, self.values, self._header = line, values, header

    @property
    def cells(self) -> dict[str, str]:
        return dict(zip(self._header, self.values))


class CsvTable:
    def __init__(self, source: TextSource, accept: Callable[[list[str]], bool] | None = None):
        """Find the header: the first line that `accept` takes, or by default the first
        with two or more non-empty cells, or a single column named like an email or
        a name ("Primary Email": a list of addresses). Raises FormatError when there is none."""
        self.file = source.name
        self._lines: Any = source.lines()  # ByteLines (number, pending, block()) or plain lines
        accept = accept or _looks_like_a_header
        for line in self._lines:
            if line.number > HEADER_SEARCH_LINES:
                break
            if line.error:
                continue
            delimiter = sniff_delimiter(line.text)
            try:
                cells = next(csv.reader([line.text], delimiter=delimiter), [])
            except csv.Error:  # a stray carriage return inside the line: not a header
                continue
            if accept(cells):
                if len(cells) > MAX_COLUMNS:
                    source.close()
                    raise FormatError(
                        f"{self.file}:{line.number}: the header has {len(cells):,} columns, more "
                        f"than the {MAX_COLUMNS:,} a contact export can have; the file was not "
                        "read (is it a CSV export?)"
                    )
                self.delimiter = delimiter
                self.header = clean_header(cells)
                self.header_line = line.number
                return
        source.close()
        raise FormatError(
            f"{self.file}: no header row in the first {HEADER_SEARCH_LINES} lines; "
            "is it a CSV export with column names?"
        )

    def rows(self) -> Iterator[Row | Problem]:
        feed = _Feed(self._lines)
        block = getattr(self._lines, "block", None)
        if block is None:  # UTF-16: line by line
            yield from self._careful_rows(feed)
            return
        # Clean runs of lines are parsed a block at a time (csv.reader over a list, no
        # Python step per line). From the first row in a block that is odd in any way,
        # the line-by-line path takes over, and reports it exactly as it always has.
        cut: list[str] = []  # the lines of a row the previous block may have cut short
        while True:
            got = block()
            if got is None and not cut:
                return
            first, lines = got if got is not None else (self._lines.number + 1, [])
            if cut:
                first, lines, cut = first - len(cut), cut + lines, []
            if got is not None and not got[1]:  # the next lines must be read one at a time
                yield from self._line_by_line(feed, first, lines)
                continue
            rest = yield from self._block_rows(first, lines, final=got is None)
            if rest is None:
                continue
            at, careful = rest
            if careful:
                yield from self._line_by_line(feed, first + at, lines[at:])
            else:
                cut = lines[at:]

    def _line_by_line(self, feed: _Feed, first: int, lines: list[str]) -> Iterator[Row | Problem]:
        """`lines` (numbered from `first`, each ending in "\n"), then whatever the source
        still holds back, through the line-by-line path, up to the next row boundary."""
        feed.push([Line(first + i, text[:-1]) for i, text in enumerate(lines)])
        yield from self._careful_rows(feed, until_drained=True)

    def _block_rows(self, first: int, lines: list[str], final: bool) -> Generator[Row, None, tuple[int, bool] | None]:
        """Yield the rows of a run of clean lines (numbered from `first`). Returns None
        when all were used, else (index, careful): from that line on the lines need the
        line-by-line path (careful: a CSV error, a row of the wrong width or longer than
        MAX_RECORD_LINES), or are a row the block's end may have cut inside quotes."""
        reader = csv.reader(lines, delimiter=self.delimiter)
        width, header, count = len(self.header), self.header, len(lines)
        used = 0
        try:
            for cells in reader:
                end = reader.line_num
                if end - used > MAX_RECORD_LINES:
                    return used, True
                if end == count and not final and any('"' in line for line in lines[used:]):
                    return used, False  # perhaps cut short: parsed again with the next block
                row_start, used = used, end
                if len(cells) != width:
                    if not any(cell.strip() for cell in cells):
                        continue
                    if len(cells) > width and not any(c.strip() for c in cells[width:]):
                        cells = cells[:width]
                    else:
                        return row_start, True
                elif not "".join(cells).strip():
                    continue
                yield Row(first + row_start, cells, header)
        except csv.Error:
            return used, True
        return None

    def _careful_rows(self, feed: _Feed, until_drained: bool = False) -> Iterator[Row | Problem]:
        """Rows line by line, every problem reported. With `until_drained`, stops at the
        first row boundary once the lines pushed back (and any left by the source) are read."""
        reader = csv.reader(feed, delimiter=self.delimiter)
        width, header = len(self.header), self.header
        source = self._lines
        # The hot loop of a big import: locals, and no per-row generator.
        start, read = feed.start, reader.__next__
        while True:
            if until_drained and feed.started and not feed.pending and not source.pending:
                return
            start()
            try:
                cells = read()
            except StopIteration:
                return
            except (csv.Error, _TooManyLines) as exc:
                yield Problem(self.file, feed.first, None, _why(exc))
                feed.replay_after_first()  # the lines it swallowed are rows of their own
                continue
            taken = feed.taken
            first = taken[0]
            bad = first if first.error else None
            if len(taken) > 1 and bad is None:
                bad = next((line for line in taken if line.error), None)
            if bad:
                yield Problem(
                    self.file,
                    bad.number,
                    None,
                    f"{bad.error}; the row was skipped (save the file as UTF-8 and import it again)",
                )
                continue
            if len(cells) != width:
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) > width and not any(c.strip() for c in cells[width:]):
                    cells = cells[:width]
                if len(cells) != width:
                    yield Problem(
                        self.file,
                        first.number,
                        None,
                        f"the row has {len(cells)} columns but the header has {width}; "
                        "the row was skipped (check for a stray quote or comma)",
                    )
                    feed.replay_after_first()  # a stray quote may have swallowed the next rows
                    continue
            elif not "".join(cells).strip():
                continue
            yield Row(first.number, cells, header)


def _looks_like_a_header(cells: list[str]) -> bool:
    named = [c for c in cells if c.strip()]
    if len(named) >= 2:
        return True
    if len(named) != 1 or len(cells) > 2:
        return False
    target = generic_target(named[0].lstrip("\ufeff")) or ""
    return target.split(":")[0] in ("email", "full_name")


def sniff_delimiter(line: str) -> str:
    counts = {d: _count_outside_quotes(line, d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count


def clean_header(cells: list[str]) -> list[str]:
    """Trimmed names; blank ones become "Column N"; repeats get " (2)", " (3)"...

    Linear in the number of cells: a set of the names taken, and for each repeated
    name the next number to try (every lower one is already taken)."""
    header: list[str] = []
    taken: set[str] = set()
    next_number: dict[str, int] = {}
    for index, cell in enumerate(cells, 1):
        name = cell.strip().lstrip("\ufeff") or f"Column {index}"
        candidate = name
        if candidate in taken:
            n = next_number.get(name, 2)
            candidate = f"{name} ({n})"
            while candidate in taken:
                n += 1
                candidate = f"{name} ({n})"
            next_number[name] = n + 1
        taken.add(candidate)
        header.append(candidate)
    return header


def _why(exc: Exception) -> str:
    if isinstance(exc, _TooManyLines):
        return (
            f"a quoted field starting here is not closed within {MAX_RECORD_LINES} lines; "
            "the row was skipped and the lines after it read as rows"
        )
    if "field larger than field limit" in str(exc):
        return (
            f"a cell is longer than {MAX_FIELD_CHARS // 2**20} MB; the row was skipped "
            "(is a column holding a whole file?)"
        )
    return f"unreadable CSV row ({exc}); the row was skipped"


class _TooManyLines(Exception):
    pass


class _Feed:
    """The lines csv.reader pulls, remembering those of the current row so that a row
    which swallowed the lines after it can give them back."""

    def __init__(self, lines: Iterator[Line]):
        self._lines = lines
        self._pending: deque[Line] = deque()
        self.taken: list[Line] = []
        self.started = False  # whether a row has been read since the last push

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        if len(self.taken) >= MAX_RECORD_LINES:
            raise _TooManyLines
        line = self._pending.popleft() if self._pending else next(self._lines)
        self.taken.append(line)
        return line.text + "\n"

    def start(self) -> None:
        self.taken = []
        self.started = True

    def push(self, lines: list[Line]) -> None:
        """Lines to read before the source's next ones."""
        self._pending.extend(lines)
        self.started = False

    @property
    def pending(self) -> bool:
        """Whether pushed or replayed lines wait to be read."""
        return bool(self._pending)

    @property
    def first(self) -> int:
        return self.taken[0].number if self.taken else 0

    def replay_after_first(self) -> None:
        self._pending.extendleft(reversed(self.taken[1:]))
