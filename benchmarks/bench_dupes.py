"""Duplicate finding on a big network. Results: docs/performance.md, "Import, mail and duplicates".

Builds its own SQLite database in a temporary data folder: N people with unique
names, organizations, emails, phones and LinkedIn URLs, plus about 3% planted
duplicates of five sorts (same email under a reversed name, same phone written
another way, same LinkedIn profile behind another URL, a nickname at the same
organization, a typo at the same organization). Then times:

  - likely_duplicates(): reading people and contact points, and matching (in process)
  - find_pairs() alone, on records already in memory
  - `goodwill dupes --json` as a user runs it (a fresh process, startup included)

and reports how many planted pairs were found (recall) and what else was listed.

    .venv/bin/python benchmarks/bench_dupes.py [--people 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

NICKNAMES = [
    ("Robert", "Bob"),
    ("William", "Bill"),
    ("Elizabeth", "Liz"),
    ("Katherine", "Kate"),
    ("Michael", "Mike"),
    ("Margaret", "Peggy"),
    ("Richard", "Rick"),
    ("Jennifer", "Jen"),
    ("Thomas", "Tom"),
    ("Rebecca", "Becky"),
]


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word + "e"
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def build(owner, count: int, rng: random.Random) -> set[tuple[int, int]]:
    """Bulk-load `count` people (plus planted twins); returns the planted (keep, twin) id pairs."""
    from goodwill import clock
    from goodwill.demo import vocabulary as words
    from goodwill.models import ContactPoint, Organization, Person

    now = clock.now()
    firsts = sorted(set(words.FEMALE_FIRST + words.MALE_FIRST + [formal for formal, _ in NICKNAMES]))
    lasts = list(words.LAST)
    names = [(f, last) for f in firsts for last in lasts]
    rng.shuffle(names)
    while len(names) < count:  # beyond the vocabulary: double-barrelled family names
        names += [(f, f"{last}-{rng.choice(lasts)}") for f, last in names[: count - len(names)]]
    org_names = sorted({o for group in words.ORGANIZATIONS.values() for o in group})
    orgs = [Organization.objects.get_or_create(owner=owner, name=o)[0] for o in org_names]

    people, points, twins = [], [], []
    for i in range(count):
        first, last = names[i]
        org = rng.choice(orgs) if rng.random() < 0.7 else None
        slug = f"{first}-{last}-{i}".lower()
        people.append(
            Person(
                owner=owner,
                name=f"{first} {last}",
                given_name=first,
                family_name=last,
                organization=org,
                created_at=now,
                updated_at=now,
            )
        )
        email = f"{slug}@example.com"
        phone = f"+1{rng.choice(words.AREA_CODES)}{2_000_000 + i:07d}"
        points.append((i, "email", email, email))
        points.append((i, "phone", phone, phone))
        points.append((i, "url", f"https://www.linkedin.com/in/{slug}", f"linkedin.com/in/{slug}"))
        if rng.random() < 0.03:
            twins.append(i)
    sorts = ["email", "phone", "linkedin", "nickname", "typo"]
    planted = []
    for n, i in enumerate(twins):
        sort = sorts[n % len(sorts)]
        base = people[i]
        first, last = base.given_name, base.family_name
        twin = Person(owner=owner, organization=base.organization, created_at=now, updated_at=now)
        j = len(people)
        if sort == "email":
            twin.name = f"{last}, {first[0]}."
            points.append((j, "email", points[3 * i][2].upper(), points[3 * i][3]))
        elif sort == "phone":
            twin.name = f"{first} {last}"
            twin.organization = None
            digits = points[3 * i + 1][2][2:]
            points.append(
                (j, "phone", f"({digits[:3]}) {digits[3:6]}-{digits[6:]}", f"({digits[:3]}) {digits[3:6]}-{digits[6:]}")
            )
        elif sort == "linkedin":
            twin.name = f"{first} {last[0]}."
            slug = points[3 * i + 2][2].rsplit("/", 1)[1]
            points.append((j, "url", f"http://linkedin.com/in/{slug.upper()}/?trk=x", f"linkedin.com/in/{slug}"))
        elif sort == "nickname":
            formal, nick = rng.choice(NICKNAMES)
            last = f"{last}-{next(x for x in lasts[n % len(lasts) :] + lasts if x != last)}"  # renamed, so it must not collide with a real name
            base.name, base.given_name, base.family_name = f"{formal} {last}", formal, last
            twin.name = f"{nick} {last}"
            twin.organization = base.organization or orgs[0]
            base.organization = twin.organization
        else:
            twin.name = f"{first} {typo(last, rng)}"
            twin.organization = base.organization or orgs[1]
            base.organization = twin.organization
        people.append(twin)
        planted.append((i, j))
    Person.objects.bulk_create(people, batch_size=2000)
    ContactPoint.objects.bulk_create(
        [ContactPoint(owner=owner, person=people[i], kind=k, value=v, normalized=nv) for i, k, v, nv in points],
        batch_size=5000,
    )
    return {(people[a].pk, people[b].pk) for a, b in planted}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="goodwill-bench-dupes-")
    os.environ["GOODWILL_HOME"] = home
    os.environ.setdefault("GOODWILL_NOW", "2026-11-23T09:00:00+00:00")
    from goodwill.db import open_database

    open_database()
    from goodwill.habits.dupes import find_pairs
    from goodwill.queries.dupes import likely_duplicates, load_records
    from goodwill.services.accounts import local_user

    owner = local_user()
    started = time.perf_counter()
    planted = build(owner, args.people, random.Random(args.seed))
    total = args.people + len(planted)
    print(f"built {total:,} people ({len(planted)} planted duplicates) in {time.perf_counter() - started:.1f} s")

    # Wall and CPU time: on a shared machine the CPU time is the steadier figure.
    timings, cpu = [], []
    for _ in range(args.runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        pairs = likely_duplicates(owner)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    records = load_records(owner)
    pure, pure_cpu = [], []
    for _ in range(args.runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        find_pairs(records)
        pure.append(time.perf_counter() - started)
        pure_cpu.append(time.process_time() - started_cpu)
    found = {(p.keep_id, p.other_id) for p in pairs}
    hits = planted & found
    print(
        f"likely_duplicates over {total:,} people: median {statistics.median(timings):.2f} s wall, "
        f"{statistics.median(cpu):.2f} s CPU (find_pairs alone {statistics.median(pure):.2f} s wall, "
        f"{statistics.median(pure_cpu):.2f} s CPU)"
    )
    print(
        f"planted pairs found: {len(hits)}/{len(planted)} ({len(hits) / max(1, len(planted)):.0%}); "
        f"other pairs listed: {len(found - planted)}"
    )
    missed = sorted(planted - found)[:5]
    if missed:
        from goodwill.models import Person

        names = dict(Person.objects.filter(pk__in=[i for pair in missed for i in pair]).values_list("pk", "name"))
        print("  missed, e.g.: " + "; ".join(f"{names[a]} / {names[b]}" for a, b in missed))

    cli = [sys.executable, "-m", "goodwill.cli.main", "dupes", "--json"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    walls = []
    for _ in range(args.runs):
        started = time.perf_counter()
        subprocess.run(cli, env=env, check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - started)
    print(f"`goodwill dupes --json` (new process, startup included): median {statistics.median(walls):.2f} s wall")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
