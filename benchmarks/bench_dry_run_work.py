"""The repeat dry run against the first, counted in instructions (issue 18).

    .venv/bin/python benchmarks/bench_dry_run_work.py [--rows 30000]

Issue 18's target: a dry run of a file already imported costs no more than the first dry
run of it. bench_import.py's `--dry-runs` times the two in pairs, but on this shared
machine one pair's two halves differ by up to a third from the machine alone. This one
counts instructions under valgrind's callgrind, which the machine's load does not move.

A 30,000-row LinkedIn CSV is imported once (not counted) into a SQLite data folder for
one owner; a second owner has nobody. Each count is one fresh process on a copy of that
folder that runs the dry run once or twice, for the owner who has everyone (the
repeat) or for the one who has nobody (the first); a run's own count is twice − once,
so Python's and Django's start-up, the imports and the first run's caches fall out.
PYTHONHASHSEED is fixed, so a count is the same from one process to the next.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from callgrind import instructions  # noqa: E402

EMPTY = "bench-dry-run-empty"


def prepare(folder: Path, rows: int) -> Path:
    """The CSV, applied into `folder` (GOODWILL_HOME) for the local user; a second user has nobody."""
    import bench_import

    path = folder / "connections.csv"
    bench_import.linkedin_csv(path, rows)
    os.environ["GOODWILL_HOME"] = str(folder / "home")
    from goodwill.db import open_database

    open_database()  # before the models: it sets Django up
    from django.contrib.auth import get_user_model

    from goodwill.services.accounts import ensure_defaults, local_user
    from goodwill.services.contacts_import import import_contacts

    import_contacts(local_user(), [path], apply=True)
    ensure_defaults(get_user_model().objects.create(username=EMPTY))
    from django.db import connection

    connection.close()
    return path


def child(home: str, path: str, who: str, runs: int) -> None:
    """One counted process: `runs` dry runs of the file for `who` ("repeat" or "first")."""
    os.environ["GOODWILL_HOME"] = home
    from goodwill.db import open_database

    open_database()
    from django.contrib.auth import get_user_model

    from goodwill.services.accounts import local_user
    from goodwill.services.contacts_import import import_contacts

    owner = local_user() if who == "repeat" else get_user_model().objects.get(username=EMPTY)
    for _ in range(runs):
        report = import_contacts(owner, [path])
    expected = "unchanged" if who == "repeat" else "created"
    if report.counts[expected] != sum(report.counts.values()):
        raise SystemExit(f"{who}: expected every row {expected}, got {report.counts}")


def counted(folder: Path, path: Path, who: str, runs: int) -> int:
    """Instructions of one fresh process (child) on a copy of the prepared data folder."""
    home = Path(tempfile.mkdtemp(prefix="goodwill-bench-dry-home-"))
    try:
        shutil.copytree(folder / "home", home, dirs_exist_ok=True)
        env = {**os.environ, "PYTHONHASHSEED": "0", "GOODWILL_TIMEZONE": "UTC"}
        return instructions([sys.executable, __file__, "--child", str(home), str(path), who, str(runs)], env)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=30000)
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        home, path, who, runs = args.child
        child(home, path, who, int(runs))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed: apt-get install valgrind (make system-deps does)")
    if os.environ.get("GOODWILL_DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("this benchmark counts SQLite's work in this process; unset GOODWILL_DATABASE_URL")
    folder = Path(tempfile.mkdtemp(prefix="goodwill-bench-dry-work-"))
    try:
        path = prepare(folder, args.rows)
        own = {}
        for who in ("first", "repeat"):
            once, twice = counted(folder, path, who, 1), counted(folder, path, who, 2)
            own[who] = twice - once
            print(f"{who}: once {once / 1e6:,.0f} M, twice {twice / 1e6:,.0f} M, a run {own[who] / 1e6:,.0f} M")
        print(f"repeat / first: {own['repeat'] / own['first']:.3f} (instructions, {args.rows:,} rows)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
