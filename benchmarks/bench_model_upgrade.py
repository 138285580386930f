"""Benchmark the pass that makes stored vectors again after a release with another sentence model.

    .venv/bin/python benchmarks/bench_model_upgrade.py [PATH] [--people 5000] [--runs 3] [--rebuild]
    GOODWILL_DATABASE_URL=postgresql://… .venv/bin/python benchmarks/bench_model_upgrade.py [--rebuild]

1. Builds (once; --rebuild to redo) a network of --people (benchmarks/synthetic.py, with the
   demo's needs, interests and offers) and indexes it (`search.rebuild`).
2. Each run is a release with another model: a new version, and the real model's vectors
   turned by a fixed rotation (so every text must be encoded again, at the real model's cost).
   `model_upgrade.upgrade_some` runs chunk by chunk to the end, as a worker does; per chunk,
   the encoding ahead of the transaction and the transaction itself are timed apart (the
   transaction holds SQLite's one writer: a request waits for it at most this long).
3. Floor, in the same minutes: the model alone encoding the same distinct texts one by one
   (`habits.meaning.encode`), so the ratio says what the pass adds to the encoding it cannot
   avoid.
Results: docs/performance.md, "Remaking the vectors for a new model".
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
# This checkout's code, not the installed one.
sys.path.insert(0, str(Path(__file__).parent.parent / "src"))
import synthetic  # noqa: E402

DEFAULT_PATH = Path(tempfile.gettempdir()) / "goodwill-bench-model-upgrade" / "network.sqlite3"


def cpu() -> float:
    return time.process_time() + (synthetic.postgres_backend_cpu() or 0.0)


def release(version: str) -> None:
    """Pretend the installed model is another: its version, and its vectors turned."""
    import numpy as np

    from goodwill.habits.meaning import model, score
    from goodwill.search import model_upgrade, vectors

    model._encoded.cache_clear()  # the model keeps texts it encoded: a new model knows none

    real = getattr(vectors.encode, "real", vectors.encode)  # the model's own, under any earlier release

    def encode(texts):
        return np.roll(real(texts), 7, axis=-1)

    encode.real = real  # type: ignore[attr-defined]
    vectors.encode = encode
    model_upgrade.MODEL_VERSION = version
    score.MODEL_VERSION = version
    score.digest.cache_clear()
    model_upgrade.forget()
    vectors.forget()


def one_pass(owner) -> dict:
    from django.db import transaction

    from goodwill.search import model_upgrade, vectors

    ahead_wall: list[float] = []
    writes: list[float] = []
    real_missing, real_atomic = vectors.encode_missing, transaction.atomic

    def timed_missing(owner_id, fields):
        started = time.perf_counter()
        try:
            return real_missing(owner_id, fields)
        finally:
            ahead_wall.append(time.perf_counter() - started)

    depth = [0]

    class TimedAtomic:
        """Django's atomic, the outermost block timed (the chunk's; bulk writes nest their own)."""

        def __init__(self, *a, **kw):
            self.inner = real_atomic(*a, **kw)

        def __enter__(self):
            depth[0] += 1
            self.started = time.perf_counter()
            return self.inner.__enter__()

        def __exit__(self, *exc):
            try:
                return self.inner.__exit__(*exc)
            finally:
                depth[0] -= 1
                if depth[0] == 0:
                    writes.append(time.perf_counter() - self.started)

    vectors.encode_missing = timed_missing
    model_upgrade.transaction.atomic = TimedAtomic  # the chunk's own transaction only
    try:
        wall0, cpu0 = time.perf_counter(), cpu()
        people = model_upgrade.upgrade(owner.pk)
        wall, used = time.perf_counter() - wall0, cpu() - cpu0
    finally:
        vectors.encode_missing = real_missing
        model_upgrade.transaction.atomic = real_atomic
    return {
        "people": people,
        "wall": wall,
        "cpu": used,
        "chunks": len(writes),
        "encode_ahead_s": sum(ahead_wall),
        "write_median_ms": statistics.median(writes) * 1000,
        "write_max_ms": max(writes) * 1000,
    }


def floor(owner) -> tuple[int, float, float]:
    """The real model alone on the network's distinct texts: (texts, wall, CPU)."""
    from goodwill.habits.meaning.pieces import pieces
    from goodwill.models import Person
    from goodwill.search import vectors
    from goodwill.search.documents import fields_for

    ids = list(Person.objects.filter(owner=owner).values_list("pk", flat=True))
    texts: dict[str, None] = {}
    for start in range(0, len(ids), 2000):
        for fields in fields_for(ids[start : start + 2000]).values():
            for f in fields:
                for piece in pieces(f.kind, f.text):
                    texts[piece] = None
    from goodwill.habits.meaning import model

    real = getattr(vectors.encode, "real", vectors.encode)
    model._encoded.cache_clear()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    real(list(texts))
    return len(texts), time.perf_counter() - wall0, time.process_time() - cpu0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    synthetic.pin_environment()
    fresh = args.rebuild or (not synthetic.on_postgres() and not args.path.exists())
    if fresh:
        synthetic.build(args.path, people=args.people, interactions=args.people * 3, open_steps=args.people // 10)
    owner = synthetic.use_database(args.path)
    from django.db import connection

    from goodwill import search
    from goodwill.models import FieldVector

    if fresh:
        synthetic.add_demo_profiles(owner, people=args.people, interactions=args.people * 3)
        started = time.perf_counter()
        search.rebuild(owner)
        print(f"indexed in {time.perf_counter() - started:.1f} s")
    rows = FieldVector.objects.filter(owner=owner).count()
    print(
        f"{connection.vendor}, {rows:,} vector rows; {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; load {os.getloadavg()}"
    )
    for run in range(1, args.runs + 1):
        release(f"bench-release-{time.time_ns()}")
        result = one_pass(owner)
        texts, floor_wall, floor_cpu = floor(owner)
        print(
            f"run {run}: {result['people']:,} people in {result['chunks']} chunks, {result['wall']:.1f} s wall, "
            f"{result['cpu']:.1f} s CPU ({result['people'] / result['wall']:.0f} people/s); encoding ahead "
            f"{result['encode_ahead_s']:.1f} s; a chunk's transaction median {result['write_median_ms']:.0f} ms, "
            f"max {result['write_max_ms']:.0f} ms | floor: {texts:,} distinct texts encoded alone in "
            f"{floor_wall:.1f} s wall, {floor_cpu:.1f} s CPU | pass / floor (CPU) {result['cpu'] / floor_cpu:.2f}"
        )
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
