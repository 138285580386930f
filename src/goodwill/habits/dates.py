"""Natural due dates: "by Friday", "end of month", "in two weeks", "soon".

A small rule layer reads the phrases people use for promises; parsedatetime
is the fallback for whole-text dates the rules do not know (``parse_due``).
The rules come first because every library misreads some promise phrases
("by the end of the week", "mid-February", "may" the modal verb).

Every relative phrase resolves against ``base`` (the encounter date).  The
resolution rules, including which phrases give a *soft* date, are listed in
docs/promises.md ("Date rules").  Matching is linear: no nested quantifiers,
and input is capped (``MAX_PHRASE``/``MAX_SENTENCE``) so time stays bounded.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

__all__ = ["DueDate", "DateError", "parse_due", "find_due", "check_day", "FIRST_DAY", "YEARS_AHEAD"]

MAX_PHRASE = 200  # a --due value longer than this is not a date
MAX_SENTENCE = 2000  # find_due looks at this much of a sentence

ACCEPTED = '"friday", "next Tuesday", "in two weeks", "end of month" or 2026-12-01'

# The one date range every front door keeps (CLI, web and API): nothing before
# 1900 (no one we know of was met earlier), nothing more than ten years ahead
# (no promise or snooze is kept that long), and a day that "happened" is not
# in the future.  docs/usage.md ("Dates") states it for users.
FIRST_DAY = date(1900, 1, 1)
YEARS_AHEAD = 10
# "in -3 weeks": a minus sign before a count (not the dashes of 2026-12-01).
NEGATIVE_COUNT = re.compile(r"(?<![\w-])[-\u2212]\s*\d")


@dataclass(frozen=True)
class DueDate:
    day: date  # the resolved day
    firm: bool  # False for vague or approximate timing
    phrase: str  # the text that was matched, e.g. "by Friday"


class DateError(ValueError):
    """A due date that cannot be read; the message is one line."""


# --- vocabulary -------------------------------------------------------------

WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tues": 1,
    "tue": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thurs": 3,
    "thur": 3,
    "thu": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
}
# Approximate counts give a soft date: the day is our estimate, not theirs.
APPROX = {"couple": 2, "couple of": 2, "few": 3, "several": 4}


def _alt(words: Iterable[str]) -> str:
    # Longest first so "tuesday" wins over "tue".
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


WD_FULL = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
WD_ANY = rf"(?:{_alt(WEEKDAYS)})\.?"
MON = rf"(?:{_alt(MONTHS)})"
NUM = rf"(?:\d{{1,3}}|{_alt(NUMBERS)})"
UNIT = r"(?:business\s+days?|working\s+days?|days?|weeks?|months?|hours?|hrs?|fortnight|minutes?|mins?)"
ORD = r"(?:st|nd|rd|th)"


# --- calendar helpers -------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _week_day(base: date, weekday: int, weeks_ahead: int = 0) -> date:
    """The given weekday in base's Monday-to-Sunday week, shifted by weeks."""
    return base + timedelta(days=weekday - base.weekday() + 7 * weeks_ahead)


def _next_weekday(base: date, weekday: int) -> date:
    """Strictly after base: on a Friday, "Friday" means a week later."""
    return base + timedelta(days=(weekday - base.weekday() - 1) % 7 + 1)


def _add_business_days(d: date, n: int) -> date:
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def _roll(base: date, month: int, day: int, year: int | None = None) -> date | None:
    """A calendar day; without a year, a day already past means next year."""
    if year is not None:
        year = year + 2000 if year < 100 else year
        try:
            return date(year, month, day)
        except ValueError:
            return None
    for y in (base.year, base.year + 1, base.year + 2):  # Feb 29 may skip a year
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d >= base:
            return d
    return None


def _month_part(base: date, month: int, day: int) -> date:
    """early/mid/late <month>: next occurrence; inside that month, not before base."""
    if month == base.month:
        return max(date(base.year, month, day), base)
    year = base.year if month > base.month else base.year + 1
    return date(year, month, day)


def _count(word: str) -> int:
    return int(word) if word.isdecimal() else NUMBERS[word]


