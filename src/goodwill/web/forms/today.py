"""Forms of Today: how long to snooze, and whether to show every step."""

from __future__ import annotations

from datetime import date

from goodwill.errors import InvalidInput
from goodwill.parsing import parse_day
from goodwill.web.forms.base import Parsed, WebForm, box

# (days, label) offered by the snooze menus.
SNOOZE_CHOICES = ((1, "a day"), (3, "3 days"), (7, "a week"), (14, "2 weeks"), (30, "a month"), (90, "3 months"))


def snooze_days(typed: str) -> int:
    """One of the menu's choices, in days."""
    allowed = {days for days, _ in SNOOZE_CHOICES}
    if not typed.isdecimal() or int(typed) not in allowed:
        raise InvalidInput(f'snooze for {", ".join(str(d) for d in sorted(allowed))} days, not "{typed}"')
    return int(typed)


class SnoozeForm(WebForm):
    days = Parsed(snooze_days, parse_blank=True)


class AgendaForm(WebForm):
    """?steps=more shows every step, not only the oldest."""

    steps = box()

    @property
    def more(self) -> bool:
        return bool(self.value("steps") == "more")


class NewDateForm(WebForm):
    """A promise's agreed new date, read as the CLI reads one ("next friday", 2026-12-18)."""

    due = Parsed(parse_day)

    def clean_due(self) -> date:
        due: date | None = self.cleaned_data["due"]
        if due is None:
            raise InvalidInput('give the agreed new date, e.g. "next friday" or 2026-12-18')
        return due
