"""The network as a file (GET /export): what `goodwill export` writes, over
services.export_file. Confidential notes and entries never leave through the API: a backup with
them is the CLI's and the browser's, asked for there. (Restoring a backup is the CLI's and the
browser's too: the API's bodies are JSON objects of known fields, a backup is a file.)"""

from __future__ import annotations

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
