"""How can I bring value to them today? Concrete ideas for one person, from the data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from goodwill.habits.matching import build_query, concept_weights
from goodwill.habits.meaning.pieces import pieces
from goodwill.habits.meaning.score import STANDS_OUT, digest, score_person
from goodwill.models import Confidentiality, Exchange, Interaction, Introduction, Item, NextStep, Person, ProfileEntry
from goodwill.models.base import Owner
from goodwill.queries.privacy import listed_summary

RECENT_ITEMS_DAYS = 90
PER_NEED = 2


@dataclass(frozen=True)
class Named:
    id: int
    name: str


@dataclass(frozen=True)
class Action:
    """What doing an idea takes, as data: which kind of action, on which records. Each front
    door renders it its own way (the CLI a command, the web a button to its form, the API
    this), so no door's wording lives here. Only the fields of its kind are set."""

    kind: str  # propose-intro, pass-on, close-step, replied, intro-show, ledger-status
    person: Named | None = None  # replied: who wrote; propose-intro: who needs it; pass-on: to whom
    other: Named | None = None  # propose-intro: who they should meet
    why: str = ""  # propose-intro: why they should meet
    step: int | None = None  # close-step: the step to mark done
    intro: int | None = None  # intro-show: the introduction to follow up
    entry: int | None = None  # ledger-status: the referral or lead, won or lost
    item: int | None = None  # pass-on: the kept item, with its title and link
    title: str = ""
    url: str = ""


@dataclass
class Idea:
    kind: str  # introduce, pass_on, promise, reply, return_favour, referral, intro_follow_up, birthday
    text: str
    why: str = ""
    action: Action | None = None  # None: nothing to do but the deed itself (a birthday note, a favour)
    due: date | None = None  # the day it is for, when there is one (a birthday)


def _named(person: Person) -> Named:
    return Named(person.pk, person.name)


def _needs(owner: Owner, person: Person) -> list[ProfileEntry]:
    """The needs an introduction may answer: confidential ones stay on their page."""
    return list(
        ProfileEntry.objects.filter(owner=owner, person=person, kind="need", active=True)
        .exclude(confidentiality=Confidentiality.CONFIDENTIAL)
        .order_by("-since", "-id")[:5]
    )


def _recent_items(owner: Owner, person: Person, today: date) -> list[Item]:
    return list(
        Item.objects.filter(owner=owner, created_at__date__gte=today - timedelta(days=RECENT_ITEMS_DAYS))
        .exclude(shares__person=person)
        .order_by("-created_at")[:50]
    )


def _introductions(owner: Owner, person: Person, needs: list[ProfileEntry]) -> list[Idea]:
    """Whom to introduce them to, for each need. The search index is current (ideas_for)."""
    from goodwill.queries.pass_on import rank_people
    from goodwill.search import vectors

    ideas: list[Idea] = []
    if not needs:
        return ideas
    done = set()
    for _a, b in (
        Introduction.objects.filter(owner=owner).filter(person_a=person).values_list("person_a_id", "person_b_id")
    ):
        done.add(b)
    for a in Introduction.objects.filter(owner=owner, person_b=person).values_list("person_a_id", flat=True):
        done.add(a)
    for need in needs:
        query = build_query(need.text)
        if not query.concepts:
            continue
        # The need is one of this person's fields, so its vector is in the index already;
        # the reason quotes the whole need, not which of its words met the offer: no model runs.
        own = pieces("need", need.text)
        matches = rank_people(
            owner,
            query,
            exclude={person.pk} | done,
            limit=PER_NEED,
            kinds={"offer", "role", "tag"},
            min_score=STANDS_OUT,  # an idea names only someone who stands out
            query_vector=vectors.stored(owner.pk, digest(own[0])) if own else None,
            say_which_words=False,
            indexed=True,
        )
        for m in matches:
            top = m.reasons[0]
            ideas.append(
                Idea(
                    "introduce",
                    f"Introduce them to {m.name}",
                    f'they need "{need.text}"; {m.name} — {top.describe()}',
                    Action("propose-intro", person=_named(person), other=Named(m.person_id, m.name), why=need.text),
                )
            )
    return ideas


