"""A table written line by line as its rows are read.

Rich's Table measures every cell of every row before it prints the first line:
9 s of CPU for 10,000 people. Here the caller gives the column widths up front
(for people, the longest name the database holds), so each row is written as
soon as it is read, and the memory stays flat however long the list."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO

from rich.cells import cell_len, set_cell_size

GAP = "  "


@dataclass
class Column:
    title: str
    width: int  # in terminal cells; at least the title's


def fit(text: str, width: int) -> str:
    """`text` padded to `width` cells, or cut with "…" when it is wider (a CJK name counts two a character)."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(set_cell_size(text, max(width - 1, 0)).rstrip() + "…", width)


def shrink_to(columns: list[Column], total: int, order: Sequence[int]) -> None:
    """Narrow the columns at `order` (each down to its title, at least 12 cells) until a line fits `total` cells."""
    for index in order:
        over = sum(c.width for c in columns) + len(GAP) * (len(columns) - 1) - total
        if over <= 0:
            return
        column = columns[index]
        column.width = max(column.width - over, len(column.title), 12)


def write_table(out: IO[str], columns: list[Column], rows: Iterable[Sequence[str]]) -> int:
    """The header, then each row as it comes; the number of rows written."""
    out.write(_line(columns, [c.title for c in columns]))
    count = 0
    for row in rows:
        out.write(_line(columns, row))
        count += 1
    return count


def _line(columns: list[Column], cells: Sequence[str]) -> str:
    return GAP.join(fit(cell, column.width) for column, cell in zip(columns, cells)).rstrip() + "\n"
