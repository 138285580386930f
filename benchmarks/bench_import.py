"""Import benchmarks (issue 4): a 30,000-row LinkedIn CSV (dry run, then apply),
10,000 vCards, and a 200 MB file streamed with bounded memory.

    .venv/bin/python benchmarks/bench_import.py [--rows 30000] [--cards 10000] [--big-mb 200]
    .venv/bin/python benchmarks/bench_import.py --only linkedin   # one scenario
    .venv/bin/python benchmarks/bench_import.py --only linkedin --dry-runs 7   # + 7 paired dry runs

Each scenario runs in its own process, in a fresh temporary data folder (SQLite),
so its peak RSS is its own. The vCards are timed as dry run + apply, the same as
the CLI does when you check first. Targets and results: docs/performance.md,
"Import, mail and duplicates".

After the apply, the same file is dry-run again (everyone matches: issue 18's "repeat
dry run") and the batch is undone; every phase has its wall and CPU time. With
GOODWILL_DATABASE_URL=postgresql://... the scenarios run on that database instead,
each for a new user of its own (give it a database of its own: createdb).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MADE: list[str] = []  # temporary folders this process made, removed when it ends
sys.path.insert(0, str(ROOT / "src"))

FIRST = [
    "Ada",
    "Grace",
    "Alan",
    "Barbara",
    "Edsger",
    "Frances",
    "Donald",
    "Margaret",
    "Ken",
    "Radia",
    "Zoë",
    "José",
    "Søren",
    "Ingrid",
    "Wei",
    "Priya",
    "Kwame",
    "Olga",
    "Mateo",
    "Aiko",
]
LAST = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Liskov",
    "Dijkstra",
    "Allen",
    "Knuth",
    "Hamilton",
    "Thompson",
    "Perlman",
    "Ødegård",
    "Müller",
    "García",
    "Nakamura",
    "Okafor",
    "Kowalski",
    "Singh",
    "Chen",
]
COMPANIES = [
    "Acme",
    "Initech",
    "Globex",
    "Umbrella",
    "Stark Industries",
    "Wayne Enterprises",
    "Hooli",
    "Pied Piper",
    "Vandelay Industries",
    "Soylent",
    "Tyrell",
    "Cyberdyne",
]
TITLES = ["CTO", "Engineer", "Partner", "Director, Sales", "VP Marketing", "Founder", "Analyst"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LINKEDIN_PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n'
)


def _csv_cell(text: str) -> str:
    return f'"{text}"' if "," in text or '"' in text else text


def linkedin_csv(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(LINKEDIN_PREAMBLE)
        out.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n")
        for n in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            # Like real exports: most connections hide their email.
            email = f"{first.lower()}.{n}@example.com" if rng.random() < 0.3 else ""
            when = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2005, 2026)}"
            cells = [
                first,
                last,
                f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{n}",
                email,
                rng.choice(COMPANIES),
                rng.choice(TITLES),
                when,
            ]
            out.write(",".join(_csv_cell(c) for c in cells) + "\r\n")


def vcards(path: Path, cards: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        for n in range(cards):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            out.write(
                "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                f"UID:bench-{n}\r\nFN:{first} {last}\r\nN:{last};{first};;;\r\n"
                f"ORG:{rng.choice(COMPANIES)}\r\nTITLE:{rng.choice(TITLES).replace(',', chr(92) + ',')}\r\n"
                f"EMAIL;TYPE=INTERNET,WORK:{first.lower()}.{n}@example.com\r\n"
                f"TEL;TYPE=CELL:+1 512 555 {n % 10000:04d}\r\n"
                f"item1.URL:https://www.linkedin.com/in/{first.lower()}-{n}\r\nitem1.X-ABLabel:LinkedIn\r\n"
                f"BDAY:19{rng.randint(50, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\r\n"
                f"NOTE:Met at conference {n % 50}\r\nCATEGORIES:bench,tag{n % 7}\r\n"
                f"X-CUSTOM-FIELD:value {n}\r\nEND:VCARD\r\n"
            )


def big_file(path: Path, megabytes: int) -> int:
    """A LinkedIn CSV of about `megabytes` MB (rows padded with long positions)."""
    pad = "x" * 80
    target = megabytes * 1024 * 1024
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(LINKEDIN_PREAMBLE)
        out.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n")
        written = 0
        block = []
        while written < target:
            line = (
                f"Ada,Lovelace{rows},https://www.linkedin.com/in/ada-{rows},ada{rows}@example.com,"
                f"Acme,Engineer {pad},01 Jan 2020\r\n"
            )
            block.append(line)
            written += len(line)
            rows += 1
            if len(block) == 10_000:
                out.write("".join(block))
                block = []
        out.write("".join(block))
    return rows


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _open_store():
    os.environ["GOODWILL_HOME"] = tempfile.mkdtemp(prefix="goodwill-bench-import-")
    MADE.append(os.environ["GOODWILL_HOME"])
    from goodwill.db import open_database

    open_database()
    from goodwill.services.accounts import ensure_defaults, local_user

    if not os.environ.get("GOODWILL_DATABASE_URL", "").startswith("postgres"):
        return local_user()
    # PostgreSQL: the database outlives the run, so each run imports for a new user.
    from django.contrib.auth import get_user_model

    owner = get_user_model().objects.create(username=f"bench-import-{os.getpid()}-{time.time_ns()}")
    ensure_defaults(owner)
    return owner


def _phase(results: dict, name: str, work):
    """Run work(), keeping its wall and CPU time (CPU is steadier on a busy machine)."""
    started, cpu = time.perf_counter(), time.process_time()
    value = work()
    results[f"{name}_s"] = round(time.perf_counter() - started, 2)
    results[f"{name}_cpu_s"] = round(time.process_time() - cpu, 2)
    return value


def _paired_dry_runs(times: dict, path: Path, owner, runs: int) -> None:
    """The repeat dry run against its floor, in the same minutes: `runs` pairs of a first
    dry run (for a second owner, who has nobody yet) and a repeat (for the owner who has
    everyone), alternating. Each pair's ratio and the medians (a shared machine's speed
    moves by a third from one minute to the next; within a pair it hardly does)."""
    from django.contrib.auth import get_user_model

    from goodwill.services.accounts import ensure_defaults
    from goodwill.services.contacts_import import import_contacts

    empty = get_user_model().objects.create(username=f"bench-import-empty-{os.getpid()}-{time.time_ns()}")
    ensure_defaults(empty)
    pairs: list[dict] = []
    for _ in range(runs):
        pair: dict = {}
        _phase(pair, "first", lambda: import_contacts(empty, [path]))
        _phase(pair, "repeat", lambda: import_contacts(owner, [path]))
        pairs.append(pair)
    for name in ("first", "repeat"):
        for unit in ("s", "cpu_s"):
            times[f"paired_{name}_{unit}"] = [p[f"{name}_{unit}"] for p in pairs]
    ratios = [p["repeat_s"] / p["first_s"] for p in pairs]
    cpu_ratios = [p["repeat_cpu_s"] / p["first_cpu_s"] for p in pairs]
    times["paired_ratio"] = [round(r, 2) for r in ratios]
    times["paired_ratio_median"] = round(statistics.median(ratios), 2)
    times["paired_cpu_ratio_median"] = round(statistics.median(cpu_ratios), 2)


def _timed_import(path: Path, dry_runs: int = 0) -> dict:
    owner = _open_store()
    from django.db import connection

    from goodwill.services.contacts_import import import_contacts, undo_import

    times: dict = {"backend": connection.vendor, "load_avg_1min": round(os.getloadavg()[0], 1)}
    dry = _phase(times, "dry_run", lambda: import_contacts(owner, [path]))
    applied = _phase(times, "apply", lambda: import_contacts(owner, [path], apply=True))
    times["total_s"] = round(times["dry_run_s"] + times["apply_s"], 2)
    times["total_cpu_s"] = round(times["dry_run_cpu_s"] + times["apply_cpu_s"], 2)
    again = _phase(times, "reimport_dry_run", lambda: import_contacts(owner, [path]))
    if dry_runs:
        _paired_dry_runs(times, path, owner, dry_runs)
    _phase(times, "undo", lambda: undo_import(owner, applied.batch_id))
    assert dry.counts == applied.counts, (dry.counts, applied.counts)
    assert again.counts["created"] == 0 and again.counts["updated"] == 0, again.counts
    from goodwill.models import Person

    assert not Person.objects.filter(owner=owner).exists()  # the undo took everyone back out
    return {
        **times,
        "counts": applied.counts,
        "reimport_counts": again.counts,
        "problems": applied.problem_count,
        "peak_rss_mb": round(_peak_rss_mb(), 1),
    }


def scenario(name: str, size: int, dry_runs: int = 0) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="goodwill-bench-files-"))
    MADE.append(str(folder))
    if name == "linkedin":
        path = folder / "Connections.csv"
        linkedin_csv(path, size)
        return {"rows": size, **_timed_import(path, dry_runs)}
    if name == "vcard":
        path = folder / "contacts.vcf"
        vcards(path, size)
        return {"cards": size, **_timed_import(path, dry_runs)}
    if name == "big":
        path = folder / "big.csv"
        rows = big_file(path, size)
        baseline = _peak_rss_mb()
        from goodwill.formats import ContactRecord, read_contacts

        started = time.perf_counter()
        records = sum(1 for item in read_contacts(path) if isinstance(item, ContactRecord))
        seconds = time.perf_counter() - started
        assert records == rows, (records, rows)
        size_mb = path.stat().st_size / 2**20
        path.unlink()
        return {
            "file_mb": round(size_mb),
            "records": records,
            "read_s": round(seconds, 1),
            "peak_rss_mb": round(_peak_rss_mb(), 1),
            "rss_before_read_mb": round(baseline, 1),
        }
    if name == "big-import":
        # The whole import path (a dry run: read, match, plan in memory or a spill file) on the big file.
        path = folder / "big.csv"
        rows = big_file(path, size)
        owner = _open_store()
        from goodwill.services.contacts_import import import_contacts

        started = time.perf_counter()
        report = import_contacts(owner, [path])
        seconds = time.perf_counter() - started
        assert report.counts["created"] == rows, report.counts
        size_mb = path.stat().st_size / 2**20
        path.unlink()
        return {
            "file_mb": round(size_mb),
            "records": rows,
            "dry_run_s": round(seconds, 1),
            "peak_rss_mb": round(_peak_rss_mb(), 1),
        }
    raise SystemExit(f"unknown scenario {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--big-mb", type=int, default=200)
    parser.add_argument(
        "--only",
        choices=["linkedin", "vcard", "big", "big-import"],
        help="one scenario; big-import (the full dry-run import of the big file) only runs when named",
    )
    parser.add_argument(
        "--dry-runs",
        type=int,
        default=0,
        help="after the apply, this many pairs of a first dry run (another owner, nobody yet) and "
        "a repeat, alternating: each pair's ratio and the medians",
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        try:
            print(json.dumps(scenario(args.child[0], int(args.child[1]), args.dry_runs)))
        finally:  # the data folder and the generated file: a few runs would fill /tmp
            for folder in MADE:
                shutil.rmtree(folder, ignore_errors=True)
        return
    sizes = {"linkedin": args.rows, "vcard": args.cards, "big": args.big_mb, "big-import": args.big_mb}
    for name in [args.only] if args.only else ["linkedin", "vcard", "big"]:
        done = subprocess.run(
            [sys.executable, __file__, "--child", name, str(sizes[name]), "--dry-runs", str(args.dry_runs)],
            capture_output=True,
            text=True,
        )
        if done.returncode:
            print(f"{name}: FAILED\n{done.stderr}", file=sys.stderr)
            sys.exit(1)
        print(f"{name}: {done.stdout.strip()}")


if __name__ == "__main__":
    main()
