"""What can't wait, for one user at one moment: what a push is for (issue 15 §3).

- a reply owed going late today: its response window ends today (the agenda's replies owed);
- a promise of mine due today, on a firm date (a soft date is a reminder, never a deadline);
- a meeting within the next hour with someone whose next step is open.

Each item has a key that stays the same while it is the same thing to say, so a push goes
out once ("reply:12:2026-12-03"), and one line of text. Nothing confidential: a reply or
step told in confidence says only that one is owed, to whom."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import F

from goodwill import clock
from goodwill.config import base_url
from goodwill.models import Ball, NextStep, StepStatus, UpcomingMeeting
from goodwill.models.base import Owner
from goodwill.queries.privacy import WITHHELD, step_withheld
from goodwill.queries.promises import promises
from goodwill.queries.reach import zone_of
from goodwill.queries.today import ReplyOwed, replies_owed
from goodwill.queries.user_settings import settings_for

MEETING_AHEAD = timedelta(hours=1)


@dataclass(frozen=True)
class UrgentItem:
    key: str  # stable while it is the same thing to say: a push goes out once per key
    kind: str  # reply, promise, meeting
    title: str  # a push's title: "Reply owed today"
    text: str  # one line: "Reply owed to Jane Doe today (by 17:00): Re: budget"
    person_id: int
    link: str  # the person's page, under the configured base URL


def urgent_items(owner: Owner, *, now: datetime | None = None) -> list[UrgentItem]:
    """Everything urgent now, replies first, then promises, then meetings (soonest first)."""
    now = now or clock.now()
    zone = zone_of(owner)
    local = now.astimezone(zone)
    return [*_replies(owner, local), *_promises(owner, local.date()), *_meetings(owner, local, zone)]


def _link(person_id: int) -> str:
    return f"{base_url().rstrip('/')}/people/{person_id}/"


def _replies(owner: Owner, local: datetime) -> list[UrgentItem]:
    today = local.date()
    owed = replies_owed(owner, local, settings_for(owner).response_window_days)
    # One push per message: a reply owed to several people names them all.
    by_message: dict[int, list[ReplyOwed]] = {}
    for reply in sorted(owed, key=lambda r: r.deadline):  # the one going late first
        if reply.deadline.astimezone(local.tzinfo).date() == today:
            by_message.setdefault(reply.interaction_id, []).append(reply)
    items = []
    for interaction_id, rows in by_message.items():
        first = rows[0]
        names = ", ".join(r.person_name for r in rows)
        by = f"{first.deadline.astimezone(local.tzinfo):%H:%M}"
        if first.summary == WITHHELD:
            text = f"A confidential reply owed to {names} today (by {by})"
        else:
            text = f"Reply owed to {names} today (by {by}): {first.summary}"
        items.append(
            UrgentItem(
                key=f"reply:{interaction_id}:{today.isoformat()}",
                kind="reply",
                title="Reply owed today",
                text=_line(text),
                person_id=first.person_id,
                link=_link(first.person_id),
            )
        )
    return items


def _promises(owner: Owner, today: date) -> list[UrgentItem]:
    due = (
        promises(owner, today, whose="mine")
        .filter(due_on=today, due_firm=True, person__archived_at__isnull=True)
        .select_related("interaction", "person")
        .order_by("due_on", "id")
    )
    items = []
    for step in due:
        name = step.person.name
        if step_withheld(step):
            text = f"A promise to {name} is due today (told in confidence)"
        else:
            text = f"Due today for {name}: {step.text}"
        items.append(
            UrgentItem(
                key=f"promise:{step.pk}:{today.isoformat()}",
                kind="promise",
                title="Promise due today",
                text=_line(text),
                person_id=step.person_id,
                link=_link(step.person_id),
            )
        )
    return items


def _meetings(owner: Owner, local: datetime, zone: ZoneInfo) -> list[UrgentItem]:
    meetings = list(
        UpcomingMeeting.objects.filter(
            owner=owner, starts_at__gt=local, starts_at__lte=local + MEETING_AHEAD
        ).prefetch_related("people")
    )
    if not meetings:
        return []
    people = {p.pk: p for m in meetings for p in m.people.all() if p.archived_at is None}
    open_steps = (
        NextStep.objects.filter(owner=owner, status=StepStatus.OPEN, person_id__in=list(people))
        .select_related("interaction")
        .order_by(F("due_on").asc(nulls_last=True), "id")
    )
    first_step: dict[int, NextStep] = {}
    for step in open_steps:
        first_step.setdefault(step.person_id, step)
    items = []
    for meeting in meetings:
        with_steps = [first_step[p.pk] for p in meeting.people.all() if p.pk in first_step]
        if not with_steps:
            continue
        at = f"{meeting.starts_at.astimezone(zone):%H:%M}"
        minutes = max(1, round((meeting.starts_at - local).total_seconds() / 60))
        step = with_steps[0]
        name = people[step.person_id].name
        text = f"You meet {name} at {at}: {_open_step(step)}"
        if len(with_steps) > 1:
            text += f" (and {len(with_steps) - 1} more with an open step)"
        items.append(
            UrgentItem(
                key=_meeting_key(meeting),
                kind="meeting",
                title=f"Meeting in {minutes} minutes",
                text=_line(text),
                person_id=step.person_id,
                link=_link(step.person_id),
            )
        )
    return items


def _open_step(step: NextStep) -> str:
    what = "a step told in confidence" if step_withheld(step) else step.text
    if step.ball == Ball.THEIRS:
        return f"they owe you {what}"
    if step.ball == Ball.BOTH:
        return f"you agreed: {what}"
    return f"you owe them {what}"


def _meeting_key(meeting: UpcomingMeeting) -> str:
    """The same meeting at the same time keeps its key though its row is made again on every
    calendar run (a new id each time); a meeting moved to another time is new news."""
    seen = f"{meeting.source_id}|{meeting.key}|{int(meeting.starts_at.timestamp())}"
    return "meeting:" + hashlib.sha256(seen.encode()).hexdigest()[:24]


def _line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
