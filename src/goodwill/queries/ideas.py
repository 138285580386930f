"""How can I bring value to them today? Concrete ideas for one person, from the data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import F, Q

from goodwill.habits.matching import build_query, concept_weights
from goodwill.habits.meaning.pieces import pieces
from goodwill.habits.meaning.score import CLOSE_TO_BEST, digest, score_person
from goodwill.models import Confidentiality, Introduction, Item, NextStep, Person, ProfileEntry
from goodwill.models.base import Owner
from goodwill.queries.compiled import Compiled
from goodwill.queries.compiled_records import CompiledRecords
from goodwill.queries.privacy import summary_shown

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


# A person page builds its ideas every time it is built: each read's SQL is compiled once.
MAX_NEEDS = 5  # the latest needs an introduction may answer
_NEEDS = Compiled(
    # The needs an introduction may answer: confidential ones stay on their page. Undated ones
    # last on both databases, as _needs_among orders a page's entries.
    lambda owner_id, person_id: (
        ProfileEntry.objects.filter(owner_id=owner_id, person_id=person_id, kind="need", active=True)
        .exclude(confidentiality=Confidentiality.CONFIDENTIAL)
        .order_by(F("since").desc(nulls_last=True), "-id")
        .values_list("text", flat=True)[:MAX_NEEDS]
    )
)
_INTRODUCED = Compiled(  # whom they were introduced to, or who to them
    lambda owner_id, person_id: (
        Introduction.objects.filter(owner_id=owner_id)
        .filter(Q(person_a_id=person_id) | Q(person_b_id=person_id))
        .values_list("person_a_id", "person_b_id")
    )
)
_RECENT_ITEMS = CompiledRecords(
    Item,
    lambda owner_id, person_id, since: (
        Item.objects.filter(owner_id=owner_id, created_at__date__gte=since)
        .exclude(shares__person_id=person_id)
        .order_by("-created_at")[:50]
    ),
)
_FOLLOW_UPS = CompiledRecords(
    Introduction,
    lambda owner_id, person_id, today: Introduction.objects.filter(
        Q(person_a_id=person_id) | Q(person_b_id=person_id),
        owner_id=owner_id,
        status__in=Introduction.OPEN_STATUSES + ("met",),
        follow_up_on__lte=today,
    ),
)


def _needs(owner: Owner, person: Person, known: PageReads | None) -> list[str]:
    if known is None:
        return _NEEDS.rows(owner_id=owner.pk, person_id=person.pk)
    return _needs_among(known.profile)


def _needs_among(profile: list[ProfileEntry]) -> list[str]:
    """_NEEDS, from the person's entries a page read already (profile_of, closed ones too)."""
    needs = [e for e in profile if e.kind == "need" and e.active and e.confidentiality != Confidentiality.CONFIDENTIAL]
    needs.sort(key=lambda e: (e.since is not None, e.since or date.min, e.pk), reverse=True)
    return [e.text for e in needs[:MAX_NEEDS]]


def _recent_items(owner: Owner, person: Person, today: date) -> list[Item]:
    since = today - timedelta(days=RECENT_ITEMS_DAYS)
    return _RECENT_ITEMS.records(owner_id=owner.pk, person_id=person.pk, since=since)


def _introductions(owner: Owner, person: Person, needs: list[str], line: float) -> list[Idea]:
    """Whom to introduce them to, for each need, among those over `line` (naming_line). The
    search index is current (ideas_for)."""
    from goodwill.queries.pass_on import rank_people
    from goodwill.search import vectors

    ideas: list[Idea] = []
    if not needs:
        return ideas
    done = {pid for pair in _INTRODUCED.rows(owner_id=owner.pk, person_id=person.pk) for pid in pair}
    for need in needs:
        query = build_query(need)
        if not query.concepts:
            continue
        # The need is one of this person's fields, so its vector is in the index already;
        # the reason quotes the whole need, not which of its words met the offer: no model runs.
        own = pieces("need", need)
        matches = rank_people(
            owner,
            query,
            exclude={person.pk} | done,
            limit=PER_NEED,
            kinds={"offer", "role", "tag"},
            min_score=line,  # an idea names only someone who stands out
            query_vector=vectors.stored(owner.pk, digest(own[0])) if own else None,
            say_which_words=False,
            indexed=True,
        )
        for m in matches:
            if m.score < CLOSE_TO_BEST * matches[0].score:
                break  # a distant second: only the best and anyone nearly as good
            top = m.reasons[0]
            ideas.append(
                Idea(
                    "introduce",
                    f"Introduce them to {m.name}",
                    f'they need "{need}"; {m.name} — {top.describe()}',
                    Action("propose-intro", person=_named(person), other=Named(m.person_id, m.name), why=need),
                )
            )
    return ideas


