"""Benchmark today's agenda at the scale issue 2 names.

    .venv/bin/python benchmarks/bench_today.py [--rebuild] [--runs N]

1. Builds (once; --rebuild to redo) the synthetic network with benchmarks/synthetic.py:
   100,000 people, 1,000,000 interactions, 50,000 open steps, on SQLite.
   With GOODWILL_DATABASE_URL=postgresql://... it builds into (and times) that database
   instead; give it an empty database of its own (createdb) and --rebuild the first time.
2. Times the agenda computation in-process, warm (wall and CPU), beside its floor: the same
   statements, captured from the connection, run straight through sqlite3 (or psycopg) in
   the same minutes; and checks their plans (no full scan of a big table).
3. Times `goodwill today --demo` as a fresh process on the ordinary 300-person demo
   database, and, for information, on the big database.

Targets and results: docs/performance.md, "The daily loop" and "The agenda at its floor (issue 18)".
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synthetic  # noqa: E402

GOODWILL = Path(sys.executable).with_name("goodwill")


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, min {ordered[0] * 1000:.1f} ms (n={len(ordered)})"


def agenda_in_process(path: Path, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds per agenda."""
    owner = synthetic.use_database(path)
    from goodwill.queries.today import agenda

    agenda(owner)  # warm: connection, caches, page cache
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        agenda(owner)
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def captured_statements(path: Path) -> list[tuple[str, tuple | dict]]:
    """The SQL and parameters one agenda sends, as the driver receives them."""
    owner = synthetic.use_database(path)
    from django.db import connection

    from goodwill.queries.today import agenda

    statements: list[tuple[str, tuple | dict]] = []

    def record(execute, sql, params, many, context):
        # Named parameters (a dict, as queries.rhythm.RHYTHMS takes) stay a dict.
        statements.append((sql, dict(params) if isinstance(params, dict) else tuple(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        agenda(owner)
    return statements


def _raw_connection(path: Path):
    """A driver connection of our own, outside Django, and the statement text it takes."""
    if synthetic.on_postgres():
        import psycopg
        from django.conf import settings

        db = settings.DATABASES["default"]
        raw = psycopg.connect(
            host=db["HOST"],
            port=db["PORT"] or 5432,
            user=db["USER"],
            dbname=db["NAME"],
            cursor_factory=psycopg.ClientCursor,
        )
        raw.execute("SET max_parallel_workers_per_gather = 0")  # as the app's sessions run
        return raw, lambda sql: sql
    import sqlite3

    def native(sql: str) -> str:  # sqlite3's own marks: ? for %s, :name for %(name)s
        sql = re.sub(r"(?<!%)%\((\w+)\)s", r":\1", sql)
        return re.sub(r"(?<!%)%s", "?", sql).replace("%%", "%")

    return sqlite3.connect(path), native


def floor(path: Path, statements: list[tuple[str, tuple | dict]], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds to run the agenda's statements and fetch every row, no ORM."""
    raw, native = _raw_connection(path)
    prepared = [(native(sql), params) for sql, params in statements]
    walls, cpus = [], []
    for attempt in range(runs + 1):
        started, cpu = time.perf_counter(), time.process_time()
        for sql, params in prepared:
            raw.execute(sql, params).fetchall()
        if attempt:  # the first run warms the caches, as the agenda's did
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
    raw.close()
    return walls, cpus


BIG_TABLES = ("goodwill_person", "goodwill_interaction", "goodwill_nextstep", "goodwill_interaction_participants")


def full_scans(statements: list[tuple[str, tuple | dict]]) -> list[str]:
    """Plan lines that read a whole big table, for any of the agenda's statements."""
    from django.db import connection

    found = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            if sql.endswith("LIMIT 1"):
                continue  # exists(): a scan that stops at the first row is no full read
            if connection.vendor == "postgresql":
                cursor.execute("EXPLAIN " + sql, params)
                lines = [row[0] for row in cursor.fetchall()]
                found += [line.strip() for line in lines if "Seq Scan" in line and any(t in line for t in BIG_TABLES)]
            else:
                cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
                lines = [row[-1] for row in cursor.fetchall()]
                found += [
                    line
                    for line in lines
                    if line.startswith("SCAN ")
                    and "USING" not in line
                    and any(line.split()[1] in (t, t.removeprefix("goodwill_")) for t in BIG_TABLES)
                ]
    return found


def against_floor(path: Path, runs: int, label: str) -> None:
    walls, cpus = agenda_in_process(path, runs)
    statements = captured_statements(path)
    floor_walls, floor_cpus = floor(path, statements, runs)
    agenda_ms, floor_ms = statistics.median(walls) * 1000, statistics.median(floor_walls) * 1000
    print(f"agenda, in-process, warm, {label}: {summary(walls)}; CPU median {statistics.median(cpus) * 1000:.1f} ms")
    print(
        f"  floor ({len(statements)} statements, raw driver): {summary(floor_walls)}; "
        f"CPU median {statistics.median(floor_cpus) * 1000:.1f} ms"
    )
    print(f"  ratio to floor {agenda_ms / floor_ms:.2f}x, {agenda_ms - floor_ms:.1f} ms above it")
    # On a busy machine the wall clock counts other jobs' time slices; CPU time counts only ours.
    agenda_cpu, floor_cpu = statistics.median(cpus) * 1000, statistics.median(floor_cpus) * 1000
    print(f"  in CPU time: {agenda_cpu / floor_cpu:.2f}x the floor, {agenda_cpu - floor_cpu:.1f} ms above it")
    scans = full_scans(statements)
    print(f"  full scans of big tables: {scans or 'none'}")


def fresh_process(home: Path, runs: int) -> list[float]:
    env = dict(os.environ, GOODWILL_HOME=str(home))
    subprocess.run([GOODWILL, "today", "--demo"], env=env, check=True, capture_output=True)  # warm the OS caches
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([GOODWILL, "today", "--demo"], env=env, check=True, capture_output=True)
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rebuild", action="store_true", help="build the big network again")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--people", type=int, default=synthetic.FULL_SCALE["people"], help="the network's size")
    parser.add_argument("--agenda-only", action="store_true", help="skip the fresh-process timings")
    args = parser.parse_args()
    synthetic.pin_environment()
    scale = {key: value * args.people // synthetic.FULL_SCALE["people"] for key, value in synthetic.FULL_SCALE.items()}
    big = (
        synthetic.DEFAULT_PATH
        if scale == synthetic.FULL_SCALE
        else synthetic.DEFAULT_PATH.with_stem(f"demo-{args.people}")
    )
    if args.rebuild or not (synthetic.on_postgres() or big.exists()):
        timings = synthetic.build(big, **scale)
        print(f"built in {timings['generate_s']:.1f} s (generate) + {timings['load_s']:.1f} s (load)")
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    backend = "PostgreSQL" if synthetic.on_postgres() else "SQLite"
    against_floor(big, args.runs, f"{args.people:,} people, {backend}")
    if args.agenda_only or synthetic.on_postgres():
        return

    demo_home = Path(tempfile.mkdtemp(prefix="goodwill-demo-bench-"))
    subprocess.run(
        [GOODWILL, "demo"], env=dict(os.environ, GOODWILL_HOME=str(demo_home)), check=True, capture_output=True
    )
    print(
        f"goodwill today --demo, fresh process, 300-person demo: {summary(fresh_process(demo_home, max(5, args.runs // 3)))}"
    )
    print(
        f"goodwill today --demo, fresh process, 100k people: {summary(fresh_process(big.parent, max(5, args.runs // 3)))}"
    )


if __name__ == "__main__":
    main()
