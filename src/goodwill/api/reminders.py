"""The daily digest and outgoing mail: the same services as `goodwill remind ...` and Settings."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Router, Schema

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Input

router = Router(tags=["reminders"])


class SmtpOut(Schema):
    host: str = Field(description="The outgoing mail server; empty when none is set up")
    port: int | None
    security: str = Field(description="ssl, starttls, or plain (this machine only)")
    user: str = Field(description="The login; its password is never shown")
    sender: str = Field(description="The address the mail comes from")
    password_saved: bool
    from_environment: bool = Field(description="Set for everyone by the server's environment (GOODWILL_SMTP_*)")


class DigestOut(Schema):
    on: bool
    at: str = Field(description="The time it comes, HH:MM, in zone_used")
    days: str = Field(description="Its weekdays, e.g. mon-fri")
    to: str = Field(description="The address chosen for it; empty: the login's own")
    sent_to: str = Field(description="Where it goes now")
    time_zone: str = Field(description="Its own zone; empty: the home's, else the server's")
    zone_used: str
    smtp: SmtpOut


class DigestIn(Input):
    """Only the fields given change."""

    on: bool | None = None
    at: Annotated[str, Chars(20)] | None = Field(None, description="e.g. 07:30")
    days: Annotated[str, Chars(100)] | None = Field(None, description="e.g. mon-fri, mon,wed,fri or daily")
    to: Annotated[str, Chars(254)] | None = Field(None, description="empty: the login's own address")
    time_zone: Annotated[str, Chars(64)] | None = Field(None, description="e.g. Europe/Paris; empty: the home's")


class SmtpIn(Input):
    host: Annotated[str, Chars(255)] = Field(description="empty turns the server off and forgets its password")
    port: int | None = Field(None, ge=1, le=65535)
    security: Annotated[str, Chars(10)] = "starttls"
    user: Annotated[str, Chars(255)] = ""
    password: Annotated[str, Chars(1000)] | None = Field(None, description="omitted: the saved one is kept")
    sender: Annotated[str, Chars(254)] = ""


class DigestSentOut(Schema):
    summary: str
    skipped: bool


class DigestPreviewOut(Schema):
    subject: str
    text: str = Field(description="The plain text part, as it would be sent now")


def _out(owner) -> dict:
    from goodwill.services.digest import digest_settings

    return digest_settings(owner)


@router.get("/digest", response={200: DigestOut, **ERRORS}, summary="The daily digest's settings")
def read_digest(request):
    return _out(request.auth)


@router.put("/digest", response={200: DigestOut, **ERRORS}, summary="Change the daily digest")
def change_digest(request, payload: DigestIn):
    from goodwill.services.digest import set_digest

    set_digest(request.auth, **payload.model_dump(exclude_none=True))
    return _out(request.auth)


@router.put("/smtp", response={200: DigestOut, **ERRORS}, summary="Set the outgoing mail server")
def change_smtp(request, payload: SmtpIn):
    from goodwill.services.outbox import set_smtp

    values = payload.model_dump()
    set_smtp(
        request.auth,
        values["host"],
        values["port"],
        values["security"],
        values["user"],
        values["password"],
        values["sender"],
    )
    return _out(request.auth)


@router.post("/test", response={200: DigestSentOut, **ERRORS}, summary="Send the digest now, as a test")
def send_test(request):
    from goodwill.services.digest import send_digest

    outcome = send_digest(request.auth, test=True)
    return {"summary": outcome.summary, "skipped": outcome.skipped}


@router.get("/digest/preview", response={200: DigestPreviewOut, **ERRORS}, summary="Today's digest, not sent")
def preview(request):
    from goodwill.services.digest import preview_digest

    rendered = preview_digest(request.auth)
    return {"subject": rendered.subject, "text": rendered.text}
