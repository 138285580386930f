"""Import contacts: upload, the dry-run preview, apply, and undo (services.contacts_import);
and export: the network as a file to download (services.export_file). Mail and meetings
are imported on the same page (views.encounter_imports).

The upload waits in the data folder under a random name, in a folder of the
user's own, between the preview and the apply; applying or cancelling removes it
(goodwill.web.uploads)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from goodwill.errors import UserError
from goodwill.web import uploads
from goodwill.web.auth import owner_view
from goodwill.web.common import act
from goodwill.web.forms.imports import ApplyForm, ExportForm, RestoreForm, UploadForm


def _batches(owner):
    from goodwill.models import ImportBatch

    return list(ImportBatch.objects.filter(owner=owner).order_by("-created_at", "-id")[:20])


def page_context(owner) -> dict:
    """What the Import page shows whatever was sent: the past imports, the mail form's addresses, restores."""
    from goodwill.models import Person
    from goodwill.queries.user_settings import settings_for
    from goodwill.services.backup import replaced_backups

    return {
        "batches": _batches(owner),
        "my_addresses": ", ".join(settings_for(owner).my_emails or []),  # kept by an earlier mail import
        "people_count": Person.objects.filter(owner=owner).count(),  # a restore would replace them
        "replaced": replaced_backups(owner),
    }


@owner_view
def import_page(request):
    return render(request, "web/import.html", page_context(request.owner))


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
    return render(request, "web/import.html", page_context(request.owner) | errors, status=400)


@require_POST
@owner_view
def import_preview(request):
    from goodwill.services.contacts_import import import_contacts

    owner = request.owner
    try:
        upload = UploadForm(request.POST, request.FILES).values()["file"]
        token, report = uploads.dry_run(
            owner, upload, lambda path, names: import_contacts(owner, [path], apply=False, names=names)
        )
    except UserError as exc:
        return render(request, "web/import.html", page_context(owner) | {"error": str(exc)}, status=400)
    problems = [str(p) for p in report.problems[:50]]  # named as the user chose the file (names=)
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
        token = form.values()["token"]
        if form.value("cancel"):
            uploads.cancel(owner, token)
            messages.info(request, "Import cancelled; nothing was written.")
            return HttpResponseRedirect(reverse("web:import"), status=303)
        report = uploads.apply_pending(
            owner, token, form.shown_name(), lambda path, names: import_contacts(owner, [path], apply=True, names=names)
        )
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
