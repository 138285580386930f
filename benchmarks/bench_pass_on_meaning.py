"""Benchmark pass-on by meaning at 100,000 people (issue 14): p95 ≤ 100 ms server time.

    .venv/bin/python benchmarks/bench_pass_on_meaning.py [PATH] [--rebuild] [--runs 3]
    .venv/bin/python benchmarks/bench_pass_on_meaning.py --database-url postgresql://… [--rebuild]

1. Builds (once; --rebuild to redo) the benchmark network (benchmarks/synthetic.py, with
   the demo's needs, interests and offers, as bench_pass_on.py) into PATH (default
   $TMPDIR/goodwill-bench-pass-on-meaning/demo.sqlite3) or into the PostgreSQL database
   given, then `search.rebuild`: the documents and, with them, every field's vector,
   computed once. Identical texts share a vector by digest; it reports how many texts
   were encoded, how many vector rows were written and how long each took.
2. Loads the vector index cold (time, and memory by tracemalloc and by RSS).
3. One warm-up ranking, then `pass_on_ranking` on 30 different items, RUNS times:
   wall and CPU time per call, median / p95 / max.
4. Floors, measured in the same minutes on the same items: the full-text search alone
   (`search.search`, what pass-on did before meaning) and a bare numpy product of a
   matrix the size of the index with one vector. Each run prints the ratio to them.
5. --phases: each step of rank_people timed on its own; --edits N: a note added to
   N people, each followed by a ranking (this writes to the database).
6. --full-text: only the full-text search (no vectors needed), on PostgreSQL beside
   the statement before issue 18 in the same minutes, and whether both give the same
   first 100; --explain: both plans for one of the slowest items.
7. --introductions N: only the Person page's introduction ideas for N people with a need
   (one ranking per need, within offers, role and tags): time, and how many were named;
   with --pools 100/50,40/20,...: the same with smaller candidate pools (words / meaning),
   and for how many people the introductions named change.
8. --lexemes: each item's lexemes, each list read alone from the database as a process's
   first sight of it reads it, summed by how common the lexeme is (its share of documents).
9. --aged N: after the runs, N times: the kept postings lists let grow old (MAX_AGE, shortened
   to a second), then the items again, as a server's rankings after every ten minutes.
10. --ahead: run 1 waits until the commonest words' lists, read ahead since the warm-up's
   search (goodwill.search.postings.AHEAD_FROM), are in place; without it, run 1 begins while
   they are read, as a server's first seconds do.
Results: docs/performance.md, "Pass-on by meaning at 100,000 people".
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synthetic  # noqa: E402

DEFAULT_PATH = Path(tempfile.gettempdir()) / "goodwill-bench-pass-on-meaning" / "demo.sqlite3"
ITEMS = [
    "New SEC guidance on fintech custody",
    "A playbook for hiring your first engineers",
    "Survey: how mid-size firms run ERP migrations",
    "Climate tech funding report, Q3",
    "Succession planning for family-owned firms",
    "Colorado SBA loan program expands for manufacturers",
    "Cybersecurity checklist for small firms",
    "Remote work policy templates",
    "How to cut your cloud bill in half",
    "A guide to raising a seed round in 2027",
    "Salary negotiation tips for senior engineers",
    "What the new EU AI rules mean for startups",
    "Supply chain resilience after the port strikes",
    "Why board meetings go wrong, and how to fix them",
    "Pricing strategy for B2B software",
    "The state of commercial real estate lending",
    "Open-source maintainers and burnout",
    "Running a nonprofit fundraising campaign on a small budget",
    "Hospital staffing shortages and travel nurses",
    "Carbon accounting tools compared",
    "Interview questions for a first product manager",
    "Tax changes for small business owners next year",
    "Lessons from scaling a marketplace to ten cities",
    "Kids' coding camps this summer",
    "A beginner's guide to angel investing",
    "Retail foot traffic is back in downtowns",
    "Data privacy compliance for health apps",
    "How family offices pick venture funds",
    "Customer churn: a field guide for SaaS founders",
    "Trail running shoes tested on rocky ground",
]


def rss_kb(field: str = "VmRSS") -> int:
    """The process's resident memory now (VmRSS), or its peak so far (VmHWM), in kB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def use_postgres(url: str):
    """Point Django at the PostgreSQL database `url` and return the local user."""
    synthetic.pin_environment()
    os.environ["GOODWILL_DATABASE_URL"] = url
    from goodwill.db import ensure_schema, setup_django

    setup_django()
    ensure_schema()
    from goodwill.services.accounts import local_user

    return local_user()


