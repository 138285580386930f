"""Reading people: lists with filters, search, and one person's page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from goodwill.clock import day_number
from goodwill.errors import InvalidInput
from goodwill.habits.cadence import TouchState
from goodwill.models import (
    Ball,
    ContactPoint,
    Interaction,
    NextStep,
    Note,
    Organization,
    Person,
    StepStatus,
    Tag,
)
from goodwill.models.base import Owner, not_found, owned_id
from goodwill.queries.compiled import Compiled
from goodwill.queries.compiled_records import CompiledRecords
from goodwill.queries.rhythm import state_of

MAX_WORD = 320


def people_list(
    owner: Owner,
    today: date,
    *,
    circle: str | None = None,
    tag: str | None = None,
    due: bool = False,
    overdue: bool = False,
    archived: bool = False,
) -> QuerySet[Person]:
    people = Person.objects.filter(owner=owner, archived_at__isnull=not archived)
    if circle:
        # No circle has a name longer than a search word (and SQLite refuses a LIKE of 50,000).
        people = people.filter(circle__name__iexact=circle) if len(circle) <= MAX_WORD else people.none()
    if tag:
        people = people.filter(tags__name=tag.strip().lstrip("#").lower())
    today_n = day_number(today)
    if due or overdue:
        people = people.filter(due_day__lte=today_n).filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=today))
    if overdue:
        from goodwill.queries.rhythm import overdue_q

        people = people.filter(overdue_q(today))
    return people.select_related("circle", "organization").order_by("name")


def longest(people: QuerySet[Person]) -> dict[str, int]:
    """The widest id, name, organization and circle among `people`, and how many are
    archived: a list's column widths, known before its first row is read (one query)."""
    from django.db.models import Count, Max
    from django.db.models.functions import Length

    scope = Person.objects.filter(pk__in=people.values("pk")) if people.query.is_sliced else people
    found = scope.aggregate(
        id=Max("id"),
        name=Max(Length("name")),
        organization=Max(Length("organization__name")),
        circle=Max(Length("circle__name")),
        archived=Count("archived_at"),
    )
    return {key: value or 0 for key, value in found.items()}


def people_scanned(owner: Owner) -> QuerySet[Person]:
    """The owner's people, for a read that tests more of each row than its name (search by
    words: name, title, organization...). On SQLite (a laptop: every row is the owner's) a scan
    of the table: probing the owner index for each person, row by row, cost four times as much
    at 100,000 people (0.12-0.16 s against 0.03). A read of names alone is better off on the
    owner-and-name index, which holds them (services.people.resolve_person). PostgreSQL chooses
    for itself: a firm's table holds every owner's people."""
    from django.db import connection
    from django.db.models import F

    if connection.vendor == "sqlite":
        return Person.objects.alias(owner_scanned=F("owner_id") + 0).filter(owner_scanned=owner.pk)
    return Person.objects.filter(owner=owner)


# Beyond this many, a name typed without its accents is too common to list by: add a word.
FOLDED_MOST = 5_000


def find_people(owner: Owner, text: str) -> QuerySet[Person]:
    """Match name, organization, tag, email or phone; every word must match somewhere. When
    nothing matches as typed, the people whose name holds the words without their accents,
    case or apostrophes ("zoe" finds Zoë, as services.people.resolve_person does)."""
    words = text.split()
    if not words:
        raise InvalidInput("give something to search for: a name, organization, tag or email")
    if any(len(word) > MAX_WORD for word in words):
        raise InvalidInput(f"a search word is at most {MAX_WORD} characters (an email address is the longest)")
    found = _by_words(owner, words)
    if found.exists():  # stops at the first match; a search that finds nobody reads every row once more
        return found
    return _by_folded_names(owner, text, found)


def _by_words(owner: Owner, words: list[str]) -> QuerySet[Person]:
    # Each word's matches in the other tables as a list of ids (IN a subquery, read once), not
    # joins: joining a person's tags and contact points gave a row per pair, and DISTINCT over
    # them took 0.7 s at 100,000 people.
    people = people_scanned(owner)
    for word in words:
        people = people.filter(
            Q(name__icontains=word)
            | Q(title__icontains=word)
            | Q(organization_id__in=Organization.objects.filter(owner=owner, name__icontains=word).values("pk"))
            | Q(
                pk__in=Person.tags.through.objects.filter(
                    tag__owner=owner, tag__name__iexact=word.lstrip("#").lower()
                ).values("person_id")
            )
            | Q(pk__in=ContactPoint.objects.filter(owner=owner, normalized__icontains=word.lower()).values("person_id"))
        )
    return _listed(people)


def folded_name_matches(people: QuerySet[Person], text: str) -> tuple[list[int], dict[int, str]]:
    """The ids of `people` whose name holds the words of `text` without case, accents or
    apostrophes (habits.name_words.named), and the names read to find them (id: name). Names
    alone, read unsorted: the owner-and-name index holds them, and sorting them by name was
    three quarters of the read at 100,000 people."""
    from goodwill.habits.name_words import named

    names = dict(people.order_by().values_list("pk", "name"))
    return named(text, names), names


