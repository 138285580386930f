"""Reading mailboxes: mbox files (Thunderbird, Apple Mail, Gmail Takeout), Maildir
folders and single .eml messages, streamed one message at a time with the stdlib
`mailbox` package. Pure: no Django, no database.

`read_mail(path)` yields RawMessage (the bytes of one message and where it was) or
Problem (a message that cannot be used, with file and line); headers.parse_mail
turns the bytes into a Mail. A file that is not mail at all raises FormatError
before anything is read.
"""

from __future__ import annotations

import mailbox  # the standard library's; imports are absolute
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import FormatError, Problem

MAX_MESSAGE_BYTES = 64 * 1024 * 1024  # a bigger "message" is a broken file, not mail
SNIFF_BYTES = 8192
MAX_LINE_BYTES = 1024 * 1024
MAIL_SUFFIXES = (".mbox", ".mbx", ".eml")

# mbox separator ("From_ line"): "From jane@x.com Mon Nov 23 09:00:00 2026", Thunderbird's
# "From - Mon Nov 23 ...", Gmail Takeout's "From 1784...@xxx Mon Nov 23 ... +0000 2026".
FROM_LINE = re.compile(rb"^From \S*\s+.*\d")
ESCAPED_FROM = re.compile(rb"^>+From ")
HEADER_LINE = re.compile(rb"^[!-9;-~]{1,76}:")  # "Name:" per RFC 5322 (no space or colon in the name)
MAIL_HEADERS = (
    b"from:",
    b"date:",
    b"message-id:",
    b"subject:",
    b"to:",
    b"received:",
    b"return-path:",
    b"mime-version:",
    b"delivered-to:",
    b"x-gm-thrid:",
)


@dataclass
class RawMessage:
    data: bytes
    file: str
    line: int  # first line of the message in an mbox; 0 for a Maildir or .eml file
    envelope: str = ""  # the mbox From_ line (a fallback date)
    truncated: bool = False  # the file ended mid-line inside this message
    at_end: bool = False  # the last message of an mbox: where a cut file shows

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


def detect_kind(path: str | os.PathLike[str]) -> str:
    """ "maildir", "mbox", "eml" or "folder" (a folder of mailboxes). FormatError otherwise."""
    path = os.fspath(path)
    if os.path.isdir(path):
        if _is_maildir(path):
            return "maildir"
        if os.path.isfile(os.path.join(path, "mbox")):  # an Apple Mail "Inbox.mbox" export bundle
            return "mbox"
        return "folder"
    if not os.path.exists(path):
        raise FormatError(f"{path}: no such file or folder")
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as exc:
        raise FormatError(f"{path}: cannot be read ({exc.strerror})") from None
    return _sniff(path, head)


def _sniff(path: str, head: bytes) -> str:
    if not head.strip():
        raise FormatError(f"{path}: the file is empty; export the mailbox again as mbox")
    body = head.lstrip(b"\r\n\t ")
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    first = body.split(b"\n", 1)[0]
    if b"\x00" not in first:
        if FROM_LINE.match(first):
            return "mbox"
        lines = body.split(b"\n")[:40]
        header_lines = [line for line in lines if HEADER_LINE.match(line)]
        if HEADER_LINE.match(first) and any(line.lower().startswith(MAIL_HEADERS) for line in header_lines):
            return "eml"
    if b"\x00" in head:
        raise FormatError(f"{path}: binary data, not mail; give an mbox file, a Maildir folder or an .eml message")
    shown = first[:60].decode("utf-8", "replace").strip()
    raise FormatError(
        f'{path}: not mail (it starts with "{shown}"); give an mbox file, a Maildir folder '
        "(with cur/ and new/) or an .eml message"
    )


def _is_maildir(path: str) -> bool:
    return os.path.isdir(os.path.join(path, "cur")) or os.path.isdir(os.path.join(path, "new"))