def build_postgres(url: str, people: int, interactions: int) -> None:
    """The same network as synthetic.build, into the PostgreSQL database `url`, emptied first."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as raw:
        raw.execute("DROP SCHEMA public CASCADE")
        raw.execute("CREATE SCHEMA public")
    owner = use_postgres(url)
    from goodwill import clock
    from goodwill.demo.generator import Scale, generate
    from goodwill.demo.loader import load

    network = generate(Scale(people=people, interactions=interactions, open_steps=people // 2), seed=7, now=clock.now())
    report = load(owner, network)
    print(f"{report.people:,} people, {report.interactions:,} interactions, {report.notes:,} notes -> PostgreSQL")


def build(path: Path | None, url: str | None, people: int, interactions: int) -> None:
    started = time.perf_counter()
    if url:
        build_postgres(url, people, interactions)
        owner = use_postgres(url)
    else:
        assert path is not None
        synthetic.build(path, people=people, interactions=interactions, open_steps=people // 2)
        owner = synthetic.use_database(path)
    from django.db import connection

    from goodwill import search
    from goodwill.models import FieldVector
    from goodwill.search import vectors

    entries = synthetic.add_demo_profiles(owner, people=people, interactions=interactions)
    loaded = time.perf_counter()

    # Count what the model is asked to encode during the rebuild.
    encoded = {"texts": 0, "calls": 0, "seconds": 0.0}
    real_encode = vectors.encode

    def counting_encode(texts):
        begun = time.perf_counter()
        out = real_encode(texts)
        encoded["texts"] += len(texts)
        encoded["calls"] += 1
        encoded["seconds"] += time.perf_counter() - begun
        return out

    vectors.encode = counting_encode
    indexed, cpu = time.perf_counter(), time.process_time()
    try:
        search.rebuild(owner)
    finally:
        vectors.encode = real_encode
    rebuild_s, rebuild_cpu = time.perf_counter() - indexed, time.process_time() - cpu
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rows = FieldVector.objects.filter(owner=owner).count()
    distinct = FieldVector.objects.filter(owner=owner).values("digest").distinct().count()
    print(
        f"{entries:,} profile entries; network loaded in {loaded - started:.1f} s\n"
        f"search.rebuild (documents + vectors): {rebuild_s:.1f} s wall, {rebuild_cpu:.1f} s CPU; "
        f"{rows:,} vector rows, {distinct:,} distinct texts; "
        f"encoded {encoded['texts']:,} texts in {encoded['calls']:,} calls, {encoded['seconds']:.1f} s in the model"
    )


def percentile(ordered: list[float], q: float) -> float:
    return ordered[max(0, round(q * len(ordered)) - 1)]


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    return (
        f"median {statistics.median(ordered) * 1000:.1f}, p95 {percentile(ordered, 0.95) * 1000:.1f}, "
        f"max {ordered[-1] * 1000:.1f} ms"
    )


def timed(call, items):
    walls, cpus = [], []
    for item in items:
        w, c = time.perf_counter(), time.process_time()
        call(item)
        cpus.append(time.process_time() - c)
        walls.append(time.perf_counter() - w)
    return walls, cpus


server_cpu = synthetic.postgres_backend_cpu


def phases(owner) -> None:
    """Each step of rank_people timed on its own over the items: where the time goes."""
    from goodwill import clock, search
    from goodwill.habits.matching import build_query, concept_weights
    from goodwill.habits.meaning import encode_one
    from goodwill.habits.meaning.score import KIND_WEIGHTS, LISTED, score_person
    from goodwill.models import Person
    from goodwill.queries import pass_on
    from goodwill.search import vectors
    from goodwill.search.documents import candidates

    spent: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}  # this process's CPU, and the PostgreSQL backend's

    @contextmanager
    def step(name: str):
        begun, own, server = time.perf_counter(), time.process_time(), server_cpu()
        yield
        spent.setdefault(name, []).append(time.perf_counter() - begun)
        after = server_cpu()
        used = time.process_time() - own + (after - server if server is not None and after is not None else 0.0)
        cpu.setdefault(name, []).append(used)

    weights_by_kind = [KIND_WEIGHTS[k] for k in vectors.KINDS]
    for item in ITEMS:
        query = build_query(item, [])
        with step("search.ensure_current"):
            search.ensure_current(owner)
        with step("full-text search, 100"):
            hits = search.search(owner, query.search_terms(), limit=pass_on.POOL)
        with step("encode the item"):
            vector = encode_one(query.meaning_text())
        with step("nearest_people + active"):
            pairs = vectors.nearest(owner.pk, vector, pass_on.MEANING_POOL, weights_by_kind)[0]
            active = set(
                Person.objects.filter(owner=owner, pk__in=[p for p, _ in pairs], archived_at__isnull=True).values_list(
                    "pk", flat=True
                )
            )
        ids = list(dict.fromkeys([p for p, _ in hits] + [p for p, _ in pairs if p in active]))
        with step("candidates (fields)"):
            pool = candidates(ids)
        with step("concept_weights + indexed_count"):
            weights = concept_weights(query, pool, search.indexed_count(owner))
        with step("vectors_of, from the table"):
            vectors.vectors_of(ids)
        with step("vectors_of, kept index"):
            found = vectors.vectors_of(ids, owner.pk)
        with step("score_person × pool"):
            today = clock.today()
            matches = [score_person(query, weights, c, vector, found.get(c.person_id, {}), today) for c in pool]
        top = sorted((m for m in matches if m.reasons and m.score >= LISTED), key=lambda m: (-m.score, m.name))[:10]
        with step("the item's closest words"):
            pass_on._say_which_words(query.text, top, found)
        with step("whole pass_on_ranking"):
            pass_on.pass_on_ranking(owner, item)
    backend = " + PostgreSQL backend" if server_cpu() is not None else ""
    for name, samples in spent.items():
        print(
            f"  {name:34s} {summary(samples)}; CPU (process{backend}) mean {statistics.mean(cpu[name]) * 1000:.1f} ms"
        )


def edits(owner, count: int) -> None:
    """A note added to one person, then the next ranking (WRITES to the database)."""
    from goodwill.models import Person
    from goodwill.queries.pass_on import pass_on_ranking
    from goodwill.services.notes import add_note

    for n, item in enumerate(ITEMS[:count]):
        person = Person.objects.filter(owner=owner, archived_at__isnull=True).order_by("pk")[1000 + n]
        add_note(owner, person, f"Wants to read about {item.lower()}. Asked me twice.", "private")
        w = time.perf_counter()
        ranking = pass_on_ranking(owner, item)
        took = time.perf_counter() - w
        w = time.perf_counter()
        pass_on_ranking(owner, item)
        again = time.perf_counter() - w
        ranked = [r.person_id for r in ranking.people]
        place = ranked.index(person.pk) + 1 if person.pk in ranked else "not in the top 10"
        print(f"after a note: {took * 1000:.0f} ms, then {again * 1000:.0f} ms; the noted person: {place}")


def full_text(owner, runs: int, explain: bool) -> None:
    """search.search alone; on PostgreSQL beside the statement before issue 18 (each match
    joined to its person, then ranked by ts_rank), in the same minutes, and whether its page is
    the one the server's own weighted sum over every posting gives."""
    from django.db import connection

    from goodwill import search
    from goodwill.habits.matching import build_query
    from goodwill.search import backends

    terms = {item: build_query(item, []).search_terms() for item in ITEMS}

    def joined(item):
        with connection.cursor() as cursor:
            cursor.execute(backends.PostgresFTS.JOINED, [" or ".join(backends._phrases(terms[item])), owner.pk, 100])
            return cursor.fetchall()

    def every_posting(item):
        """The weighted sum over every posting, summed by the server: what the page must equal."""
        from goodwill.habits.matching import idf

        phrases = backends._phrases(terms[item])
        with connection.cursor() as cursor:
            cursor.execute(backends.PostgresFTS.WORDS, {"phrases": [p.strip('"') for p in phrases]})
            lexemes = [w for w, *_ in cursor.fetchall()]
            cursor.execute(
                "SELECT lexeme, count(*) FROM goodwill_search_posting WHERE owner_id = %s AND lexeme = ANY(%s) "
                "GROUP BY lexeme",
                [owner.pk, lexemes],
            )
            total = search.indexed_count(owner)
            idfs = {lexeme: idf(total, df) for lexeme, df in cursor.fetchall()}
            cursor.execute(
                backends.PostgresFTS.CROWDED,
                {
                    "lexemes": list(idfs),
                    "idfs": list(idfs.values()),
                    "owner": owner.pk,
                    "query": " or ".join(phrases),
                    "limit": 100,
                },
            )
            return [(pid, float(score)) for pid, score in cursor.fetchall()]

    postgres = connection.vendor == "postgresql"
    search.search(owner, terms[ITEMS[0]], limit=100)
    for run in range(1, runs + 1):
        walls, cpus = timed(lambda item: search.search(owner, terms[item], limit=100), ITEMS)
        line = f"run {run}: full-text search wall {summary(walls)}; CPU {summary(cpus)}"
        if postgres:
            before_walls, _ = timed(joined, ITEMS)
            line += f"\n       ts_rank over the matches (before issue 18) wall {summary(before_walls)}"
        print(f"{line}; load {Path('/proc/loadavg').read_text().split()[:3]}")
    if postgres:
        same = 0
        for item in ITEMS:
            now = search.search(owner, terms[item], limit=100)
            exact = every_posting(item)
            line = exact[-1][1] if exact else 0.0
            same += len(now) == len(exact) and all(
                abs(a - b) <= 1e-9 * abs(b) and (pid in dict(exact) or abs(a - line) <= 1e-9 * line)
                for (pid, a), (_, b) in zip(now, exact)
            )
        print(
            f"the first 100 as the weighted sum over every posting of every word gives them "
            f"(ties at the page's edge aside): {same} of {len(ITEMS)} items"
        )
    if postgres and explain:
        item = "The state of commercial real estate lending"  # among the slowest: 85,000 matches
        query = " or ".join(backends._phrases(terms[item]))
        ran: list[tuple[str, object]] = []

        def keep(execute, sql, params, many, context):
            ran.append((sql, params))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(keep):
            search.search(owner, terms[item], limit=100)
        with connection.cursor() as cursor:
            for name, sql, params in [
                *((f"now, statement {n}", sql, params) for n, (sql, params) in enumerate(ran, 1)),
                ("ts_rank", backends.PostgresFTS.JOINED, [query, owner.pk, 100]),
            ]:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                print(f"{item!r}, {name}:\n" + "\n".join(row[0] for row in cursor.fetchall()))


