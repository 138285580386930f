"""Today's agenda, in the order the essays ask for: replies owed, my steps,
who is due for a touch, what others owe me, and the weekly review nudge."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from goodwill import clock
from goodwill.choice_values import Ball, StepStatus
from goodwill.habits.workdays import business_days_late, reply_deadline
from goodwill.queries.compiled import Compiled, padded
from goodwill.queries.first_run import Checklist, Guide, checklist, guide, has_people
from goodwill.queries.intros import IntroRow, follow_ups_due
from goodwill.queries.privacy import summary_shown
from goodwill.queries.rhythm import DuePerson, due_total, most_overdue_described
from goodwill.queries.user_settings import settings_for
from goodwill.queries.yearly_dates import DateComing, dates_coming
from goodwill.queries.zones import local_time, my_zone, zone_of

# The models are imported where a queryset is built: `goodwill today` runs this module's reads
# from their prepared SQL without Django (queries.prepared).
if TYPE_CHECKING:
    from django.db.models import QuerySet

    from goodwill.models import NextStep
    from goodwill.models.base import Owner

PEOPLE_SHOWN = 10
# One screen: the most overdue steps each way; the totals say how many more there are.
STEPS_SHOWN = 25
DATES_SHOWN = 10  # birthdays and important dates this week; the total says how many more


@dataclass
class ReplyOwed:
    interaction_id: int
    person_id: int
    person_name: str
    kind: str
    summary: str
    received_at: datetime
    deadline: datetime
    days_late: float  # business days past the response window; ≤ 0 while within it
    local_time: datetime | None = None  # theirs, when their place is known


@dataclass
class StepRow:
    step_id: int
    person_id: int
    person_name: str
    text: str
    ball: str
    due_on: date | None
    firm: bool
    days_late: int


@dataclass
class Agenda:
    today: date
    replies_owed: list[ReplyOwed]
    my_steps: list[StepRow]
    people_due: list[DuePerson]
    people_due_total: int
    their_steps: list[StepRow]
    review_done_this_week: bool
    response_window_days: int
    my_steps_total: int = 0  # my_steps shows at most STEPS_SHOWN of them
    their_steps_total: int = 0
    extras: dict[str, Any] = field(default_factory=dict)
    # Introductions whose step waits on me today: an answer to chase, a meeting to ask about.
    intro_follow_ups: list[IntroRow] = field(default_factory=list)
    # The first run: the three ways in while nobody is in the network, and the checklist until it is done.
    first_run: Guide | None = None
    # Birthdays and other yearly dates in the next seven days, soonest first.
    dates_this_week: list[DateComing] = field(default_factory=list)
    dates_this_week_total: int = 0  # dates_this_week shows at most DATES_SHOWN of them
    checklist: Checklist | None = None


# The agenda's reads, compiled once per backend (queries.compiled); values bound per call.
# Replies owed: the interactions first, on their partial index (one statement joining the links
# made PostgreSQL misjudge that index and hash the whole links table), then their people.
def _owed(owner_id: int) -> QuerySet[Any, tuple[Any, ...]]:
    from goodwill.models import Interaction

    return (
        Interaction.objects.filter(owner_id=owner_id, awaiting_reply=True, replied_at__isnull=True)
        .order_by("occurred_at", "id")
        .values_list("id", "kind", "summary", "confidentiality", "occurred_at", "external_id")
    )


def _owed_to(ids: list[int]) -> QuerySet[Any, tuple[Any, ...]]:
    from goodwill.models import Interaction

    return (
        Interaction.participants.through.objects.filter(interaction_id__in=ids)
        .order_by("interaction_id", "person__name", "id")
        .values_list("interaction_id", "id", "person_id", "person__name", "person__timezone")
    )


OWED = Compiled(_owed)
OWED_TO = Compiled(_owed_to)


def _due_steps(owner_id: int, today: date, balls: list[str]) -> QuerySet[NextStep]:
    from goodwill.models import NextStep

    return NextStep.objects.filter(owner_id=owner_id, status=StepStatus.OPEN, ball__in=balls, due_on__lte=today)


# Rank ids on the step_due index alone, then read only the rows shown.
STEP_IDS = Compiled(
    lambda owner_id, today, balls, limit: (
        _due_steps(owner_id, today, balls).order_by("due_on", "id").values_list("id", flat=True)[:limit]
    ),
    shape=("limit",),
)


def _step_rows(ids: list[int]) -> QuerySet[NextStep, tuple[Any, ...]]:
    from goodwill.models import NextStep

    return (
        NextStep.objects.filter(id__in=ids)
        .order_by()
        .values_list("id", "person_id", "person__name", "text", "ball", "due_on", "due_firm")
    )


def _reviewed(owner_id: int, since: datetime) -> QuerySet[Any, tuple[Any, ...]]:
    from goodwill.models import WeeklyReview

    return WeeklyReview.objects.filter(owner_id=owner_id, done_at__gte=since).values_list("id")


STEP_ROWS = Compiled(_step_rows)
STEP_TOTAL = Compiled(lambda owner_id, today, balls: _due_steps(owner_id, today, balls).values_list("id"))
REVIEWED = Compiled(_reviewed)


def replies_owed(owner: Owner, now: datetime, window_days: int, mine: str | None = None) -> list[ReplyOwed]:
    """Inbound calls and mail awaiting my answer, the oldest first (`mine`: my_zone(owner), if known)."""
    result, mine = [], mine or my_zone(owner)
    owed = OWED.rows(owner_id=owner.pk)
    links = OWED_TO.rows(ids=padded([row[0] for row in owed])) if owed else []
    people = {pk: list(group) for pk, group in groupby(links, key=itemgetter(0))}
    for interaction_id, kind, summary, confidentiality, occurred_at, external_id in owed:
        to = people.get(interaction_id, [])
        if kind == "email" and external_id.startswith("mail:") and len(to) > 1:
            # Imported mail from them with several people: mail import links the sender first
            # (goodwill.services.mail_import), the people they copied after; the reply is owed to the sender.
            to = [min(to, key=itemgetter(1))]
        deadline = reply_deadline(occurred_at.astimezone(now.tzinfo), window_days)
        for _interaction, _link, person_id, name, timezone in to:
            result.append(
                ReplyOwed(
                    interaction_id=interaction_id,
                    person_id=person_id,
                    person_name=name,
                    kind=kind,
                    summary=summary_shown(summary, confidentiality),
                    received_at=occurred_at,
                    deadline=deadline,
                    days_late=business_days_late(deadline, now),
                    local_time=local_time(timezone, now, mine),
                )
            )
    return result


def steps_due(owner: Owner, today: date, balls: list[str], limit: int | None = None) -> tuple[list[StepRow], int]:
    """Open steps due today or overdue, the oldest first, and how many there are in all."""
    ids = STEP_IDS.rows(owner_id=owner.pk, today=today, balls=balls, limit=limit)
    # Plain values, not model instances: this runs on every Today page.
    by_id = {values[0]: values for values in STEP_ROWS.rows(ids=ids)} if ids else {}
    rows = [_row(*by_id[pk], today=today) for pk in ids]
    if limit is None or len(rows) < limit:
        return rows, len(rows)
    return rows, STEP_TOTAL.count(owner_id=owner.pk, today=today, balls=balls)


def _open(owner: Owner, balls: list[str] | None) -> QuerySet[NextStep]:
    from goodwill.models import NextStep

    rows = NextStep.objects.filter(owner_id=owner.pk, status=StepStatus.OPEN)
    return rows if balls is None else rows.filter(ball__in=balls)


def open_steps(owner: Owner, today: date, balls: list[str] | None = None) -> Iterator[StepRow]:
    """Every open step (whose ball is one of `balls`, when given), the soonest due first and
    those with no date last, as plain rows read a chunk at a time: `goodwill steps` streams
    them (50,000 open steps at 100,000 people)."""
    from django.db.models import F

    ordered = _open(owner, balls).order_by(F("due_on").asc(nulls_last=True), "id")
    fields = ("id", "person_id", "person__name", "text", "ball", "due_on", "due_firm")
    for values in ordered.values_list(*fields).iterator(chunk_size=2000):
        yield _row(*values, today=today)


def open_steps_widest(owner: Owner, balls: list[str] | None = None) -> dict[str, int]:
    """The widest values of the open steps open_steps lists, for a table streamed row by row:
    the highest step and person ids, the longest person name and step text."""
    from django.db.models import Max
    from django.db.models.functions import Length

    found = _open(owner, balls).aggregate(
        id=Max("id"), person_id=Max("person_id"), name=Max(Length("person__name")), text=Max(Length("text"))
    )
    return {key: value or 0 for key, value in found.items()}


def _row(
    step_id: int,
    person_id: int,
    person_name: str,
    text: str,
    ball: str,
    due_on: date | None,
    firm: bool,
    *,
    today: date,
) -> StepRow:
    return StepRow(
        step_id=step_id,
        person_id=person_id,
        person_name=person_name,
        text=text,
        ball=ball,
        due_on=due_on,
        firm=firm,
        days_late=(today - due_on).days if due_on else 0,
    )


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def review_done_this_week(owner: Owner, today: date) -> bool:
    return REVIEWED.exists(owner_id=owner.pk, since=clock.start_of_day(week_start(today)))


def agenda(
    owner: Owner,
    *,
    now: datetime | None = None,
    people_limit: int = PEOPLE_SHOWN,
    steps_limit: int | None = STEPS_SHOWN,
) -> Agenda:
    now = now or clock.now()
    today = now.date()
    prefs = settings_for(owner)  # once: the sections below take what they need of it
    zone, anyone = zone_of(prefs), has_people(owner)
    # Counted first: on a big network the ranking then reads a rhythm at a time (queries.rhythm).
    due = due_total(owner, today)
    people = most_overdue_described(owner, today, people_limit, zone, due=due)
    mine, mine_total = steps_due(owner, today, [Ball.MINE, Ball.BOTH], steps_limit)
    theirs, theirs_total = steps_due(owner, today, [Ball.THEIRS], steps_limit)
    dates = dates_coming(owner, today, limit=DATES_SHOWN)
    return Agenda(
        today=today,
        replies_owed=replies_owed(owner, now, prefs.response_window_days, zone),
        my_steps=mine,
        people_due=people,
        people_due_total=due,
        their_steps=theirs,
        review_done_this_week=review_done_this_week(owner, today),
        response_window_days=prefs.response_window_days,
        my_steps_total=mine_total,
        their_steps_total=theirs_total,
        intro_follow_ups=follow_ups_due(owner, today),
        first_run=guide(owner, anyone=anyone),
        dates_this_week=dates[0],
        dates_this_week_total=dates[1],
        checklist=checklist(owner, prefs=prefs, anyone=anyone),
    )
