"""Query strings of Momentum (how many weeks), Replies (how many months) and Near (a place, a
radius, a circle, due only)."""

from __future__ import annotations

from goodwill.web.forms.base import Flag, Parsed, WebForm, box

WEEKS = 26


def weeks_of(typed: str) -> int:
    """4 to 104 weeks; anything else is the usual 26."""
    return int(typed) if typed.isdecimal() and 4 <= int(typed) <= 104 else WEEKS


class MomentumForm(WebForm):
    weeks = Parsed(weeks_of, empty=WEEKS)


MONTHS = 12


def months_of(typed: str) -> int:
    """1 to 120 months of response times, as `goodwill replies --months`; anything else 12."""
    return int(typed) if typed.isdecimal() and 1 <= int(typed) <= 120 else MONTHS


class RepliesForm(WebForm):
    months = Parsed(months_of, empty=MONTHS)


class NearForm(WebForm):
    """The radius stays as typed: the page shows it back, and reads it (km or miles) when it searches."""

    place = box()
    within = box()
    circle = box()
    due = Flag()

    def clean_within(self) -> str:
        return str(self.cleaned_data["within"] or "100mi")
