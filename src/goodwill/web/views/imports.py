"""Import contacts: upload, the dry-run preview, apply, and undo (services.contacts_import);
and export: the network as a file to download (services.export_file).

The upload waits in the data folder under a random name, in a folder of the
user's own, between the preview and the apply; applying or cancelling removes it."""

from __future__ import annotations

import dataclasses
import re
import secrets
from pathlib import Path

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from goodwill.errors import InvalidInput, UserError
from goodwill.web.auth import owner_view
from goodwill.web.common import act
from goodwill.web.forms.imports import ApplyForm, ExportForm, RestoreForm, UploadForm

TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
UPLOAD_KEPT_SECONDS = 24 * 3600


def _folder(owner) -> Path:
    from goodwill import config

    return config.data_dir() / "uploads" / str(owner.pk)


def _pending(owner, token: str) -> Path:
    """The uploaded file behind a token, only in the owner's own folder."""
    if not TOKEN.match(token or ""):
        raise InvalidInput("that upload has expired; choose the file again")
    for path in _folder(owner).glob(token + ".*"):
        return path
    raise InvalidInput("that upload has expired; choose the file again")


def _batches(owner):
    from goodwill.models import ImportBatch

    return list(ImportBatch.objects.filter(owner=owner).order_by("-created_at", "-id")[:20])


def _forget_old_uploads(folder: Path) -> None:
    """Previews never applied or cancelled are removed after a day."""
    import time

    for path in folder.iterdir():
        if path.is_file() and time.time() - path.stat().st_mtime > UPLOAD_KEPT_SECONDS:
            path.unlink(missing_ok=True)


def _page_context(owner) -> dict:
    from goodwill.models import Person
    from goodwill.services.backup import replaced_backups

    return {
        "batches": _batches(owner),
        "people_count": Person.objects.filter(owner=owner).count(),  # a restore would replace them
        "replaced": replaced_backups(owner),
    }


@owner_view
def import_page(request):
    return render(request, "web/import.html", _page_context(request.owner))


@owner_view
def export_download(request):
    """The network as a file to save (services.export_file): what `goodwill export` writes."""
    from django.http import FileResponse

    from goodwill import clock
    from goodwill.services.export_file import download

    try:
        wanted = ExportForm(request.GET).values()
        format = "vcard" if wanted["format"] == "vcard3" else wanted["format"]
        include = wanted["confidential"] and format == "json"  # the tick box is the backup's alone
        found = download(
            request.owner, format, clock.today(), v3=wanted["format"] == "vcard3", include_confidential=include
        )
    except UserError as exc:
        return _export_page(request, export_error=str(exc))
    return FileResponse(found.file, as_attachment=True, filename=found.name, content_type=found.media_type)


@require_POST
@owner_view
def restore_upload(request):
    """A JSON backup brought back (services.backup: all or nothing). A network with people in it
    is replaced only when the box says so, and is kept as a backup first, listed on the page."""
    import io

    from goodwill.services.backup import restore_backup, restored_summary

    try:
        wanted = RestoreForm(request.POST, request.FILES).values()
        with io.TextIOWrapper(wanted["file"].file, encoding="utf-8") as stream:
            restored = restore_backup(request.owner, stream, replace=wanted["replace"])
    except UnicodeDecodeError:
        return _export_page(request, restore_error="not a Goodwill backup: the file is not UTF-8 text")
    except UserError as exc:
        if getattr(exc, "code", "") == "network-not-empty":
            return _export_page(
                request,
                restore_error="your network is not empty: tick “Replace my network” to replace it "
                "(it is kept as a backup first), or restore into an empty network",
            )
        return _export_page(request, restore_error=str(exc))
    if restored.kept is None:
        messages.success(request, restored_summary(restored))
        return HttpResponseRedirect(reverse("web:today"), status=303)
    messages.success(
        request,
        restored_summary(restored) + " The network it replaced is kept as a backup: it is listed under "
        "“Networks a restore replaced”, and restoring it undoes this.",
    )
    return HttpResponseRedirect(reverse("web:import") + "#h-replaced", status=303)


@owner_view
def restore_kept(request, name: str):
    """A replaced network's backup, to download (the owner's own, by its file name)."""
    from django.http import FileResponse

    from goodwill.services.backup import replaced_backup

    path = replaced_backup(request.owner, name)
    return FileResponse(path.open("rb"), as_attachment=True, filename=name, content_type="application/json")


def _export_page(request, **errors):
    return render(request, "web/import.html", _page_context(request.owner) | errors, status=400)


@require_POST
@owner_view
def import_preview(request):
    from goodwill.services.contacts_import import import_contacts

    owner = request.owner
    try:
        upload = UploadForm(request.POST, request.FILES).values()["file"]
        suffix = Path(upload.name or "").suffix.lower()
        folder = _folder(owner)
        folder.mkdir(parents=True, exist_ok=True)
        _forget_old_uploads(folder)
        token = secrets.token_urlsafe(18)
        path = folder / f"{token}{suffix}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            report = import_contacts(owner, [path], apply=False)
        except UserError:
            path.unlink(missing_ok=True)
            raise
    except UserError as exc:
        return render(request, "web/import.html", _page_context(owner) | {"error": str(exc)}, status=400)
    # Problems name the file as the user chose it, not as it waits on the server.
    problems = [str(dataclasses.replace(p, file=upload.name)) for p in report.problems[:50]]
    return render(
        request,
        "web/import_preview.html",
        {"report": report, "token": token, "filename": upload.name, "problems": problems},
    )


@require_POST
@owner_view
def import_apply(request):
    from goodwill.services.contacts_import import import_contacts

    owner = request.owner
    form = ApplyForm(request.POST)
    try:
        path = _pending(owner, form.values()["token"])
        if form.value("cancel"):
            path.unlink(missing_ok=True)
            messages.info(request, "Import cancelled; nothing was written.")
            return HttpResponseRedirect(reverse("web:import"), status=303)
        report = import_contacts(owner, [path], apply=True)
        path.unlink(missing_ok=True)
    except UserError as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("web:import"), status=303)
    counts = report.counts
    messages.success(
        request,
        f"Imported batch #{report.batch_id}: {counts['created']} created, "
        f"{counts['updated']} updated, {counts['unchanged']} unchanged.",
    )
    return HttpResponseRedirect(reverse("web:import"), status=303)


@require_POST
@owner_view
def import_undo(request, batch_id: int):
    from goodwill.models import ImportBatch
    from goodwill.services.contacts_import import undo_import

    ImportBatch.objects.get_owned(request.owner, batch_id)  # anyone else's: 404
    return act(
        request, lambda: undo_import(request.owner, batch_id), f"Import #{batch_id} undone.", default="web:import"
    )
