"""Forms of the Import page: a contacts, mail or meetings upload, apply or cancel its preview,
and an export's download."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from goodwill.web.forms.base import Flag, WebForm, box

SUFFIXES = {".vcf", ".vcard", ".csv"}
MAX_UPLOAD = 50 * 1024 * 1024


class UploadForm(WebForm):
    file = forms.FileField(required=False, allow_empty_file=True)  # an empty file: the preview says so

    def clean_file(self) -> UploadedFile:
        return _chosen(
            self.cleaned_data["file"],
            SUFFIXES,
            "a .vcf or .csv file; export your contacts as vCard or CSV",
            MAX_UPLOAD,
            "50 MB; split it into smaller files and import each",
        )


def _chosen(upload: UploadedFile | None, suffixes: set[str], what: str, limit: int, too_big: str) -> UploadedFile:
    """An upload of the right kind and size, or the one-line reason it is not."""
    if upload is None:
        raise forms.ValidationError(f"choose a file to import: {what}")
    if Path(upload.name or "").suffix.lower() not in suffixes:
        raise forms.ValidationError(f'"{upload.name}" is not {what}')
    if (upload.size or 0) > limit:
        raise forms.ValidationError(f'"{upload.name}" is over {too_big}')
    return upload


# Thunderbird's folders and the "mbox" inside Apple Mail's export are mbox files without an extension.
MAIL_SUFFIXES = {"", ".mbox", ".mbx", ".eml"}
MAX_MAIL_UPLOAD = 1024 * 1024 * 1024  # the web server's own limit on a request body
MAIL_FILE = "an mbox file (.mbox, or a Thunderbird mail folder's file, which has no extension) or an .eml message"


class MailOptions(WebForm):
    """What `goodwill mail import` asks besides the file: my addresses (`--me`, blank: those an
    earlier import kept), how many days back mail is recent (`--recent`), and `--strict`."""

    me = box()
    recent = forms.IntegerField(required=False)  # blank: the service's default; its range is the service's
    strict = Flag()

    def options(self) -> dict[str, Any]:
        from goodwill.services.mail_import import RECENT_DAYS

        wanted = self.values()
        recent = wanted["recent"]
        return {
            "me": [wanted["me"]] if wanted["me"] else [],
            "recent_days": RECENT_DAYS if recent is None else recent,
            "strict": wanted["strict"],
        }


class MailUploadForm(MailOptions):
    file = forms.FileField(required=False, allow_empty_file=True)  # an empty file: the service says so

    def clean_file(self) -> UploadedFile:
        return _chosen(
            self.cleaned_data["file"],
            MAIL_SUFFIXES,
            MAIL_FILE,
            MAX_MAIL_UPLOAD,
            "1 GB; export one folder or label at a time and import each",
        )


class MeetingsUploadForm(WebForm):
    file = forms.FileField(required=False, allow_empty_file=True)

    def clean_file(self) -> UploadedFile:
        return _chosen(
            self.cleaned_data["file"],
            {".ics"},
            "an .ics calendar file; export the calendar as iCalendar (.ics)",
            MAX_UPLOAD,
            "50 MB; export a shorter stretch of the calendar and import each",
        )


class ApplyForm(WebForm):
    """The preview's token (which upload), and whether it was cancelled instead; `filename` is
    the upload's own name, so what the apply reports (and the batch) names it as the user does."""

    token = box(strip=False)
    cancel = Flag()
    filename = forms.CharField(required=False, max_length=200)

    def shown_name(self) -> str:
        return str(self.value("filename") or "") or "the upload"


class MailApplyForm(MailOptions, ApplyForm):
    """A mail preview's token, and the options it was previewed with (applied the same)."""


class ExportForm(WebForm):
    """What to download: the JSON backup (confidential notes and entries only when ticked), or
    vCard 4.0, vCard 3.0 or CSV (never with them)."""

    format = forms.ChoiceField(choices=[("json", "json"), ("vcard", "vcard"), ("vcard3", "vcard3"), ("csv", "csv")])
    confidential = Flag()


class RestoreForm(WebForm):
    """The backup, and whether it may replace a network that has people in it."""

    file = forms.FileField(required=False, allow_empty_file=True)
    replace = Flag()

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload is None:
            raise forms.ValidationError("choose a JSON backup to restore (a .json file Goodwill wrote)")
        return upload  # type: ignore[no-any-return]
