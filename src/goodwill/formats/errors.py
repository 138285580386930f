"""What the contact readers report: a row-level Problem, or a FormatError for a file
that cannot be read at all."""

from __future__ import annotations

from dataclasses import dataclass


class FormatError(Exception):
    """The whole file is unusable (binary, empty, unknown format). One line, names the file."""


class MappingError(ValueError):
    """A --map string or mapping names a field Goodwill does not know."""


@dataclass(frozen=True)
class Problem:
    """One bad row or property. The rest of the file still imports."""

    file: str
    line: int
    field: str | None
    message: str  # one line: what was wrong and how to fix it

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        if self.field:
            where += f" [{self.field}]"
        return f"{where}: {self.message}"
