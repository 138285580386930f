"""Benchmark the firm's reads at scale (issue 17 §5), on the PostgreSQL firm that
benchmarks/firm_synthetic.py builds.

    GOODWILL_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/gw_firm_bench \\
        .venv/bin/python benchmarks/bench_firm.py [--samples 50] [--runs 3] [--explain]

Times, per run (three runs by default; CPU time of this process beside wall time):
- a floor: the raw SQL a who-knows by email cannot do without (floor_by_email), in the same
  minutes, so each p95 is also given as a ratio to the floor's;
- who knows one person, by email and by name: queries.firm_who.who_knows(viewer, text), for
  random people of the firm; target p95 ≤ 50 ms;
- who knows one organization: queries.firm_who.who_knows_org(viewer, name), for the employers
  of random people (a draw weighted by size, as lookups are), and for the 10 largest
  organizations alone; target p95 ≤ 50 ms;
- one key account's page: queries.firm_accounts.account(viewer, account_id, today), for the
  10 largest organizations and 10 random ones, as key accounts;
- the key relationships page: queries.firm_accounts.overview(viewer, today), all 20 of those
  accounts with their strongest tie, ties going cold and threads; target p95 ≤ 200 ms;
- logging an encounter, then reading that person's strength (stale row computed on read),
  then the stale pass storing it (services.firm_strength.refresh_stale).
--explain prints the query plans of the identity lookups (indexes, not scans, at 1M people).
Results: docs/performance.md, "The firm at scale".
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import firm_synthetic  # noqa: E402
import synthetic  # noqa: E402


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def summary(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:.1f} ms, p95 {p95(samples) * 1000:.1f} ms (n={len(samples)})"


def timed(fn, args_list) -> tuple[list[float], float]:
    samples = []
    cpu = time.process_time()
    for args in args_list:
        started = time.perf_counter()
        fn(*args)
        samples.append(time.perf_counter() - started)
    return samples, time.process_time() - cpu


server_cpu = synthetic.postgres_backend_cpu


def largest_organizations(count: int) -> list[str]:
    """A name as written of each of the firm's `count` largest organizations (by key): the
    key clients a firm marks are its big ones, so the account page is timed on them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT min(o.name) FROM goodwill_person p JOIN goodwill_organization o ON o.id = p.organization_id "
            "GROUP BY o.key ORDER BY count(*) DESC LIMIT %s",
            [count],
        )
        return [row[0] for row in cursor.fetchall()]


