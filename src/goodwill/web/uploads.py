"""Files uploaded to the Import page wait here between their dry-run preview and the apply:
in the data folder, in a folder of the user's own (`uploads/USER_ID/`), under a random token.
Applying or cancelling removes the file; a preview left alone is forgotten after a day."""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile

from goodwill.errors import InvalidInput

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
