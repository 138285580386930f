"""Build a firm at scale into PostgreSQL (issue 17 §5): 200 professionals × 5,000 people
each (1,000,000 people, 10,000,000 interactions), loaded with COPY.

    GOODWILL_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/gw_firm_bench \\
        .venv/bin/python benchmarks/firm_synthetic.py [--professionals 200] [--people 5000]
        [--interactions 10] [--organizations 20000] [--no-strength]

Realistic overlap: a pool of humans, each known by 1–10 professionals (most by one or two),
working at one of 20,000 organizations: 3 % of humans at the 200 largest (a Zipf draw: the
largest holds about 0.4 % of the firm's records, a big client's share), the rest spread evenly.
Names are drawn from 160 given names × about 5,000 family names (built from syllables), so a
common name repeats as it does in a real address book of a million, not on every 400th row. Each professional's record
of a human is their own Person, named as they wrote it, the employer written their way
("Acme Inc.", "ACME", "acme") so only Organization.key joins them, with the human's email on
4 of 5 records. Each person has about `--interactions` encounters (meetings, calls, emails,
messages, over the last three years; 3 % confidential). The database must be empty (createdb
it first); triggers are off during the COPY (session_replication_role) and the stored strengths
are then filled by services.firm_strength.refresh, timed: the full daily refresh.
The clock is pinned (synthetic.BENCH_NOW), so every build is the same firm.
"""

from __future__ import annotations

import argparse
import bisect
import io
import itertools
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synthetic  # noqa: E402

FULL = {"professionals": 200, "people": 5000, "interactions": 10, "organizations": 20_000}
FIRST = (
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph "
    "Jessica Thomas Sarah Charles Karen Priya Wei Omar Fatima Sven Ingrid Kenji Yuki Carlos Lucia Ahmed Amara "
    "Dmitri Olga Pierre Camille Hans Greta Raj Ananya"
).split()
LAST = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson "
    "Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis "
    "Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera "
    "Campbell Mitchell Carter Roberts Patel Chen Kim Singh Mueller Rossi Dubois Tanaka Ivanova Okafor Larsen"
).split()
WORDS = (
    "Acme Globex Initech Umbrella Stark Wayne Wonka Tyrell Cyberdyne Soylent Hooli Vandelay Pied Piper Dunder "
    "Mifflin Oscorp Aperture Black Mesa Gringotts Monarch Northwind Contoso Fabrikam Tailspin Adventure Works "
    "Blue Yonder Litware Proseware Wingtip Alpine Coho Fourth Coffee Lucerne Margie Trey Woodgrove"
).split()
SYLLABLES = (
    "al an ar bel ber bor cal car del den dor el er fan fer gal gar hal har ian kel ken kor lan lar len "
    "mar mel mor nan nor ol or pal par per ral ran ren ros sal san sel ster tan ter tor val ven wal war"
).split()
FAMILY = LAST + [f"{a.title()}{b}{c}" for a in SYLLABLES[:36] for b in SYLLABLES[:36] for c in ("", "son", "ez")][:5000]
GIVEN = FIRST + [f"{a.title()}{b}" for a in SYLLABLES[:30] for b in ("a", "o", "ie", "in")][:120]
SUFFIXES = ("Inc.", "LLC", "Ltd", "GmbH", "& Co.", "Group", "Partners", "")
# Cumulative Zipf weights (1/rank) of the 200 largest employers, smallest first, for bisect.
BIG = list(itertools.accumulate(1 / rank for rank in range(200, 0, -1)))
NULL = "\\N"  # COPY's null
KINDS = ("meeting", "meeting", "call", "call", "email", "email", "email", "message")


def pin_environment() -> None:
    synthetic.pin_environment()
    if not os.environ.get("GOODWILL_DATABASE_URL", "").startswith("postgres"):
        sys.exit("error: set GOODWILL_DATABASE_URL to an empty PostgreSQL database (createdb gw_firm_bench)")


def setup():
    pin_environment()
    from goodwill.db import ensure_schema, setup_django

    setup_django()
    ensure_schema()


