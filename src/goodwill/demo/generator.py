"""A seeded, realistic networking history as plain dataclasses, at any scale.

No database here: the same seed and the same "now" always give the same
network, so the demo is reproducible and the benchmarks measure the same data.
People are indexed by position; interactions, steps and notes refer to them by
that index, and the loader turns indexes into primary keys.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from goodwill.demo import vocabulary as words
from goodwill.demo.people import PersonSpec, make_people

HISTORY_DAYS = 730  # two years of interactions
GAP_FACTOR = 1.5  # mean gap between past touches, in cadences
DIP_WEEKS = (7, 11)  # the busy season: outreach drops this many weeks back (first, last)
TOUCHES = ("call", "meeting", "email", "message", "event")
REPLYABLE = ("email", "call", "message")


@dataclass(frozen=True)
class Scale:
    people: int = 300
    interactions: int | None = None  # None: as many as each person's rhythm implies
    open_steps: int | None = None  # None: about one for every five people


@dataclass(slots=True)
class InteractionSpec:
    kind: str
    direction: str
    occurred_at: datetime
    people: tuple[int, ...]
    summary: str
    body: str = ""
    confidentiality: str = "private"
    awaiting_reply: bool = False
    replied_at: datetime | None = None


@dataclass(slots=True)
class StepSpec:
    person: int
    text: str
    ball: str
    due_on: date | None
    due_firm: bool
    created_at: datetime
    interaction: int | None = None
    status: str = "open"
    closed_at: datetime | None = None
    sentence: str = ""  # the sentence in the encounter's notes the promise came from


@dataclass(slots=True)
class NoteSpec:
    person: int
    text: str
    confidentiality: str
    created_at: datetime
    source: int | None = None


@dataclass
class Network:
    now: datetime
    people: list[PersonSpec]
    interactions: list[InteractionSpec] = field(default_factory=list)
    steps: list[StepSpec] = field(default_factory=list)
    notes: list[NoteSpec] = field(default_factory=list)
    reviews: list[datetime] = field(default_factory=list)

    def row_count(self) -> int:
        return len(self.people) + len(self.interactions) + len(self.steps) + len(self.notes)


class Builder:
    """Draws one network; every random choice goes through self.rng, in a fixed order."""

    def __init__(self, scale: Scale, seed: int, now: datetime):
        self.scale = scale
        self.rng = random.Random(seed)
        self.now = now
        self.zone = now.tzinfo
        week_start = now.date() - timedelta(days=now.weekday())
        self.dip = (week_start - timedelta(weeks=DIP_WEEKS[1]), week_start - timedelta(weeks=DIP_WEEKS[0] - 1))
        self.last_of: dict[int, int] = {}  # person → index of their latest interaction

    # -- time -------------------------------------------------------------
    def moment(self, days_ago: float) -> datetime:
        """A plausible working-hours moment that many days ago (always in the past)."""
        day = self.now.date() - timedelta(days=int(days_ago))
        if day.weekday() >= 5 and self.rng.random() < 0.8:  # most business happens on weekdays
            day -= timedelta(days=day.weekday() - 4)
        when = datetime.combine(day, time(self.rng.randint(8, 17), self.rng.choice((0, 15, 30, 45))), self.zone)
        return min(when, self.now - timedelta(minutes=self.rng.randint(30, 600)))

    def in_dip(self, when: datetime) -> bool:
        return self.dip[0] <= when.date() < self.dip[1]

    # -- interactions -----------------------------------------------------
    def counts(self, people: list[PersonSpec], target: int | None) -> list[int]:
        """Touches per person, scaled to a target total when there is one.

        One touch per GAP_FACTOR cadences of the time known: with most people
        part-way through their cadence and some past it, that spacing keeps the
        weekly volume level up to today instead of thinning out near it."""
        weights = [
            0.0 if p.last_touch_days is None else 1 + (p.known_days - p.last_touch_days) / (GAP_FACTOR * p.cadence)
            for p in people
        ]
        if target is None:
            return [0 if w == 0 else max(1, int(w + self.rng.random())) for w in weights]
        touched = sum(1 for w in weights if w)
        if target < touched:
            raise ValueError(f"{target} interactions is too few for {touched} people with a last touch")
        factor = (target - touched) / sum(w - 1 for w in weights if w)
        raw = [0.0 if w == 0 else 1 + (w - 1) * factor for w in weights]
        counts = [int(r) for r in raw]
        # Hand the remainder to the largest fractions, so the total is exact.
        short = target - sum(counts)
        for index in sorted(range(len(raw)), key=lambda i: counts[i] - raw[i])[:short]:
            counts[index] += 1
        return counts

    def kind_for(self, person: PersonSpec, last: bool) -> str:
        if person.circle == "inner":
            kinds, weights = TOUCHES, (25, 25, 20, 25, 5)
        else:
            kinds, weights = TOUCHES, (15, 20, 40, 10, 15)
        if not last and self.rng.random() < 0.04:
            return "note"  # a note to self: not a touch, so never the last one
        return self.rng.choices(kinds, weights)[0]

    def interaction(self, index: int, person: PersonSpec, days_ago: float, last: bool) -> InteractionSpec:
        rng = self.rng
        kind = self.kind_for(person, last)
        direction = "outbound" if kind == "note" or rng.random() < 0.6 else "inbound"
        when = self.moment(days_ago)
        # Busy season: most outbound touches in those weeks never happened; what
        # contact there was, they started.
        tries = 0
        while direction == "outbound" and self.in_dip(when) and tries < 3 and rng.random() < 0.85:
            if last:
                direction = "inbound"
                break
            assert person.last_touch_days is not None  # histories: only the touched get interactions
            when = self.moment(rng.uniform(person.last_touch_days, person.known_days))
            tries += 1
        people: tuple[int, ...] = (index,)
        if kind in ("meeting", "event") and rng.random() < 0.08:
            people += (rng.randrange(len(self.people)),)
        templates = words.SUMMARIES.get((kind, direction)) or words.SUMMARIES[(kind, "outbound")]
        summary = rng.choice(templates).format(topic=rng.choice(words.TOPICS), city=rng.choice(words.CITIES))
        spec = InteractionSpec(
            kind=kind, direction=direction, occurred_at=when, people=tuple(dict.fromkeys(people)), summary=summary
        )
        roll = rng.random()
        if roll < 0.12:
            spec.confidentiality = "shareable"
        elif roll < 0.14 and kind in ("call", "meeting"):
            spec.confidentiality = "confidential"
            spec.body = rng.choice(words.NOTES_CONFIDENTIAL).format(**person.grammar(rng))
        if direction == "inbound" and kind in REPLYABLE and rng.random() < 0.3:
            # An answered reply: history for response-time statistics.
            spec.awaiting_reply = True
            spec.replied_at = min(when + timedelta(hours=rng.uniform(1, 60)), self.now - timedelta(minutes=5))
        return spec

    def histories(self) -> None:
        people = self.people
        replies = self.replies_owed_count()
        target = None if self.scale.interactions is None else self.scale.interactions - replies
        for index, (person, count) in enumerate(zip(people, self.counts(people, target))):
            if not count:
                continue
            gap = person.last_touch_days
            assert gap is not None  # counts() gives no touches to the never-touched
            span = (gap + 1, person.known_days)
            for n in range(count):
                last = n == count - 1
                days_ago = gap if last else self.rng.uniform(*span)
                self.add(self.interaction(index, person, days_ago, last))
        self.replies_owed(replies)

    def add(self, spec: InteractionSpec) -> None:
        number = len(self.interactions)
        self.interactions.append(spec)
        for person in spec.people:
            latest = self.last_of.get(person)
            if latest is None or self.interactions[latest].occurred_at < spec.occurred_at:
                self.last_of[person] = number

    def replies_owed_count(self) -> int:
        return min(8, max(5, self.scale.people // 50))

    def replies_owed(self, count: int) -> None:
        """Inbound emails, calls and messages from the last few days, still waiting on me."""
        rng = self.rng
        candidates = [i for i, p in enumerate(self.people) if p.circle != "outer" and p.last_touch_days is not None]
        for n, index in enumerate(rng.sample(candidates, min(count, len(candidates)))):
            kind = rng.choice(REPLYABLE)
            # One came in early this morning (still within the window); the rest in the last few days.
            if n == 0:
                when = (self.now - timedelta(minutes=rng.randint(20, 90))).replace(second=0, microsecond=0)
            else:
                when = self.moment(rng.randint(1, 5))
            self.add(
                InteractionSpec(
                    kind=kind,
                    direction="inbound",
                    occurred_at=when,
                    people=(index,),
                    summary=rng.choice(words.REPLY_ASKS[kind]),
                    awaiting_reply=True,
                )
            )

    def finish_people(self) -> None:
        """The rhythm anchor is the latest real touch, whatever the plan said."""
        for person in self.people:
            person.last_touch_at = None
        for spec in self.interactions:
            if spec.kind == "note":
                continue
            for index in spec.people:
                person = self.people[index]
                if person.last_touch_at is None or spec.occurred_at > person.last_touch_at:
                    person.last_touch_at = spec.occurred_at
        for person in self.people:
            if person.last_touch_at is not None and person.created_at > person.last_touch_at:
                person.created_at = person.last_touch_at - timedelta(days=1)

    # -- steps, notes, reviews ---------------------------------------------
    def step_text(self, templates: list[str], person: PersonSpec) -> str:
        other = self.people[self.rng.randrange(len(self.people))].name
        return self.rng.choice(templates).format(first=person.first, other=other, topic=self.rng.choice(words.TOPICS))

    def steps(self) -> None:
        rng, today = self.rng, self.now.date()
        week_end = today + timedelta(days=6 - today.weekday())
        count = self.scale.open_steps if self.scale.open_steps is not None else max(12, self.scale.people // 5)
        weights = [{"inner": 6, "close": 4, "network": 2, "outer": 1}[p.circle] for p in self.people]
        owners = rng.choices(range(len(self.people)), weights, k=count * 2)
        for n, index in enumerate(owners):
            person = self.people[index]
            source = self.last_of.get(index)
            created = self.interactions[source].occurred_at if source is not None else person.created_at
            ball = rng.choices(("mine", "theirs", "both"), (55, 40, 5))[0]
            text = self.step_text(words.THEIR_STEPS if ball == "theirs" else words.MY_STEPS, person)
            if n >= count:  # closed steps: promises kept (or dropped) in the past
                closed = self.moment(rng.uniform(1, person.known_days))
                self.steps_out.append(
                    StepSpec(
                        person=index,
                        text=text,
                        ball=ball,
                        due_on=closed.date() + timedelta(days=rng.randint(-5, 10)),
                        due_firm=True,
                        created_at=closed - timedelta(days=rng.randint(1, 20)),
                        status="done" if rng.random() < 0.9 else "dropped",
                        closed_at=closed,
                    )
                )
                continue
            roll, firm = rng.random(), True
            if roll < 0.16:
                due = today - timedelta(days=rng.randint(1, 20))  # overdue
            elif roll < 0.32:
                due = rng.choice([today + timedelta(days=d) for d in range((week_end - today).days + 1)])
            elif roll < 0.42:
                due, firm = today + timedelta(days=rng.randint(-4, 30)), False  # "soon": a soft date
                text = rng.choice(words.SOFT_STEPS) if ball != "theirs" else text
            elif roll < 0.47:
                due = None
            else:
                due = today + timedelta(days=rng.randint(7, 60))
            if due is not None and created.date() > due:
                created = self.moment((today - due).days + rng.randint(1, 10))
            sentence = ""
            if source is not None and rng.random() < 0.6:  # found in the encounter's notes, as logging does
                sentence = f"I'll {text}." if ball != "theirs" else f"{person.first} will {text}."
            self.steps_out.append(
                StepSpec(
                    person=index,
                    text=text,
                    ball=ball,
                    due_on=due,
                    due_firm=firm,
                    created_at=min(created, self.now),
                    interaction=source,
                    sentence=sentence,
                )
            )

    def notes(self) -> None:
        rng = self.rng
        confidential = max(3, len(self.people) * 6 // 100)
        for index, person in enumerate(self.people):
            fill = dict(
                person.grammar(rng),
                topic=rng.choice(words.TOPICS),
                city=rng.choice(words.CITIES),
                role=rng.choice(words.ROLES),
            )
            when = self.moment(rng.uniform(1, person.known_days))
            if rng.random() < 0.25:
                self.notes_out.append(
                    NoteSpec(index, rng.choice(words.NOTES_SHAREABLE).format(**fill), "shareable", when)
                )
            if rng.random() < 0.15:
                self.notes_out.append(NoteSpec(index, rng.choice(words.NOTES_PRIVATE).format(**fill), "private", when))
        for n, index in enumerate(rng.sample(range(len(self.people)), min(confidential, len(self.people)))):
            person = self.people[index]
            when = self.moment(rng.uniform(1, min(person.known_days, 200)))
            if n % 3 == 2:  # heard from someone else: the note keeps its source
                source = rng.randrange(len(self.people))
                if source != index:
                    self.notes_out.append(
                        NoteSpec(
                            index,
                            rng.choice(words.NOTES_HEARSAY).format(city=rng.choice(words.CITIES)),
                            "confidential",
                            when,
                            source,
                        )
                    )
                    continue
            text = rng.choice(words.NOTES_CONFIDENTIAL).format(**person.grammar(rng))
            self.notes_out.append(NoteSpec(index, text, "confidential", when))

    def reviews(self) -> list[datetime]:
        """Weekly reviews on most Fridays, skipped in the busy season and not yet done this week."""
        done = []
        friday = self.now.date() - timedelta(days=self.now.weekday() + 3)
        for week in range(HISTORY_DAYS // 7):
            day = friday - timedelta(weeks=week)
            if not (self.dip[0] <= day < self.dip[1]) and self.rng.random() < 0.7:
                done.append(datetime.combine(day, time(16, 0), self.zone))
        return sorted(done)

    def build(self) -> Network:
        self.people = make_people(self.rng, self.scale.people, self.now)
        self.interactions: list[InteractionSpec] = []
        self.steps_out: list[StepSpec] = []
        self.notes_out: list[NoteSpec] = []
        self.histories()
        self.finish_people()
        self.steps()
        self.notes()
        return Network(
            now=self.now,
            people=self.people,
            interactions=self.interactions,
            steps=self.steps_out,
            notes=self.notes_out,
            reviews=self.reviews(),
        )


def generate(scale: Scale | int = 300, *, seed: int = 7, now: datetime) -> Network:
    """The network for a scale (or just a number of people), a seed and a moment."""
    if isinstance(scale, int):
        scale = Scale(people=scale)
    if scale.people < 1:
        raise ValueError("a demo network needs at least one person")
    return Builder(scale, seed, now).build()