def aged(owner, round_: int) -> None:
    """The items ranked again once the kept postings lists have grown older than MAX_AGE (set
    to one second here, and waited out), as every ten minutes on a server."""
    from goodwill.queries.pass_on import pass_on_ranking
    from goodwill.search import postings

    postings.MAX_AGE = 1.0
    time.sleep(1.1)
    walls, cpus = timed(lambda item: pass_on_ranking(owner, item), ITEMS)
    waiting = getattr(postings, "wait_for_refreshes", None)  # absent from code that drops old lists
    if waiting is not None:
        waiting(30)
    print(
        f"aged {round_}: pass-on wall {summary(walls)}; CPU {summary(cpus)}; kept {postings.kept_postings():,} postings"
    )


def lexemes(owner, url: str | None) -> None:
    """Where a process's first sight of an item's words goes: every lexeme of the items, its
    whole list read alone (as postings.lists reads a list it does not keep), timed, and the
    reads summed by the lexeme's share of the owner's documents."""
    import math

    from django.db import connection

    from goodwill import search
    from goodwill.habits.matching import build_query
    from goodwill.search import backends, fts5_postings, postings

    search.ensure_current(owner)
    total = search.indexed_count(owner)
    reads: list[tuple[int, float, float]] = []  # (documents holding it, wall, CPU incl. backend)
    source: postings.Source
    with connection.cursor() as cursor:
        for item in ITEMS:
            terms = build_query(item, []).search_terms()
            if url:
                cursor.execute(backends.WORDS, {"phrases": terms})
                words = [row[0] for row in cursor.fetchall()]
                source = postings.PostgresPostings("goodwill_search_posting")
            else:
                phrases = [p.strip('"') for p in backends._phrases(terms)]
                said = zip(phrases, fts5_postings.lexemes_of(cursor, phrases))
                counted = getattr(fts5_postings, "counted", lambda _, lexemes: lexemes)  # the code before: all
                words = sorted({w for phrase, lexemes in said for w in counted(phrase, lexemes)})
                source = fts5_postings.FTS5Postings(None)
            for word in words:
                begun, own, server = time.perf_counter(), time.process_time(), server_cpu()
                held = len(source.read(cursor, owner.pk, [word], 1)[word][0])
                wall, after = time.perf_counter() - begun, server_cpu()
                cpu = time.process_time() - own + (after - server if server is not None and after is not None else 0)
                reads.append((held, wall, cpu))
    everything = sum(wall for _, wall, _ in reads)
    print(
        f"{len(reads)} lexeme lists read for {len(ITEMS)} items, {total:,} documents: {everything * 1000:.0f} ms wall"
    )
    for low, high, name in ((0.1, 1.0, "over 10 %"), (0.01, 0.1, "1-10 %"), (0.0, 0.01, "under 1 %")):
        some = [r for r in reads if low * total < r[0] <= high * total or (low == 0.0 and r[0] == 0)]
        idfs = [math.log(1 + (total - held + 0.5) / (held + 0.5)) for held, _, _ in some]
        print(
            f"  held by {name:9s} of documents: {len(some):3d} lexemes, idf {min(idfs, default=0):.2f}-"
            f"{max(idfs, default=0):.2f}; read {sum(w for _, w, _ in some) * 1000:.0f} ms wall "
            f"({sum(w for _, w, _ in some) / everything:.0%}), CPU (process + backend) {sum(c for _, _, c in some) * 1000:.0f} ms"
        )


