"""`goodwill import`: contacts from vCard, CSV exports and vdir folders, and
meetings from .ics; a dry run unless --apply. `import list` and `import undo BATCH`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.import_progress import run_with_progress
from goodwill.cli.output import console, emit_json
from goodwill.errors import InvalidInput


def import_cmd(
    files: Annotated[list[str], typer.Argument(help="Files or vdir folders; or `list`, or `undo BATCH`")],
    apply: Annotated[
        bool, typer.Option("--apply", help="Write the import (without it, a dry run shows what would happen)")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Import nothing if any row has a problem")] = False,
    mapping: Annotated[
        str | None, typer.Option("--map", help='Columns of any other CSV: "Full Name=name,E-mail=email"')
    ] = None,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Import contacts (vCard 2.1/3.0/4.0, LinkedIn, Google, Outlook, Thunderbird, Roundcube, Act!, any CSV
    with common column names or --map, a one-column list of email addresses),
    a vdir folder, or past meetings from .ics files.

    A dry run unless --apply; each import is one batch: `goodwill import list`,
    `goodwill import undo BATCH`. Field names for --map: docs/import.md."""
    owner = open_store(demo)
    if files[0] == "list":
        return _list(owner, json)
    if files[0] == "undo":
        return _undo(owner, files[1:], json)
    paths = _expand(files)
    meetings = [p for p in paths if p.suffix.lower() == ".ics"]
    if meetings:
        if len(meetings) != len(paths):
            raise InvalidInput(
                "import .ics meeting files on their own, apart from contact files (each import is one batch)"
            )
        return _meetings(owner, paths, apply, json)
    from goodwill.services.contacts_import import import_contacts

    report = _with_progress(
        lambda progress: import_contacts(owner, paths, mapping=mapping, apply=apply, strict=strict, progress=progress),
        total=_estimate(paths),
        show=not json,
    )
    if json:
        emit_json(report)
    else:
        _print_report(report, apply, strict)
    if strict and report.problem_count:
        raise typer.Exit(2)


def _estimate(paths: list[Path]) -> int | None:
    """About how many records, for the progress bar: cards or lines, counted in
    raw bytes (fast even for a big file). None when the guess would be poor."""
    total = 0
    for path in paths:
        try:
            with path.open("rb") as handle:
                head = handle.read(4096)
                if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\0" in head:
                    return None  # UTF-16: byte counting does not work
                marker = b"BEGIN:VCARD" if b"BEGIN:VCARD" in head.upper() else b"\n"
                handle.seek(0)
                carry = b""  # a marker cut between two blocks still counts once
                for block in iter(lambda: handle.read(1 << 20), b""):
                    block = block.upper() if marker != b"\n" else block
                    total += (carry + block).count(marker)
                    carry = block[len(block) - len(marker) + 1 :]
        except OSError:
            return None
    return total or None


def _expand(files: list[str]) -> list[Path]:
    """A folder is a vdir: every .vcf in it."""
    from goodwill.errors import InvalidInput

    paths = []
    for name in files:
        path = Path(name)
        if path.is_dir():
            cards = sorted(path.glob("*.vcf"))
            if not cards:
                raise InvalidInput(f"{name}: a folder with no .vcf files; give a vdir folder or a file")
            paths += cards
        else:
            paths.append(path)
    return paths


def _with_progress(work, total: int | None = None, show: bool = True):
    """Run work(progress), with a progress bar on standard error once it has taken
    over a second; only at a terminal, never for --json or in a pipe."""
    return run_with_progress(work, total=total, show=show, unit="records")


def formats_read(formats: list[str]) -> str:
    """What was read, once per kind of file: a folder of 10,000 vCards is "vcard from 10,000 files",
    not "vcard" 10,000 times."""
    from collections import Counter

    def files(count: int) -> str:
        return f"{count:,} file{'' if count == 1 else 's'}"

    kinds = Counter(formats)
    if len(kinds) == 1:
        return f"{formats[0]} from {files(len(formats))}"
    return ", ".join(f"{kind} ({files(count)})" for kind, count in kinds.most_common()) + f" from {files(len(formats))}"


