"""Mail import benchmark (issue 4): an mbox of 50,000 messages.
Target and results: docs/performance.md, "Import, mail and duplicates".

    .venv/bin/python benchmarks/bench_mail.py [--messages 50000] [--people 2000] [--keep]

1. Generates (seeded) an mbox like a real one: threads with people I know (their
   mail and my replies, multipart and quoted-printable, quoted history), newsletters
   and mailing lists, auto-replies, and mail from strangers.
2. In a fresh data folder (SQLite), adds `--people` people with email addresses.
3. Times `goodwill mail import FILE --me ... --apply` as a fresh process (the number
   the target is about), then the same import again (nothing new: idempotent), then
   a dry run. Prints wall time, the child's CPU time (user + system: what the import
   cost on a busy machine) and its peak RSS for each.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
GOODWILL = Path(sys.executable).with_name("goodwill")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ME = "me@bench.example"
WORDS = (
    "lunch project proposal budget hiring article intro conference deck numbers contract review "
    "timeline launch coffee call friday team client partner idea feedback draft plan"
).split()


def _text(rng: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
        out.append(" ".join(words).capitalize() + ".")
    return "\n".join(out)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%a, %d %b %Y %H:%M:%S +0000")


def _from_line(moment: datetime) -> str:
    return f"From bench@xxx {moment.strftime('%a %b %d %H:%M:%S %Y')}\n"


def _message(headers: list[tuple[str, str]], body: str, multipart: bool) -> str:
    head = "".join(f"{k}: {v}\n" for k, v in headers) + "MIME-Version: 1.0\n"
    if not multipart:
        return head + 'Content-Type: text/plain; charset="UTF-8"\n\n' + body + "\n"
    qp = body.replace("=", "=3D")
    return (
        head + 'Content-Type: multipart/alternative; boundary="b1"\n\n--b1\n'
        'Content-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
        f'{qp}\n--b1\nContent-Type: text/html; charset="UTF-8"\n\n<div>{body.replace(chr(10), "<br>")}</div>\n--b1--\n'
    )


def write_mbox(path: Path, messages: int, people: int, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    counts = {"known": 0, "automated": 0, "stranger": 0}
    written = 0
    with path.open("w", encoding="utf-8") as out:
        while written < messages:
            roll = rng.random()
            moment = NOW - timedelta(days=rng.uniform(0, 3 * 365))
            if roll < 0.20:  # newsletters and lists
                sender = f"news@letter{rng.randint(1, 40)}.example"
                headers = [
                    ("From", f"Letter <{sender}>"),
                    ("To", ME),
                    ("Date", _stamp(moment)),
                    ("Message-ID", f"<nl-{written}@bench.example>"),
                    ("Subject", "This week: " + rng.choice(WORDS)),
                    ("List-Id", f"<letter{rng.randint(1, 40)}.example>"),
                    ("List-Unsubscribe", "<mailto:u@x.example>"),
                ]
                out.write(_from_line(moment) + _message(headers, _text(rng, 8), True) + "\n")
                written += 1
                counts["automated"] += 1
                continue
            if roll < 0.30:  # strangers
                headers = [
                    ("From", f"Someone <s{rng.randint(1, 10**6)}@elsewhere.example>"),
                    ("To", ME),
                    ("Date", _stamp(moment)),
                    ("Message-ID", f"<st-{written}@bench.example>"),
                    ("Subject", "Hello " + rng.choice(WORDS)),
                ]
                out.write(_from_line(moment) + _message(headers, _text(rng, 3), False) + "\n")
                written += 1
                counts["stranger"] += 1
                continue
            # A thread with someone I know: 1-6 messages, alternating, in order.
            person = rng.randrange(people)
            them = f"person{person}@known.example"
            subject = rng.choice(WORDS).capitalize() + " " + rng.choice(WORDS)
            root = f"<t{written}@bench.example>"
            refs: list[str] = []
            inbound = rng.random() < 0.6
            for _step in range(rng.randint(1, 6)):
                if written >= messages:
                    break
                message_id = root if not refs else f"<t{written}-r@bench.example>"
                sender, to = (them, ME) if inbound else (ME, them)
                headers = [
                    ("From", f"<{sender}>"),
                    ("To", f"<{to}>"),
                    ("Date", _stamp(moment)),
                    ("Message-ID", message_id),
                    ("Subject", ("Re: " if refs else "") + subject),
                ]
                if refs:
                    headers += [("In-Reply-To", refs[-1]), ("References", " ".join(refs))]
                body = _text(rng, rng.randint(2, 6))
                if not inbound and rng.random() < 0.3:
                    body = "I'll send you the " + rng.choice(WORDS) + " by friday.\n" + body
                if refs:
                    body += "\n\nOn an earlier day, someone wrote:\n" + "\n".join(
                        "> " + line for line in _text(rng, 4).split("\n")
                    )
                out.write(_from_line(moment) + _message(headers, body, rng.random() < 0.5) + "\n")
                refs.append(message_id)
                written += 1
                counts["known"] += 1
                inbound = not inbound
                moment += timedelta(hours=rng.uniform(0.2, 72))
                if moment > NOW:
                    break
    return counts


def add_people(home: Path, people: int) -> None:
    os.environ["GOODWILL_HOME"] = str(home)
    from goodwill.db import open_database

    open_database()
    from goodwill import clock
    from goodwill.models import ContactPoint, Person
    from goodwill.services.accounts import local_user

    owner = local_user()
    now = clock.now()
    rows = Person.objects.bulk_create(
        [Person(owner=owner, name=f"Person {n}", created_at=now, updated_at=now) for n in range(people)]
    )
    ContactPoint.objects.bulk_create(
        [
            ContactPoint(
                owner=owner,
                person=p,
                kind="email",
                value=f"person{n}@known.example",
                normalized=f"person{n}@known.example",
            )
            for n, p in enumerate(rows)
        ]
    )


def timed(args: list[str], env: dict) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run([str(GOODWILL), *args], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode:
        sys.exit(f"failed: {result.stderr or result.stdout}")
    return elapsed, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args()
    os.environ.setdefault("GOODWILL_NOW", NOW.isoformat())
    os.environ.setdefault("GOODWILL_TIMEZONE", "UTC")
    work = Path(tempfile.mkdtemp(prefix="goodwill-bench-mail-"))
    mbox = work / "bench.mbox"
    started = time.perf_counter()
    counts = write_mbox(mbox, options.messages, options.people)
    print(
        f"generated {options.messages:,} messages ({counts}), {mbox.stat().st_size / 2**20:.0f} MB "
        f"in {time.perf_counter() - started:.1f} s"
    )
    home = work / "home"
    home.mkdir()
    add_people(home, options.people)
    env = dict(os.environ, GOODWILL_HOME=str(home))
    target = 60.0
    for label, extra in (("import --apply", ["--apply"]), ("again (idempotent)", ["--apply"]), ("dry run", [])):
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        elapsed, output = timed(["mail", "import", str(mbox), "--me", ME, *extra], env)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu_before
        first = next((line.strip() for line in output.splitlines() if line.strip().startswith("logged")), "")
        verdict = (
            "" if label != "import --apply" else (" OK" if elapsed <= target else f" OVER the {target:.0f} s target")
        )
        print(
            f"{label:<20} {elapsed:6.1f} s wall, {cpu:5.1f} s CPU  peak RSS {max(peak, before) / 1024:.0f} MB  {first}{verdict}"
        )
    print(
        f"load average (1, 5, 15 min) at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
        f"on {os.cpu_count()} CPUs: wall time includes waiting for other processes, CPU time does not"
    )
    if not options.keep:
        import shutil

        shutil.rmtree(work)
    else:
        print(f"kept {work}")


if __name__ == "__main__":
    main()
