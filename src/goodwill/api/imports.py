"""Imports through the API: contacts from a vCard or CSV file (POST /imports/contacts, as `goodwill
import FILE`), mail from an mbox (POST /imports/mail, as `goodwill mail import`) and
past meetings from an .ics calendar (POST /imports/meetings, as `goodwill import FILE.ics`), a dry
run unless `apply`; the batches (GET /imports, as `goodwill import list`) and their undo
(POST /imports/{id}/undo, as `goodwill import undo`). The same services as the CLI and the web.

The file is the request body, read to a temporary file a chunk at a time (a big mailbox is never
held whole) and removed when the import is done."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from ninja import Field, Query, Router, Schema

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Id, Limit, Offset

router = Router(tags=["imports"])

CHUNK = 1 << 20
Address = Annotated[str, Chars(320)]
FileName = Annotated[str, Chars(200)]
NAME = Field(
    "request body",
    description="What to call the file in the answer's problems and in the import list, e.g. Inbox.mbox",
)


@contextmanager
def _body_as_file(request, suffix: str | Callable[[bytes], str]) -> Iterator[Path]:
    """The request body in a temporary file, written as it is read; removed afterwards. The
    suffix (the readers go by it) is given, or told from the body's first chunk."""
    head = request.read(CHUNK)
    with tempfile.NamedTemporaryFile(
        prefix="goodwill-import-", suffix=suffix(head) if callable(suffix) else suffix
    ) as out:
        out.write(head)
        for chunk in iter(lambda: request.read(CHUNK), b""):
            out.write(chunk)
        out.flush()
        yield Path(out.name)


class ContactsParams(Schema):
    apply: bool = Field(False, description="Write the import; without it, a dry run says what it would do")
    strict: bool = Field(False, description="Import nothing if any row has a problem")
    columns: Annotated[str, Chars(2000)] | None = Field(
        None, description='Columns of any other CSV, as `--map`: "Full Name=name,E-mail=email" (docs/import.md)'
    )
    kind: Literal["vcard", "csv"] | None = Field(
        None, description="What the body is; left out: text/vcard or text/csv as its type says, else read from it"
    )
    name: FileName = NAME


class UnmappedOut(Schema):
    file: str
    column: str = Field(description="A CSV column no field takes: kept as a custom field on each person")
    rows: int = Field(description="Rows with a value in it")


class ContactsReportOut(Schema):
    files: list[str] = Field(description="The file, as `name` calls it")
    formats: list[str] = Field(description="What it was read as: vcard, google, linkedin, outlook, csv…")
    applied: bool
    batch_id: int | None = Field(description="The batch to undo (POST /imports/{id}/undo); null for a dry run")
    counts: dict[str, int] = Field(description="People created, updated, merged, unchanged, skipped")
    examples: dict[str, list[str]] = Field(description="Up to five names for each count")
    problems: list[str] = Field(description="Up to 500 rows that could not be read, each naming the file and line")
    problem_count: int
    unmapped: list[UnmappedOut]


def _looks_like_vcard(request, kind: str | None, head: bytes) -> bool:
    if kind is not None:
        return kind == "vcard"
    media = request.content_type or ""
    if media in ("text/vcard", "text/x-vcard", "text/directory"):
        return True
    if media == "text/csv":
        return False
    return b"BEGIN:VCARD" in head[:4096].upper().replace(b"\x00", b"")  # UTF-16 cards too


