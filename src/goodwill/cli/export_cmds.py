"""`goodwill export` (vCard, CSV, JSON backup, vdir) and `goodwill restore`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, open_store
from goodwill.cli.import_progress import run_with_progress
from goodwill.cli.output import errors


def export(
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="vcard, csv, json (a full backup) or vdir (a folder, one .vcf per person)"),
    ] = "vcard",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="File (or folder for vdir); standard output when omitted")
    ] = None,
    v3: Annotated[bool, typer.Option("--v3", help="vCard 3.0 instead of 4.0")] = False,
    include_confidential: Annotated[
        bool, typer.Option("--include-confidential", help="JSON backup only: include confidential notes")
    ] = False,
    demo: DemoOption = False,
) -> None:
    """Export your network. Confidential notes never go into vCard or CSV."""
    from goodwill.errors import InvalidInput
    from goodwill.services.export_file import FORMATS, write_export

    formats = (*FORMATS, "vdir")  # a folder of cards is the CLI's alone
    if format not in formats:
        raise InvalidInput(f'"{format}" is not an export format; use one of: {", ".join(formats)}')
    if include_confidential and format != "json":
        raise InvalidInput(
            "--include-confidential is for the JSON backup only; confidential notes never go into vCard or CSV"
        )
    owner = open_store(demo)
    from goodwill.services import contacts_export

    version = "3.0" if v3 else "4.0"
    total = contacts_export.count_people(owner)
    if format == "vdir":
        if out is None:
            raise InvalidInput("a vdir export needs a folder: --out ~/contacts/goodwill")
        if out.exists() and not out.is_dir():
            raise InvalidInput(f"{out} is a file; a vdir export needs a folder (one .vcf per person)")
        result = run_with_progress(
            lambda progress: contacts_export.export_vdir(owner, out, version=version, progress=progress),
            total=total,
            unit="people",
        )
        removed = f"; removed {result.removed} of people no longer here" if result.removed else ""
        errors.print(f"Wrote {result.written} cards to {out} ({result.changed} new or changed{removed})", markup=False)
        return
    if out is not None and out.is_dir():
        raise InvalidInput(f"{out} is a folder; give a file name (or --format vdir for a folder)")
    with _open(out) as stream:
        if format == "json":
            counts = write_export(owner, format, stream, include_confidential=include_confidential)
            assert counts is not None  # a JSON backup counts what it wrote
            errors.print(f"Backed up {counts['person']} people, {counts['interaction']} interactions", markup=False)
        else:
            run_with_progress(
                lambda progress: write_export(owner, format, stream, v3=v3, progress=progress),
                total=total,
                unit="people",
                show=out is not None or not sys.stdout.isatty(),
            )


class _open:
    """A file written atomically (temporary name, then rename), or standard output."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def __enter__(self):
        if self.path is None:
            return sys.stdout
        self.tmp = self.path.with_name(self.path.name + ".partial")
        self.handle = self.tmp.open("w", encoding="utf-8", newline="")
        return self.handle

    def __exit__(self, kind, value, tb) -> None:
        if self.path is None:
            return
        self.handle.close()
        if kind is None:
            self.tmp.replace(self.path)
        else:
            self.tmp.unlink(missing_ok=True)


def restore(
    backup_file: Annotated[Path, typer.Argument(help="A JSON backup made by `goodwill export --format json`")],
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Replace the current network (kept as a backup in the data folder first)"),
    ] = False,
    demo: DemoOption = False,
) -> None:
    """Bring back a JSON backup."""
    from goodwill.errors import InvalidInput

    if not backup_file.is_file():
        raise InvalidInput(f"{backup_file}: no such file")
    owner = open_store(demo)
    from goodwill.services.backup import restore_backup, restored_summary

    with backup_file.open(encoding="utf-8") as stream:
        restored = restore_backup(owner, stream, replace=replace)
    print(restored_summary(restored))
    if restored.kept:
        print(
            f"The network it replaced is kept in {restored.kept}; `goodwill restore --replace` that file undoes this."
        )


def register(app: typer.Typer) -> None:
    app.command()(export)
    app.command()(restore)
