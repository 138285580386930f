"""Writes a generated network for one owner: bulk inserts in batches, one transaction.

Fast enough for the benchmark scale (100,000 people, 1,000,000 interactions)
on SQLite: rows go in with bulk_create, and primary keys come back from it, so
links (participants, steps, notes) are made without reading anything back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.db import connection, transaction

from goodwill.demo.generator import Network
from goodwill.habits.dupes import org_key
from goodwill.models import (
    Circle,
    ContactPoint,
    Interaction,
    NextStep,
    Note,
    Organization,
    Person,
    Tag,
    WeeklyReview,
)
from goodwill.services import rhythm
from goodwill.services.places import GEO_FIELDS

BATCH = 5000
Progress = Callable[[int], None]  # called with how many more rows were written


@dataclass
class LoadReport:
    people: int
    interactions: int
    open_steps: int
    notes: int
    duplicates: int = 0  # people among `people` who are planted copies of others (demo/duplicates.py)


def batches(items: Iterable, size: int = BATCH) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _named(model, owner, names: Iterable[str]) -> dict[str, int]:
    """Ids for names (organizations, tags), creating the ones the owner lacks."""
    wanted = list(dict.fromkeys(names))
    existing = dict(model.objects.filter(owner=owner, name__in=wanted).values_list("name", "pk"))
    fresh = [model(owner=owner, name=n) for n in wanted if n not in existing]
    if model is Organization:
        for org in fresh:
            org.key = org_key(org.name)  # bulk_create skips save(), which sets it
    created = model.objects.bulk_create(fresh)
    existing.update({row.name: row.pk for row in created})
    return existing


def _placer() -> Callable[[Person, str], None]:
    """Geocode each distinct place once (offline), then copy its fields onto people."""
    from goodwill.services.places import locate

    located: dict[str, Person] = {}

    def place(person: Person, text: str) -> None:
        if text not in located:
            located[text] = probe = Person(location=text)
            locate(probe)
        person.location = text
        for name in GEO_FIELDS:
            setattr(person, name, getattr(located[text], name))

    return place


def _people(owner, network: Network, progress: Progress) -> list[int]:
    circles = {c.name: c for c in Circle.objects.filter(owner=owner)}
    place = _placer()
    orgs = _named(Organization, owner, (p.organization for p in network.people if p.organization))
    tags = _named(Tag, owner, (t for p in network.people for t in p.tags))
    pks: list[int] = []
    for chunk in batches(network.people):
        rows = []
        for spec in chunk:
            person = Person(
                owner=owner,
                name=spec.name,
                organization_id=orgs.get(spec.organization),
                title=spec.title,
                circle=circles.get(spec.circle),
                cadence_days=spec.cadence_days,
                snoozed_until=spec.snoozed_until,
                how_met=spec.how_met,
                birthday=spec.birthday,
                created_at=spec.created_at,
                updated_at=spec.last_touch_at or spec.created_at,
                last_touch_at=spec.last_touch_at,
            )
            if spec.location:
                place(person, spec.location)
            rows.append(rhythm.refresh(person, save=False))  # the rhythm cache, exactly as the app keeps it
        pks += [row.pk for row in Person.objects.bulk_create(rows)]
        progress(len(rows))
    introduced = [
        Person(pk=pks[i], introduced_by_id=pks[p.introduced_by])
        for i, p in enumerate(network.people)
        if p.introduced_by is not None
    ]
    Person.objects.bulk_update(introduced, ["introduced_by"], batch_size=BATCH)
    PersonTag = Person.tags.through
    PersonTag.objects.bulk_create(
        PersonTag(person_id=pks[i], tag_id=tags[t]) for i, p in enumerate(network.people) for t in p.tags
    )
    _contact_points(owner, network, pks)
    return pks


def _contact_points(owner, network: Network, pks: list[int]) -> None:
    def rows():
        for i, spec in enumerate(network.people):
            for n, email in enumerate(spec.emails):
                yield ContactPoint(
                    owner=owner,
                    person_id=pks[i],
                    kind="email",
                    value=email,
                    normalized=email.lower(),
                    label="work" if n == 0 else "home",
                    preferred=n == 0,
                )
            for phone in spec.phones:
                yield ContactPoint(
                    owner=owner,
                    person_id=pks[i],
                    kind="phone",
                    value=phone,
                    normalized="+" + "".join(ch for ch in phone if ch.isdigit()),
                    label="mobile",
                )

    for chunk in batches(rows()):
        ContactPoint.objects.bulk_create(chunk)


def _interactions(owner, network: Network, people: list[int], progress: Progress) -> list[int]:
    Participant = Interaction.participants.through
    pks: list[int] = []
    for chunk in batches(network.interactions):
        created = Interaction.objects.bulk_create(
            [
                Interaction(
                    owner=owner,
                    kind=s.kind,
                    direction=s.direction,
                    occurred_at=s.occurred_at,
                    summary=s.summary,
                    body=s.body,
                    confidentiality=s.confidentiality,
                    awaiting_reply=s.awaiting_reply,
                    replied_at=s.replied_at,
                    created_at=s.occurred_at,
                )
                for s in chunk
            ]
        )
        Participant.objects.bulk_create(
            [
                Participant(interaction_id=row.pk, person_id=people[index])
                for row, spec in zip(created, chunk)
                for index in spec.people
            ]
        )
        pks += [row.pk for row in created]
        progress(len(chunk))
    return pks


def _steps_and_notes(owner, network: Network, people: list[int], interactions: list[int], progress: Progress) -> None:
    for chunk in batches(network.steps):
        NextStep.objects.bulk_create(
            [
                NextStep(
                    owner=owner,
                    person_id=people[s.person],
                    text=s.text,
                    ball=s.ball,
                    due_on=s.due_on,
                    due_firm=s.due_firm,
                    status=s.status,
                    created_at=s.created_at,
                    closed_at=s.closed_at,
                    source_sentence=s.sentence,
                    interaction_id=interactions[s.interaction] if s.interaction is not None else None,
                )
                for s in chunk
            ]
        )
        progress(len(chunk))
    for chunk in batches(network.notes):
        Note.objects.bulk_create(
            [
                Note(
                    owner=owner,
                    person_id=people[n.person],
                    text=n.text,
                    confidentiality=n.confidentiality,
                    source_id=people[n.source] if n.source is not None else None,
                    created_at=n.created_at,
                )
                for n in chunk
            ]
        )
        progress(len(chunk))
    WeeklyReview.objects.bulk_create([WeeklyReview(owner=owner, done_at=when, reviewed=12) for when in network.reviews])


def _roomy_cache() -> None:
    # A bigger page cache keeps index inserts in memory during a large load.
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB


def load(owner, network: Network, progress: Progress | None = None) -> LoadReport:
    """Write the network for `owner` (whose circles must exist) in one transaction."""
    progress = progress or (lambda rows: None)
    _roomy_cache()
    with transaction.atomic():
        people = _people(owner, network, progress)
        interactions = _interactions(owner, network, people, progress)
        _steps_and_notes(owner, network, people, interactions, progress)
    return LoadReport(
        people=len(people),
        interactions=len(interactions),
        open_steps=sum(1 for s in network.steps if s.status == "open"),
        notes=len(network.notes),
    )
