"""How can I bring value to them today? Concrete ideas for one person, from the data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from goodwill.habits.matching import build_query, concept_weights, score_candidate
from goodwill.models import Confidentiality, Exchange, Interaction, Introduction, Item, NextStep, Person, ProfileEntry
from goodwill.models.base import Owner
from goodwill.queries.privacy import listed_summary

RECENT_ITEMS_DAYS = 90
PER_NEED = 2


@dataclass
class Idea:
    kind: str  # introduce, pass_on, promise, reply, return_favour, referral, intro_follow_up, birthday
    text: str
    why: str = ""
    command: str = ""
    # What an action on this idea needs (the web offers one): step, person + why, text + url, intro, entry.
    refs: dict[str, Any] = field(default_factory=dict)


def _quote(name: str) -> str:
    return f'"{name}"'


def _introductions(owner: Owner, person: Person, today: date) -> list[Idea]:
    from goodwill.queries.pass_on import rank_people

    ideas = []
    needs = (
        ProfileEntry.objects.filter(owner=owner, person=person, kind="need", active=True)
        .exclude(confidentiality=Confidentiality.CONFIDENTIAL)
        .order_by("-since", "-id")[:5]
    )
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
        matches = rank_people(owner, query, exclude={person.pk} | done, limit=PER_NEED, kinds={"offer", "role", "tag"})
        for m in matches:
            top = m.reasons[0]
            ideas.append(
                Idea(
                    "introduce",
                    f"Introduce them to {m.name}",
                    f'they need "{need.text}"; {m.name} — {top.describe()}',
                    f'goodwill intro propose {_quote(person.name)} {_quote(m.name)} --why "{need.text}"',
                    {"person": m.person_id, "why": need.text},
                )
            )
    return ideas


def _items(owner: Owner, person: Person, today: date) -> list[Idea]:
    from goodwill.queries.pass_on import shares_of_item
    from goodwill.search.documents import candidates

    recent = list(
        Item.objects.filter(owner=owner, created_at__date__gte=today - timedelta(days=RECENT_ITEMS_DAYS))
        .exclude(shares__person=person)
        .order_by("-created_at")[:50]
    )
    if not recent:
        return []
    found = candidates([person.pk])
    if not found:
        return []
    (me,) = found
    me.fields = [f for f in me.fields if f.kind in ("need", "interest", "offer", "role")]
    ideas = []
    for item in recent:
        query = build_query(item.title, item.tags)
        if not query.concepts:
            continue
        match = score_candidate(query, concept_weights(query, [me], 50), me, today)
        if (
            match.score > 0
            and match.reasons[0].kind in ("need", "interest")
            and not shares_of_item(owner, item.title, item.url).filter(person=person).exists()
        ):  # got it under another link
            ideas.append(
                Idea(
                    "pass_on",
                    f'Pass on "{item.title}"',
                    match.reasons[0].describe(),
                    f"goodwill pass-on {_quote(item.title)} --to {_quote(person.name)}"
                    + (f" --url {item.url}" if item.url else ""),
                    {"text": item.title, "url": item.url},
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
                f"goodwill done {step.pk}",
                {"step": step.pk},
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
                f"goodwill replied {_quote(person.name)}",
            )
        )
    ideas += _introductions(owner, person, today)
    ideas += _items(owner, person, today)
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
                f"goodwill intro show {intro.pk}",
                {"intro": intro.pk},
            )
        )
    pending = Exchange.objects.filter(owner=owner, person=person, status="pending", direction="given")
    for row in pending[:2]:
        ideas.append(
            Idea(
                "referral",
                f"Ask how the {row.kind} is going: {row.description or row.kind}",
                f"given on {row.occurred_on:%d %b %Y}, still pending",
                f"goodwill ledger status {row.pk} won|lost",
                {"entry": row.pk},
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
                        refs={"due": day.isoformat()},
                    )
                )
                break
    return ideas