def _items(owner: Owner, person: Person, today: date, recent: list[Item], line: float) -> list[Idea]:
    """Kept items they would care about, scored over `line` (naming_line). The search index is
    current (ideas_for)."""
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
            match.reasons  # words alone (naming_line 0) may find no reason at all
            and match.score >= line
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


@dataclass(frozen=True)
class PageReads:
    """What a Person page has read already, so its ideas don't read it again."""

    my_steps: list[NextStep]  # open, the ball mine or both, by due date (PersonPage.my_steps)
    owed: list[tuple[str, str, str]]  # replies owed to them, oldest first (queries.owed.owed_to)
    profile: list[ProfileEntry]  # their needs, interests and offers, closed ones too (profile_of)


def ideas_for(owner: Owner, person: Person, today: date | None = None, *, known: PageReads | None = None) -> list[Idea]:
    """Concrete ways to help this person, most pressing first (promises, replies, then the rest)."""
    from goodwill.queries.ledger import person_balance, person_exchanges
    from goodwill.queries.owed import owed_to
    from goodwill.queries.people import my_open_steps

    person.check_owner(owner)
    if today is None:
        from goodwill import clock

        today = clock.today()
    ideas: list[Idea] = []
    mine = {"owner_id": owner.pk, "person_id": person.pk}
    for step in known.my_steps if known is not None else my_open_steps(person):
        late = f" (due {step.due_on:%d %b})" if step.due_on else ""
        ideas.append(
            Idea(
                "promise",
                f"Keep your promise: {step.text}{late}",
                "a promise you made",
                Action("close-step", step=step.pk),
            )
        )
    for kind, summary, confidentiality in (known.owed if known is not None else owed_to(owner, person))[:3]:
        # A confidence stays on its person's page: the idea says a reply is owed, not what was said.
        ideas.append(
            Idea(
                "reply",
                f"Answer their {kind}: {summary_shown(summary, confidentiality)}",
                "a reply you owe",
                Action("replied", person=_named(person)),
            )
        )
    needs, recent = _needs(owner, person, known), _recent_items(owner, person, today)
    if needs or recent:
        from goodwill import search
        from goodwill.queries.pass_on import naming_line
        from goodwill.search import vectors

        search.ensure_current(owner)  # once, for every need's ranking and the items
        named_from = naming_line(owner)
        with vectors.settled():  # and the vector index checked once for them all
            ideas += _introductions(owner, person, needs, named_from)
            ideas += _items(owner, person, today, recent, named_from)
    for intro in _FOLLOW_UPS.records(**mine, today=today):
        ideas.append(
            Idea(
                "intro_follow_up",
                f"Follow up on introduction #{intro.pk} ({intro.get_status_display()})",
                intro.why,
                Action("intro-show", intro=intro.pk),
            )
        )
    exchanged = person_exchanges(owner, person)
    pending = [e for e in reversed(exchanged) if e.status == "pending" and e.direction == "given"]
    for entry in pending[:2]:  # the latest two
        ideas.append(
            Idea(
                "referral",
                f"Ask how the {entry.kind} is going: {entry.description or entry.kind}",
                f"given on {entry.occurred_on:%d %b %Y}, still pending",
                Action("ledger-status", entry=entry.pk),
            )
        )
    line = person_balance(owner, person, exchanged)
    if line is not None and line.equity < 0 and line.received >= 2:
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
