"""Files uploaded to the Import page wait here between their dry-run preview and the apply:
in the data folder, in a folder of the user's own (`uploads/USER_ID/`), under a random token.
Applying or cancelling removes the file; a preview left alone is forgotten after a day."""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from django.core.files.uploadedfile import UploadedFile

from goodwill.errors import InvalidInput, UserError

R = TypeVar("R")  # an import's report

TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
KEPT_SECONDS = 24 * 3600
EXPIRED = "that upload has expired; choose the file again"


def folder(owner) -> Path:
    from goodwill import config

    return config.data_dir() / "uploads" / str(owner.pk)


def save(owner, upload: UploadedFile) -> tuple[str, Path]:
    """Write an upload to the owner's folder a chunk at a time (a big mailbox is never held
    whole), keeping its extension; returns its token and where it waits."""
    mine = folder(owner)
    mine.mkdir(parents=True, exist_ok=True)
    forget_old(mine)
    token = secrets.token_urlsafe(18)
    path = mine / f"{token}{Path(upload.name or '').suffix.lower()}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token, path


def pending(owner, token: str) -> Path:
    """The uploaded file behind a token, only in the owner's own folder."""
    if not TOKEN.match(token or ""):
        raise InvalidInput(EXPIRED)
    for path in folder(owner).glob(token + "*"):
        if path.stem == token:  # the whole token (a token holds no dot), with or without an extension
            return path
    raise InvalidInput(EXPIRED)


def forget_old(mine: Path) -> None:
    """Previews never applied or cancelled are removed after a day."""
    for path in mine.iterdir():
        if path.is_file() and time.time() - path.stat().st_mtime > KEPT_SECONDS:
            path.unlink(missing_ok=True)


def dry_run(owner, upload: UploadedFile, run: Callable[[Path, dict[str, str]], R]) -> tuple[str, R]:
    """Keep an upload and run its dry run, `run(path, names)` (names: where it waits → the name
    the user chose); returns the token the apply names it by and the report. A file the run
    refuses is not kept."""
    token, path = save(owner, upload)
    try:
        return token, run(path, {str(path): upload.name or "the upload"})
    except UserError:
        path.unlink(missing_ok=True)
        raise


def apply_pending(owner, token: str, shown_name: str, run: Callable[[Path, dict[str, str]], R]) -> R:
    """Apply a previewed upload, `run(path, names)`, and remove it."""
    path = pending(owner, token)
    report = run(path, {str(path): shown_name})
    path.unlink(missing_ok=True)
    return report


def cancel(owner, token: str) -> None:
    """Forget a previewed upload unapplied."""
    pending(owner, token).unlink(missing_ok=True)
