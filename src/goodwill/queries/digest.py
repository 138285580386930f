"""The daily digest's content (issue 15 §2): one message a day with what needs the user.

Built on the Today agenda (queries.today.agenda): the same replies owed, steps, people due,
introductions and dates, so a rule lives in one place. On top of it, what only a digest says:
promises split from plain steps, meetings today with someone whose step is open, and meetings
since yesterday that still have no next step.

The digest leaves the app (it goes to a mail server), so it follows the calendar feed's rule
(queries.calendar): names, dates and step texts only; a step from a confidential encounter
shows only that a step is due, and summaries pass through queries.privacy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from goodwill.models import Ball, Interaction, NextStep, StepStatus, UpcomingMeeting
from goodwill.models.base import Owner
from goodwill.queries.phone_tasks import PHONE_TASKS_PATH, open_phone_tasks
from goodwill.queries.privacy import step_withheld
from goodwill.queries.reach import zone_of
from goodwill.queries.rhythm import DuePerson
from goodwill.queries.today import ReplyOwed, StepRow, agenda

PEOPLE_SHOWN = 10  # who is due for a touch: the most overdue; the rest are counted
STEPS_SHOWN = 15  # each way; the rest are counted
WITHHELD_STEP = "a next step (told in confidence: see Goodwill)"

# The one-click actions a row can carry (services.one_click signs them).
DONE, SNOOZE, REPLIED, TOUCH = "done", "snooze", "replied", "touch"


COUNTED = {
    "replies": ("reply owed", "replies owed"),
    "steps": ("step due", "steps due"),
    "promises": ("promise due", "promises due"),
    "people": ("person due for a touch", "people due for a touch"),
    "theirs": ("step of theirs to chase", "steps of theirs to chase"),
    "intros": ("introduction to follow up", "introductions to follow up"),
    "dates": ("date this week", "dates this week"),
    "meetings": ("meeting today", "meetings today"),
    "after": ("meeting without a next step", "meetings without a next step"),
    "phone": ("task from your phone", "tasks from your phone"),
}


@dataclass(frozen=True)
class DigestRow:
    text: str  # the line itself: "Jane Doe: mail her the trail map"
    detail: str = ""  # "3 days late", "email 20 Nov, 2 business days late"
    late: bool = False
    actions: tuple[str, ...] = ()  # what the row's one-click links do
    target: str = ""  # what they act on: "step:12" or "person:3"
    page: str = ""  # a page of the app that answers it (a path: "/phone/tasks/#task-4"), shown as a link


@dataclass
class DigestSection:
    key: str
    title: str
    rows: list[DigestRow]
    more: int = 0  # rows not shown (the app has them all)

    @property
    def count(self) -> str:
        """ "1 reply owed", "3 replies owed": the section in a summary line."""
        number = len(self.rows) + self.more
        one, many = COUNTED.get(self.key, (self.title.lower(), self.title.lower()))
        return f"{number} {one if number == 1 else many}"


@dataclass
class Digest:
    today: date
    zone: str
    sections: list[DigestSection] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(section.rows for section in self.sections)

    def counts(self) -> str:
        """ "2 replies owed, 1 step due" for the job's summary line."""
        parts = [s.count for s in self.sections if s.rows]
        return ", ".join(parts) if parts else "nothing due"


def digest_zone(owner: Owner) -> str:
    """The zone the digest's dates are in (queries.reach.zone_of: the digest's own, else the home's,
    else the server's)."""
    return zone_of(owner).key


def digest_for(owner: Owner, *, now: datetime) -> Digest:
    zone = digest_zone(owner)
    local_now = now.astimezone(ZoneInfo(zone))
    today = local_now.date()
    day = agenda(owner, now=local_now, people_limit=PEOPLE_SHOWN, steps_limit=STEPS_SHOWN)
    kinds = _step_kinds(owner, [row.step_id for row in day.my_steps + day.their_steps])
    mine = [row for row in day.my_steps if not kinds.get(row.step_id, (False, False))[0]]
    promised = [row for row in day.my_steps if kinds.get(row.step_id, (False, False))[0]]
    hidden = day.my_steps_total - len(day.my_steps)  # not shown: plain steps or promises, counted once
    replies = sorted(day.replies_owed, key=lambda r: -r.days_late)  # going late first
    sections = [
        DigestSection("replies", "Replies owed", [_reply(r) for r in replies]),
        DigestSection("steps", "Steps due", [_step(r, kinds, mine=True) for r in mine], more=hidden),
        DigestSection("promises", "Promises due", [_step(r, kinds, mine=True) for r in promised]),
        DigestSection(
            "people",
            "Due for a touch",
            [_person(p, today) for p in day.people_due],
            more=day.people_due_total - len(day.people_due),
        ),
        DigestSection(
            "theirs",
            "Theirs to chase",
            [_step(r, kinds, mine=False) for r in day.their_steps],
            more=day.their_steps_total - len(day.their_steps),
        ),
        DigestSection(
            "intros",
            "Introductions to follow up",
            [DigestRow(f"{i.a} and {i.b}", i.next) for i in day.intro_follow_ups],
        ),
        DigestSection(
            "dates",
            "Dates this week",
            [
                DigestRow(
                    f"{d.person_name}: {d.what or d.label}", d.when, actions=(TOUCH,), target=f"person:{d.person_id}"
                )
                for d in day.dates_this_week
            ],
            more=day.dates_this_week_total - len(day.dates_this_week),
        ),
        DigestSection("meetings", "Meetings today", meetings_today(owner, local_now)),
        DigestSection("after", "After your meetings", meetings_without_next_step(owner, local_now)),
        DigestSection("phone", "From your phone: whom is this for?", phone_tasks_to_place(owner)),
    ]
    return Digest(today=today, zone=zone, sections=sections)