def _by_folded_names(owner: Owner, text: str, nobody: QuerySet[Person]) -> QuerySet[Person]:
    ids, _names = folded_name_matches(Person.objects.filter(owner=owner), text)
    if not ids:
        return nobody
    if len(ids) > FOLDED_MOST:
        raise InvalidInput(
            f'"{text}" is in {len(ids):,} names once their accents are off; add a word, or type the accents'
        )
    return _listed(Person.objects.filter(owner=owner, pk__in=ids))


def _listed(people: QuerySet[Person]) -> QuerySet[Person]:
    from django.db.models import F

    # The archived last on both databases (PostgreSQL sorts NULL last, so it listed them first).
    return people.select_related("circle", "organization").order_by(
        F("archived_at").asc(nulls_first=True), "name", "pk"
    )


@dataclass
class PersonPage:
    person: Person
    state: TouchState
    emails: list[str]
    phones: list[str]
    urls: list[str]
    tags: list[str]
    timeline: list[Interaction]
    my_steps: list[NextStep]
    their_steps: list[NextStep]
    notes: list[Note]


# A person's page is built whole each time its data changed: its reads are compiled once.
_OWNED = CompiledRecords(
    Person,
    lambda owner_id, person_id, include_archived: (
        Person.objects.filter(owner_id=owner_id, pk=person_id)
        if include_archived
        else Person.objects.filter(owner_id=owner_id, pk=person_id, archived_at__isnull=True)
    ),
    related=("circle", "organization", "introduced_by"),  # the page names the introducer
)


def owned_person(owner: Owner, pk: object, *, include_archived: bool = True) -> Person:
    """`Person.objects.select_related("circle", "organization", "introduced_by").get_owned(owner, pk)`, compiled
    once: every page about one person starts here."""
    number = owned_id(pk)
    found = (
        _OWNED.records(owner_id=owner.pk, person_id=number, include_archived=include_archived)
        if number is not None
        else []
    )
    if not found:
        raise not_found(Person, pk)
    return found[0]


_POINTS = Compiled(
    lambda person_id: (
        ContactPoint.objects.filter(person_id=person_id).order_by("-preferred", "id").values_list("kind", "value")
    )
)
_OPEN_STEPS = CompiledRecords(
    NextStep,
    lambda person_id: NextStep.objects.filter(person_id=person_id, status=StepStatus.OPEN).order_by("due_on", "id"),
)
_TAGS = Compiled(lambda person_id: Tag.objects.filter(people=person_id).order_by("name").values_list("name", flat=True))
_TIMELINE = CompiledRecords(
    Interaction,
    lambda owner_id, person_id, limit: Interaction.objects.filter(owner_id=owner_id, participants=person_id).order_by(
        "-occurred_at"
    )[:limit],
    shape=("limit",),
)
_NOTES = CompiledRecords(Note, lambda person_id: Note.objects.filter(person_id=person_id))


def _mine(steps: list[NextStep]) -> list[NextStep]:
    """The steps whose ball is mine (or both of ours): my promises."""
    return [s for s in steps if s.ball in (Ball.MINE, Ball.BOTH)]


def my_open_steps(person: Person) -> list[NextStep]:
    """My open steps with them, by due date (a Person page has them as PersonPage.my_steps)."""
    return _mine(_OPEN_STEPS.records(person_id=person.pk))


def person_page(owner: Owner, person: Person, today: date, timeline_limit: int = 20) -> PersonPage:
    points = _POINTS.rows(person_id=person.pk)
    steps = _OPEN_STEPS.records(person_id=person.pk)
    return PersonPage(
        person=person,
        state=state_of(person, today),
        emails=[value for kind, value in points if kind == "email"],
        phones=[value for kind, value in points if kind == "phone"],
        urls=[value for kind, value in points if kind == "url"],
        tags=_TAGS.rows(person_id=person.pk),
        timeline=_TIMELINE.records(owner_id=owner.pk, person_id=person.pk, limit=timeline_limit),
        my_steps=_mine(steps),
        their_steps=[s for s in steps if s.ball == Ball.THEIRS],
        notes=_NOTES.records(person_id=person.pk),
    )


def holdings(person: Person) -> list[str]:
    """What is theirs, in words ("3 encounters", "1 note"): what a delete or a merge takes with it."""
    rows = [
        (Interaction.objects.filter(participants=person).count(), "encounter", "encounters"),
        (person.notes.count(), "note", "notes"),
        (person.steps.filter(status=StepStatus.OPEN).count(), "open step", "open steps"),
        (person.profile.count(), "profile entry", "profile entries"),
    ]
    return [f"{n} {one if n == 1 else many}" for n, one, many in rows if n]
