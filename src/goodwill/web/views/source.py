"""/source.tar.gz: the source of the Goodwill that is running, for anyone who uses it.

Goodwill is AGPL-3.0-or-later: whoever runs a modified Goodwill on a server must offer its
users the source of that version (section 13). The footer's link does so for any copy,
modified or not: the archive is made from the installed package itself (so it carries any
local change) and the license, once per server process, and needs no login (it holds code,
never data)."""

from __future__ import annotations

import functools
import io
import tarfile
import tempfile
from importlib import metadata
from pathlib import Path

from django.http import FileResponse
from django.views.decorators.http import require_safe

import goodwill

SKIP = {"__pycache__"}


def _license_text() -> bytes | None:
    try:
        dist = metadata.distribution("goodwill")
    except metadata.PackageNotFoundError:
        return None
    for file in dist.files or ():
        located = Path(str(file.locate()))
        if file.name == "LICENSE" and located.is_file():
            return located.read_bytes()
    source_tree = Path(goodwill.__file__).resolve().parents[2] / "LICENSE"  # an editable install
    return source_tree.read_bytes() if source_tree.exists() else None


@functools.cache
def _archive() -> Path:
    package = Path(goodwill.__file__).resolve().parent
    with tempfile.NamedTemporaryFile(prefix="goodwill-source-", suffix=".tar.gz", delete=False) as handle:
        with tarfile.open(fileobj=handle, mode="w:gz", compresslevel=6) as tar:
            tar.add(package, arcname="goodwill/src/goodwill", filter=_skip_caches)
            text = _license_text()
            if text is not None:
                info = tarfile.TarInfo("goodwill/LICENSE")
                info.size = len(text)
                tar.addfile(info, io.BytesIO(text))
    return Path(handle.name)


def _skip_caches(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
    return None if Path(info.name).name in SKIP else info


@require_safe
def source(request):
    return FileResponse(_archive().open("rb"), as_attachment=True, filename="goodwill-source.tar.gz")