def mailboxes(path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """(kind, path) of every mailbox under a path: itself, or what a folder holds
    (Maildir++ subfolders such as .Sent, Apple Mail bundles, .mbox and .eml files)."""
    path = os.fspath(path)
    kind = detect_kind(path)
    if kind == "mbox" and os.path.isdir(path):
        return [("mbox", os.path.join(path, "mbox"))]
    if kind == "maildir":
        found = [("maildir", path)]
        for name in sorted(os.listdir(path)):
            sub = os.path.join(path, name)
            if name not in ("cur", "new", "tmp") and os.path.isdir(sub) and _is_maildir(sub):
                found.append(("maildir", sub))
        return found
    if kind != "folder":
        return [(kind, path)]
    found = []
    for root, dirs, files in os.walk(path):
        dirs.sort()
        if root != path and _is_maildir(root):
            found.append(("maildir", root))
            dirs[:] = [d for d in dirs if d not in ("cur", "new", "tmp")]
            continue
        for name in sorted(files):
            full = os.path.join(root, name)
            if name == "mbox" or name.lower().endswith(MAIL_SUFFIXES):
                try:
                    found.append((detect_kind(full), full))
                except FormatError:
                    continue  # an Info.plist or a stray file beside the mail
    if not found:
        raise FormatError(
            f"{path}: a folder with no mail in it; give an mbox file, a Maildir folder "
            "(with cur/ and new/) or a folder of .mbox/.eml files"
        )
    return found


def total_bytes(boxes: list[tuple[str, str]]) -> int:
    """The size of what will be read, for a progress bar."""
    total = 0
    for kind, path in boxes:
        if kind == "maildir":
            for sub in ("cur", "new"):
                folder = os.path.join(path, sub)
                if os.path.isdir(folder):
                    total += sum(entry.stat().st_size for entry in os.scandir(folder) if entry.is_file())
        else:
            total += os.path.getsize(path)
    return total


def read_mail(path: str | os.PathLike[str]) -> Iterator[RawMessage | Problem]:
    """Every message under a path, streamed. Checks the path first (FormatError)."""
    return read_boxes(mailboxes(path))


def read_boxes(boxes: list[tuple[str, str]]) -> Iterator[RawMessage | Problem]:
    for kind, path in boxes:
        if kind == "mbox":
            yield from read_mbox(path)
        elif kind == "maildir":
            yield from read_maildir(path)
        else:
            yield from read_eml(path)


def read_eml(path: str) -> Iterator[RawMessage | Problem]:
    size = os.path.getsize(path)
    if size > MAX_MESSAGE_BYTES:
        yield Problem(path, 0, None, f"a {size // 2**20} MB message is too big to be mail; skipped")
        return
    with open(path, "rb") as handle:
        yield RawMessage(handle.read(), path, 0)


def read_maildir(path: str) -> Iterator[RawMessage | Problem]:
    box = mailbox.Maildir(path, factory=None, create=False)
    for key in sorted(box.iterkeys()):
        where = f"{path}/{key}"
        try:
            data = box.get_bytes(key)
        except (OSError, KeyError) as exc:
            # A message moved or deleted by a mail client while we read.
            yield Problem(where, 0, None, f"cannot be read ({getattr(exc, 'strerror', None) or exc}); skipped")
            continue
        yield RawMessage(data, where, 0)


def read_mbox(path: str) -> Iterator[RawMessage | Problem]:
    """An mbox, one message at a time, in one streaming pass (mboxo and mboxrd).

    A "From " line starts a message only after a blank line (or at the top), so an
    unescaped "From " in a body does not split it; ">From " lines are unescaped."""
    lines: list[bytes] = []
    size = 0
    start_line = 0
    envelope = ""
    previous_blank = True
    too_big = False
    with open(path, "rb") as handle:
        number = 0
        # Lines are read at most 1 MB at a time: a file with no line breaks stays bounded.
        for number, line in enumerate(iter(lambda: handle.readline(MAX_LINE_BYTES), b""), 1):
            if line.startswith(b"From ") and previous_blank and FROM_LINE.match(line):
                if start_line:
                    yield _mbox_message(path, start_line, envelope, lines, too_big)
                elif lines and any(x.strip() for x in lines):
                    yield Problem(path, 1, None, "text before the first message; ignored")
                lines, size, too_big = [], 0, False
                start_line = number
                envelope = line[5:].decode("latin-1").strip()
                previous_blank = False
                continue
            previous_blank = not line.strip()
            if too_big:
                continue
            if ESCAPED_FROM.match(line):
                line = line[1:]
            lines.append(line)
            size += len(line)
            if size > MAX_MESSAGE_BYTES:
                too_big, lines = True, []
        if start_line:
            message = _mbox_message(path, start_line, envelope, lines, too_big)
            if isinstance(message, RawMessage):
                message.at_end = True
                message.truncated = bool(lines) and not lines[-1].endswith(b"\n")
            yield message
        elif number:
            yield Problem(path, 1, None, 'no "From " line starts a message: not an mbox file')


def _mbox_message(path: str, line: int, envelope: str, lines: list[bytes], too_big: bool) -> RawMessage | Problem:
    if too_big:
        return Problem(path, line, None, f"a message over {MAX_MESSAGE_BYTES // 2**20} MB: a broken mbox; skipped")
    # The blank line before the next "From " belongs to the separator, not the message.
    if lines and not lines[-1].strip():
        lines = lines[:-1]
    return RawMessage(b"".join(lines), path, line, envelope)
