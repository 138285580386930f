"""Benchmark the firm's reads at scale (issue 17 §5), on the PostgreSQL firm that
benchmarks/firm_synthetic.py builds.

    GOODWILL_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/gw_firm_bench \\
        .venv/bin/python benchmarks/bench_firm.py [--samples 50] [--runs 3] [--explain]

Times, per run (three runs by default; CPU time of this process beside wall time):
- who knows one person, by email and by name: queries.firm_who.who_knows(viewer, text)
  when it exists, else its building blocks (firm_identity.people_named/same_person,
  firm_access.share_levels, firm_strength.shared_strengths); target p95 ≤ 50 ms;
- who knows one organization: queries.firm_who.who_knows_org(viewer, name), else
  firm_identity.people_at + share_levels + shared_strengths; target p95 ≤ 50 ms;
- one key account's page: queries.firm_accounts.account(viewer, account_id), else the
  organization's people across the firm with their trends; target p95 ≤ 200 ms;
- logging an encounter, then reading that person's strength (stale row computed on read),
  then the stale pass storing it (services.firm_strength.refresh_stale).
--explain prints the query plans of the identity lookups (indexes, not scans, at 1M people).
Results: docs/performance.md, "The firm at scale".
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import firm_synthetic  # noqa: E402


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms (n={len(ordered)})"


def timed(fn, args_list) -> tuple[list[float], float]:
    samples = []
    cpu = time.process_time()
    for args in args_list:
        started = time.perf_counter()
        fn(*args)
        samples.append(time.perf_counter() - started)
    return samples, time.process_time() - cpu


def _optional(module: str, name: str):
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def blocks_who(viewer, text: str):
    """who-knows-whom from the foundation's building blocks (firm_who absent)."""
    from goodwill import clock
    from goodwill.queries.firm_access import share_levels
    from goodwill.queries.firm_identity import identities, people_named, same_person

    found: dict[int, list[int]] = {}
    for owner, ids in people_named(text, exclude_owner_id=viewer.pk).items():
        found.setdefault(owner, []).extend(ids)
    for identity in identities([pk for ids in list(found.values())[:3] for pk in ids[:1]]).values():
        for owner, ids in same_person(identity, exclude_owner_id=viewer.pk).items():
            found.setdefault(owner, []).extend(ids)
    return _levels_and_strengths(found, share_levels, clock.today())


def blocks_org(viewer, name: str):
    from goodwill import clock
    from goodwill.queries.firm_access import share_levels
    from goodwill.queries.firm_identity import people_at

    return _levels_and_strengths(people_at(name, exclude_owner_id=viewer.pk), share_levels, clock.today())


def _levels_and_strengths(found, share_levels, today):
    from django.contrib.auth import get_user_model

    from goodwill.queries.firm_strength import strength_trends

    User = get_user_model()

    shown = []
    owners = {u.pk: u for u in User.objects.filter(pk__in=list(found))}
    for owner_id, ids in found.items():
        levels = share_levels(owners[owner_id], ids)
        shown += [pk for pk, level in levels.items() if level != "nothing"]
    return strength_trends(shown, today)


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
    who = _optional("goodwill.queries.firm_who", "who_knows")
    who_org = _optional("goodwill.queries.firm_who", "who_knows_org")
    account = _optional("goodwill.queries.firm_accounts", "account")
    print(
        f"who_knows: {'firm_who' if who else 'building blocks'}; account: {'firm_accounts' if account else 'building blocks'}"
    )
    accounts = []
    if account:
        for i, (_, name) in enumerate(orgs[: min(20, len(orgs))]):
            made, _ = KeyAccount.objects.get_or_create(
                key=org_key(name), defaults={"name": name, "kind": "client", "created_at": clock.now()}
            )
            accounts.append((users[i % 5], made.pk))
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
        for label, fn, cases in (
            ("who knows (by email)", who or blocks_who, by_email),
            ("who knows (by name)", who or blocks_who, by_name),
            ("who knows (organization)", who_org or blocks_org, orgs),
        ):
            fn(*cases[0])  # warm
            samples, cpu = timed(fn, cases)
            print(f"  {label}: {summary(samples)}, CPU {cpu:.2f} s")
        if account and accounts:
            samples, cpu = timed(account, accounts)
            print(f"  key account page: {summary(samples)}, CPU {cpu:.2f} s")
        else:
            samples, cpu = timed(lambda v, name: blocks_org(v, name), orgs[:20])
            print(f"  key account page (building blocks): {summary(samples)}, CPU {cpu:.2f} s")
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
