"""Capture sources: the mailboxes and calendars Goodwill reads by itself, and the promises a
scheduled mail sync offers. The same services as `goodwill capture` and the Settings page."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Router, Schema, Status

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Id, Input

router = Router(tags=["capture"])


class SourceOut(Schema):
    id: int
    name: str
    kind: str = Field(description="imap, ics or caldav")
    where: str = Field(description="What it reads, without any password or private token")
    every_minutes: int
    paused: bool
    created_at: datetime
    last_run_at: datetime | None
    last_ok_at: datetime | None
    last_error: str = Field(description="Why the last run failed (empty when it worked)")
    last_summary: str = Field(description="What the last good run did")


class SourceIn(Input):
    """A mail source (kind imap: host, user, password, and optionally folder, port, security,
    ca_file) or a calendar (kind ics or caldav: url, and user and password if it needs them).
    Setting one up fetches nothing; POST .../check tests it."""

    kind: Literal["imap", "ics", "caldav"]
    name: Annotated[str, Chars(100, min_length=1)]
    every_minutes: int = Field(15, ge=5, le=10080)
    host: Annotated[str, Chars(255)] | None = None
    user: Annotated[str, Chars(255)] | None = None
    password: Annotated[str, Chars(1000)] | None = Field(None, description="Kept as a secret, never shown again")
    folder: Annotated[str, Chars(255, min_length=1)] = "INBOX"
    port: int | None = Field(None, ge=1, le=65535)
    security: Literal["ssl", "starttls", "plain"] = "ssl"
    ca_file: Annotated[str, Chars(1000, min_length=1)] | None = Field(None, description="A PEM file on the server")
    url: Annotated[str, Chars(1000)] | None = Field(None, description="https:// or webcal:// (a calendar)")


class SourceChange(Input):
    paused: bool


class RunOut(Schema):
    summary: str
    source: SourceOut


class CheckOut(Schema):
    result: str


class OfferOut(Schema):
    id: int
    person_id: int
    person_name: str
    text: str
    due: date | None
    firm: bool
    ball: str
    source_sentence: str
    email_id: int = Field(description="The sent email (an interaction) the promise was found in")
    email_summary: str
    found_at: datetime


class StepMade(Schema):
    step_id: int


def _row(source):
    from goodwill.services.capture_sources import source_row

    return source_row(source)


@router.get("/sources", response={200: list[SourceOut], **ERRORS}, summary="My capture sources")
def list_sources(request):
    from goodwill.services.capture_sources import source_rows

    return source_rows(request.auth)


@router.post("/sources", response={201: SourceOut, **ERRORS}, summary="Set up a mail or calendar source")
def add_source(request, payload: SourceIn):
    from goodwill.services.capture_sources import add_calendar_source, add_imap_source

    owner = request.auth
    if payload.kind == "imap":
        source = add_imap_source(
            owner,
            payload.name,
            payload.host or "",
            payload.user or "",
            payload.password or "",
            folder=payload.folder,
            port=payload.port,
            security=payload.security,
            ca_file=payload.ca_file,
            every_minutes=payload.every_minutes,
        )
    else:
        source = add_calendar_source(
            owner,
            payload.name,
            payload.url or "",
            user=payload.user,
            password=payload.password,
            kind=payload.kind,
            every_minutes=payload.every_minutes,
        )
    return Status(201, _row(source))


@router.patch("/sources/{source_id}", response={200: SourceOut, **ERRORS}, summary="Pause or resume a source")
def change_source(request, source_id: Id, payload: SourceChange):
    from goodwill.services.capture_sources import pause_source, resume_source

    change = pause_source if payload.paused else resume_source
    return _row(change(request.auth, source_id))


@router.delete("/sources/{source_id}", response={204: None, **ERRORS}, summary="Remove a source and its password")
def remove_source(request, source_id: Id):
    from goodwill.services.capture_sources import remove_source as remove

    remove(request.auth, source_id)
    return Status(204, None)


@router.post("/sources/{source_id}/run", response={200: RunOut, **ERRORS}, summary="Read a source now")
def run_source(request, source_id: Id):
    """A failure is a 400 with its reason, also kept as the source's last_error."""
    from goodwill.services.capture import run_now
    from goodwill.services.capture_sources import get_source

    outcome = run_now(request.auth, source_id)
    return {"summary": outcome.summary, "source": _row(get_source(request.auth, source_id))}


@router.post("/sources/{source_id}/check", response={200: CheckOut, **ERRORS}, summary="Test a source now")
def check_source(request, source_id: Id):
    """Connects and logs in, writing nothing."""
    from goodwill.services.capture import check_source as check

    return {"result": check(request.auth, source_id)}


@router.get("/offers", response={200: list[OfferOut], **ERRORS}, summary="Promises offered by a scheduled sync")
def list_offers(request):
    from goodwill.services.promise_offers import pending_offers

    return pending_offers(request.auth)


@router.post("/offers/{offer_id}/accept", response={201: StepMade, **ERRORS}, summary="Record an offered promise")
def accept_offer(request, offer_id: Id):
    from goodwill.services.promise_offers import accept_offer as accept

    return Status(201, {"step_id": accept(request.auth, offer_id).pk})


@router.post("/offers/{offer_id}/dismiss", response={204: None, **ERRORS}, summary="Forget an offered promise")
def dismiss_offer(request, offer_id: Id):
    from goodwill.services.promise_offers import dismiss_offer as dismiss

    dismiss(request.auth, offer_id)
    return Status(204, None)
