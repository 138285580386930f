"""Introductions, read side: the board by status, follow-ups due, and suggested pairs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from goodwill.choice_values import INTRO_OPEN_STATUSES, INTRO_STATUSES
from goodwill.queries.compiled import Compiled

if TYPE_CHECKING:  # numpy and the meaning model load with suggest_pairs: `goodwill today` needs neither (~0.1 s)
    import numpy as np
    from django.db.models import QuerySet

    from goodwill.habits.matching import Reason
    from goodwill.models import Introduction, Person, ProfileEntry
    from goodwill.models.base import Owner

BOARD_ORDER = ["asked_a", "asked_b", "introduced", "met", "business", "nothing", "declined", "proposed"]
WAITING = {
    "proposed": "ask {a}",
    "asked_a": "waiting for {a}'s answer",
    "asked_b": "waiting for {b}'s answer",
    "introduced": "ask how the meeting went",
    "met": "did business come of it?",
}


@dataclass
class IntroRow:
    id: int
    status: str
    status_label: str
    a: str
    b: str
    why: str
    created_on: date
    follow_up_on: date | None
    next: str
    declined_by: str = ""
    outcome_note: str = ""


# IntroRow's fields as stored, in _values order: the agenda reads them as plain values (queries.compiled).
_FIELDS = (
    "id",
    "status",
    "person_a__name",
    "person_b__name",
    "why",
    "created_at",
    "follow_up_on",
    "declined_by",
    "outcome_note",
)
_LABELS = dict(INTRO_STATUSES)


def _row(intro: Introduction) -> IntroRow:
    return _values(
        intro.pk,
        intro.status,
        intro.person_a.name,
        intro.person_b.name,
        intro.why,
        intro.created_at,
        intro.follow_up_on,
        intro.declined_by,
        intro.outcome_note,
    )


def _values(
    pk: int,
    status: str,
    a: str,
    b: str,
    why: str,
    created_at: datetime,
    follow_up_on: date | None,
    declined_by: str,
    outcome_note: str,
) -> IntroRow:
    return IntroRow(
        pk,
        status,
        _LABELS.get(status, status),
        a,
        b,
        why,
        created_at.date(),
        follow_up_on,
        WAITING.get(status, "").format(a=a, b=b),
        declined_by,
        outcome_note,
    )


def board(owner: Owner, *, status: str | None = None, person: Person | None = None) -> dict[str, list[IntroRow]]:
    from goodwill.models import Introduction

    rows = (
        Introduction.objects.filter(owner=owner).select_related("person_a", "person_b").order_by("-updated_at", "-id")
    )
    if status:
        rows = rows.filter(status=status)
    if person is not None:
        rows = rows.filter(person_a=person) | rows.filter(person_b=person)
    grouped: dict[str, list[IntroRow]] = {s: [] for s in BOARD_ORDER}
    for intro in rows:
        grouped[intro.status].append(_row(intro))
    return {s: r for s, r in grouped.items() if r}


def _follow_ups(owner_id: int, today: date) -> QuerySet[Introduction, tuple[Any, ...]]:
    from goodwill.models import Introduction

    return (
        Introduction.objects.filter(
            owner_id=owner_id, follow_up_on__lte=today, status__in=INTRO_OPEN_STATUSES + ("met",)
        )
        .order_by("follow_up_on", "id")
        .values_list(*_FIELDS)
    )


FOLLOW_UPS = Compiled(_follow_ups)


def follow_ups_due(owner: Owner, today: date) -> list[IntroRow]:
    """Open introductions whose follow-up day has come, the oldest first (on every Today)."""
    return [_values(*row) for row in FOLLOW_UPS.rows(owner_id=owner.pk, today=today)]


@dataclass
class PairSuggestion:
    needs_id: int
    needs_name: str
    need: str
    offers_id: int
    offers_name: str
    offer: str
    score: float
    reason: str


def suggest_pairs(
    owner: Owner, *, limit: int = 10, person: Person | None = None, today: date | None = None, max_needs: int = 300
) -> list[PairSuggestion]:
    """Pairs where one's open need matches the other's offers (or role), best first.

    Pairs already introduced (in any state) are left out, and so are archived people
    and confidential entries."""
    from goodwill.habits.matching import build_query, concept_weights
    from goodwill.habits.meaning.score import score_person
    from goodwill.models import Confidentiality, Introduction, ProfileEntry
    from goodwill.queries.pass_on import meaning_vectors, naming_line
    from goodwill.search.documents import candidates

    live = ProfileEntry.objects.filter(owner=owner, active=True, person__archived_at__isnull=True).exclude(
        confidentiality=Confidentiality.CONFIDENTIAL
    )
    needs = live.filter(kind="need").select_related("person").order_by("-since", "-id")
    if person is not None:
        needs = needs.filter(person=person)
    shown = list(needs[:max_needs])
    helper_ids = sorted(set(live.filter(kind="offer").values_list("person_id", flat=True)))
    helpers = candidates(helper_ids)
    for c in helpers:
        c.fields = [f for f in c.fields if f.kind in ("offer", "role")]
    found = meaning_vectors(owner, sorted(set(helper_ids) | {n.person_id for n in shown}))
    line = naming_line(owner)  # after meaning_vectors brought the index up to date
    need_vectors = _need_vectors(shown, found)
    done = set()
    for a, b in Introduction.objects.filter(owner=owner).values_list("person_a_id", "person_b_id"):
        done |= {(a, b), (b, a)}
    best: dict[tuple[int, int], PairSuggestion] = {}
    for need in shown:
        query = build_query(need.text)
        if not query.concepts:
            continue
        pool = [c for c in helpers if c.person_id != need.person_id and (need.person_id, c.person_id) not in done]
        weights = concept_weights(query, pool, len(helpers) + 1)
        for c in pool:
            match = score_person(query, weights, c, need_vectors[need.pk], found.get(c.person_id, {}), today)
            # What they offer must be among the reasons (a title alone is not an offer to help).
            top = next((r for r in match.reasons if r.kind == "offer"), None)
            if match.score < line or top is None:
                continue
            key = (need.person_id, c.person_id)
            if key not in best or best[key].score < match.score:
                best[key] = PairSuggestion(
                    need.person_id,
                    need.person.name,
                    need.text,
                    c.person_id,
                    c.name,
                    top.text,
                    round(match.score, 3),
                    f'{need.person.name} needs "{need.text}"; {c.name} offers "{top.text}" ({_why(top)})',
                )
    ranked = sorted(best.values(), key=lambda s: (-s.score, s.needs_name, s.offers_name))
    # A board of variety: each person's need once, each helper at most twice.
    result: list[PairSuggestion] = []
    needing: set[int] = set()
    helping: dict[int, int] = {}
    for s in ranked:
        if s.needs_id in needing or helping.get(s.offers_id, 0) >= 2:
            continue
        needing.add(s.needs_id)
        helping[s.offers_id] = helping.get(s.offers_id, 0) + 1
        result.append(s)
        if len(result) == limit:
            break
    return result


def _need_vectors(needs: list[ProfileEntry], found: dict[int, dict[str, np.ndarray]]) -> dict[int, np.ndarray]:
    """Each need's vector: the one its person's document already has, else encoded now."""
    from goodwill.habits.meaning import encode
    from goodwill.habits.meaning.pieces import pieces
    from goodwill.habits.meaning.score import digest

    # A need is one piece (pieces() evens out its spaces): its digest finds the stored vector.
    result = {n.pk: found.get(n.person_id, {}).get(digest(next(iter(pieces("need", n.text)), ""))) for n in needs}
    missing = [n for n in needs if result[n.pk] is None]
    for n, vector in zip(missing, encode([n.text for n in missing])):
        result[n.pk] = vector
    return {pk: v for pk, v in result.items() if v is not None}


def _why(reason: Reason) -> str:
    return f"matched {', '.join(reason.matched)}" if reason.matched else "close in meaning"
