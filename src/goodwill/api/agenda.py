"""Today's agenda: replies owed, my steps due, who is due for a touch, what others owe me."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Query, Router, Schema

from goodwill.api.errors import ERRORS
from goodwill.api.shapes import MomentumOut, TouchState, momentum_out, touch_state_out

router = Router(tags=["agenda"])


class ReplyOwed(Schema):
    interaction_id: int
    person_id: int
    person_name: str
    kind: str
    summary: str
    received_at: datetime
    deadline: datetime
    days_late: float = Field(description="Business days past the response window; 0 or less while within it")
    local_time: datetime | None = Field(description="Their local time, when their place is known")


class StepDue(Schema):
    step_id: int
    person_id: int
    person_name: str
    text: str
    ball: str
    due_on: date | None
    firm: bool
    days_late: int


class PersonDue(Schema):
    person_id: int
    name: str
    circle: str | None
    state: TouchState
    last_kind: str | None
    last_summary: str | None
    last_at: datetime | None
    local_time: datetime | None


class IntroFollowUp(Schema):
    id: int
    status: str
    status_label: str
    a: str
    b: str
    why: str
    created_on: date
    follow_up_on: date | None
    next: str
    declined_by: str
    outcome_note: str


class DateThisWeek(Schema):
    person_id: int
    person_name: str
    label: str = Field(description='"birthday", or the important date\'s own label')
    on: date = Field(description="Its next occurrence (29 February falls on the 28th in other years)")
    days_away: int
    when: str = Field(description='The day in words, e.g. "Fri 17 July"')
    date_label: str = Field(description='The date itself in words, e.g. "17 July"')
    years: int | None = Field(description="The age turned or the anniversary's count, when the year is known")
    what: str = Field(description='e.g. "birthday, turns 41"')


class ChecklistItem(Schema):
    key: str = Field(description="people, home, goal or touch")
    label: str
    done: bool


class Checklist(Schema):
    items: list[ChecklistItem]
    done_count: int


class AgendaOut(Schema):
    today: date
    replies_owed: list[ReplyOwed]
    my_steps: list[StepDue] = Field(description="The oldest first, at most 25; my_steps_total counts them all")
    my_steps_total: int
    people_due: list[PersonDue]
    people_due_total: int
    their_steps: list[StepDue]
    their_steps_total: int
    intro_follow_ups: list[IntroFollowUp] = Field(description="Introductions whose next step waits on me today")
    review_done_this_week: bool
    response_window_days: int
    dates_this_week: list[DateThisWeek] = Field(
        description="Birthdays and important dates in the next 7 days, the soonest first, at most 10 (the total: dates_this_week_total)"
    )
    dates_this_week_total: int
    network_empty: bool = Field(description="Nobody in the network yet: import, add a person, or try the demo")
    checklist: Checklist | None = Field(
        description="The first-run checklist; null once every item is done or it was dismissed"
    )


class AgendaParams(Schema):
    people_limit: int = Field(10, ge=0, le=100, description="How many of the people due to list")


@router.get("agenda", response={200: AgendaOut, **ERRORS}, summary="Today's agenda")
def agenda(request, params: Query[AgendaParams]):
    """The same agenda as `goodwill today`. Summaries of encounters told in confidence are withheld."""
    from dataclasses import asdict

    from goodwill.queries.today import agenda as build

    owner = request.auth
    result = build(owner, people_limit=params.people_limit)
    data = asdict(result)
    data.pop("extras", None)
    data["network_empty"] = data.pop("first_run") is not None
    if result.checklist:
        data["checklist"]["done_count"] = result.checklist.done_count
    # Confidential summaries are already withheld by the agenda query itself.
    for row, due in zip(data["people_due"], result.people_due):
        row["state"] = touch_state_out(due.state)
    return data


class ReplyOwedAged(ReplyOwed):
    age_hours: float = Field(description="Hours since it came in")
    overdue: bool = Field(description="Past the response window")


class MonthStats(Schema):
    month: str = Field(description='"2026-11", or "all" for the months together')
    answered: int
    median_hours: float | None = Field(description="Hours to my answer, the median; null with none answered")
    mean_hours: float | None
    within_window: float | None = Field(
        description="Share answered within the window, of those answered and those still open past it"
    )
    unanswered_late: int = Field(description="Still open and past the window")


class RepliesOut(Schema):
    now: datetime
    response_window_days: int
    owed: list[ReplyOwedAged] = Field(description="Replies I owe, the oldest first")
    months: list[MonthStats] = Field(description="How fast I answer, per month received, the oldest first")
    overall: MonthStats


class RepliesParams(Schema):
    months: int = Field(12, ge=1, le=120, description="Months of response-time statistics")


@router.get("replies", response={200: RepliesOut, **ERRORS}, summary="Replies owed, and how fast I answer")
def replies(request, params: Query[RepliesParams]):
    """The same as `goodwill replies`: the calls and emails that await my answer, each with its
    age against the response window, and per month how fast I answered (median and mean hours,
    the share within the window). Summaries told in confidence are withheld."""
    from dataclasses import asdict

    from goodwill.queries.replies import replies_view

    return asdict(replies_view(request.auth, months=params.months))


class Dismissed(Schema):
    dismissed: bool


@router.post(
    "agenda/checklist/dismiss", response={200: Dismissed, **ERRORS}, summary="Put the first-run checklist away"
)
def dismiss_checklist(request):
    """The checklist leaves the agenda for good, as "Hide this list" on Today does."""
    from goodwill.services.onboarding import dismiss_checklist as dismiss

    dismiss(request.auth)
    return {"dismissed": True}


class MomentumParams(Schema):
    weeks: int = Field(26, ge=4, le=104, description="How many weeks, this one last")


@router.get("momentum", response={200: MomentumOut, **ERRORS}, summary="My outbound touches per week")
def momentum(request, params: Query[MomentumParams]):
    """Outbound touches per week against my weekly goal, with the dips marked, as `goodwill
    momentum` and the Momentum page show them (queries.momentum)."""
    from goodwill import clock
    from goodwill.queries.momentum import touch_momentum

    return momentum_out(touch_momentum(request.auth, clock.today(), params.weeks))
