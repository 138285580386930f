"""The network as a file and back (GET /export, POST /restore): what `goodwill export` writes
and `goodwill restore` reads, over services.export_file and services.backup. Confidential notes
and entries never leave through the API: a backup with them is the CLI's and the browser's,
asked for there; that is also why the backups a replace keeps (which hold them) are listed here
by name and size but downloaded only in the browser or read in the data folder."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema

from goodwill.api.errors import ERRORS

router = Router(tags=["backups"])

ANY: dict[str, dict[str, object]] = {"schema": {}}  # the file itself, as the format says
FILE_RESPONSE = {
    "responses": {
        "200": {
            "description": "The file, as an attachment named goodwill-DATE.json, .vcf or .csv",
            "content": {"application/json": ANY, "text/vcard": ANY, "text/csv": ANY},
        }
    }
}


class ExportParams(Schema):
    format: Literal["json", "vcard", "csv"] = Field(
        "json", description="json: the full backup (restorable); vcard or csv: the people, for other address books"
    )
    v3: bool = Field(False, description="vCard 3.0 instead of 4.0")


@router.get(
    "export", response={200: None, **ERRORS}, summary="Export or back up the network", openapi_extra=FILE_RESPONSE
)
def export(request, params: Query[ExportParams]):
    """The network as one file, as `goodwill export --format FORMAT` writes it (without the
    confidential notes and entries, which a JSON backup holds only when asked for at the CLI or
    in the browser)."""
    from django.http import FileResponse

    from goodwill import clock
    from goodwill.services.export_file import download

    found = download(request.auth, params.format, clock.today(), v3=params.v3)
    return FileResponse(found.file, as_attachment=True, filename=found.name, content_type=found.media_type)


class RestoreParams(Schema):
    replace: bool = Field(
        False,
        description="Replace a network that has people in it; it is kept as a backup first (GET /backups/replaced)",
    )


class RestoreOut(Schema):
    people: int
    interactions: int
    steps: int
    tables: dict[str, int] = Field(description="Rows restored per table, as the backup names them")
    kept: str | None = Field(
        description="The file the replaced network was kept in (GET /backups/replaced); null when nothing was replaced"
    )
    summary: str = Field(description="What came back, in one line, as the CLI and the browser say it")


BACKUP_BODY = {
    "requestBody": {
        "required": True,
        "description": "A JSON backup, as GET /export?format=json or `goodwill export --format json` wrote it",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


@router.post(
    "restore", response={200: RestoreOut, **ERRORS}, summary="Bring back a JSON backup", openapi_extra=BACKUP_BODY
)
def restore(request, params: Query[RestoreParams]):
    """The request's body is the backup, read as it is restored (a big one is never held whole).
    All or nothing: a damaged backup restores nothing. A network with people in it is refused
    unless `replace`, and a replace keeps it as a backup first, as `goodwill restore --replace`."""
    import codecs

    from goodwill.errors import InvalidInput
    from goodwill.services.backup import restore_backup, restored_summary

    try:
        restored = restore_backup(request.auth, codecs.getreader("utf-8")(request), replace=params.replace)
    except UnicodeDecodeError:
        raise InvalidInput("not a Goodwill backup: the body is not UTF-8 text") from None
    return {
        "people": restored.get("person", 0),
        "interactions": restored.get("interaction", 0),
        "steps": restored.get("nextstep", 0),
        "tables": dict(restored),
        "kept": restored.kept.name if restored.kept else None,
        "summary": restored_summary(restored),
    }


class KeptOut(Schema):
    name: str
    taken_at: datetime
    size: int = Field(description="Bytes")


@router.get("backups/replaced", response={200: list[KeptOut], **ERRORS}, summary="Networks a restore replaced")
def replaced(request):
    """The backups a replacing restore kept of the network it deleted, newest first. They hold
    confidential notes, so they are downloaded in the browser (the Import page), not here."""
    from goodwill.services.backup import replaced_backups

    return [{"name": k.name, "taken_at": k.taken_at, "size": k.size} for k in replaced_backups(request.auth)]
