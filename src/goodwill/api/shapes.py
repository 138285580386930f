"""Answer shapes shared by several routers: a person reference, a touch state, a step, an encounter."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

from ninja import Field, Schema

from goodwill.habits import cadence


class PersonRef(Schema):
    id: int
    name: str


# habits.cadence.TouchState as the API shows it, on a person and in the agenda; tests/api/test_shapes_match.py
# holds the two equal.
class TouchState(Schema):
    """Where someone stands against their rhythm: due after the cadence, overdue after the maximum gap."""

    status: str = Field(description="ok, due, overdue or snoozed")
    last_touch: date | None
    due_on: date = Field(description="The first day they are due: the last touch (or when added) plus the cadence")
    overdue_on: date = Field(description="The first day they are overdue: past the maximum gap")
    days_since: int | None = Field(description="Days since the last two-way touch; null when never touched")
    ratio: float = Field(description="Gap so far over the cadence, e.g. 2.3 for 2.3× overdue")


def touch_state_out(state: cadence.TouchState) -> dict[str, object]:
    return {**asdict(state), "ratio": round(state.ratio, 3)}


class StepOut(Schema):
    id: int
    person: PersonRef
    text: str
    ball: str = Field(description="Whose move: mine, theirs or both")
    due_on: date | None
    firm: bool = Field(description='False for a soft date from vague timing ("soon"): a reminder, not a deadline')
    status: str = Field(description="open, done, dropped, released or broken")
    overdue: bool
    promise: bool = Field(description="Found in what was said, rather than typed as a step")
    source_sentence: str | None
    renegotiations: int
    interaction_id: int | None
    created_at: datetime
    closed_at: datetime | None


class InteractionOut(Schema):
    id: int
    kind: str
    kind_label: str = Field(
        description='The everyday word it was logged as ("lunch", "video call"), or "" when the kind says it all'
    )
    direction: str
    occurred_at: datetime
    people: list[PersonRef]
    summary: str
    body: str
    confidentiality: str
    withheld: bool = Field(description="True when summary and body are withheld because they were told in confidence")
    awaiting_reply: bool = Field(description="A reply I still owe")
    replied_at: datetime | None


def step_out(step, today: date, *, person=None, renegotiations: int | None = None) -> dict:
    who = person or step.person
    if renegotiations is None:
        renegotiations = getattr(step, "renegotiations", None)  # annotated by queries.promises
    if renegotiations is None:
        renegotiations = step.changes.filter(field="due_on").count()
    return {
        "id": step.pk,
        "person": {"id": who.pk, "name": who.name},
        "text": step.text,
        "ball": step.ball,
        "due_on": step.due_on,
        "firm": step.due_firm,
        "status": step.status,
        "overdue": bool(step.status == "open" and step.due_on and step.due_on < today),
        "promise": bool(step.source_sentence),
        "source_sentence": step.source_sentence or None,
        "renegotiations": renegotiations,
        "interaction_id": step.interaction_id,
        "created_at": step.created_at,
        "closed_at": step.closed_at,
    }


# Outbound touches per week against the goal: mine (GET /momentum) and the firm's (GET /firm/momentum).
class WeekOut(Schema):
    start: date = Field(description="The Monday")
    count: int = Field(description="Outbound touches that week (confidential ones count, as a number only)")
    baseline: float | None = Field(description="Median of up to 8 previous weeks; null with fewer than 4")
    dip: bool = Field(description="A finished week below half its baseline")
    met_goal: bool


class MomentumOut(Schema):
    weeks: list[WeekOut] = Field(description="Oldest first; the last is this week so far")
    goal: int = Field(description="The weekly goal; for a team or the firm, the sum of its sharers' goals")
    streak: int
    this_week: int
    average: float = Field(description="Mean of the finished weeks")
    dipping_now: bool = Field(description="Last finished week was a dip")


def momentum_out(m) -> dict | None:
    if m is None:
        return None
    return {
        "weeks": [
            {"start": w.start, "count": w.count, "baseline": w.baseline, "dip": w.dip, "met_goal": w.met_goal}
            for w in m.weeks
        ],
        "goal": m.goal,
        "streak": m.streak,
        "this_week": m.this_week,
        "average": m.average,
        "dipping_now": m.dipping_now,
    }
