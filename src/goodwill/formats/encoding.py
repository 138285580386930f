"""Open a contact file once, guess its text encoding from the first bytes, and stream
it as numbered lines. Bytes that do not decode mark their line bad instead of raising."""
from __future__ import annotations

import codecs
import io
import os
from collections.abc import Iterator
from typing import NamedTuple

from .errors import FormatError

HEAD_BYTES = 64 * 1024
MAX_LINE_BYTES = 16 * 1024 * 1024  # bounds memory on a file with no line breaks


class Line(NamedTuple):  # a tuple: made once per line of the file, so it must be cheap
    number: int  # 1-based
    text: str  # without its line ending
    error: str | None = None  # why the line could not be decoded; text is then ""


def sniff_encoding(head: bytes) -> str:
    """"utf-8-sig", "utf-16", "utf-16-le/-be", "utf-8", "windows-1252", or "ascii" when
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

    def readinto(self, buffer) -> int:
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

    def __init__(self, path: str | os.PathLike):
        self.name = os.fspath(path)
        try:
            raw = open(self.name, "rb")
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
        """Each line once, numbered from 1. Closes the file when exhausted."""
        try:
            if self.encoding.startswith("utf-16"):
                yield from self._wide_lines()
            else:
                yield from self._byte_lines()
        finally:
            self.close()

    def _byte_lines(self) -> Iterator[Line]:
        # Decoded line by line, so one bad byte costs one line. An ASCII head
        # leaves the choice open until the first line with high bytes decides it.
        encoding = "utf-8" if self.encoding == "utf-8-sig" else self.encoding
        number = 0
        readline = self._stream.readline
        while True:  # _raw_lines inlined: this loop runs once per line of the file
            raw = readline(MAX_LINE_BYTES)
            if not raw:
                return
            number += 1
            if raw[-1:] != b"\n" and len(raw) >= MAX_LINE_BYTES:
                while raw and not raw.endswith(b"\n"):  # skip the rest of the overlong line
                    raw = readline(MAX_LINE_BYTES)
                yield Line(number, "", f"line is longer than {MAX_LINE_BYTES // 2**20} MB")
                continue
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            raw = raw.rstrip(b"\r\n")
            if b"\0" in raw:  # no database keeps a NUL in text (PostgreSQL refuses it)
                yield Line(number, "", f"a NUL byte at column {raw.index(0) + 1} (binary data?)")
                continue
            if raw.isascii() and (encoding == "ascii" or encoding == "utf-8" or encoding == "windows-1252"):
                yield Line(number, raw.decode("ascii"))  # ASCII reads the same in all three
                continue
            if encoding == "ascii":
                encoding = "windows-1252"
                try:
                    raw.decode("utf-8")
                    encoding = "utf-8"
                except UnicodeDecodeError:
                    pass
            try:
                yield Line(number, raw.decode(encoding))
            except UnicodeDecodeError as exc:
                yield Line(number, "", f"byte 0x{raw[exc.start]:02X} at column {exc.start + 1} "
                                       f"is not valid {encoding}")

    def _wide_lines(self) -> Iterator[Line]:
        text = io.TextIOWrapper(self._stream, encoding=self.encoding, errors="replace",
                                newline="\n")
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
                yield Line(number, chunk.lstrip("\ufeff").rstrip("\r\n") if number == 1
                           else chunk.rstrip("\r\n"))


def _raw_lines(stream: io.BufferedReader) -> Iterator[tuple[bytes, bool]]:
    while True:
        raw = stream.readline(MAX_LINE_BYTES)
        if not raw:
            return
        if raw.endswith(b"\n") or len(raw) < MAX_LINE_BYTES:
            yield raw, False
            continue
        while raw and not raw.endswith(b"\n"):  # skip the rest of the overlong line
            raw = stream.readline(MAX_LINE_BYTES)
        yield b"", True