def introductions(owner, count: int, runs: int, pools: list[tuple[int, int]] | None = None) -> None:
    """The Person page's introduction ideas for `count` people with a need (seeded sample), as
    ideas_for runs them: the index checked once, then one ranking per need within offers, role
    and tags. Wall and CPU (this process + the PostgreSQL backend) per person, and how many
    introductions were named, so two versions can be compared on what they find too."""
    import hashlib
    import random

    from goodwill import search
    from goodwill.models import Person, ProfileEntry
    from goodwill.queries import ideas
    from goodwill.search import vectors

    people = sorted(
        set(ProfileEntry.objects.filter(owner=owner, kind="need", active=True).values_list("person_id", flat=True))
    )
    sample = random.Random(18).sample(people, min(count, len(people)))
    by_id = Person.objects.in_bulk(sample)

    def one(pid):
        person = by_id[pid]
        search.ensure_current(owner)
        with vectors.settled():
            return ideas._introductions(owner, person, ideas._needs(owner, person, None))

    one(sample[0])  # warm: the vector index read once
    if pools:
        compare_pools(sample, one, pools)
        return
    for run in range(1, runs + 1):
        walls, cpus, named = [], [], []
        for pid in sample:
            begun, own, server = time.perf_counter(), time.process_time(), server_cpu()
            named += [(pid, idea.action.other.id) for idea in one(pid)]
            walls.append(time.perf_counter() - begun)
            after = server_cpu()
            cpus.append(time.process_time() - own + (after - server if server is not None and after is not None else 0))
        print(
            f"run {run}: introductions for {len(sample)} people with a need: wall {summary(walls)}; "
            f"CPU (process + backend) {summary(cpus)}; {len(named)} introductions named "
            f"(digest of the pairs {hashlib.sha1(repr(sorted(named)).encode()).hexdigest()[:10]}); "
            f"load {Path('/proc/loadavg').read_text().split()[:3]}"
        )


