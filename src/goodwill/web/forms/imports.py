"""Forms of Import contacts: the upload, apply or cancel its preview, and an export's download."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.files.uploadedfile import UploadedFile

from goodwill.web.forms.base import Flag, WebForm, box

SUFFIXES = {".vcf", ".vcard", ".csv"}
MAX_UPLOAD = 50 * 1024 * 1024


class UploadForm(WebForm):
    file = forms.FileField(required=False, allow_empty_file=True)  # an empty file: the preview says so

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload is None:
            raise forms.ValidationError("choose a file to import: a .vcf or .csv export")
        if Path(upload.name or "").suffix.lower() not in SUFFIXES:
            raise forms.ValidationError(
                f'"{upload.name}" is not a .vcf or .csv file; export your contacts as vCard or CSV'
            )
        if (upload.size or 0) > MAX_UPLOAD:
            raise forms.ValidationError("that file is over 50 MB; split it into smaller files and import each")
        return upload  # type: ignore[no-any-return]


class ApplyForm(WebForm):
    """The preview's token (which upload), and whether it was cancelled instead."""

    token = box(strip=False)
    cancel = Flag()


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
