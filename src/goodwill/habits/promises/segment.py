"""Zoning and sentence splitting for notes, emails and chat logs.

Only the author's own new text can hold a promise, so an email is cut into
zones (Lampert 2010: zoning matters): quoted lines, reply headers and what
follows them are kept only as *context* (an accepted request may sit in the
quoted mail), and signatures are dropped.  Everything is bounded: the text
examined, the number of sentences and the length of one sentence are capped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

MAX_TEXT = 200_000  # characters examined; the rest of a huge note is ignored
MAX_SENTENCES = 4_000
MAX_SENTENCE_LEN = 600  # a "sentence" without punctuation is cut here
MAX_LINE = 5_000  # a single line longer than this is truncated


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # span in the original text
    end: int
    speaker: str | None  # "Jane" in a chat line "Jane: ...", else None
    quoted: bool  # earlier message text: context only, never a promise
    bullet: bool = False  # the first sentence of a bulleted line ("- Nadia to send ...")


# A reply or forward header: everything after it is earlier mail.
QUOTE_HEADER = re.compile(
    r"^\s*(?:-{2,}\s*(?:original|forwarded)\s+message\s*-{2,}"
    r"|_{8,}\s*$"
    r"|begin\s+forwarded\s+message"
    r"|on\s.{0,200}\bwrote:\s*$"
    r"|from:\s.{0,200}$)",
    re.IGNORECASE,
)
# "On Mon, Nov 23, 2026 at 10:00 AM Jane Doe <jane@x.com>" often wraps.
WROTE_TAIL = re.compile(r"^\s*.{0,120}\bwrote:\s*$", re.IGNORECASE)
ON_START = re.compile(r"^\s*on\s+\S", re.IGNORECASE)
SENT_HEADER = re.compile(r"^\s*(?:sent|date|to|subject):\s", re.IGNORECASE)

# Signature: "-- ", device footers, or a sign-off line ("Best,") near the end.
SIG_DELIM = re.compile(r"^\s*--\s*$|^\s*(?:sent\s+from\s+my|get\s+outlook\s+for)\b", re.IGNORECASE)
SIGN_OFF = re.compile(
    r"^\s*(?:best(?:\s+regards|\s+wishes)?|regards|kind\s+regards|warm\s+regards|warmly|"
    r"thanks(?:\s+again)?|thank\s+you|many\s+thanks|cheers|sincerely|yours(?:\s+truly)?|"
    r"all\s+the\s+best|talk\s+soon|speak\s+soon|take\s+care|ttyl|xo+|br)"
    r"\s*[,.!]?\s*(?:-?\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s*$",
    re.IGNORECASE,
)
SIG_TAIL_LINES = 6  # a sign-off counts if at most this many lines follow it

# A chat or meeting-notes speaker: "Jane: ...", "[10:02] Me: ...".
SPEAKER = re.compile(
    r"^\s*(?:\[[^\]\n]{1,24}\]\s*|\d{1,2}:\d{2}(?:\s*[ap]m)?\s+)?"
    r"(?P<name>[A-Za-z][\w.'-]{0,30}(?:\s+[A-Z][\w.'-]{0,30})?)\s*:\s+"
)
NOT_SPEAKERS = frozenset(
    """
action actions ai todo to-do note notes next re fwd fw subject agenda decision decisions
summary outcome outcomes owner due date status update fyi ps p.s nb follow-up follow-ups
followup followups context topic topics attendees attendee where when who what why how
location call meeting email chat recap takeaways takeaway important reminder reminders
owner owners assignee assigned action-item
""".split()
)
NOT_SPEAKER_PAIRS = re.compile(r"^(?:action\s+items?|next\s+steps?|to\s+do|follow\s+ups?|key\s+points)$", re.I)

# Sentence ends: punctuation then space, or a line break; bullets start anew.
# Only the first of a run of "...!!" starts a match, and possessively: linear time.
BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"')\]]*+(?=\s)|\n|(?<=\s)[•·]\s|\s[-–—]{2}\s")
ABBREV = frozenset(
    """