def _items(owner: Owner, person: Person, today: date, recent: list[Item]) -> list[Idea]:
    """Kept items they would care about. The search index is current (ideas_for)."""
    from goodwill.queries.pass_on import item_vector, meaning_vectors, shares_of_item
    from goodwill.search.documents import candidates

    if not recent:
        return []
    found = candidates([person.pk], kinds=("need", "interest", "offer", "role"))
    if not found:
        return []
    (me,) = found
    mine = meaning_vectors(owner, [person.pk], indexed=True).get(person.pk, {})
    ideas = []
    for item in recent:
        query = build_query(item.title, item.tags)
        if not query.concepts:
            continue
        match = score_person(query, concept_weights(query, [me], 50), me, item_vector(item), mine, today)
        if (
            match.score >= STANDS_OUT
            and match.reasons[0].kind in ("need", "interest")
            and not shares_of_item(owner, item.title, item.url).filter(person=person).exists()
        ):  # got it under another link
            ideas.append(
                Idea(
                    "pass_on",
                    f'Pass on "{item.title}"',
                    match.reasons[0].describe(),
                    Action("pass-on", person=_named(person), item=item.pk, title=item.title, url=item.url or ""),
                )
            )
    return ideas[:3]


def ideas_for(owner: Owner, person: Person, today: date | None = None) -> list[Idea]:
    """Concrete ways to help this person, most pressing first (promises, replies, then the rest)."""
    person.check_owner(owner)
    if today is None:
        from goodwill import clock

        today = clock.today()
    ideas: list[Idea] = []
    for step in NextStep.objects.filter(owner=owner, person=person, status="open", ball__in=["mine", "both"]).order_by(
        "due_on", "id"
    ):
        late = f" (due {step.due_on:%d %b})" if step.due_on else ""
        ideas.append(
            Idea(
                "promise",
                f"Keep your promise: {step.text}{late}",
                "a promise you made",
                Action("close-step", step=step.pk),
            )
        )
    owed = Interaction.objects.filter(owner=owner, participants=person, awaiting_reply=True, replied_at__isnull=True)
    for i in owed.order_by("occurred_at")[:3]:
        # A confidence stays on its person's page: the idea says a reply is owed, not what was said.
        ideas.append(
            Idea(
                "reply",
                f"Answer their {i.kind}: {listed_summary(i)}",
                "a reply you owe",
                Action("replied", person=_named(person)),
            )
        )
    needs, recent = _needs(owner, person), _recent_items(owner, person, today)
    if needs or recent:
        from goodwill import search

        search.ensure_current(owner)  # once, for every need's ranking and the items
    ideas += _introductions(owner, person, needs)
    ideas += _items(owner, person, today, recent)
    for intro in Introduction.objects.filter(
        owner=owner, status__in=Introduction.OPEN_STATUSES + ("met",), follow_up_on__lte=today
    ).filter(person_a=person) | Introduction.objects.filter(
        owner=owner, status__in=Introduction.OPEN_STATUSES + ("met",), follow_up_on__lte=today, person_b=person
    ):
        ideas.append(
            Idea(
                "intro_follow_up",
                f"Follow up on introduction #{intro.pk} ({intro.get_status_display()})",
                intro.why,
                Action("intro-show", intro=intro.pk),
            )
        )
    pending = Exchange.objects.filter(owner=owner, person=person, status="pending", direction="given")
    for row in pending[:2]:
        ideas.append(
            Idea(
                "referral",
                f"Ask how the {row.kind} is going: {row.description or row.kind}",
                f"given on {row.occurred_on:%d %b %Y}, still pending",
                Action("ledger-status", entry=row.pk),
            )
        )
    from goodwill.queries.ledger import balance_sheet

    sheet = balance_sheet(owner, today, person=person)
    if sheet.people and sheet.people[0].equity < 0 and sheet.people[0].received >= 2:
        line = sheet.people[0]
        ideas.append(
            Idea(
                "return_favour",
                "Return the favour: you have received more than you have given",
                f"received {line.received} points, given {line.given}",
            )
        )
    if person.birthday:
        month_day = person.birthday[-5:]
        for year in (today.year, today.year + 1):
            try:
                day = date.fromisoformat(f"{year}-{month_day}")
            except ValueError:
                continue
            if 0 <= (day - today).days <= 14:
                ideas.append(
                    Idea(
                        "birthday",
                        f"Birthday on {day:%a %d %b}: send a note",
                        "a personal touch",
                        due=day,
                    )
                )
                break
    return ideas
