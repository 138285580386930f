"""Profiles: a person's needs, interests and offers, and their industry, role and place.

Thin over services.profiles, as `goodwill profile` is. Confidential entries follow the
API's rule for confidences: shown on the person's own profile only when asked for
(`confidential=true`), counted otherwise, never echoed by the request that wrote them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema, Status

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Day, Id, Input
from goodwill.api.people import get_person
from goodwill.api.shapes import PersonRef

router = Router(tags=["profiles"])

Kind = Literal["need", "interest", "offer"]
Level = Literal["shareable", "private", "confidential"]


class EntryOut(Schema):
    id: int
    person: PersonRef
    kind: str = Field(description="need (what they look for now), interest or offer (what they can help with)")
    text: str
    since: date | None = Field(description="Since when they have needed it (needs)")
    confidentiality: str
    active: bool = Field(description="False once closed: a need met, an interest gone; kept as history")
    closed_on: date | None
    created_at: datetime


class ProfileOut(Schema):
    person: PersonRef
    industry: str
    role: str
    location: str | None
    place: str | None = Field(description='Where the location was placed, e.g. "Austin, Texas, United States"')
    entries: list[EntryOut] = Field(description="Needs, then interests, then offers")
    confidential_withheld: int = Field(description="Confidential entries left out of this answer")


class ProfileParams(Schema):
    closed: bool = Field(False, description="Include closed entries (needs met, interests gone)")
    confidential: bool = Field(False, description="Include confidential entries (told in confidence); off by default")


class EntryIn(Input):
    kind: Kind
    text: Annotated[str, Chars(300, min_length=1)] = Field(description='e.g. "a fractional CFO", "fintech regulation"')
    since: Day | None = Field(None, description="Since when (needs; today when left out); not in the future")
    confidentiality: Level = "private"


class DetailsIn(Input):
    """Fields left out stay as they are; an empty string clears one."""

    industry: Annotated[str, Chars(120)] | None = None
    role: Annotated[str, Chars(200)] | None = Field(None, description="Their title or role")
    location: Annotated[str, Chars(300)] | None = Field(
        None, description='Where they are: "Austin, TX", a ZIP or an address'
    )


class SuggestionOut(Schema):
    number: int = Field(description="Give it to …/suggestions/accept to add it")
    kind: str
    text: str
    sentence: str = Field(description="The sentence it came from (confidential notes are never read)")
    source: str = Field(description='"note #12" or "interaction #40"')
    since: date | None


class AcceptIn(Input):
    numbers: list[int] = Field(min_length=1, max_length=50, description="Suggestion numbers to add")


def entry_out(entry, person, *, reveal: bool = False) -> dict:
    from goodwill.models import Confidentiality
    from goodwill.queries.privacy import WITHHELD

    hidden = entry.confidentiality == Confidentiality.CONFIDENTIAL and not reveal
    return {
        "id": entry.pk,
        "person": {"id": person.pk, "name": person.name},
        "kind": entry.kind,
        "text": WITHHELD if hidden else entry.text,
        "since": entry.since,
        "confidentiality": entry.confidentiality,
        "active": entry.active,
        "closed_on": entry.closed_on,
        "created_at": entry.created_at,
    }


def _profile(owner, person, *, closed: bool = False, confidential: bool = False) -> dict:
    from goodwill.models import Confidentiality
    from goodwill.services.profiles import profile_of

    entries = profile_of(owner, person, include_closed=closed)
    shown = [e for e in entries if confidential or e.confidentiality != Confidentiality.CONFIDENTIAL]
    order = {"need": 0, "interest": 1, "offer": 2}  # as `goodwill profile show` prints them
    shown.sort(key=lambda e: order[e.kind])  # stable: keeps the service's order within a kind
    return {
        "person": {"id": person.pk, "name": person.name},
        "industry": person.industry,
        "role": person.title,
        "location": person.location or None,
        "place": person.place_label or None,
        "entries": [entry_out(e, person, reveal=True) for e in shown],
        "confidential_withheld": len(entries) - len(shown),
    }


def _entry(owner, entry_id: int):
    from goodwill.models import ProfileEntry

    return ProfileEntry.objects.select_related("person").get_owned(owner, entry_id)


@router.get("/people/{person_id}/profile", response={200: ProfileOut, **ERRORS}, summary="A person's profile")
def read_profile(request, person_id: Id, params: Query[ProfileParams]):
    """Needs, interests and offers (open ones unless `closed=true`), industry, role and place.
    Confidential entries only with `confidential=true`; otherwise counted in `confidential_withheld`."""
    owner = request.auth
    return _profile(owner, get_person(owner, person_id), closed=params.closed, confidential=params.confidential)


@router.patch(
    "/people/{person_id}/profile", response={200: ProfileOut, **ERRORS}, summary="Set industry, role and location"
)
def set_profile(request, person_id: Id, payload: DetailsIn):
    from goodwill.errors import InvalidInput
    from goodwill.services.profiles import set_details

    owner = request.auth
    person = get_person(owner, person_id, include_archived=False)
    if payload.industry is None and payload.role is None and payload.location is None:
        raise InvalidInput("nothing to set; give industry, role or location")
    set_details(owner, person, industry=payload.industry, role=payload.role, location=payload.location)
    return _profile(owner, get_person(owner, person.pk))


@router.post(
    "/people/{person_id}/profile", response={201: EntryOut, **ERRORS}, summary="Add a need, an interest or an offer"
)
def add_entry(request, person_id: Id, payload: EntryIn):
    """A need gets a since-when (today unless given). The answer echoes the entry, except a
    confidential one's text, which only `GET …/profile?confidential=true` shows."""
    from goodwill.services.profiles import add_entry as add

    owner = request.auth
    person = get_person(owner, person_id, include_archived=False)
    entry = add(owner, person, payload.kind, payload.text, since=payload.since, confidentiality=payload.confidentiality)
    return Status(201, entry_out(entry, person))


@router.post(
    "/profile/entries/{entry_id}/close",
    response={200: EntryOut, **ERRORS},
    summary="Close an entry: a need met, an interest gone",
)
def close_entry(request, entry_id: Id):
    """Kept as history, out of matching (pass it on, introductions, ideas)."""
    from goodwill.services.profiles import close_entry as close

    entry = close(request.auth, _entry(request.auth, entry_id))
    return entry_out(entry, entry.person)


@router.delete("/profile/entries/{entry_id}", response={204: None, **ERRORS}, summary="Remove a wrong entry")
def remove_entry(request, entry_id: Id):
    from goodwill.services.profiles import remove_entry as remove

    remove(request.auth, _entry(request.auth, entry_id))
    return Status(204, None)


@router.get(
    "/people/{person_id}/profile/suggestions",
    response={200: list[SuggestionOut], **ERRORS},
    summary="What their notes suggest for the profile",
)
def suggestions(request, person_id: Id):
    """Needs, interests and offers the notes and encounters mention and the profile lacks.
    Nothing is added until accepted. Confidential notes and encounters are never read."""
    from goodwill.services.profiles import suggestions as suggest

    owner = request.auth
    return suggest(owner, get_person(owner, person_id, include_archived=False))


@router.post(
    "/people/{person_id}/profile/suggestions/accept",
    response={201: list[EntryOut], **ERRORS},
    summary="Add suggested entries by number",
)
def accept(request, person_id: Id, payload: AcceptIn):
    from goodwill.services.profiles import accept_suggestions

    owner = request.auth
    person = get_person(owner, person_id, include_archived=False)
    added = accept_suggestions(owner, person, payload.numbers)
    return Status(201, [entry_out(e, person) for e in added])