mr mrs ms dr st jr sr prof vs etc e.g i.e approx no jan feb mar apr jun jul aug sep sept oct
nov dec mon tue tues wed thu thurs fri sat sun inc ltd co corp
""".split()
)
BULLET = re.compile(r"^\s*(?:[-*•·>]+|\d{1,2}[.)]|\[[ xX]?\])\s+")


# Control characters other than tab and line breaks, and the replacement
# character left by a failed decode: signs of binary data, not of a note.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
BINARY_SHARE = 0.01


def looks_binary(text: str) -> bool:
    """True for text that is really binary data: a NUL, or control characters
    above 1% of the text (and more than a stray few: a form feed is fine)."""
    sample = text[:MAX_TEXT]
    if "\x00" in sample:
        return True
    return len(CONTROL.findall(sample)) > max(3, BINARY_SHARE * len(sample))


def _lines(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, line[:MAX_LINE]
        pos += len(line) + 1


def _signature_start(lines: list[tuple[int, str]]) -> int | None:
    """Index of the first signature line, or None."""
    for i, (_pos, line) in enumerate(lines):
        if SIG_DELIM.match(line):
            return i
        if SIGN_OFF.match(line) and len(lines) - i - 1 <= SIG_TAIL_LINES:
            # Only a sign-off close to the end: "Thanks!" mid-chat is text.
            if all(len(rest.strip()) < 60 for _p, rest in lines[i + 1 :]):
                return i
    return None


def zones(text: str) -> list[tuple[int, str, bool]]:
    """(offset, line, quoted) for lines of the author's text and earlier mail."""
    lines = list(_lines(text))
    own: list[tuple[int, str]] = []
    quoted_from = len(lines)
    for i, (pos, line) in enumerate(lines):
        nxt = lines[i + 1][1] if i + 1 < len(lines) else ""
        header = QUOTE_HEADER.match(line) and (not line.lstrip().lower().startswith("from:") or SENT_HEADER.match(nxt))
        wrapped = ON_START.match(line) and WROTE_TAIL.match(nxt) and len(line) < 200
        if header or wrapped:
            quoted_from = i
            break
        own.append((pos, line))
    sig = _signature_start(own)
    result = [(pos, line, line.lstrip().startswith(">")) for pos, line in own[:sig]]
    result += [(pos, line, True) for pos, line in lines[quoted_from:]]
    return result


def _speaker(line: str) -> tuple[str | None, int]:
    m = SPEAKER.match(line)
    if not m:
        return None, 0
    name = m["name"]
    key = name.lower()
    if key in NOT_SPEAKERS or NOT_SPEAKER_PAIRS.match(key) or (" " in name and not name[0].isupper()):
        return None, 0
    return name, m.end()


def _split(line: str, offset: int) -> Iterator[tuple[int, int]]:
    """Sentence spans (start, end) inside one line, relative to the text."""
    start = 0
    for m in BOUNDARY.finditer(line):
        end = m.end() if line[m.start()] in ".!?" else m.start()
        word = line[max(start, m.start() - 6) : m.start()].split()[-1:]
        if line[m.start()] == "." and word and word[0].lower().strip("(") in ABBREV:
            continue
        yield offset + start, offset + end
        start = m.end()
    yield offset + start, offset + len(line)


def sentences(text: str) -> list[Sentence]:
    """The sentences of a text, in order, with their spans and zones."""
    text = text[:MAX_TEXT]
    out: list[Sentence] = []
    for pos, line, quoted in zones(text):
        body = line.lstrip(" >\t")
        offset = pos + len(line) - len(body)
        # "- Nora: find a caterer" and "Nora: - find a caterer" are both a bullet by Nora.
        lead = BULLET.match(body)
        skip = lead.end() if lead else 0
        speaker, more = _speaker(body[skip:])
        skip += more
        bullet = BULLET.match(body[skip:]) or lead
        skip += bullet.end() if bullet and bullet is not lead else 0
        first = True
        for start, end in _split(body[skip:], offset + skip):
            raw = text[start:end]
            stripped = raw.strip()
            if len(stripped) < 2:
                continue
            start += len(raw) - len(raw.lstrip())
            end = start + min(len(stripped), MAX_SENTENCE_LEN)
            out.append(Sentence(text[start:end], start, end, speaker, quoted, bool(bullet) and first))
            first = False
            if len(out) >= MAX_SENTENCES:
                return out
    return out