CONTACTS_BODY = {
    "requestBody": {
        "required": True,
        "description": "A vCard (2.1, 3.0, 4.0) or a CSV export (LinkedIn, Google, Outlook, Thunderbird, Act!, any CSV)",
        "content": {
            "text/vcard": {"schema": {"type": "string"}},
            "text/csv": {"schema": {"type": "string"}},
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


@router.post(
    "imports/contacts",
    response={200: ContactsReportOut, **ERRORS},
    summary="Import contacts from a vCard or CSV file",
    openapi_extra=CONTACTS_BODY,
)
def import_contacts(request, params: Query[ContactsParams]):
    """Match the file's people against mine, as `goodwill import FILE` does: a dry run unless
    `apply` (what each row would do); an applied import is one batch, undone by POST
    /imports/{id}/undo. A body that is neither is a 400 naming it; nothing is written."""
    import dataclasses

    from goodwill.services.contacts_import import import_contacts as run

    def suffix(head: bytes) -> str:
        return ".vcf" if _looks_like_vcard(request, params.kind, head) else ".csv"

    with _body_as_file(request, suffix) as path:
        report = run(
            request.auth,
            [path],
            mapping=params.columns,
            apply=params.apply,
            strict=params.strict,
            names={str(path): params.name},
        )
    return {
        **{f.name: getattr(report, f.name) for f in dataclasses.fields(report)},
        "problems": [str(p) for p in report.problems],
        "unmapped": [dataclasses.asdict(c) for c in report.unmapped],
    }


class MailParams(Schema):
    apply: bool = Field(False, description="Write the import; without it, a dry run says what it would do")
    me: list[Address] = Field(
        default_factory=list,
        max_length=50,
        description="My addresses (repeat, or comma-separate); left out: those an applied import kept",
    )
    recent: int = Field(
        30,
        ge=0,
        le=36500,
        description="Days back in which unanswered mail opens a reply owed and sent mail is read for promises",
    )
    strict: bool = Field(False, description="Import nothing if any message cannot be read")
    name: FileName = NAME


class MailReportOut(Schema):
    source: str = Field(description="mbox or eml: what the body was read as")
    paths: list[str] = Field(description="The file, as `name` calls it")
    me: list[str] = Field(description="My addresses the import went by")
    applied: bool
    batch_id: int | None = Field(description="The batch to undo (POST /imports/{id}/undo); null for a dry run")
    read: int = Field(description="Messages read")
    logged: int = Field(description="Emails logged (would be, in a dry run)")
    inbound: int
    outbound: int
    unchanged: int = Field(description="Logged by an earlier import")
    automated: int = Field(description="Newsletters, lists, auto-replies, no-reply senders: not logged")
    unknown: int = Field(description="With nobody I know: add them and import again")
    skipped: int = Field(description="Messages that could not be read: see problems")
    replies_owed: int = Field(description="New replies I owe")
    replies_closed: int = Field(description="Replies owed that my mail answered")
    promises: int = Field(description="Promises found in my recent sent mail, recorded as steps")
    offered: int = Field(description="Promises offered to confirm (a scheduled sync only: 0 here)")
    threads: int
    automated_reasons: dict[str, int]
    problems: list[str] = Field(description="Up to 500, each naming the file and line")


MAIL_BODY = {
    "requestBody": {
        "required": True,
        "description": "An mbox file (Gmail's Takeout, a Thunderbird folder, Apple Mail's export) or one .eml message",
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@router.post(
    "imports/mail",
    response={200: MailReportOut, **ERRORS},
    summary="Import mail from an mbox",
    openapi_extra=MAIL_BODY,
)
def import_mail(request, params: Query[MailParams]):
    """Log the mail exchanged with people I know and find the replies I owe, as `goodwill mail
    import FILE --me ADDRESS` does: a dry run unless `apply`; an applied import is one batch.
    A body that is not mail is a 400 naming it; nothing is written."""
    from goodwill.services.mail_import import import_mail as run

    with _body_as_file(request, ".mbox") as path:
        return run(
            request.auth,
            [path],
            me=params.me,
            apply=params.apply,
            strict=params.strict,
            recent_days=params.recent,
            names={str(path): params.name},
        )


class MeetingsParams(Schema):
    apply: bool = Field(False, description="Write the import; without it, a dry run says what it would do")
    name: FileName = NAME


class MeetingsReportOut(Schema):
    files: list[str] = Field(description="The file, as `name` calls it")
    applied: bool
    batch_id: int | None = Field(description="The batch to undo (POST /imports/{id}/undo); null for a dry run")
    logged: int = Field(description="Past meetings with people I know, logged (would be, in a dry run)")
    unchanged: int = Field(description="Logged by an earlier import")
    no_known_attendee: int
    future: int = Field(description="Not yet happened")
    cancelled: int
    older: int = Field(description="Before a subscribed calendar's window (a scheduled read only: 0 here)")
    problems: list[str] = Field(description="Events that could not be read, each naming the file")


ICS_BODY = {
    "requestBody": {
        "required": True,
        "description": "An iCalendar (.ics) export of a calendar",
        "content": {"text/calendar": {"schema": {"type": "string"}}},
    }
}


@router.post(
    "imports/meetings",
    response={200: MeetingsReportOut, **ERRORS},
    summary="Import past meetings from an .ics calendar",
    openapi_extra=ICS_BODY,
)
def import_meetings(request, params: Query[MeetingsParams]):
    """Log the past meetings with people I know (by email), as `goodwill import FILE.ics` does: a
    dry run unless `apply`; an applied import is one batch. A body that is not a calendar is a 400."""
    from goodwill.services.meetings_import import import_meetings as run

    with _body_as_file(request, ".ics") as path:
        return run(request.auth, [path], apply=params.apply, names={str(path): params.name})


class BatchOut(Schema):
    id: int
    source: str = Field(description="What was imported: vcard, csv, linkedin…, mbox, maildir, imap, ics")
    file: str = Field(description="The file or mailbox it came from")
    created_at: datetime
    undone_at: datetime | None
    summary: dict[str, Any] = Field(description="Its counts, as `goodwill import list --json` gives them")


def _batch_out(batch) -> dict[str, Any]:
    return {
        "id": batch.pk,
        "source": batch.source,
        "file": batch.filename,
        "created_at": batch.created_at,
        "undone_at": batch.undone_at,
        "summary": batch.summary,
    }


class BatchListParams(Schema):
    limit: Limit = 50
    offset: Offset = 0


class BatchList(Schema):
    count: int
    items: list[BatchOut]


@router.get("imports", response={200: BatchList, **ERRORS}, summary="Past imports")
def batches(request, params: Query[BatchListParams]):
    """Every import, newest first: contacts, mail, meetings and scheduled captures, as `goodwill import list`."""
    from goodwill.models import ImportBatch

    mine = ImportBatch.objects.filter(owner=request.auth).order_by("-created_at", "-id")
    page = mine[params.offset : params.offset + params.limit]
    return {"count": mine.count(), "items": [_batch_out(batch) for batch in page]}


@router.post("imports/{batch_id}/undo", response={200: BatchOut, **ERRORS}, summary="Undo an import")
def undo(request, batch_id: Id):
    """Take a batch back out, as `goodwill import undo BATCH`: what it created goes, what it filled
    is put back. 400 when it was undone already, or when people it created have been used since."""
    from goodwill.models import ImportBatch
    from goodwill.services.contacts_import import undo_import

    ImportBatch.objects.get_owned(request.auth, batch_id)  # anyone else's: 404
    return _batch_out(undo_import(request.auth, batch_id))
