"""What the contact readers report: a row-level Problem, or a FormatError for a file
that cannot be read at all."""

from __future__ import annotations

from dataclasses import dataclass


class FormatError(Exception):
    """The whole file is unusable (binary, empty, unknown format). One line, names the file.

    `code` names the kind of problem, so a front door can add its own hint (as UserError's does)."""

    def __init__(self, message: str = "", *, code: str = ""):
        super().__init__(message)
        self.code = code


class MappingError(ValueError):
    """A column map (the CLI's --map) names a field Goodwill does not know, or is not written as one."""


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
