"""Keeping the firm's stored strengths (models.PersonStrength) up to date.

A row is refreshed when it is missing, marked stale (an encounter with the person changed:
the triggers in goodwill.strength_stale) or computed before today (scores decay as days pass).
Refreshing works in committed chunks of people, each chunk read with a few grouped queries
(queries.strength.shared_events_many), so the daily refresh of a whole firm never holds one
long transaction and a request never waits for it.

Order inside a chunk, so a change made meanwhile is never lost: first the rows are created
or cleared (stale = false), then the encounters are read, then the scores are written without
touching `stale`. An encounter logged after the clear marks the row stale again (the trigger
waits for this chunk's row locks), and the next refresh picks it up."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from goodwill import clock
from goodwill.models import Member, Person, PersonStrength
from goodwill.models.base import Owner
from goodwill.queries.firm_strength import computed_trends, stored_parts

CHUNK = 2000
EPOCH = date(1970, 1, 1)  # computed_on of a row made but not yet scored: never "fresh"
SCORED_FIELDS = ["owner", "score", "score_quarter_ago", "parts", "last_met", "computed_on"]


@dataclass(frozen=True)
class Refreshed:
    people: int  # rows recomputed
    chunks: int

    @property
    def summary(self) -> str:
        return f"refreshed {self.people} stored strength{'' if self.people == 1 else 's'}"


def due(today: date) -> Q:
    """People whose stored row is missing, stale or from before `today`."""
    fresh = PersonStrength.objects.filter(person_id=OuterRef("pk"), stale=False, computed_on__gte=today)
    return ~Q(Exists(fresh))


def firm_owner_ids() -> list[int]:
    """Whose networks the stored strengths cover: the firm's active professionals, once there
    are colleagues to share with (a laptop's one user has none: its reads compute the few
    people they ask for)."""
    departed = Member.objects.filter(departed_at__isnull=False).values("user_id")
    ids = list(get_user_model().objects.filter(is_active=True).exclude(pk__in=departed).values_list("pk", flat=True))
    return ids if len(ids) > 1 else []


def refresh(person_ids: Iterable[int] | None = None, today: date | None = None, *, chunk: int = CHUNK) -> Refreshed:
    """Recompute the stored rows that are due, for these people (or for everyone a firm member
    owns, when None), in committed chunks."""
    today = today or clock.today()
    people = Person.objects.filter(due(today))
    if person_ids is None:
        people = people.filter(owner_id__in=firm_owner_ids())
    else:
        people = people.filter(pk__in=list(person_ids))
    return _refresh(people, today, chunk)


def refresh_owner(owner: Owner, today: date | None = None, *, chunk: int = CHUNK) -> Refreshed:
    """The daily refresh of one member's network (a scheduled run per member: jobs.kinds)."""
    today = today or clock.today()
    return _refresh(Person.objects.filter(due(today), owner=owner), today, chunk)


def refresh_stale(today: date | None = None, *, limit: int = CHUNK) -> Refreshed:
    """Up to `limit` rows marked stale since they were computed (what the worker's scheduler
    loop refreshes every tick, so a logged encounter is stored within a minute)."""
    today = today or clock.today()
    ids = list(PersonStrength.objects.filter(stale=True).order_by().values_list("person_id", flat=True)[:limit])
    return refresh(ids, today, chunk=limit) if ids else Refreshed(0, 0)


def _refresh(people, today: date, chunk: int) -> Refreshed:
    pairs = list(people.order_by("pk").values_list("pk", "owner_id"))
    done = chunks = 0
    for part in _chunks(pairs, chunk):
        _refresh_chunk(part, today)
        done += len(part)
        chunks += 1
    return Refreshed(done, chunks)


def _refresh_chunk(pairs: list[tuple[int, int]], today: date) -> None:
    owners = dict(pairs)
    with transaction.atomic():
        # Made if missing, and cleared: a change from here on marks the row stale again.
        PersonStrength.objects.bulk_create(
            [
                PersonStrength(
                    person_id=pk, owner_id=owner_id, score=1, score_quarter_ago=0, computed_on=EPOCH, stale=False
                )
                for pk, owner_id in pairs
            ],
            update_conflicts=True,
            unique_fields=["person"],
            update_fields=["stale"],
        )
        trends = computed_trends(list(owners), today)
        PersonStrength.objects.bulk_create(
            [
                PersonStrength(
                    person_id=pk,
                    owner_id=owners[pk],
                    score=trend.now.score,
                    score_quarter_ago=trend.quarter_ago,
                    parts=stored_parts(trend.now),
                    last_met=trend.now.last_met,
                    computed_on=today,
                    stale=False,
                )
                for pk, trend in trends.items()
            ],
            update_conflicts=True,
            unique_fields=["person"],
            update_fields=SCORED_FIELDS,
        )


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