def _org_names(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(base name, domain) per organization: distinct bases, written with varied suffixes later."""
    names = []
    for i in range(count):
        base = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}"
        names.append((base, f"org{i}.test"))
    return names


def _written(base: str, rng: random.Random) -> str:
    """An employer as one professional wrote it: 'Acme Globex 7 Inc.', 'ACME GLOBEX 7', 'acme globex 7 llc'."""
    style = rng.random()
    suffix = rng.choice(SUFFIXES)
    name = f"{base} {suffix}".strip()
    if style < 0.15:
        return name.upper()
    if style < 0.25:
        return name.lower()
    return name


class Copier:
    """Tab-separated rows into COPY, in blocks."""

    def __init__(self, cursor, table: str, columns: tuple[str, ...]) -> None:
        self.cursor, self.table, self.columns = cursor, table, columns
        self.buffer = io.StringIO()
        self.rows = 0

    def add(self, line: str) -> None:
        self.buffer.write(line)
        self.rows += 1
        if self.buffer.tell() > 8_000_000:
            self.flush()

    def flush(self) -> None:
        data = self.buffer.getvalue()
        if data:
            with self.cursor.copy(f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN") as copy:
                copy.write(data)
        self.buffer = io.StringIO()


def _clean(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ").replace("\\", "")


def build(*, professionals: int, people: int, interactions: int, organizations: int, seed: int = 17) -> dict:
    """Load the firm; returns counts and seconds spent."""
    setup()
    from django.db import connection

    from goodwill import clock
    from goodwill.clock import day_number
    from goodwill.habits.dupes import org_key
    from goodwill.models import Member, Person

    if Person.objects.exists():
        sys.exit("error: the database already holds people; drop and create it again for a fresh firm")
    rng = random.Random(seed)
    now = clock.now()
    zone = clock.local_zone()
    stamp = now.isoformat(sep=" ")
    started = time.perf_counter()
    cpu_started = time.process_time()
    orgs = _org_names(organizations, rng)
    target = professionals * people
    known_by = (1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 8, 10)  # how many professionals know one human
    cursor = connection.cursor().cursor  # psycopg's own cursor, for COPY
    cursor.execute("SET session_replication_role = replica")  # no triggers (or FK checks) while loading
    cursor.execute(
        "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff, "
        "is_active, date_joined) SELECT '!', false, 'pro' || lpad(g::text, 3, '0'), '', '', '', false, true, %s "
        "FROM generate_series(0, %s) g",
        [now, professionals - 1],
    )
    cursor.execute("SELECT id FROM auth_user WHERE username LIKE 'pro%%' ORDER BY username")
    user_ids = [row[0] for row in cursor.fetchall()]
    Member.objects.bulk_create(
        [Member(user_id=pk, role="partner" if i < 5 else "member") for i, pk in enumerate(user_ids)]
    )

    org_copy = Copier(cursor, "goodwill_organization", ("id", "owner_id", "name", "key"))
    person_copy = Copier(
        cursor,
        "goodwill_person",
        (
            "id owner_id name uid given_name family_name nickname title how_met birthday industry location "
            "geo_precision geo_status timezone place_label region country extra created_at updated_at "
            "rhythm_days rhythm_max_days due_day organization_id last_touch_at"
        ).split(),
    )
    point_copy = Copier(
        cursor,
        "goodwill_contactpoint",
        ("id", "owner_id", "person_id", "kind", "value", "normalized", "label", "preferred"),
    )
    inter_copy = Copier(
        cursor,
        "goodwill_interaction",
        (
            "id owner_id kind kind_label direction occurred_at summary body confidentiality awaiting_reply "
            "external_id thread_id created_at"
        ).split(),
    )
    part_copy = Copier(cursor, "goodwill_interaction_participants", ("id", "interaction_id", "person_id"))
    own_orgs: dict[tuple[int, str], int] = {}
    counts = {"humans": 0, "people": 0, "organizations": 0, "interactions": 0}
    person_id = point_id = inter_id = 0
    window = 3 * 365 * 24 * 3600
    while person_id < target:
        human = counts["humans"]
        counts["humans"] += 1
        # Common names often (the first 40 given and 64 family names half the time), a long tail.
        first = rng.choice(FIRST) if rng.random() < 0.5 else rng.choice(GIVEN)
        last = rng.choice(LAST) if rng.random() < 0.3 else rng.choice(FAMILY)
        # A few large employers (a Zipf draw over the 200 largest) and a long tail of small ones.
        if rng.random() < 0.03:
            org_base, domain = orgs[min(organizations, 200) - 1 - bisect.bisect_left(BIG, rng.random() * BIG[-1])]
        else:
            org_base, domain = orgs[rng.randrange(organizations)]
        email = f"{first}.{last}.{human}@{domain}".lower()
        for pro in rng.sample(range(professionals), min(professionals, rng.choice(known_by))):
            if person_id >= target:
                break
            owner = user_ids[pro]
            written = _written(org_base, rng)
            org_id = own_orgs.get((owner, written))
            if org_id is None:
                org_id = len(own_orgs) + 1
                own_orgs[(owner, written)] = org_id
                org_copy.add(f"{org_id}\t{owner}\t{_clean(written)}\t{org_key(written)}\n")
            person_id += 1
            name = f"{first} {last}" if rng.random() < 0.9 else f"{first.upper()} {last}"
            moments = [now - timedelta(seconds=rng.randrange(window)) for _ in range(rng.randint(0, 2 * interactions))]
            # The rhythm cache as services.rhythm keeps it (every kind here is a touch): the last
            # touch, and the due day 90 days after it (or after the person was added).
            last_touch = max(moments, default=None)
            due_day = day_number((last_touch or now).astimezone(zone).date()) + 90
            person_copy.add(
                f"{person_id}\t{owner}\t{name}\tfirm-bench-{person_id}\t{first}\t{last}\t\t\t\t\t\t\t\t\t\t\t\t\t"
                f"{{}}\t{stamp}\t{stamp}\t90\t135\t{due_day}\t{org_id}\t"
                f"{last_touch.isoformat(sep=' ') if last_touch else NULL}\n"
            )
            if rng.random() < 0.8:
                point_id += 1
                point_copy.add(f"{point_id}\t{owner}\t{person_id}\temail\t{email}\t{email}\twork\tt\n")
            for moment in moments:
                inter_id += 1
                kind = rng.choice(KINDS)
                when = moment.isoformat(sep=" ")
                direction = "inbound" if rng.random() < 0.5 else "outbound"
                secret = "confidential" if rng.random() < 0.03 else "private"
                inter_copy.add(
                    f"{inter_id}\t{owner}\t{kind}\t\t{direction}\t{when}\t{kind} with {first}\t\t{secret}\tf\t\t\t{stamp}\n"
                )
                part_copy.add(f"{inter_id}\t{inter_id}\t{person_id}\n")
    for copier in (org_copy, person_copy, point_copy, inter_copy, part_copy):
        copier.flush()
    cursor.execute("SET session_replication_role = DEFAULT")
    for table in (
        "goodwill_organization",
        "goodwill_person",
        "goodwill_contactpoint",
        "goodwill_interaction",
        "goodwill_interaction_participants",
    ):
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    cursor.execute("ANALYZE")
    counts.update(people=person_id, organizations=len(own_orgs), interactions=inter_id, contact_points=point_id)
    counts["load_wall_s"] = round(time.perf_counter() - started, 1)
    counts["load_cpu_s"] = round(time.process_time() - cpu_started, 1)
    return counts


def full_refresh() -> dict:
    """The daily refresh of every stored strength, timed (wall and this process's CPU)."""
    from goodwill import clock
    from goodwill.services.firm_strength import refresh

    started, cpu = time.perf_counter(), time.process_time()
    done = refresh(None, clock.today())
    return {
        "refreshed": done.people,
        "chunks": done.chunks,
        "refresh_wall_s": round(time.perf_counter() - started, 1),
        "refresh_cpu_s": round(time.process_time() - cpu, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--professionals", type=int, default=FULL["professionals"])
    parser.add_argument("--people", type=int, default=FULL["people"], help="people per professional")
    parser.add_argument("--interactions", type=int, default=FULL["interactions"], help="per person, on average")
    parser.add_argument("--organizations", type=int, default=FULL["organizations"])
    parser.add_argument("--no-strength", action="store_true", help="skip filling the stored strengths")
    args = parser.parse_args()
    counts = build(
        professionals=args.professionals,
        people=args.people,
        interactions=args.interactions,
        organizations=args.organizations,
    )
    print(counts, flush=True)
    if not args.no_strength:
        print(full_refresh(), flush=True)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE goodwill_personstrength")


if __name__ == "__main__":
    main()
