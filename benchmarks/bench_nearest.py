"""The vector index's search alone (`search.vectors.nearest`): per ranking CPU and wall time,
and what the index holds.

    .venv/bin/python benchmarks/bench_nearest.py [PATH] [--runs 3]
    GOODWILL_DATABASE_URL=postgresql://... .venv/bin/python benchmarks/bench_nearest.py
    .venv/bin/python benchmarks/bench_nearest.py --distinct 300000 [--rows 1450000 --people 100000]

With a network (PATH, default bench_pass_on_meaning's 100,000 people with needs): each of its
distinct needs (up to 40) is ranked as pass-on ranks an item (every kind weighed) and as a Person
page ranks an introduction (offers, roles and tags only), after a warm-up; medians per ranking.

With --distinct N, no database: an index built in memory of N distinct texts (random unit
vectors) behind --rows rows of --people people, kinds drawn as the 100,000-person network has
them. The needs network says its 1,506 texts again and again; a network of people's own words
says most of its texts once, and the product with the query grows with them. This measures
that: the same search code over an index of that shape. Results: docs/performance.md,
"Introductions over the kinds they weigh".
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pass_on_meaning  # noqa: E402 - after the path
import synthetic  # noqa: E402

DEFAULT_PATH = bench_pass_on_meaning.DEFAULT_PATH
INTRO_KINDS = ("offer", "role", "tag")
# The 100,000-person network's rows by kind (need, interest, offer, role, tag, note, summary).
ROW_SHARES = (0.027, 0.067, 0.067, 0.195, 0.133, 0.032, 0.479)


def weights(kinds: tuple[str, ...] | None) -> list[float]:
    from goodwill.habits.meaning.score import KIND_WEIGHTS
    from goodwill.search import vectors

    return [KIND_WEIGHTS[k] if kinds is None or k in kinds else 0.0 for k in vectors.KINDS]


def medians(search, queries) -> tuple[float, float]:
    """Median CPU and wall milliseconds of search(query) over the queries."""
    walls, cpus = bench_pass_on_meaning.timed(search, queries)
    return statistics.median(cpus) * 1000, statistics.median(walls) * 1000


def synthetic_index(distinct: int, rows: int, people: int, seed: int = 7):
    """An _Index of `distinct` random unit vectors behind `rows` rows of `people` people."""
    import numpy as np

    from goodwill.habits.meaning import DIMENSIONS
    from goodwill.search import vectors

    rng = np.random.default_rng(seed)
    unit = rng.standard_normal((distinct, DIMENSIONS), dtype=np.float32)
    unit /= np.linalg.norm(unit, axis=1, keepdims=True)
    row_people = np.sort(rng.integers(1, people + 1, rows))
    kinds = rng.choice(len(vectors.KINDS), rows, p=np.asarray(ROW_SHARES) / sum(ROW_SHARES))
    # Every text used at least once, the rest drawn at random.
    texts = np.r_[rng.permutation(distinct), rng.integers(0, distinct, max(0, rows - distinct))][:rows]
    codes = texts.astype(np.int64) * len(vectors.KINDS) + kinds
    starts = np.flatnonzero(np.r_[True, row_people[1:] != row_people[:-1]])
    digests = [f"t{n}" for n in range(distinct)]
    slots = {d: n for n, d in enumerate(digests)}
    return vectors._Index(1, row_people[starts], starts, vectors._narrow(codes), unit, distinct, slots, digests)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--distinct", type=int, help="an index in memory of this many distinct texts")
    parser.add_argument("--rows", type=int, default=1_450_000)
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args()
    synthetic.pin_environment()
    import numpy as np

    if args.distinct:
        import django

        django.setup()
        from goodwill.search import vectors

        index = synthetic_index(args.distinct, args.rows, args.people)
        vectors._index = lambda owner_id: index  # the search code as it is, over this index
        owner_id = 1
        rng = np.random.default_rng(11)
        queries = [q / np.linalg.norm(q) for q in rng.standard_normal((40, index.vectors.shape[1]), dtype=np.float32)]
        source = "an index in memory (random unit vectors)"
    else:
        if not synthetic.on_postgres() and not args.path.exists():
            raise SystemExit(f"{args.path}: no network there; build one with benchmarks/bench_pass_on_meaning.py")
        owner = synthetic.use_database(args.path.resolve())
        owner_id = owner.pk
        from goodwill.habits.meaning import encode_one
        from goodwill.models import ProfileEntry
        from goodwill.search import vectors

        needs = ProfileEntry.objects.filter(owner_id=owner_id, kind="need").values_list("text", flat=True)
        queries = [encode_one(text) for text in list(dict.fromkeys(needs[:20_000]))[:40]]
        index = vectors._index(owner_id)
        source = "PostgreSQL (GOODWILL_DATABASE_URL)" if synthetic.on_postgres() else str(args.path)
    print(
        f"{source}: {len(index.codes):,} rows, {index.size:,} distinct texts, {len(index.people):,} people; "
        f"kept {index.nbytes / 1e6:.1f} MB (arrays and digests, as the budget weighs it); {len(queries)} queries; load average {os.getloadavg()[0]:.1f}"
    )
    every, intro = weights(None), weights(INTRO_KINDS)
    for query in queries[:3]:  # warm: the index read
        vectors.nearest(owner_id, query, 50, every)
        vectors.nearest(owner_id, query, 50, intro)
    made = getattr(vectors, "_holders_made", None)  # the holders, made in a thread since (code before: none)
    if made is not None:
        made.wait()
    for run in range(1, args.runs + 1):
        all_cpu, all_wall = medians(lambda q: vectors.nearest(owner_id, q, 50, every), queries)
        intro_cpu, intro_wall = medians(lambda q: vectors.nearest(owner_id, q, 50, intro), queries)
        print(
            f"run {run}: every kind {all_cpu:.2f} ms CPU / {all_wall:.2f} ms wall; "
            f"an introduction's kinds {intro_cpu:.2f} ms CPU / {intro_wall:.2f} ms wall (medians per ranking)"
        )


if __name__ == "__main__":
    main()
