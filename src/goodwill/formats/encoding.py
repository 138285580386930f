"""Open a contact file once, guess its text encoding from the first bytes, and stream
it as numbered lines. Bytes that do not decode mark their line bad instead of raising."""

from __future__ import annotations

import codecs
import io
import os
import re
from collections import deque
from collections.abc import Iterator
from typing import Any, NamedTuple

from .errors import FormatError

HEAD_BYTES = 64 * 1024
MAX_LINE_BYTES = 16 * 1024 * 1024  # bounds memory on a file with no line breaks


class Line(NamedTuple):  # a tuple: made once per line of the file, so it must be cheap
    number: int  # 1-based
    text: str  # without its line ending
    error: str | None = None  # why the line could not be decoded; text is then ""


def sniff_encoding(head: bytes) -> str:
    """ "utf-8-sig", "utf-16", "utf-16-le/-be", "utf-8", "windows-1252", or "ascii" when
    nothing in the head tells UTF-8 from windows-1252 yet. Raises ValueError on binary."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:4096]
    half = len(sample) // 2
    if half >= 2:
        # UTF-16 without a BOM: text in Latin script has a NUL in every other byte.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 0.3 * half and even < 0.05 * half:
            return "utf-16-le"
        if even > 0.3 * half and odd < 0.05 * half:
            return "utf-16-be"
    if head.startswith(b"PK\x03\x04"):
        raise ValueError("a ZIP archive (an Excel workbook?); unzip it or save it as CSV")
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32 and byte != 27)
    if b"\0" in sample or controls > len(sample) * 0.01:
        raise ValueError("a binary file, not vCard or CSV text")
    if head.isascii():
        return "ascii"
    # Incremental: a multi-byte character cut at the end of the head is fine.
    text = codecs.getincrementaldecoder("utf-8")(errors="replace").decode(head, final=False)
    bad = text.count("\ufffd")
    if not bad:
        return "utf-8"
    # Mostly UTF-8 with a few stray bytes: stay UTF-8 and let those lines be reported.
    good = sum(1 for char in text if char > "\x7f") - bad
    return "utf-8" if good >= bad else "windows-1252"


class _Rewound(io.RawIOBase):
    """Serves the already-read head, then the rest of the file: the file is opened and
    read once, so a pipe works too."""

    def __init__(self, head: bytes, rest: io.BufferedReader):
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        return self._rest.readinto(buffer)

    def close(self) -> None:
        self._rest.close()
        super().close()


class TextSource:
    """An opened contact file: its encoding, its decoded head, and its lines."""

    def __init__(self, path: str | os.PathLike[str]):
        self.name = os.fspath(path)
        try:
            raw = open(self.name, "rb")  # noqa: SIM115 - kept open by the reader, closed in close()
        except OSError as exc:
            raise FormatError(f"{self.name}: cannot open ({exc.strerror or exc})") from None
        try:
            head = raw.read(HEAD_BYTES)
            if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
                raise FormatError(f"{self.name}: the file is empty")
            try:
                self.encoding = sniff_encoding(head)
            except ValueError as exc:
                raise FormatError(f"{self.name}: {exc}") from None
        except BaseException:
            raw.close()
            raise
        self.head_text = head.decode(self._codec(), errors="replace").lstrip("\ufeff")
        self._stream = io.BufferedReader(_Rewound(head, raw), buffer_size=HEAD_BYTES)

    def _codec(self) -> str:
        return {"ascii": "utf-8", "utf-8-sig": "utf-8"}.get(self.encoding, self.encoding)

    def close(self) -> None:
        self._stream.close()

    def lines(self) -> Iterator[Line]:
        """Each line once, numbered from 1. Closes the file when exhausted. For 8-bit
        encodings the iterator also has block() (see ByteLines)."""
        if self.encoding.startswith("utf-16"):
            return self._closing(self._wide_lines())
        return ByteLines(self._stream, "utf-8" if self.encoding == "utf-8-sig" else self.encoding)

    def _closing(self, lines: Iterator[Line]) -> Iterator[Line]:
        try:
            yield from lines
        finally:
            self.close()

    def _wide_lines(self) -> Iterator[Line]:
        text = io.TextIOWrapper(self._stream, encoding=self.encoding, errors="replace", newline="\n")
        number = 0
        while True:
            chunk = text.readline(MAX_LINE_BYTES)
            if not chunk:
                return
            number += 1
            too_long = not chunk.endswith("\n") and len(chunk) >= MAX_LINE_BYTES
            while too_long and chunk and not chunk.endswith("\n"):
                chunk = text.readline(MAX_LINE_BYTES)
            if too_long:
                yield Line(number, "", f"line is longer than {MAX_LINE_BYTES // 2**20} MB")
            elif "\0" in chunk:
                yield Line(number, "", f"a NUL character at column {chunk.index(chr(0)) + 1} (binary data?)")
            elif "\ufffd" in chunk:
                yield Line(number, "", f"bytes that are not valid {self.encoding.upper()}")
            else:
                yield Line(number, chunk.lstrip("\ufeff").rstrip("\r\n") if number == 1 else chunk.rstrip("\r\n"))


BLOCK_BYTES = 64 * 1024
_CR_BEFORE_LF = re.compile(r"\r+\n")
_LINE = re.compile(r"[^\n]*\n")


class ByteLines:
    """The lines of a UTF-8, windows-1252 or ASCII file, decoded line by line, so one
    bad byte costs one line. An ASCII head leaves the choice between UTF-8 and
    windows-1252 open until the first line with high bytes decides it.

    Besides one Line at a time, block() gives a run of whole lines as plain strings
    when their bytes are clean, which lets the CSV reader parse them without a Python
    step per line (about a third of the time of reading a big CSV). Bytes that are not
    clean (a NUL, bytes the encoding refuses, the first high bytes of an undecided file,
    a line longer than a block) are left to the line-by-line path, which reports them."""

    def __init__(self, stream: io.BufferedReader[Any], encoding: str):
        self._stream = stream
        self.encoding = encoding
        self.number = 0  # of the last line handed out
        self._carry = b""  # the start of a line a block cut off
        self._raw: deque[bytes] = deque()  # whole lines of a block that was not clean
        self._closed = False

    def __iter__(self) -> ByteLines:
        return self

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._stream.close()

    def __next__(self) -> Line:
        if self._raw:
            raw = self._raw.popleft()
        else:
            if self._closed:
                raise StopIteration
            raw = self._carry + self._stream.readline(MAX_LINE_BYTES - len(self._carry))
            self._carry = b""
            if not raw:
                self.close()
                raise StopIteration
            if raw[-1:] != b"\n" and len(raw) >= MAX_LINE_BYTES:
                while raw and not raw.endswith(b"\n"):  # skip the rest of the overlong line
                    raw = self._stream.readline(MAX_LINE_BYTES)
                self.number += 1
                return Line(self.number, "", f"line is longer than {MAX_LINE_BYTES // 2**20} MB")
        self.number += 1
        return self._decode(raw)

    def _decode(self, raw: bytes) -> Line:
        number, encoding = self.number, self.encoding
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        raw = raw.rstrip(b"\r\n")
        if b"\0" in raw:  # no database keeps a NUL in text (PostgreSQL refuses it)
            return Line(number, "", f"a NUL byte at column {raw.index(0) + 1} (binary data?)")
        if raw.isascii():
            return Line(number, raw.decode("ascii"))  # ASCII reads the same in all three
        if encoding == "ascii":
            encoding = self.encoding = "windows-1252"
            try:
                raw.decode("utf-8")
                encoding = self.encoding = "utf-8"
            except UnicodeDecodeError:
                pass
        try:
            return Line(number, raw.decode(encoding))
        except UnicodeDecodeError as exc:
            return Line(number, "", f"byte 0x{raw[exc.start]:02X} at column {exc.start + 1} is not valid {encoding}")

    @property
    def pending(self) -> bool:
        """Whether lines of a block that was not clean wait for __next__."""
        return bool(self._raw)

    def block(self) -> tuple[int, list[str]] | None:
        """(the number of its first line, its lines each ending in one "\n") for the
        next run of clean lines; an empty list of lines when the next ones must be read
        one at a time with __next__ (until `pending` is false); None at the end of the file."""
        if self._raw:
            return self.number + 1, []
        if self._closed:
            return None
        chunk = self._stream.read(BLOCK_BYTES)
        data, self._carry = self._carry + chunk, b""
        if not data:
            self.close()
            return None
        if chunk:  # more may follow (only an empty read is the end): keep a cut-off line for later
            cut = data.rfind(b"\n") + 1
            data, self._carry = data[:cut], data[cut:]
            if not data:  # no line break in a whole block: a long line, read it line by line
                return self.number + 1, []
        first = self.number + 1
        text = self._clean_text(data) if first > 1 else None
        if text is None:
            self._raw.extend(_split_lf(data))
            return first, []
        if not text.endswith("\n"):
            text += "\n"  # the last line of a file may have no line break
        if "\r" in text:
            text = text.replace("\r\n", "\n")
            if "\r\n" in text:  # "\r\r\n": every CR before a line break goes, as rstrip does
                text = _CR_BEFORE_LF.sub("\n", text)
        lines = _LINE.findall(text)
        self.number += len(lines)
        return first, lines

    def _clean_text(self, data: bytes) -> str | None:
        """The block decoded, or None if any line of it needs the line-by-line path."""
        if b"\0" in data:
            return None
        if data.isascii():
            return data.decode("ascii")
        if self.encoding == "ascii":
            return None  # the line-by-line path decides the encoding
        try:
            return data.decode(self.encoding)
        except UnicodeDecodeError:
            return None


def _split_lf(data: bytes) -> list[bytes]:
    """Lines ending in b"\n" only (splitlines would also split at a lone b"\r")."""
    parts = data.split(b"\n")
    lines = [part + b"\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines
