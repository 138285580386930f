"""The quick log's form (also the weekly review's "log a touch"): who, what happened,
when, the next steps, and the promises found in the note as the user confirmed them.
The encounter rule itself (a next step, a promise, or an explicit skip) is the service's:
services.encounters.encounter_request."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from goodwill.web.forms.base import Flag, Given, Parsed, WebForm, box

if TYPE_CHECKING:
    from goodwill.services.interactions import StepRequest

PICKED = re.compile(r"\(#(\d+)\)\s*$")  # "Jane Doe (#12)", as the person picker fills it in
MAX_PROMISES = 20
BALLS = ("mine", "theirs", "both")


def picked_ref(typed: str) -> str:
    """The picker's "Jane Doe (#12)" as "#12"; a typed name as it is (trimmed)."""
    match = PICKED.search(typed or "")
    return f"#{match.group(1)}" if match else (typed or "").strip()


def when_of(typed: str) -> datetime:
    """When it happened, as `goodwill log --when` reads it: now for today, else noon that day."""
    from goodwill import clock
    from goodwill.parsing import parse_past_day

    day = parse_past_day(typed)
    return clock.now() if day == clock.today() else clock.at_noon(day)


class LogForm(WebForm):
    person = box()
    add_person = Flag()  # a new name: add them first
    kind = box()
    summary = box(strip=False)
    body = box(strip=False)
    next_step = box(strip=False)
    due = box(strip=False)  # the service reads the due phrase, with its own rule (a due needs a step)
    their_step = box(strip=False)
    their_due = box(strip=False)
    skip_next = Flag()
    inbound = Flag()
    when = Parsed(when_of)
    confidentiality = box()
    awaiting_reply = Flag()
    promises_checked = Flag()  # the found promises were shown and the user has said which are real

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The promise rows shown to confirm, as many as came back (promise-0-text, promise-1-text…).
        self.rows = 0
        while self.rows < MAX_PROMISES and f"promise-{self.rows}-text" in self.data:
            prefix = f"promise-{self.rows}-"
            self.fields |= {
                prefix + "text": box(strip=False),
                prefix + "accept": Flag(),
                prefix + "due": box(),
                prefix + "ball": Given(strip=True),
                prefix + "firm": Flag(),
                prefix + "sentence": box(strip=False),
                prefix + "why": box(strip=False),
            }
            self.rows += 1

    def clean_kind(self) -> str:
        return str(self.cleaned_data["kind"]).lower()

    def clean_confidentiality(self) -> str:
        return str(self.cleaned_data["confidentiality"] or "private")

    @property
    def direction(self) -> str:
        return "inbound" if self.value("inbound") else "outbound"

    def _row(self, index: int) -> dict[str, Any]:
        prefix = f"promise-{index}-"
        self.is_valid()
        return {
            name.removeprefix(prefix): value for name, value in self.cleaned_data.items() if name.startswith(prefix)
        }

    def confirmed_promises(self) -> list[StepRequest]:
        """The promises the user kept ticked, as edited; a due is read as a next step's is."""
        from goodwill.errors import InvalidInput
        from goodwill.services.encounters import parse_due
        from goodwill.services.interactions import StepRequest

        accepted = []
        for index in range(self.rows):
            row = self._row(index)
            if not row["accept"]:
                continue
            due, _firm = parse_due(row["due"])  # ISO or a phrase, in the one date range
            ball = "mine" if row["ball"] is None else row["ball"]
            if ball not in BALLS:
                raise InvalidInput(f'"{ball}" is not whose promise it is; use mine, theirs or both')
            accepted.append(
                StepRequest(
                    text=row["text"], due=due, firm=row["firm"], ball=ball, source_sentence=row["sentence"][:1000]
                )
            )
        return accepted

    def promises_as_left(self) -> list[StepRequest]:
        """On an error, the promises are shown again as the user left them, ticks included."""
        from goodwill.services.interactions import StepRequest

        rows = []
        for index in range(self.rows):
            row = self._row(index)
            try:
                due = date.fromisoformat(row["due"]) if row["due"] else None
            except ValueError:
                due = None
            request = StepRequest(
                text=row["text"],
                due=due,
                firm=row["firm"],
                ball="mine" if row["ball"] is None else row["ball"],
                source_sentence=row["sentence"],
                why=row.get("why") or "",
            )
            request.unticked = not row["accept"]  # type: ignore[attr-defined]  # read by web/_promises.html
            rows.append(request)
        return rows


class PickForm(WebForm):
    """A person chosen by id in a link (?person=12), and the kind of touch to start with."""

    person = Parsed(lambda typed: int(typed) if typed.isdecimal() else 0, empty=0)
    kind = box()


class PickerQuery(WebForm):
    """What was typed in a person picker so far: the log's Who ("person"), Introduced by, or q."""

    person = box()
    introduced_by = box()
    q = box()

    @property
    def typed(self) -> str:
        return str(self.value("person") or self.value("introduced_by") or self.value("q") or "")
