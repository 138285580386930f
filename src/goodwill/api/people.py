"""People: list with filters, search, one person's page, add, edit, archive, notes, replied."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema, Status

from goodwill.api.errors import ERRORS
from goodwill.api.fields import CadenceDays, Chars, Day, Id, Input, Limit, Offset, TagName
from goodwill.api.privacy import WITHHELD, interaction_out
from goodwill.api.shapes import InteractionOut, PersonRef, StepOut, TouchState, step_out, touch_state_out

router = Router(tags=["people"])


class PersonSummary(Schema):
    id: int
    name: str
    organization: str | None
    title: str
    circle: str | None
    cadence_days: int
    tags: list[str]
    rhythm: TouchState
    last_touch_at: datetime | None
    snoozed_until: date | None
    archived: bool


class PersonPage(Schema):
    count: int
    items: list[PersonSummary]


class NoteOut(Schema):
    id: int
    text: str
    confidentiality: str
    source: PersonRef | None
    created_at: datetime


class DateBrief(Schema):
    id: int
    label: str
    month: int
    day: int
    year: int | None
    text: str = Field(description='As people read it: "14 June" or "14 June 2012"')


class StrengthPart(Schema):
    kind: str = Field(description="meeting, call, email (reciprocated), intro, referral, promise")
    count: int
    points: float = Field(description="after the decay, before the cap of 100")


class StrengthOut(Schema):
    score: int = Field(description="1 to 100: docs/usage.md, 'Relationship strength'")
    parts: list[StrengthPart]
    last_met: date | None
    explain: str = Field(description="e.g. '12 meetings, 8 reciprocated emails, last met 3 weeks ago'")


class PersonDetail(PersonSummary):
    strength: StrengthOut
    emails: list[str]
    phones: list[str]
    urls: list[str]
    how_met: str
    introduced_by: PersonRef | None
    birthday: str | None
    location: str | None
    important_dates: list[DateBrief] = Field(description="Anniversaries and other yearly dates")
    place: str | None
    latitude: float | None
    longitude: float | None
    timezone: str | None
    my_steps: list[StepOut]
    their_steps: list[StepOut]
    notes: list[NoteOut]
    confidential_withheld: int = Field(description="Confidential notes and encounters left out of this answer")
    timeline: list[InteractionOut]


# The rules for a person's fields live in services/people.py and give the same message at every
# door; these bounds only keep absurd sizes out (LOOSE is well above every rule's limit).
LOOSE = 10_000
Loose = Annotated[str, Chars(LOOSE)]
Email = Annotated[str, Chars(320)]
Phone = Annotated[str, Chars(60)]
Link = Annotated[str, Chars(300)]
CircleName = Annotated[str, Chars(40)]
Birthday = Annotated[str, Chars(100)]


class DeletionOut(Schema):
    id: int = Field(description="The deletion's number, for restore")
    person_id: int = Field(description="The person's id, which restore gives back")
    name: str
    deleted_at: datetime


class PersonIn(Input):
    name: Loose
    organization: Loose | None = None
    title: Loose | None = None
    emails: list[Email] = Field(default_factory=list, max_length=20)
    phones: list[Phone] = Field(default_factory=list, max_length=20)
    urls: list[Link] = Field(default_factory=list, max_length=20)
    tags: list[TagName] = Field(default_factory=list, max_length=50)
    circle: CircleName | None = Field(None, description="inner, close, network (the default) or outer")
    cadence_days: CadenceDays | None = None
    how_met: Loose | None = None
    introduced_by_id: Id | None = None
    birthday: Birthday | None = Field(None, description='"17 July", "17 July 1984", YYYY-MM-DD, or --MM-DD')
    location: Loose | None = Field(None, description='Where they are: "Austin, TX", a ZIP or an address')


class PersonPatch(Input):
    """Fields left out stay as they are; emails, phones, links and tags are added."""

    name: Loose | None = None
    organization: Loose | None = None
    title: Loose | None = None
    emails: list[Email] = Field(default_factory=list, max_length=20)
    phones: list[Phone] = Field(default_factory=list, max_length=20)
    urls: list[Link] = Field(default_factory=list, max_length=20)
    tags: list[TagName] = Field(default_factory=list, max_length=50)
    remove_tags: list[TagName] = Field(default_factory=list, max_length=50)
    circle: CircleName | None = None
    cadence_days: int | None = Field(None, ge=0, le=3650, description="0 goes back to the circle's rhythm")
    how_met: Loose | None = None
    introduced_by_id: int | None = Field(None, ge=0, le=2**53, description="0 clears it")
    birthday: Birthday | None = None
    location: Loose | None = None
    snoozed_until: Day | None = Field(None, description="Leave them off the agenda until this (future) day")


class PeopleFilters(Schema):
    circle: CircleName | None = None
    tag: TagName | None = None
    due: bool = Field(False, description="Only people due (or overdue) for a touch")
    overdue: bool = Field(False, description="Only people past their maximum gap")
    archived: bool = Field(False, description="Archived people instead of active ones")
    q: Annotated[str, Chars(200)] | None = Field(
        None, description="Search name, organization, title, tag, email or phone"
    )
    limit: Limit = 50
    offset: Offset = 0


class SearchParams(Schema):
    q: Annotated[str, Chars(200, min_length=1)] = Field(
        description="Words to find in name, organization, title, tag, email or phone"
    )
    limit: Limit = 50
    offset: Offset = 0


class NoteIn(Input):
    text: Annotated[str, Chars(10_000, min_length=1)]
    confidentiality: Literal["shareable", "private", "confidential"] = "private"
    source_id: Id | None = Field(None, description="Who told me, when it was not them")


class RepliedOut(Schema):
    closed: int


class DetailParams(Schema):
    confidential: bool = Field(
        False, description="Include confidential notes and encounters (told in confidence); off by default"
    )
    timeline: int = Field(20, ge=0, le=200, description="How many recent encounters to include")


# Helpers shared with the other routers.


def get_person(owner, person_id: int, *, include_archived: bool = True):
    """The caller's person with this id; another user's person is simply not there (404)."""
    from goodwill.models import Person

    people = Person.objects.select_related("circle", "organization")
    if not include_archived:
        people = people.filter(archived_at__isnull=True)
    return people.get_owned(owner, person_id)


def summary_out(person, today: date, tags: list[str] | None = None) -> dict:
    from goodwill.queries.rhythm import state_of

    state = state_of(person, today)
    return {
        "id": person.pk,
        "name": person.name,
        "organization": person.organization.name if person.organization_id else None,
        "title": person.title,
        "circle": person.circle.name if person.circle_id else None,
        "cadence_days": person.rhythm_days,
        "tags": tags if tags is not None else [t.name for t in person.tags.all()],
        "rhythm": touch_state_out(state),
        "last_touch_at": person.last_touch_at,
        "snoozed_until": person.snoozed_until,
        "archived": person.archived_at is not None,
    }


def page_of(people, limit: int, offset: int, today: date) -> dict:
    rows = list(people.prefetch_related("tags")[offset : offset + limit])
    return {"count": people.count(), "items": [summary_out(p, today) for p in rows]}


def _deletion_out(d) -> dict:
    return {"id": d.pk, "person_id": d.person_id, "name": d.name, "deleted_at": d.created_at}


def _fields(payload, **extra):
    from goodwill.services.people import PersonFields

    return PersonFields(
        name=payload.name,
        organization=payload.organization,
        title=payload.title,
        emails=payload.emails,
        phones=payload.phones,
        urls=payload.urls,
        tags=payload.tags,
        circle=payload.circle,
        how_met=payload.how_met,
        birthday=payload.birthday,
        location=payload.location,
        **extra,
    )


def _introducer(owner, person_id: int | None) -> str | None:
    if person_id is None:
        return None
    if person_id == 0:
        return ""  # PersonFields: an empty string clears it
    return f"#{get_person(owner, person_id, include_archived=False).pk}"


def detail_out(owner, person, today: date, *, confidential: bool = False, timeline: int = 20) -> dict:
    from goodwill.models import Confidentiality
    from goodwill.queries.people import person_page

    page = person_page(owner, person, today, timeline_limit=timeline)
    notes = [n for n in page.notes if confidential or n.confidentiality != Confidentiality.CONFIDENTIAL]
    withheld = len(page.notes) - len(notes)
    if not confidential:
        withheld += sum(1 for i in page.timeline if i.confidentiality == Confidentiality.CONFIDENTIAL)
    sources = {n.source_id for n in notes if n.source_id}
    from goodwill.models import Person

    names = dict(Person.objects.filter(owner=owner, pk__in=sources).values_list("pk", "name")) if sources else {}
    from goodwill.queries.strength import person_strength, strength_fields

    data = summary_out(person, today, tags=page.tags)
    data.update(
        {
            "strength": strength_fields(person_strength(owner, person, today)),
            "emails": page.emails,
            "phones": page.phones,
            "urls": page.urls,
            "how_met": person.how_met,
            "introduced_by": {"id": person.introduced_by_id, "name": person.introduced_by.name}
            if person.introduced_by_id
            else None,
            "birthday": person.birthday or None,
            "location": person.location or None,
            "important_dates": _dates_out(owner, person),
            "place": person.place_label or None,
            "latitude": person.latitude,
            "longitude": person.longitude,
            "timezone": person.timezone or None,
            "my_steps": [step_out(s, today, person=person) for s in page.my_steps],
            "their_steps": [step_out(s, today, person=person) for s in page.their_steps],
            "notes": [
                {
                    "id": n.pk,
                    "text": n.text,
                    "confidentiality": n.confidentiality,
                    "created_at": n.created_at,
                    "source": {"id": n.source_id, "name": names[n.source_id]} if n.source_id in names else None,
                }
                for n in notes
            ],
            "confidential_withheld": withheld,
            "timeline": [interaction_out(i, reveal=confidential) for i in _with_people(page.timeline)],
        }
    )
    return data


def _dates_out(owner, person) -> list[dict]:
    from goodwill.habits.yearly import format_yearly
    from goodwill.services.dates import dates_of

    return [
        {
            "id": d.pk,
            "label": d.label,
            "month": d.month,
            "day": d.day,
            "year": d.year,
            "text": format_yearly(d.month, d.day, d.year),
        }
        for d in dates_of(owner, person)
    ]


def _with_people(interactions):
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(interactions, "participants")
    return interactions


# Endpoints.


@router.get("", response={200: PersonPage, **ERRORS}, summary="List people, with filters")
def list_people(request, filters: Query[PeopleFilters]):
    from goodwill import clock
    from goodwill.queries.people import find_people, people_list

    today = clock.today()
    people = people_list(
        request.auth,
        today,
        circle=filters.circle,
        tag=filters.tag,
        due=filters.due,
        overdue=filters.overdue,
        archived=filters.archived,
    )
    if filters.q and filters.q.split():
        people = people.filter(pk__in=find_people(request.auth, filters.q).values("pk"))
    return page_of(people, filters.limit, filters.offset, today)


@router.post("", response={201: PersonDetail, **ERRORS}, summary="Add a person")
def create_person(request, payload: PersonIn):
    from goodwill import clock
    from goodwill.services.people import add_person

    owner = request.auth
    person = add_person(
        owner,
        _fields(payload, cadence_days=payload.cadence_days, introduced_by=_introducer(owner, payload.introduced_by_id)),
    )
    return Status(201, detail_out(owner, get_person(owner, person.pk), clock.today()))


@router.get("/{person_id}", response={200: PersonDetail, **ERRORS}, summary="One person's page")
def read_person(request, person_id: Id, params: Query[DetailParams]):
    """The profile, rhythm, open steps both ways, notes and recent encounters.

    Confidential notes and encounters appear here and nowhere else in the API,
    and only with `confidential=true`; otherwise they are counted in
    `confidential_withheld`."""
    from goodwill import clock

    owner = request.auth
    return detail_out(
        owner, get_person(owner, person_id), clock.today(), confidential=params.confidential, timeline=params.timeline
    )


@router.patch("/{person_id}", response={200: PersonDetail, **ERRORS}, summary="Change a person's details")
def update_person(request, person_id: Id, payload: PersonPatch):
    from django.db import transaction

    from goodwill import clock
    from goodwill.services.people import edit_person, snooze_person, tag_person

    owner = request.auth
    person = get_person(owner, person_id)
    # One transaction: a bad snooze date leaves the name change unmade too.
    with transaction.atomic():
        edit_person(
            owner,
            person,
            _fields(
                payload, cadence_days=payload.cadence_days, introduced_by=_introducer(owner, payload.introduced_by_id)
            ),
        )
        if payload.remove_tags:
            tag_person(owner, person, [], payload.remove_tags)
        if payload.snoozed_until is not None:
            snooze_person(owner, person, payload.snoozed_until)
    return detail_out(owner, get_person(owner, person.pk), clock.today())


@router.delete("/{person_id}", response={200: DeletionOut, **ERRORS}, summary="Delete a person (undoable)")
def delete_person(request, person_id: Id):
    """Removes them and what is only theirs; encounters shared with others stay. The answer's
    `id` is what `POST /deletions/{id}/restore` takes."""
    from goodwill.services.deletion import delete_person as delete

    return _deletion_out(delete(request.auth, get_person(request.auth, person_id)))


@router.post("/{person_id}/archive", response={200: PersonSummary, **ERRORS}, summary="Archive a person")
def archive(request, person_id: Id):
    """Kept, but off lists and the agenda; `restore` brings them back."""
    from goodwill import clock
    from goodwill.services.people import archive_person

    person = archive_person(request.auth, get_person(request.auth, person_id))
    return summary_out(person, clock.today())


@router.post("/{person_id}/restore", response={200: PersonSummary, **ERRORS}, summary="Bring an archived person back")
def restore(request, person_id: Id):
    from goodwill import clock
    from goodwill.services.people import archive_person

    person = archive_person(request.auth, get_person(request.auth, person_id), restore=True)
    return summary_out(person, clock.today())


@router.post("/{person_id}/notes", response={201: NoteOut, **ERRORS}, summary="Keep a note or fact about someone")
def add_note(request, person_id: Id, payload: NoteIn):
    """The answer echoes the note, except a confidential one's text, which only the person's page shows."""
    from goodwill.services.notes import add_note as add

    owner = request.auth
    person = get_person(owner, person_id, include_archived=False)
    source = get_person(owner, payload.source_id, include_archived=False) if payload.source_id else None
    note = add(owner, person, payload.text, payload.confidentiality, source=source)
    return Status(
        201,
        {
            "id": note.pk,
            "text": WITHHELD if note.confidentiality == "confidential" else note.text,
            "confidentiality": note.confidentiality,
            "created_at": note.created_at,
            "source": {"id": source.pk, "name": source.name} if source else None,
        },
    )


@router.post("/{person_id}/replied", response={200: RepliedOut, **ERRORS}, summary="I answered them")
def replied(request, person_id: Id):
    """Closes every reply owed to this person; 404 when none was owed."""
    from goodwill.services.interactions import mark_replied

    person = get_person(request.auth, person_id, include_archived=False)
    return {"closed": mark_replied(request.auth, person)}


search_router = Router(tags=["search"])


@search_router.get("", response={200: PersonPage, **ERRORS}, summary="Find people")
def search(request, params: Query[SearchParams]):
    """Every word must match the name, organization, title, a tag, an email or a phone.
    Notes are not searched, so no confidential text can surface in results."""
    from goodwill import clock
    from goodwill.queries.people import find_people

    return page_of(find_people(request.auth, params.q), params.limit, params.offset, clock.today())