def compare_pools(sample: list[int], one, pools: list[tuple[int, int]]) -> None:
    """The introductions of `sample` with each pool size (words / meaning), against the first."""
    from goodwill.queries import pass_on

    real_rank, real_meaning = pass_on.rank_people, pass_on.MEANING_POOL
    answers: dict[tuple[int, int], dict[int, list]] = {}
    try:
        for words, meaning in pools:

            def ranked(*args, _words=words, **kwargs):
                return real_rank(*args, **{**kwargs, "pool": _words})

            pass_on.rank_people, pass_on.MEANING_POOL = ranked, meaning
            cpus, found = [], {}
            for pid in sample:
                own = time.process_time()
                found[pid] = [(idea.action.other.id, idea.action.why) for idea in one(pid)]
                cpus.append(time.process_time() - own)
            answers[(words, meaning)] = found
            first = answers[pools[0]]
            changed = sum(1 for pid in sample if found[pid] != first[pid])
            print(
                f"pools {words}/{meaning}: CPU median {statistics.median(cpus) * 1000:.1f} ms a person; "
                f"introductions differ from {pools[0][0]}/{pools[0][1]}'s for {changed} of {len(sample)} people"
            )
    finally:
        pass_on.rank_people, pass_on.MEANING_POOL = real_rank, real_meaning


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--database-url", help="PostgreSQL instead of SQLite (its tables are emptied by --rebuild)")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--phases", action="store_true", help="then time each step of rank_people")
    parser.add_argument("--edits", type=int, default=0, help="then add a note to N people (writes!)")
    parser.add_argument("--full-text", action="store_true", help="only the full-text search (no vectors needed)")
    parser.add_argument("--explain", action="store_true", help="with --full-text: the slowest item's plan")
    parser.add_argument("--introductions", type=int, default=0, help="only the ideas' introductions for N people")
    parser.add_argument("--pools", help="with --introductions: pool sizes to compare, e.g. 100/50,40/20")
    parser.add_argument("--lexemes", action="store_true", help="only each item's lexeme lists, read one by one")
    parser.add_argument("--aged", type=int, default=0, help="then N rounds after the kept lists grew old")
    parser.add_argument("--ahead", action="store_true", help="wait for the lists read ahead before run 1")
    parser.add_argument("--rankings", type=Path, help="write each item's top 10 ([person id, score]) to this JSON file")
    args = parser.parse_args()
    synthetic.pin_environment()
    url = args.database_url
    if args.rebuild or (not url and not args.path.exists()):
        build(None if url else args.path, url, args.people, args.interactions)
    owner = use_postgres(url) if url else synthetic.use_database(args.path)
    if args.introductions:
        pools = (
            [(int(a), int(b)) for a, b in (pair.split("/") for pair in args.pools.split(","))] if args.pools else None
        )
        introductions(owner, args.introductions, args.runs, pools)
        return
    if args.lexemes:
        lexemes(owner, url)
        return
    if args.full_text:
        from goodwill import search

        search.ensure_current(owner)
        full_text(owner, args.runs, args.explain)
        return
    import numpy as np

    from goodwill import search
    from goodwill.habits.matching import build_query
    from goodwill.habits.meaning import DIMENSIONS, encode_one
    from goodwill.models import FieldVector, Person
    from goodwill.queries.pass_on import pass_on_ranking
    from goodwill.search import vectors

    rows = FieldVector.objects.filter(owner=owner).count()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {'PostgreSQL' if url else 'SQLite'}; "
        f"{Person.objects.filter(owner=owner).count():,} people, {rows:,} vector rows; "
        f"load {Path('/proc/loadavg').read_text().split()[:3]}"
    )
    search.ensure_current(owner)
    encode_one("warm the model")  # the model loads once per process, not per index

    # The index, cold: read every vector row into one matrix.
    vectors.forget()
    gc.collect()
    before_rss = rss_kb()
    tracemalloc.start()
    w, c = time.perf_counter(), time.process_time()
    index = vectors._index(owner.pk)
    load_wall, load_cpu = time.perf_counter() - w, time.process_time() - c
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    kept = sum(a.nbytes for a in vars(index).values() if isinstance(a, np.ndarray))
    distinct = getattr(index, "size", None)  # the index keeps each distinct text's vector once
    shape = f"{distinct or 0:,} distinct vectors for {len(index.codes):,} rows"
    print(
        f"index load (cold): {load_wall * 1000:.0f} ms wall, {load_cpu * 1000:.0f} ms CPU; "
        f"arrays kept {kept / 2**20:.1f} MB ({shape}), peak while loading {peak / 2**20:.1f} MB (tracemalloc), "
        f"RSS +{(rss_kb() - before_rss) / 1024:.1f} MB after, peak RSS {rss_kb('VmHWM') / 1024:.0f} MB "
        f"(from {before_rss / 1024:.0f} MB)"
    )

    pass_on_ranking(owner, "Warm-up: a report on small business lending")
    if args.ahead:  # the commonest words' lists, read ahead since the warm-up's search, all in place
        from goodwill.search import postings

        begun, own = time.perf_counter(), time.process_time()
        postings.wait_for_refreshes(120)
        print(
            f"read ahead: waited {time.perf_counter() - begun:.2f} s ({time.process_time() - own:.2f} s CPU, this "
            f"process); kept {postings.kept_postings():,} postings in {postings.kept_bytes() / 2**20:.1f} MB"
        )
    # The floor: one product over a matrix with a row per vector row, as if every text differed.
    matrix = np.random.default_rng(1).standard_normal((rows, DIMENSIONS), dtype=np.float32)
    queries = {item: encode_one(item) for item in ITEMS}
    terms = {item: build_query(item, []).search_terms() for item in ITEMS}
    for run in range(1, args.runs + 1):
        server = server_cpu()
        walls, cpus = timed(lambda item: pass_on_ranking(owner, item), ITEMS)
        server_after = server_cpu()
        fts_walls, fts_cpus = timed(lambda item: search.search(owner, terms[item], limit=100), ITEMS)
        fts_server = server_cpu()
        mm_walls, mm_cpus = timed(lambda item: (matrix @ queries[item]).max(), ITEMS)
        p95 = percentile(sorted(walls), 0.95)
        print(
            f"run {run}: pass-on wall {summary(walls)}; CPU {summary(cpus)}\n"
            f"       full-text search alone wall {summary(fts_walls)}; CPU {summary(fts_cpus)}\n"
            f"       numpy {len(matrix):,}×{DIMENSIONS} @ vector wall {summary(mm_walls)}\n"
            + (
                f"       PostgreSQL backend CPU, mean per call: pass-on {(server_after - server) / len(ITEMS) * 1000:.1f} ms, "
                f"full-text alone {(fts_server - server_after) / len(ITEMS) * 1000:.1f} ms\n"
                if server is not None and server_after is not None and fts_server is not None
                else ""
            )
            + f"       p95 ratio to full-text {p95 / percentile(sorted(fts_walls), 0.95):.1f}×, "
            f"to the matmul {p95 / percentile(sorted(mm_walls), 0.95):.1f}×; "
            f"load {Path('/proc/loadavg').read_text().split()[:3]}"
        )
    for round_ in range(1, args.aged + 1):
        aged(owner, round_)
    if args.rankings:  # to compare two versions' answers: what a user would see, not only its speed
        named = {item: [[m.person_id, m.score] for m in pass_on_ranking(owner, item).people] for item in ITEMS}
        args.rankings.write_text(json.dumps(named, indent=1))
    if args.phases:
        phases(owner)
    if args.edits:
        edits(owner, args.edits)


if __name__ == "__main__":
    main()
