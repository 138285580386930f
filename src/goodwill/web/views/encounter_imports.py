"""Import encounters on the Import page: the mail in an mbox file (services.mail_import, as
`goodwill mail import`) and past meetings in an .ics file (services.meetings_import, as
`goodwill import FILE.ics`). Upload, the dry-run preview, then apply or cancel; each applied
import is a batch in Past imports, undone there as contacts are.

The upload waits as a contacts upload does (goodwill.web.uploads). Reports, problems and
the batch name the file as the user chose it, never where it waits."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from goodwill.errors import UserError
from goodwill.web import uploads
from goodwill.web.auth import owner_view
from goodwill.web.forms.imports import ApplyForm, MailApplyForm, MailUploadForm, MeetingsUploadForm
from goodwill.web.views.imports import page_context


def _refused(request, error_key: str, exc: UserError):
    """The Import page again with the one-line reason by the form that was sent (400)."""
    return render(request, "web/import.html", page_context(request.owner) | {error_key: str(exc)}, status=400)


def _back_to_import():
    return HttpResponseRedirect(reverse("web:import") + "#h-batches", status=303)


@require_POST
@owner_view
def mail_preview(request):
    from goodwill.services.mail_import import import_mail

    owner = request.owner
    form = MailUploadForm(request.POST, request.FILES)
    try:
        upload = form.values()["file"]
        options = form.options()
        token, report = uploads.dry_run(
            owner, upload, lambda path, names: import_mail(owner, [path], apply=False, names=names, **options)
        )
    except UserError as exc:
        return _refused(request, "mail_error", exc)
    return render(
        request,
        "web/import_mail_preview.html",
        {
            "report": report,
            "token": token,
            "filename": upload.name,
            "options": options,
            "me_typed": ", ".join(report.me),
            "reasons": list(report.automated_reasons.items()),
        },
    )


@require_POST
@owner_view
def mail_apply(request):
    from goodwill.services.mail_import import import_mail

    owner = request.owner
    form = MailApplyForm(request.POST)
    try:
        token = form.values()["token"]
        if form.value("cancel"):
            uploads.cancel(owner, token)
            messages.info(request, "Mail import cancelled; nothing was written.")
            return _back_to_import()
        options = form.options()
        report = uploads.apply_pending(
            owner,
            token,
            form.shown_name(),
            lambda path, names: import_mail(owner, [path], apply=True, names=names, **options),
        )
    except UserError as exc:
        messages.error(request, str(exc))
        return _back_to_import()
    if not report.applied:  # strict, and a message could not be read
        messages.error(
            request, f"Nothing was imported: {report.skipped} message(s) could not be read, and strict was ticked."
        )
        return _back_to_import()
    messages.success(
        request,
        f"Imported batch #{report.batch_id}: {report.logged} email(s) logged ({report.inbound} from them, "
        f"{report.outbound} from you), {report.unchanged} logged before; {report.replies_owed} new "
        f"repl{'y' if report.replies_owed == 1 else 'ies'} owed, {report.promises} promise(s) found.",
    )
    return _back_to_import()


@require_POST
@owner_view
def meetings_preview(request):
    from goodwill.services.meetings_import import import_meetings

    owner = request.owner
    try:
        upload = MeetingsUploadForm(request.POST, request.FILES).values()["file"]
        token, report = uploads.dry_run(
            owner, upload, lambda path, names: import_meetings(owner, [path], apply=False, names=names)
        )
    except UserError as exc:
        return _refused(request, "meetings_error", exc)
    return render(
        request, "web/import_meetings_preview.html", {"report": report, "token": token, "filename": upload.name}
    )


@require_POST
@owner_view
def meetings_apply(request):
    from goodwill.services.meetings_import import import_meetings

    owner = request.owner
    form = ApplyForm(request.POST)
    try:
        token = form.values()["token"]
        if form.value("cancel"):
            uploads.cancel(owner, token)
            messages.info(request, "Meetings import cancelled; nothing was written.")
            return _back_to_import()
        report = uploads.apply_pending(
            owner, token, form.shown_name(), lambda path, names: import_meetings(owner, [path], apply=True, names=names)
        )
    except UserError as exc:
        messages.error(request, str(exc))
        return _back_to_import()
    messages.success(
        request,
        f"Imported batch #{report.batch_id}: {report.logged} meeting(s) logged, {report.unchanged} logged before.",
    )
    return _back_to_import()