def _print_report(report, apply: bool, strict: bool) -> None:
    counts = report.counts
    verb = "Imported" if report.applied else "Dry run, nothing written"
    console.print(f"{verb}: {formats_read(report.formats)}", markup=False)
    for action in ("created", "updated", "merged", "unchanged", "skipped"):
        examples = report.examples.get(action, [])
        more = f" (e.g. {', '.join(examples[:3])})" if examples else ""
        console.print(f"  {action:<10} {counts[action]:>6}{more}", markup=False)
    if report.unmapped:
        console.print(
            f"  not mapped {len(report.unmapped):>6} column(s), kept as custom fields only "
            "(mail, duplicates and pass-on don't use them; say where they go with --map):",
            markup=False,
        )
        for column in report.unmapped:
            where = f"{column.file}: " if len(report.files) > 1 else ""
            console.print(f"    {where}{column}", markup=False)
    if report.problem_count:
        console.print(f"  problems   {report.problem_count:>6}", markup=False)
        for problem in report.problems[:20]:
            console.print(f"    {problem}", markup=False)
        if report.problem_count > 20:
            console.print(f"    … and {report.problem_count - 20} more (--json lists up to 500)", markup=False)
    if strict and report.problem_count:
        console.print("--strict: nothing was imported because of the problems above.", markup=False)
    elif report.applied:
        console.print(f"Batch #{report.batch_id}. Undo with: goodwill import undo {report.batch_id}", markup=False)
    else:
        console.print("Run again with --apply to import.", markup=False)


def _list(owner, json: bool) -> None:
    from goodwill.models import ImportBatch

    rows = [
        {
            "id": b.pk,
            "source": b.source,
            "file": b.filename,
            "at": b.created_at,
            "undone": b.undone_at is not None,
            **b.summary,
        }
        for b in ImportBatch.objects.filter(owner=owner)
    ]
    if json:
        emit_json(rows)
        return
    for r in rows:
        state = " (undone)" if r["undone"] else ""
        console.print(
            f"#{r['id']} {r['at']:%Y-%m-%d %H:%M} {r['source']}: {r['file']} — "
            f"{r.get('created', 0)} created, {r.get('updated', 0)} updated{state}",
            markup=False,
        )
    if not rows:
        console.print("No imports yet.")


def _undo(owner, args: list[str], json: bool) -> None:
    from goodwill.errors import InvalidInput
    from goodwill.services.contacts_import import undo_import

    if len(args) != 1:
        raise InvalidInput("give one batch id: goodwill import undo BATCH (see goodwill import list)")
    batch = undo_import(owner, args[0])
    if json:
        emit_json({"id": batch.pk, "undone_at": batch.undone_at})
    else:
        console.print(f"Import #{batch.pk} undone.")


def _meetings(owner, paths, apply: bool, json: bool) -> None:
    from goodwill.services.meetings_import import import_meetings

    report = import_meetings(owner, paths, apply=apply)
    if json:
        emit_json(report)
        return
    verb = "Logged" if report.applied else "Dry run, nothing written; would log"
    console.print(
        f"{verb} {report.logged} meeting(s); {report.unchanged} already logged, "
        f"{report.no_known_attendee} with no known attendee, {report.future} not yet happened.",
        markup=False,
    )
    for problem in report.problems[:20]:
        console.print(f"  {problem}", markup=False)
    if report.applied and report.batch_id:
        console.print(f"Batch #{report.batch_id}. Undo with: goodwill import undo {report.batch_id}", markup=False)
    elif not report.applied:
        console.print("Run again with --apply to log them.", markup=False)


def register(app: typer.Typer) -> None:
    app.command("import")(import_cmd)
