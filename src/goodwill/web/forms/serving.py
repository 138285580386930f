"""Forms of Serving the network: Pass it on, the Introductions board, the Balance sheet.
The services check the choices (an answer, an outcome, a kind, an amount)."""

from __future__ import annotations

from datetime import date

from goodwill.errors import InvalidInput
from goodwill.parsing import parse_day, parse_past_day
from goodwill.web.forms.base import Many, Parsed, WebForm, box


class PassOnForm(WebForm):
    """What to pass on, and (to share it) to whom and how."""

    text = box()
    url = box()
    tags = box()
    person = Many(required=False)  # people ids; someone else's is a 404
    via = box()

    def item(self) -> dict[str, str]:
        """The item as the page shows it and its links carry it."""
        values = self.values()
        return {"text": values["text"], "url": values["url"], "tags": values["tags"]}

    def clean_via(self) -> str:
        return str(self.cleaned_data["via"] or "email")


class IntroForm(WebForm):
    """Introduce a to b, and why; `next` when proposed from elsewhere (a person's ideas)."""

    a = box(strip=False)
    b = box(strip=False)
    why = box(strip=False)
    next = box()

    def typed(self) -> dict[str, str]:
        return {name: str(self[name].value() or "") for name in ("a", "b", "why")}


class AnswerForm(WebForm):
    side = box(strip=False)
    answer = box(strip=False)


class OutcomeForm(WebForm):
    outcome = box(strip=False)
    note = box(strip=False)


class LaterForm(WebForm):
    """The later day to follow an introduction up on, read as the CLI reads it."""

    on = Parsed(parse_day)

    def clean_on(self) -> date:
        day: date | None = self.cleaned_data["on"]
        if day is None:
            raise InvalidInput('give the day to follow up on, e.g. "next monday" or 2026-12-14')
        return day


class LedgerForm(WebForm):
    """One line of the balance sheet by hand, as `goodwill ledger add` takes it."""

    person = box()
    kind = box()
    direction = box()
    description = box()
    amount = box()  # the service reads it with the owner's default currency
    currency = box()
    on = Parsed(parse_past_day)

    def typed(self) -> dict[str, str]:
        return {name: str(self[name].value() or "").strip() for name in self.fields}


class LedgerStatusForm(WebForm):
    status = box(strip=False)
