"""Deleting people with an undo, and important dates: the same services as the CLI and the web.

DELETE /people/{id} keeps a snapshot: GET /deletions lists them, POST /deletions/{id}/restore
brings the person back with the same id and everything, DELETE /deletions/{id} forgets one for good."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Id
from goodwill.api.people import DeletionOut, _deletion_out, get_person
from goodwill.api.shapes import PersonRef

router = Router(tags=["people"])


class DateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    label: Annotated[str, Chars(200)] = Field(description='What it is: "anniversary", "work anniversary"')
    date: Annotated[str, Chars(100)] = Field(description='"14 June", "14 June 2012", 2012-06-14 or --06-14')


class DatePatch(Schema):
    model_config = ConfigDict(extra="forbid")

    label: Annotated[str, Chars(200)] | None = None
    date: Annotated[str, Chars(100)] | None = None


class DateOut(Schema):
    id: int
    person: PersonRef
    label: str
    month: int
    day: int
    year: int | None
    text: str = Field(description='As people read it: "14 June" or "14 June 2012"')


def _date_out(d) -> dict:
    from goodwill.habits.yearly import format_yearly

    return {
        "id": d.pk,
        "person": {"id": d.person_id, "name": d.person.name},
        "label": d.label,
        "month": d.month,
        "day": d.day,
        "year": d.year,
        "text": format_yearly(d.month, d.day, d.year),
    }


def _deletion(owner, deletion_id: int):
    from goodwill.services.deletion import get_deletion

    return get_deletion(owner, deletion_id)


@router.get("/deletions", response={200: list[DeletionOut], **ERRORS}, summary="Deleted people, not yet restored")
def list_deletions(request):
    from goodwill.services.deletion import deletions

    return [_deletion_out(d) for d in deletions(request.auth)]


@router.post(
    "/deletions/{deletion_id}/restore", response={200: PersonRef, **ERRORS}, summary="Restore a deleted person"
)
def restore(request, deletion_id: Id):
    from goodwill.services.deletion import restore_person

    person = restore_person(request.auth, _deletion(request.auth, deletion_id))
    return {"id": person.pk, "name": person.name}


@router.delete("/deletions/{deletion_id}", response={204: None, **ERRORS}, summary="Forget a deleted person for good")
def empty(request, deletion_id: Id):
    from goodwill.services.deletion import purge_deletion

    purge_deletion(request.auth, _deletion(request.auth, deletion_id))
    return Status(204, None)


@router.get("/people/{person_id}/dates", response={200: list[DateOut], **ERRORS}, summary="A person's important dates")
def list_dates(request, person_id: Id):
    from goodwill.services.dates import dates_of

    person = get_person(request.auth, person_id)
    return [_date_out(d) for d in dates_of(request.auth, person)]


@router.post("/people/{person_id}/dates", response={201: DateOut, **ERRORS}, summary="Add an important date")
def add_date(request, person_id: Id, payload: DateIn):
    from goodwill.services.dates import add_date as add

    person = get_person(request.auth, person_id, include_archived=False)
    return Status(201, _date_out(add(request.auth, person, payload.label, payload.date)))


@router.patch("/dates/{date_id}", response={200: DateOut, **ERRORS}, summary="Change an important date")
def change_date(request, date_id: Id, payload: DatePatch):
    from goodwill.services.dates import edit_date, get_date

    return _date_out(edit_date(request.auth, get_date(request.auth, date_id), label=payload.label, when=payload.date))


@router.delete("/dates/{date_id}", response={204: None, **ERRORS}, summary="Remove an important date")
def remove_date(request, date_id: Id):
    from goodwill.services.dates import get_date
    from goodwill.services.dates import remove_date as remove

    remove(request.auth, get_date(request.auth, date_id))
    return Status(204, None)