def _span(base: date, n: int, unit: str) -> date:
    if unit.startswith(("business", "working")):
        return _add_business_days(base, n)
    if unit.startswith("min"):
        return base + timedelta(days=n // 1440)  # "in 10 min": today
    if unit.startswith("h"):
        return base + timedelta(days=n // 24)  # "in an hour": today; "48 hours": two days
    if unit.startswith("fortnight"):
        return base + timedelta(weeks=2 * n)
    if unit.startswith("week"):
        return base + timedelta(weeks=n)
    if unit.startswith("month"):
        return _add_months(base, n)
    return base + timedelta(days=n)


def _quarter_end(year: int, quarter: int) -> date:
    return _month_end(year, quarter * 3)


def _holidays_over(base: date) -> date:
    """ "After the holidays": early January (the 5th) after base."""
    return date(base.year, 1, 5) if base <= date(base.year, 1, 5) else date(base.year + 1, 1, 5)


# --- rules ------------------------------------------------------------------
# A resolver gets (match, base, vague_days) and returns (day, firm) or None.

Found = tuple[date, bool] | None
Resolver = Callable[[re.Match[str], date, int], Found]


def _iso(m: re.Match[str], base: date, vague: int) -> Found:
    try:
        return date(int(m["y"]), int(m["m"]), int(m["d"])), True
    except ValueError:
        return None


def _slash(m: re.Match[str], base: date, vague: int) -> Found:
    # US order: 12/3 is December 3.
    month, day = int(m["m"]), int(m["d"])
    year = int(m["y"]) if m["y"] else None
    d = _roll(base, month, day, year) if 1 <= month <= 12 else None
    return (d, True) if d else None


def _month_day(m: re.Match[str], base: date, vague: int) -> Found:
    month = MONTHS[m["mon"].lower().rstrip(".")]
    year = int(m["y"]) if m["y"] else None
    d = _roll(base, month, int(m["d"]), year)
    return (d, True) if d else None


def _ordinal(m: re.Match[str], base: date, vague: int) -> Found:
    """ "by the 15th": the next such day of a month, today included."""
    n = int(m["d"])
    for k in range(3):
        probe = _add_months(base.replace(day=1), k)
        if n <= calendar.monthrange(probe.year, probe.month)[1]:
            d = probe.replace(day=n)
            if d >= base:
                return d, True
    return None


def _today(m: re.Match[str], base: date, vague: int) -> Found:
    return base, True


def _tomorrow(m: re.Match[str], base: date, vague: int) -> Found:
    return base + timedelta(days=1), True


def _day_after(m: re.Match[str], base: date, vague: int) -> Found:
    return base + timedelta(days=2), True


def _weekday(m: re.Match[str], base: date, vague: int) -> Found:
    wd = WEEKDAYS[m["wd"].lower().rstrip(".")]
    mod = (m.groupdict().get("mod") or "").lower()
    if mod == "next":  # the weekday of next week
        return _week_day(base, wd, 1), True
    if mod == "this":  # this week's, unless already past
        d = _week_day(base, wd)
        return (d if d >= base else _next_weekday(base, wd)), True
    return _next_weekday(base, wd), True


def _this_week(m: re.Match[str], base: date, vague: int) -> Found:
    return max(_week_day(base, 4), base), True


def _later_week(m: re.Match[str], base: date, vague: int) -> Found:
    return max(_week_day(base, 4), base), False


def _weekend(m: re.Match[str], base: date, vague: int) -> Found:
    return max(_week_day(base, 5), base), True


def _next_week(m: re.Match[str], base: date, vague: int) -> Found:
    return _week_day(base, 4, 1), True


def _early_next_week(m: re.Match[str], base: date, vague: int) -> Found:
    return _week_day(base, 1, 1), False


def _week_after_next(m: re.Match[str], base: date, vague: int) -> Found:
    return _week_day(base, 4, 2), True


def _end_month(m: re.Match[str], base: date, vague: int) -> Found:
    return _month_end(base.year, base.month), True


def _end_next_month(m: re.Match[str], base: date, vague: int) -> Found:
    d = _add_months(base.replace(day=1), 1)
    return _month_end(d.year, d.month), True


def _next_month(m: re.Match[str], base: date, vague: int) -> Found:
    d = _add_months(base.replace(day=1), 1)
    return _month_end(d.year, d.month), False


def _early_next_month(m: re.Match[str], base: date, vague: int) -> Found:
    return _add_months(base.replace(day=1), 1).replace(day=5), False


def _end_of_named_month(m: re.Match[str], base: date, vague: int) -> Found:
    month = MONTHS[m["mon"].lower().rstrip(".")]
    day = calendar.monthrange(base.year, month)[1]
    return _month_part(base, month, day), True


PART_DAY = {"early": 5, "beginning": 5, "start": 5, "mid": 15, "middle": 15, "late": 25}


def _month_part_rule(m: re.Match[str], base: date, vague: int) -> Found:
    month = MONTHS[m["mon"].lower().rstrip(".")]
    part = (m["part"] or m["part2"]).lower()
    return _month_part(base, month, PART_DAY[part]), False


def _in_month(m: re.Match[str], base: date, vague: int) -> Found:
    """ "in March": soft, the last day of that month."""
    month = MONTHS[m["mon"].lower().rstrip(".")]
    year = base.year if month >= base.month else base.year + 1
    return _month_end(year, month), False


def _duration(m: re.Match[str], base: date, vague: int) -> Found:
    n = _count((m["n"] or m["n2"]).lower())
    if n > 400:
        return None
    return _span(base, n, (m["unit"] or m["unit2"]).lower()), True


def _approx_duration(m: re.Match[str], base: date, vague: int) -> Found:
    n = APPROX[re.sub(r"\s+", " ", m["q"].lower())]
    return _span(base, n, m["unit"].lower()), False


def _quarter_named(m: re.Match[str], base: date, vague: int) -> Found:
    q = int(m["q"])
    year = base.year if _quarter_end(base.year, q) >= base else base.year + 1
    return _quarter_end(year, q), bool(m["end"])


def _end_quarter(m: re.Match[str], base: date, vague: int) -> Found:
    return _quarter_end(base.year, (base.month - 1) // 3 + 1), True


def _next_quarter(m: re.Match[str], base: date, vague: int) -> Found:
    d = _add_months(base.replace(day=1), 3)
    return _quarter_end(d.year, (d.month - 1) // 3 + 1), False


def _end_year(m: re.Match[str], base: date, vague: int) -> Found:
    return date(base.year, 12, 31), True


def _next_year(m: re.Match[str], base: date, vague: int) -> Found:
    return date(base.year + 1, 1, 15), False


def _holidays(m: re.Match[str], base: date, vague: int) -> Found:
    return _holidays_over(base), False


def _christmas(m: re.Match[str], base: date, vague: int) -> Found:
    day = _roll(base, 12, 24 if m["pre"] else 25)
    return (day, True) if day else None


def _urgent(m: re.Match[str], base: date, vague: int) -> Found:
    # Urgent but undated ("asap"): tomorrow, soft; nobody named a day.
    return base + timedelta(days=1), False


def _in_a_bit(m: re.Match[str], base: date, vague: int) -> Found:
    return base, False  # today, but nobody named a time


def _vague(m: re.Match[str], base: date, vague: int) -> Found:
    return base + timedelta(days=vague), False


def _sometime_week(m: re.Match[str], base: date, vague: int) -> Found:
    return _week_day(base, 4, 1 if m["which"].lower() == "next" else 0), False


B = r"\b"
E = r"(?![\w-])(?!\s+ago\b)"  # "a few days ago" is not a due date
THE = r"(?:the\s+)?"
# "tomorrow morning", "Friday at 5pm": the time of day belongs to the phrase (day stays).
DAYTIME = (
    r"(?:\s+(?:morning|afternoon|evening|night|noon|lunchtime))?(?:\s+(?:at\s+)?\d{1,2}(?::\d{2})?\s?(?:am|pm)\b)?"
)
RULES: list[tuple[str, re.Pattern[str], Resolver]] = [
    (name, re.compile(f"{B}(?:{pattern}){DAYTIME}{E}", re.IGNORECASE), fn)
    for name, pattern, fn in [
        ("iso", r"(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})", _iso),
        ("slash", r"(?<![\d/.])(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?(?![\d/])(?!\s*of\b)", _slash),
        (
            "month_day",
            rf"(?:{WD_ANY},?\s+)?(?:the\s+)?(?P<mon>{MON})\.?\s+(?:the\s+)?(?P<d>\d{{1,2}}){ORD}?(?!\d)(?:,?\s+(?P<y>\d{{4}}))?",
            _month_day,
        ),
        (
            "day_month",
            rf"(?:{WD_ANY},?\s+)?(?:the\s+)?(?P<d>\d{{1,2}}){ORD}?(?:\s+of)?\s+(?P<mon>{MON})\.?(?:,?\s+(?P<y>\d{{4}}))?",
            _month_day,
        ),
        ("ordinal", rf"the\s+(?P<d>\d{{1,2}}){ORD}(?!\s+of\b)", _ordinal),
        (
            "today",
            r"(?:today|tonight|eod|cob|eob|eop|end\s+of\s+play|after\s+(?:work|lunch|this\s+call|the\s+call|the\s+meeting)|(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?(?:day|business)|this\s+(?:morning|afternoon|evening)|later\s+today)",
            _today,
        ),
        ("tomorrow", r"(?:tomorrow|tmrw|tmr|(?:first\s+thing\s+)?in\s+the\s+morning)", _tomorrow),
        ("day_after", r"(?:the\s+)?day\s+after\s+tomorrow", _day_after),
        ("weekday_mod", rf"(?P<mod>next|this|coming|this\s+coming)\s+(?P<wd>{WD_ANY})", _weekday),
        ("weekday", rf"(?<!last\s)(?P<wd>{WD_FULL}|tues|thurs|fri)", _weekday),
        (
            "this_week",
            rf"(?:{THE}end\s+of\s+(?:the|this)\s+(?:work\s+)?week|(?:the\s+)?end\s+of\s+week|eow|this\s+week|week'?s\s+end)",
            _this_week,
        ),
        ("later_week", r"(?:later\s+(?:this|in\s+the)\s+week)", _later_week),
        ("weekend", r"(?:this\s+weekend|the\s+weekend)", _weekend),
        ("end_next_week", rf"{THE}end\s+of\s+next\s+week|next\s+week", _next_week),
        ("early_next_week", r"(?:early|the\s+start\s+of|the\s+beginning\s+of)\s+next\s+week", _early_next_week),
        ("week_after_next", r"the\s+week\s+after\s+next", _week_after_next),
        (
            "end_month",
            rf"(?:{THE}end\s+of\s+(?:the|this)\s+month|(?:the\s+)?end\s+of\s+month|eom|(?:the\s+)?month[-\s]end|this\s+month|later\s+this\s+month)",
            _end_month,
        ),
        ("end_next_month", rf"{THE}end\s+of\s+next\s+month", _end_next_month),
        ("next_month", r"next\s+month", _next_month),
        ("early_next_month", r"(?:early|the\s+start\s+of|the\s+beginning\s+of)\s+next\s+month", _early_next_month),
        ("end_named_month", rf"{THE}end\s+of\s+(?P<mon>{MON})", _end_of_named_month),
        (
            "month_part",
            rf"(?:(?P<part>early|mid|late)[-\s]+|(?:the\s+)?(?P<part2>beginning|start|middle)\s+of\s+)(?P<mon>{MON})",
            _month_part_rule,
        ),
        ("in_month", rf"(?:in|during)\s+(?P<mon>{MON})(?!\s+\d)", _in_month),
        ("month_alone", rf"(?P<mon>{MON})", _in_month),
        (
            "duration",
            rf"(?:(?:in|within|after)\s+(?:the\s+next\s+)?(?P<n>{NUM})\s+(?P<unit>{UNIT})(?:'?\s*time)?|(?P<n2>{NUM})\s+(?P<unit2>{UNIT})\s+from\s+(?:now|today))",
            _duration,
        ),
        (
            "approx_duration",
            rf"(?:(?:in|within|over)\s+)?(?:the\s+next\s+)?(?:a\s+)?(?P<q>couple\s+of|couple|few|several)\s+(?P<unit>{UNIT})",
            _approx_duration,
        ),
        ("quarter", r"(?P<end>(?:the\s+)?end\s+of\s+)?q(?P<q>[1-4])", _quarter_named),
        (
            "end_quarter",
            rf"{THE}end\s+of\s+(?:the\s+|this\s+)?quarter|eoq|(?:the\s+)?quarter[-\s]end|this\s+quarter",
            _end_quarter,
        ),
        ("next_quarter", r"next\s+quarter", _next_quarter),
        ("end_year", rf"{THE}end\s+of\s+(?:the\s+|this\s+)?year|eoy|(?:the\s+)?year[-\s]end", _end_year),
        ("next_year", r"next\s+year|early\s+next\s+year", _next_year),
        (
            "holidays",
            r"(?:after|over)\s+the\s+holidays|(?:after|in)\s+the\s+new\s+year|after\s+new\s+year'?s?",
            _holidays,
        ),
        ("christmas", r"(?P<pre>before\s+)?(?:christmas|xmas)", _christmas),
        ("in_a_bit", r"in\s+a\s+(?:bit|sec|second|moment|jiffy)|in\s+a\s+little\s+(?:bit|while)|later\s+on", _in_a_bit),
        (
            "urgent",
            r"asap|a\.s\.a\.p\.?|as\s+soon\s+as\s+(?:possible|i\s+can)|right\s+away|straight\s+away|immediately",
            _urgent,
        ),
        ("sometime_week", r"(?:sometime|some\s+time|at\s+some\s+point)\s+(?P<which>this|next)\s+week", _sometime_week),
        (
            "vague",
            r"soon|sometime|some\s+time|one\s+of\s+these\s+days|at\s+some\s+point|in\s+the\s+(?:near\s+)?future|before\s+long|down\s+the\s+(?:road|line)|shortly|in\s+the\s+coming\s+(?:days|weeks|months)|when\s+(?:i|we|you)\s+(?:can|get\s+a\s+chance|have\s+a\s+(?:chance|minute|moment))|(?:the\s+)?next\s+time\s+(?:we|i|you)\s+(?:meet|speak|talk|see|catch\s+up|are|get)|when\s+we\s+next\s+(?:meet|speak|talk)|one\s+day",
            _vague,
        ),
    ]
]
# Words before a phrase that belong to it ("by Friday"); some make it approximate.
LEAD = re.compile(
    r"(?:\b(?:by|before|on|until|till|til|no\s+later\s+than|not\s+later\s+than|for|over|at|"
    r"around|about|sometime|some\s+time|roughly|approximately)\s+)$",
    re.IGNORECASE,
)
SOFT_LEAD = ("around", "about", "sometime", "some time", "roughly", "approximately")
# Deadline words make a phrase the preferred one when a sentence has several.
DEADLINE_LEAD = ("by", "before", "until", "till", "til", "no", "not")


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    day: date
    firm: bool
    deadline: bool


# "the slides from today", "since Monday": a date the promise is about, not its due.
NOT_DUE_BEFORE = re.compile(r"\b(?:from|since|of|than|last|past)\s+$", re.IGNORECASE)
# "the Dec 10 dinner": a date naming an event (without "by"/"before") is not a due.
EVENT_AFTER = re.compile(
    r"(?<!\s)(?:['’]s)?\s++(?:dinner|lunch|breakfast|meeting|call|session|party|event|launch|offsite|off-site|"
    r"conference|summit|panel|talk|webinar|workshop|deadline|board|game|show|flight|trip|demo|"
    r"review|sync|standup|stand-up|meetup|kickoff|kick-off|retreat|gala|wedding|ceremony|class|course)\b",
    re.IGNORECASE,
)

# "the 3rd" is a date only after "by"/"on"/... inside a sentence ("the 3rd time").
NEEDS_LEAD = {"ordinal"}
# A bare month name is a date only as a whole --due value ("may" is a verb).
WHOLE_ONLY = {"month_alone"}


def _hits(text: str, base: date, vague_days: int, whole: bool = False) -> Iterator[_Hit]:
    for name, pattern, resolve in RULES:
        if name in WHOLE_ONLY and not whole:
            continue
        for m in pattern.finditer(text):
            got = resolve(m, base, vague_days)
            if got is None:
                continue
            day, firm = got
            start = m.start()
            lead = LEAD.search(text, max(0, start - 24), start)
            deadline = False
            if name in NEEDS_LEAD and not (lead or whole):
                continue
            if not whole and NOT_DUE_BEFORE.search(text, max(0, start - 8), start):
                continue
            if not whole and EVENT_AFTER.match(text, m.end(), m.end() + 40):
                word = lead and re.sub(r"\s+", " ", lead.group().strip().lower())
                if not word or word.split(" ")[0] not in DEADLINE_LEAD:
                    continue
            if lead:
                word = re.sub(r"\s+", " ", lead.group().strip().lower())
                start = lead.start()
                firm = firm and word not in SOFT_LEAD
                deadline = word.split(" ")[0] in DEADLINE_LEAD
            yield _Hit(start, m.end(), day, firm, deadline)


def _best(hits: Iterable[_Hit]) -> _Hit | None:
    # A deadline ("by ...") wins, then the longest phrase, then the earliest.
    return min(hits, key=lambda h: (not h.deadline, h.start - h.end, h.start), default=None)


def find_due(sentence: str, base: date, *, vague_days: int = 14) -> tuple[DueDate, tuple[int, int]] | None:
    """Find a due phrase inside a sentence; returns it with its span, or None."""
    text = sentence[:MAX_SENTENCE]
    hit = _best(_hits(text, base, vague_days))
    if hit is None:
        return None
    phrase = text[hit.start : hit.end]
    return DueDate(hit.day, hit.firm, phrase), (hit.start, hit.end)


@lru_cache(maxsize=1)
def _calendar() -> Any:
    import parsedatetime  # imported late: only parse_due's fallback needs it

    return parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)


def _fallback(text: str, base: date) -> date | None:
    """parsedatetime for whole-text dates the rules do not know."""
    cal = _calendar()
    source = datetime(base.year, base.month, base.day, 12)
    try:
        found = cal.nlp(text, sourceTime=source)
    except Exception:  # parsedatetime can fail on odd input; that just means "unreadable"
        return None
    if not found or len(found) != 1:
        return None
    when, _ctx, start, end, _matched = found[0]
    rest = (text[:start] + text[end:]).strip(" ,.")
    return when.date() if not rest else None


def last_day(today: date) -> date:
    """The latest day any date input may name: ten years from today."""
    return _add_months(today, 12 * YEARS_AHEAD)


def check_day(day: date, today: date, *, happened: bool = False) -> date:
    """The day when it is in the range every input keeps, else a one-line DateError."""
    if day < FIRST_DAY:
        raise DateError(f"{day.isoformat()} is before {FIRST_DAY.year}; give a date from {FIRST_DAY.isoformat()} on")
    if happened and day > today:
        raise DateError(f"{day.isoformat()} is in the future; give a day that has happened (today or before)")
    last = last_day(today)
    if day > last:
        raise DateError(
            f"{day.isoformat()} is more than {YEARS_AHEAD} years ahead; give a date up to {last.isoformat()}"
        )
    return day


def parse_due(text: str, base: date, *, vague_days: int = 14) -> DueDate:
    """Read a whole text as a due date (the CLI's --due); raises DateError."""
    phrase = " ".join(text[: MAX_PHRASE + 1].split())
    if not phrase:
        raise DateError(f"no due date given; try {ACCEPTED}")
    shown = phrase if len(phrase) <= 40 else phrase[:37] + "..."
    if len(phrase) > MAX_PHRASE:
        raise DateError(f'cannot read "{shown}" as a date (too long); try {ACCEPTED}')
    if NEGATIVE_COUNT.search(phrase):
        raise DateError(f'"{shown}" counts backwards; a due date counts forward, e.g. "in 3 weeks"')
    stripped = phrase.strip(" .,;:!")
    for hit in sorted(_hits(stripped, base, vague_days, whole=True), key=lambda h: h.start - h.end):
        if hit.start == 0 and hit.end == len(stripped):
            return DueDate(hit.day, hit.firm, phrase)
    if any(p.fullmatch(stripped) for _n, p, _r in RULES):
        raise DateError(f'"{shown}" is not a real date; try {ACCEPTED}')
    day = _fallback(stripped, base)
    if day is None:
        raise DateError(f'cannot read "{shown}" as a date; try {ACCEPTED}')
    return DueDate(day, True, phrase)
