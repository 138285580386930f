"""Likely duplicates among a user's active people: reads the few columns matching
needs in two queries, then hands them to the pure matcher (goodwill.habits.dupes)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from goodwill.habits.dupes import DEFAULT_MIN_SCORE, Evidence, Record, find_pairs, nickname_map
from goodwill.models import ContactPoint, Person
from goodwill.services.accounts import settings_for


@dataclass
class DupePair:
    keep_id: int
    keep_name: str
    other_id: int
    other_name: str
    score: int
    evidence: list[Evidence]


def load_records(owner) -> list[Record]:
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
        records.append(Record(
            id=pk, name=name, given=given, family=family, nickname=nick, organization=org or "",
            emails=tuple(mine.get(ContactPoint.EMAIL, ())), phones=tuple(mine.get(ContactPoint.PHONE, ())),
            urls=tuple(mine.get(ContactPoint.URL, ())),
        ))
    return records


def likely_duplicates(owner, *, min_score: int = DEFAULT_MIN_SCORE, limit: int | None = None) -> list[DupePair]:
    records = load_records(owner)
    # Nicknames the user's own cards spell out ("Wolfgang", nickname "Wolfi") count too.
    nicknames = nickname_map([(r.given or r.name.split(" ")[0], r.nickname) for r in records if r.nickname])
    region = settings_for(owner).default_phone_region
    pairs = find_pairs(records, region=region, min_score=min_score, nicknames=nicknames)
    if limit is not None:
        pairs = pairs[:limit]
    names = {r.id: r.name for r in records}
    return [DupePair(p.keep, names[p.keep], p.other, names[p.other], p.score, p.evidence) for p in pairs]