def _step_kinds(owner: Owner, ids: list[int]) -> dict[int, tuple[bool, bool]]:
    """{step: (is a promise, withheld: from a confidential encounter)}, by the one privacy rule."""
    steps = NextStep.objects.filter(owner=owner, id__in=ids).select_related("interaction")
    return {step.pk: (bool(step.source_sentence), step_withheld(step)) for step in steps}


def step_words(step: NextStep) -> str:
    """A step's text as anything that leaves the app may show it (the feed's rule)."""
    return WITHHELD_STEP if step_withheld(step) else step.text


def _late(days: int) -> str:
    if days <= 0:
        return "due today"
    return f"{days} day{'s' if days != 1 else ''} late"


def _step(row: StepRow, kinds: dict[int, tuple[bool, bool]], *, mine: bool) -> DigestRow:
    secret = kinds.get(row.step_id, (False, False))[1]
    what = WITHHELD_STEP if secret else row.text
    detail = _late(row.days_late) + ("" if row.firm else " (a soft date)")
    text = f"{row.person_name}: {what}" if mine else f"{row.person_name} owes you: {what}"
    return DigestRow(text, detail, late=row.days_late > 0, actions=(DONE, SNOOZE), target=f"step:{row.step_id}")


def _reply(row: ReplyOwed) -> DigestRow:
    days = row.days_late
    whole = int(days + 0.5)
    if days <= 0:
        age = "within your response window"
    elif whole:
        age = f"{whole} business day{'s' if whole != 1 else ''} late"
    else:
        age = "due now"
    received = row.received_at.astimezone(row.deadline.tzinfo)
    return DigestRow(
        f"{row.person_name}: {row.summary}",
        f"{row.kind} of {received.day} {received:%b}, {age}",
        late=days > 0,
        actions=(REPLIED,),
        target=f"person:{row.person_id}",
    )


def _person(row: DuePerson, today: date) -> DigestRow:
    state = row.state
    how = f"{state.ratio:.1f}× overdue" if state.status == "overdue" else f"due ({state.ratio:.1f}× your rhythm)"
    if row.last_at:
        last = f"last: {row.last_kind} on {row.last_at.day} {row.last_at:%b}: {row.last_summary}"
    else:
        last = "no touch yet"
    return DigestRow(
        row.name,
        f"{how}; {last}",
        late=state.status == "overdue",
        actions=(TOUCH, SNOOZE),
        target=f"person:{row.person_id}",
    )


def _day_bounds(local_now: datetime) -> tuple[datetime, datetime]:
    start = datetime.combine(local_now.date(), time(0, 0), tzinfo=local_now.tzinfo)
    return start, start + timedelta(days=1)


def meetings_today(owner: Owner, local_now: datetime) -> list[DigestRow]:
    """ "You meet Jane at 15:00: you owe her the deck": meetings today (from a calendar source)
    with people whose steps are open, so the user walks in with the ball in hand."""
    start, end = _day_bounds(local_now)
    meetings = UpcomingMeeting.objects.filter(owner=owner, starts_at__gte=start, starts_at__lt=end).prefetch_related(
        "people"
    )
    rows = []
    for meeting in meetings:
        people = list(meeting.people.all())
        steps = (
            NextStep.objects.filter(owner=owner, status=StepStatus.OPEN, person__in=people)
            .select_related("person", "interaction")
            .order_by("due_on", "id")
        )
        at = meeting.starts_at.astimezone(local_now.tzinfo)
        for step in steps:
            words = step_words(step)
            what = words if words == WITHHELD_STEP else f"“{words}”"
            owes = "they owe you" if step.ball == Ball.THEIRS else "you owe them"
            rows.append(
                DigestRow(
                    f"You meet {step.person.name} at {at:%H:%M}: {owes} {what}",
                    actions=(DONE,),
                    target=f"step:{step.pk}",
                )
            )
    return rows


def phone_tasks_to_place(owner: Owner) -> list[DigestRow]:
    """Tasks made on the phone that name nobody: the page that assigns each to a person."""
    return [
        DigestRow(
            task.text,
            f"due {task.due_on.day} {task.due_on:%b}" if task.due_on else "",
            page=f"{PHONE_TASKS_PATH}#task-{task.pk}",
        )
        for task in open_phone_tasks(owner)
    ]


def meetings_without_next_step(owner: Owner, local_now: datetime) -> list[DigestRow]:
    """ "What's next with Jane after Monday's meeting?": meetings logged since yesterday that
    left no step, with people who have no open step either (keep the ball)."""
    start, _ = _day_bounds(local_now)
    since = start - timedelta(days=1)
    meetings = (
        Interaction.objects.filter(owner=owner, kind="meeting", occurred_at__gte=since, occurred_at__lte=local_now)
        .filter(steps__isnull=True)
        .prefetch_related("participants")
        .order_by("occurred_at", "id")
    )
    rows, seen = [], set()
    for meeting in meetings:
        when = meeting.occurred_at.astimezone(local_now.tzinfo)
        day = "today's" if when.date() == local_now.date() else f"{when:%A}'s"
        for person in meeting.participants.all():
            if person.pk in seen or person.archived_at is not None:
                continue
            if NextStep.objects.filter(owner=owner, person=person, status=StepStatus.OPEN).exists():
                continue
            seen.add(person.pk)
            rows.append(DigestRow(f"What's next with {person.name} after {day} meeting?", target=f"person:{person.pk}"))
    return rows
