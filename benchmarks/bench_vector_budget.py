"""A firm's server worker searching several professionals' networks by meaning: what the
kept vector indexes cost a process, with the budget (GOODWILL_VECTOR_MEMORY_MB) and without.

    .venv/bin/python benchmarks/bench_vector_budget.py [--owners 6 --people 5000 --pieces 12]
    GOODWILL_DATABASE_URL=postgresql://... .venv/bin/python benchmarks/bench_vector_budget.py

Builds (once, at PATH, default /tmp/goodwill-bench-vector-budget/firm.sqlite3) --owners
professionals with --people people each and --pieces pieces a person, every piece its own
text (random unit vectors, stored as the app stores them): a network in people's own words,
where no text repeats. Then, in one process, searches them as pass-on does (every kind weighed,
50 people), in turns over `--active` of them at a time, and reports the peak RSS and each
search's CPU and wall time, with `--budget MB` (default: the app's default) and with no budget.
Each side runs in its own fresh process, so one's memory never counts in the other's.
Results: docs/performance.md, "The vector indexes' budget".
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pass_on_meaning  # noqa: E402 - after the path
import synthetic  # noqa: E402

DEFAULT_PATH = Path(tempfile.gettempdir()) / "goodwill-bench-vector-budget" / "firm.sqlite3"
BATCH = 20_000


def build(path: Path, owners: int, people: int, pieces: int, seed: int = 5) -> None:
    import numpy as np

    synthetic.pin_environment()
    if not synthetic.on_postgres():
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
    synthetic.use_database(path)
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from goodwill import clock
    from goodwill.habits.meaning import DIMENSIONS
    from goodwill.models import FieldVector, Person
    from goodwill.search import vectors
    from goodwill.services.accounts import ensure_defaults

    rng = np.random.default_rng(seed)
    kinds = rng.choice(len(vectors.KINDS), 1_000_003)
    made = 0
    for n in range(owners):
        user = get_user_model().objects.create_user(username=f"professional{n}")
        ensure_defaults(user)
        with transaction.atomic():
            Person.objects.bulk_create(
                [
                    Person(owner=user, name=f"Person {n}-{p}", created_at=clock.now(), updated_at=clock.now())
                    for p in range(people)
                ],
                batch_size=5_000,
            )
            pks = list(Person.objects.filter(owner=user).values_list("pk", flat=True))
            rows = [(pk, part) for pk in pks for part in range(pieces)]
            for start in range(0, len(rows), BATCH):
                chunk = rows[start : start + BATCH]
                unit = rng.standard_normal((len(chunk), DIMENSIONS), dtype=np.float32)
                unit /= np.linalg.norm(unit, axis=1, keepdims=True)
                FieldVector.objects.bulk_create(
                    [
                        FieldVector(
                            owner=user,
                            person_id=pk,
                            kind=vectors.KINDS[kinds[(made + i) % len(kinds)]],
                            part=part,
                            digest=f"{n:04d}{made + i:036d}",
                            vector=vectors.to_bytes(unit[i]),
                        )
                        for i, (pk, part) in enumerate(chunk)
                    ],
                    batch_size=5_000,
                )
                made += len(chunk)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"built: {owners} networks of {people:,} people, {made:,} pieces, every one its own text")


def rss_mb() -> float:
    return bench_pass_on_meaning.rss_kb() / 1024


def run(path: Path, budget: int | None, active: int, rounds: int) -> None:
    """One side, in this process: searches in turns, then prints one line of figures."""
    import numpy as np

    synthetic.use_database(path)
    from django.contrib.auth import get_user_model

    from goodwill.habits.meaning import DIMENSIONS
    from goodwill.habits.meaning.score import KIND_WEIGHTS
    from goodwill.search import vectors

    vectors.BUDGET = budget if budget is not None else 2**62
    owners = list(
        get_user_model().objects.filter(username__startswith="professional").order_by("pk").values_list("pk", flat=True)
    )
    weights = [KIND_WEIGHTS[k] for k in vectors.KINDS]
    rng = np.random.default_rng(3)
    query = rng.standard_normal(DIMENSIONS, dtype=np.float32)
    query /= np.linalg.norm(query)
    peak, cpus, walls, reads = 0.0, [], [], 0
    for turn in range(rounds * len(owners)):
        # `active` professionals at work at once, the group moving on by one every round.
        owner = owners[(turn // active % len(owners) + turn % active) % len(owners)]
        held = {k[1] for k in vectors._cache}
        wall, cpu = time.perf_counter(), time.process_time()
        vectors.nearest(owner, query, 50, weights)
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
        reads += owner not in held
        peak = max(peak, rss_mb())
    kept = sum(index.nbytes for index in vectors._cache.values()) / 2**20
    label = "no budget" if budget is None else f"budget {budget / 2**20:.0f} MB"
    print(
        f"{label}: peak RSS {peak:.0f} MB (maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB), "
        f"kept at the end {len(vectors._cache)} indexes / {kept:.0f} MB; {len(cpus)} searches, {reads} whole reads; "
        f"CPU median {statistics.median(cpus) * 1000:.1f} ms, max {max(cpus) * 1000:.0f} ms; "
        f"wall median {statistics.median(walls) * 1000:.1f} ms, max {max(walls) * 1000:.0f} ms, "
        f"total {sum(walls):.1f} s; load average {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--owners", type=int, default=6)
    parser.add_argument("--people", type=int, default=5_000)
    parser.add_argument("--pieces", type=int, default=12)
    parser.add_argument("--active", type=int, default=2, help="professionals searching in turns at once")
    parser.add_argument("--rounds", type=int, default=3, help="searches per professional")
    parser.add_argument("--budget", type=int, help="MB (default: the app's default)")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--side", choices=("budget", "none"), help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=3, help="pairs of sides, alternating")
    args = parser.parse_args()
    synthetic.pin_environment()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as `goodwill serve` runs
    path = args.path.resolve()
    if args.side:
        from goodwill import config

        budget = (args.budget or config.DEFAULT_VECTOR_MEMORY_MB) * 2**20 if args.side == "budget" else None
        run(path, budget, args.active, args.rounds)
        return
    if args.rebuild or (not synthetic.on_postgres() and not path.exists()):
        build(path, args.owners, args.people, args.pieces)
    side = [sys.executable, __file__, str(path), "--active", str(args.active), "--rounds", str(args.rounds)]
    if args.budget:
        side += ["--budget", str(args.budget)]
    for n in range(args.runs):
        for which in ("budget", "none") if n % 2 == 0 else ("none", "budget"):
            subprocess.run([*side, "--side", which], check=True)


if __name__ == "__main__":
    main()
