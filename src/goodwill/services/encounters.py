"""The encounter rule, once for every front door: an encounter ends with its next step,
a promise of mine found in the note, or an explicit "no next step"; a due date needs a
step; their step and the confirmed promises go with it. The CLI, the web (quick log, the
weekly review) and the API gather the raw choices and call `encounter_request`; nothing
here asks, prints or renders."""

from __future__ import annotations

from datetime import date, datetime

from goodwill.errors import InvalidInput
from goodwill.models import Ball
from goodwill.services.interactions import LogRequest, StepRequest


class NoNextStep(InvalidInput):
    """No next step, no promise of mine, and no explicit skip."""


class DueWithoutStep(InvalidInput):
    """A due date was given for a next step that was not."""


def parse_due(text: str | None) -> tuple[date | None, bool]:
    """A due phrase ("friday", "in two weeks", 2026-12-01) → (day, firm); blank is (None, True)."""
    from goodwill.parsing import parse_when

    if text is None or not text.strip():
        return None, True
    parsed = parse_when(text)
    return parsed.day, parsed.firm


def step_request(text: str, due_text: str | None, ball: str = Ball.MINE) -> StepRequest:
    due, firm = parse_due(due_text)
    return StepRequest(text=text, due=due, firm=firm, ball=ball)


def needs_next_step(promises: list[StepRequest]) -> bool:
    """True until a step of mine is there: a promise I made (or we agreed) is the next step."""
    return not any(p.ball != Ball.THEIRS for p in promises)


def promises_in_note(summary: str, body: str, people: list, when: datetime | None, direction: str) -> list[StepRequest]:
    """The promises the finder sees in the summary and notes, as steps to confirm (nothing written)."""
    from goodwill.services.promises import suggest_promises

    text = "\n".join(x for x in (summary, body) if x and x.strip())
    if not text.strip() or not people:
        return []
    return suggest_promises(text=text, people=people, when=when, direction=direction)


def encounter_request(
    *,
    kind: str,
    people: list,
    summary: str,
    body: str = "",
    next_text: str | None = None,
    due_text: str | None = None,
    their_text: str | None = None,
    their_due_text: str | None = None,
    skip_next: bool = False,
    direction: str = "outbound",
    when: datetime | None = None,
    confidentiality: str = "private",
    awaiting_reply: bool = False,
    promises: list[StepRequest] | None = None,
    next_steps: list[StepRequest] | None = None,
) -> LogRequest:
    """The raw choices → the LogRequest that `log_interaction` writes, with the house rule.

    `next_text`/`due_text` is my next step, `their_text`/`their_due_text` one they owe;
    `promises` are the found promises the user confirmed (as edited); `next_steps` are
    steps already structured (the API's). `skip_next` is the explicit "no next step"."""
    promises = list(promises or [])
    steps = list(next_steps or [])
    next_text = (next_text or "").strip()
    if next_text:
        steps.append(step_request(next_text, due_text, Ball.MINE))
    elif (due_text or "").strip():
        raise DueWithoutStep("a due date needs a next step: say what you will do")
    elif not skip_next and needs_next_step(steps + promises):
        raise NoNextStep("add a next step, or skip it on purpose")
    their_text = (their_text or "").strip()
    if their_text:
        steps.append(step_request(their_text, their_due_text, Ball.THEIRS))
    return LogRequest(
        kind=kind,
        people=list(people),
        summary=summary,
        body=body,
        direction=direction,
        when=when,
        confidentiality=confidentiality or "private",
        awaiting_reply=awaiting_reply,
        next_steps=steps + promises,
    )
