"""Likely duplicates among a user's active people: reads the few columns matching
needs in two queries, then hands them to the pure matcher (goodwill.habits.dupes);
pairs the user dismissed as "not the same person" are left out unless asked for."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from goodwill.habits.dupes import DEFAULT_MIN_SCORE, Evidence, Record, find_pairs, nickname_map
from goodwill.models import ContactPoint, DupeDismissal, Person
from goodwill.models.base import Owner
from goodwill.queries.people import holdings
from goodwill.queries.user_settings import settings_for


@dataclass
class DupePair:
    keep_id: int
    keep_name: str
    other_id: int
    other_name: str
    score: int
    evidence: list[Evidence]
    dismissed: bool = False  # the user said these are two different people


@dataclass
class DupeList:
    pairs: list[DupePair]
    hidden: int  # dismissed pairs left out


def load_records(owner: Owner) -> list[Record]:
    points: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for person_id, kind, value, normalized in ContactPoint.objects.filter(
        owner=owner, person__archived_at__isnull=True
    ).values_list("person_id", "kind", "value", "normalized"):
        # Emails are compared lower-cased; phones as E.164 when stored so, else as written.
        points[person_id][kind].append(normalized if kind != ContactPoint.URL else value)
    records = []
    for pk, name, given, family, nick, org in Person.objects.filter(owner=owner, archived_at__isnull=True).values_list(
        "pk", "name", "given_name", "family_name", "nickname", "organization__name"
    ):
        mine = points.get(pk, {})
        records.append(
            Record(
                id=pk,
                name=name,
                given=given,
                family=family,
                nickname=nick,
                organization=org or "",
                emails=tuple(mine.get(ContactPoint.EMAIL, ())),
                phones=tuple(mine.get(ContactPoint.PHONE, ())),
                urls=tuple(mine.get(ContactPoint.URL, ())),
            )
        )
    return records


def dismissed_keys(owner: Owner) -> set[tuple[int, int]]:
    """Every pair the owner dismissed, as (lower id, higher id): the order find_pairs gives."""
    return set(DupeDismissal.objects.filter(owner=owner).values_list("person_a_id", "person_b_id"))


def find_duplicates(
    owner: Owner, *, min_score: int = DEFAULT_MIN_SCORE, limit: int | None = None, include_dismissed: bool = False
) -> DupeList:
    """Likely pairs, strongest first; pairs the user dismissed only with include_dismissed (marked)."""
    records = load_records(owner)
    # Nicknames the user's own cards spell out ("Wolfgang", nickname "Wolfi") count too.
    nicknames = nickname_map([(r.given or r.name.split(" ")[0], r.nickname) for r in records if r.nickname])
    region = settings_for(owner).default_phone_region
    pairs = find_pairs(records, region=region, min_score=min_score, nicknames=nicknames)
    dismissed = dismissed_keys(owner)
    flagged = [(p, (min(p.keep, p.other), max(p.keep, p.other)) in dismissed) for p in pairs]
    hidden = 0
    if not include_dismissed:
        hidden = sum(1 for _, gone in flagged if gone)
        flagged = [(p, gone) for p, gone in flagged if not gone]
    if limit is not None:
        flagged = flagged[:limit]
    names = {r.id: r.name for r in records}
    return DupeList(
        [DupePair(p.keep, names[p.keep], p.other, names[p.other], p.score, p.evidence, gone) for p, gone in flagged],
        hidden,
    )


def likely_duplicates(
    owner: Owner, *, min_score: int = DEFAULT_MIN_SCORE, limit: int | None = None, include_dismissed: bool = False
) -> list[DupePair]:
    return find_duplicates(owner, min_score=min_score, limit=limit, include_dismissed=include_dismissed).pairs


@dataclass
class MergeSide:
    """One of two people about to become one, as a confirmation shows them: their card and
    how much is theirs, never a note's text (a confidence stays on its person's page)."""

    person: Person
    emails: list[str]
    phones: list[str]
    urls: list[str]
    tags: list[str]
    holds: list[str]  # "3 encounters", "1 note"


def merge_side(person: Person) -> MergeSide:
    points = list(person.contact_points.order_by("-preferred", "id").values_list("kind", "value"))
    return MergeSide(
        person=person,
        emails=[value for kind, value in points if kind == ContactPoint.EMAIL],
        phones=[value for kind, value in points if kind == ContactPoint.PHONE],
        urls=[value for kind, value in points if kind == ContactPoint.URL],
        tags=list(person.tags.order_by("name").values_list("name", flat=True)),
        holds=holdings(person),
    )