def floor_by_email(email: str) -> None:
    """The database's own floor for one who-knows by email: the statements it cannot do without
    (the email's records, their people and their stored scores), as raw SQL through one
    cursor, no ORM and no Python ranking."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT person_id FROM goodwill_contactpoint WHERE kind = 'email' AND normalized = %s", [email])
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT id, owner_id, name, organization_id, title FROM goodwill_person WHERE id = ANY(%s)", [ids]
        )
        cursor.fetchall()
        cursor.execute(
            "SELECT person_id, score, score_quarter_ago, parts, last_met FROM goodwill_personstrength "
            "WHERE person_id = ANY(%s)",
            [ids],
        )
        cursor.fetchall()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    firm_synthetic.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from goodwill import clock
    from goodwill.habits.dupes import org_key
    from goodwill.models import ContactPoint, KeyAccount, Person, PersonStrength
    from goodwill.services import firm_strength
    from goodwill.services.interactions import LogRequest, log_interaction

    User = get_user_model()
    # A firm in use is vacuumed by autovacuum after the daily refresh rewrites every stored
    # score; a fresh build may not be yet, and its index-only reads (migration 0015) would
    # visit the heap. Vacuum first, so each run reads the database as it stands in use.
    with connection.cursor() as cursor:
        for table in ("goodwill_organization", "goodwill_person", "goodwill_personstrength"):
            cursor.execute(f"VACUUM (ANALYZE) {table}")
    print(f"machine: {platform.node()} {platform.machine()} {os.cpu_count()} CPUs, load {os.getloadavg()}")
    print(f"people {Person.objects.count():,}, stored strengths {PersonStrength.objects.count():,}")
    users = list(User.objects.filter(username__startswith="pro").order_by("pk"))
    viewer = users[0]
    top = Person.objects.order_by("?").values_list("pk", flat=True)[: args.samples * 4]
    people = list(Person.objects.filter(pk__in=list(top)).select_related("organization"))
    emails = dict(ContactPoint.objects.filter(person__in=people, kind="email").values_list("person_id", "normalized"))
    by_email = [(viewer, emails[p.pk]) for p in people if p.pk in emails][: args.samples]
    by_name = [(viewer, p.name) for p in people][: args.samples]
    orgs = [(viewer, p.organization.name) for p in people if p.organization][: args.samples]
    from goodwill.queries.firm_accounts import account, overview
    from goodwill.queries.firm_who import who_knows, who_knows_org

    largest = largest_organizations(10)
    print(f"largest organizations: {', '.join(largest[:3])}, ...")
    biggest = [(viewer, name) for name in largest]
    KeyAccount.objects.all().delete()  # the benchmark's own accounts: the same 20 every run
    accounts = []
    for i, name in enumerate(largest + [name for _, name in orgs[:10]]):
        made, _ = KeyAccount.objects.get_or_create(
            key=org_key(name), defaults={"name": name, "kind": "client", "created_at": clock.now()}
        )
        accounts.append((users[i % 5], made.pk, clock.today()))
    if args.explain:
        with connection.cursor() as cursor:
            for sql, params in (
                (
                    "SELECT person_id FROM goodwill_contactpoint WHERE kind = 'email' AND normalized = %s",
                    [by_email[0][1]],
                ),
                ("SELECT id FROM goodwill_person WHERE lower(name) = %s", [by_name[0][1].lower()]),
                (
                    "SELECT p.id FROM goodwill_person p JOIN goodwill_organization o ON o.id = p.organization_id WHERE o.key = %s",
                    [org_key(orgs[0][1])],
                ),
                ("SELECT person_id FROM goodwill_personstrength WHERE stale LIMIT 2000", []),
            ):
                cursor.execute("EXPLAIN ANALYZE " + sql, params)
                print("\n".join(row[0] for row in cursor.fetchall()), "\n")
    for run in range(1, args.runs + 1):
        print(f"run {run}, load {os.getloadavg()[0]:.1f}")
        floor, floor_cpu = timed(floor_by_email, [(email,) for _, email in by_email])
        print(f"  floor (who knows by email, raw SQL): {summary(floor)}, CPU {floor_cpu:.2f} s")
        for label, fn, cases in (
            ("who knows (by email)", who_knows, by_email),
            ("who knows (by name)", who_knows, by_name),
            ("who knows (organization: the employers of random people)", who_knows_org, orgs),
            ("who knows (organization, the 10 largest)", who_knows_org, biggest),
            ("one key account's page (10 largest + 10 random)", account, accounts),
            ("key relationships page (all 20 accounts)", overview, [(users[i], clock.today()) for i in range(5)] * 4),
        ):
            fn(*cases[0])  # warm
            before = server_cpu()
            samples, cpu = timed(fn, cases)
            after = server_cpu()
            server = f", server CPU {after - before:.2f} s" if before is not None and after is not None else ""
            print(
                f"  {label}: {summary(samples)}, CPU {cpu:.2f} s{server}, p95 {p95(samples) / p95(floor):.1f}× the floor's"
            )
        person = people[run]
        started = time.perf_counter()
        log_interaction(
            User.objects.get(pk=person.owner_id),
            LogRequest(kind="meeting", people=[person], summary="Bench lunch", when=clock.now() - timedelta(hours=1)),
        )
        logged = time.perf_counter() - started
        started = time.perf_counter()
        from goodwill.queries.firm_strength import shared_strengths

        shared_strengths([person.pk], clock.today())
        read = time.perf_counter() - started
        started = time.perf_counter()
        stored = firm_strength.refresh_stale().people
        stored_s = time.perf_counter() - started
        print(
            f"  log an encounter {logged * 1000:.1f} ms; read its strength (stale, computed) {read * 1000:.1f} ms; "
            f"stale pass ({stored} rows) {stored_s * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
