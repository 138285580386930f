"""Reading a JSON backup a piece at a time, so a restore holds one row at a time, not the file.

A backup is one JSON object: a few header keys, "settings", and "tables", an object of
arrays of rows. json.load of a 100,000-person backup (241 MB) held about 1 GB. This reader
walks the object and its arrays itself and hands each value (a row, the settings, a header
field) to json's own C scanner (JSONDecoder.raw_decode), so any valid JSON layout reads the
same, at the scanner's speed, and the buffer never holds more than a chunk plus one value.
Broken JSON anywhere (a damaged tail too) raises BrokenJSON with its line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Protocol

CHUNK = 1 << 20  # characters read at a time
# One value (a row) bigger than this is not something Goodwill wrote: refuse rather than read
# on to the end of a damaged file looking for where it closes.
MAX_VALUE = 64 << 20
_SPACE = " \t\n\r"
_DECODER = json.JSONDecoder()


class TextSource(Protocol):
    """What the reader reads from: an open text file, or a request's body decoded as it comes."""

    def read(self, size: int = -1, /) -> str: ...


class BrokenJSON(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(f"the JSON is broken near line {line}")
        self.line = line


class JSONStream:
    """The text of a stream as punctuation and whole values, with a bounded buffer."""

    def __init__(self, stream: TextSource, chunk: int | None = None) -> None:
        self.stream, self.chunk = stream, chunk or CHUNK
        self.buf, self.pos, self.eof = "", 0, False
        self.lines_before = 0  # newlines in the text already dropped from the buffer
        self.peak = 0  # the longest the buffer has been (tests check it stays bounded)

    def _more(self) -> bool:
        """Drop what has been read and append the next chunk; False at the end of the stream."""
        if self.eof:
            return False
        try:
            text = self.stream.read(self.chunk)
        except UnicodeDecodeError:  # not UTF-8 text: not JSON Goodwill wrote
            raise self.broken() from None
        if not text:
            self.eof = True
            return False
        self.lines_before += self.buf.count("\n", 0, self.pos)
        self.buf = self.buf[self.pos :] + text
        self.pos = 0
        self.peak = max(self.peak, len(self.buf))
        return True

    def broken(self) -> BrokenJSON:
        return BrokenJSON(self.lines_before + self.buf.count("\n", 0, self.pos) + 1)

    def peek(self) -> str:
        """The next character that is not white space ("" at the end), not consumed."""
        while True:
            buf, n, p = self.buf, len(self.buf), self.pos
            while p < n and buf[p] in _SPACE:
                p += 1
            self.pos = p
            if p < n:
                return buf[p]
            if not self._more():
                return ""

    def punctuation(self, allowed: str) -> str:
        """Consume one of `allowed` ("{", ",}", ...) or fail."""
        char = self.peek()
        if not char or char not in allowed:
            raise self.broken()
        self.pos += 1
        return char

    def value(self) -> Any:
        """One whole JSON value. A value that reaches the end of the buffer is read again with
        more text: it may be cut (a number "12" of "1234"), or not complete yet."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                if len(self.buf) - self.pos > MAX_VALUE or not self._more():
                    raise self.broken() from None
                continue
            if end < len(self.buf) or not self._more():
                self.pos = end
                return value

    def end(self) -> None:
        """Nothing but white space may follow the backup."""
        if self.peek():
            raise self.broken()


class BackupReader:
    """A backup in three steps, in file order: header() (the keys before "tables"), tables()
    (each table's label with an iterator of its rows, to be used before the next), and
    trailer() (any keys after "tables"; the end of the file is checked there)."""

    def __init__(self, stream: TextSource, chunk: int | None = None) -> None:
        self.json = JSONStream(stream, chunk)
        self.fields: dict[str, Any] = {}
        self.has_tables = False

    def header(self) -> dict[str, Any]:
        """The top-level keys up to "tables" (all of them when there is none)."""
        if self.json.peek() != "{":
            self.json.value()  # valid JSON but not an object: the caller finds no "format"
            self.json.end()
            return self.fields
        self.json.pos += 1
        if self.json.peek() == "}":
            self.json.pos += 1
            self.json.end()
            return self.fields
        self._fields()
        return self.fields

    def _fields(self) -> None:
        """Read key: value pairs until "tables" (left for tables()) or the closing brace."""
        while True:
            key = self.json.value()
            if not isinstance(key, str):
                raise self.json.broken()
            self.json.punctuation(":")
            if key == "tables":
                self.has_tables = True
                return
            self.fields[key] = self.json.value()
            if self.json.punctuation(",}") == "}":
                self.json.end()
                return

    def tables(self) -> Iterator[tuple[str, Iterator[Any]]]:
        if not self.has_tables:
            return
        if self.json.peek() != "{":
            raise ValueError('"tables" is not an object of tables')
        self.json.pos += 1
        if self.json.peek() == "}":
            self.json.pos += 1
            return
        while True:
            label = self.json.value()
            if not isinstance(label, str):
                raise self.json.broken()
            self.json.punctuation(":")
            if self.json.peek() != "[":
                raise ValueError(f'table "{label[:40]}" is not a list of rows')
            self.json.pos += 1
            rows = self._rows()
            yield label, rows
            for _ in rows:  # what the caller left unread (a table it does not know)
                pass
            if self.json.punctuation(",}") == "}":
                return

    def _rows(self) -> Iterator[Any]:
        if self.json.peek() == "]":
            self.json.pos += 1
            return
        while True:
            yield self.json.value()
            if self.json.punctuation(",]") == "]":
                return

    def trailer(self) -> dict[str, Any]:
        """The keys after "tables", added to the header's; then the file must end."""
        if self.has_tables:
            self.has_tables = False
            if self.json.punctuation(",}") == ",":
                self._fields()
                if self.has_tables:
                    raise ValueError('"tables" twice')
            else:
                self.json.end()
        return self.fields
