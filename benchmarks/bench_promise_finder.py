"""Time the promise finder in milliseconds per 100-word note, against a regex floor.

    .venv/bin/python benchmarks/bench_promise_finder.py [--runs 3] [--notes 400] [--seed 14]

Issue 14's speed target: at most 2 ms per 100-word note. The notes are about 100
words each, made of the labelled sentences of the promise sets (real email and note
sentences: tests/data/promises/heldout_2026-12-03.jsonl and the corpus), half as one
paragraph and half one sentence a line, each read in the direction its writer gives.

Each run times the whole batch twice: the finder, then a floor, a plain regular
expression pass over the same text (one case-insensitive alternation of cue words,
`finditer` to the end), the least any regex-based finder must spend. Printed per run:
CPU time (process_time) and wall time (perf_counter) per 100 words, and the finder's
ratio to the floor; then the median of the runs, /proc/loadavg before and after, and
the machine. Exit status 1 when the median CPU time is over the target.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from goodwill.habits.promises import find_promises  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from bench_promises import machine  # noqa: E402  (one description of the machine for both)

DATA = ROOT / "tests" / "data" / "promises"
BASE = date(2026, 11, 23)
TARGET_MS = 2.0
FLOOR = re.compile(r"\b(?:I|we|you|she|he|they|will|shall|let['’]?s|\w+['’]ll|going\s+to|promised?)\b", re.IGNORECASE)


def sentences() -> list[tuple[str, str]]:
    """(sentence, direction) from the held-out set and the corpus's one-line notes."""
    out = []
    for line in (DATA / "heldout_2026-12-03.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            out.append((item["text"], "outbound" if item["writer"] == "me" else "inbound"))
    for line in (DATA / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if "\n" not in row["text"]:
                out.append((row["text"], row["direction"]))
    return out


def notes(n: int, seed: int) -> list[tuple[str, str]]:
    """About 100 words each, sentences of one direction, half of them one per line."""
    rng = random.Random(seed)
    pool = sentences()
    by_direction = {d: [s for s, dd in pool if dd == d] for d in ("outbound", "inbound")}
    out = []
    for i in range(n):
        direction = "outbound" if i % 3 else "inbound"
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < 100:
            parts.append(rng.choice(by_direction[direction]))
        out.append(("\n".join(parts) if i % 2 else " ".join(parts), direction))
    return out


def load() -> str:
    try:
        return Path("/proc/loadavg").read_text().strip()
    except OSError:
        return "n/a"


def timed(work) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    return time.process_time() - cpu, time.perf_counter() - wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--notes", type=int, default=400, help="100-word notes per run")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)

    batch = notes(args.notes, args.seed)
    hundreds = sum(len(text.split()) for text, _d in batch) / 100

    def finder() -> None:
        for text, direction in batch:
            find_promises(text, base=BASE, direction=direction)

    def floor() -> None:
        for text, _direction in batch:
            for _m in FLOOR.finditer(text):
                pass

    finder()  # warm-up: compile every pattern once
    print(f"machine: {machine()}")
    print(f"notes: {len(batch)} of {hundreds * 100 / len(batch):.0f} words on average; {args.runs} runs")
    before = load()
    rows = []
    for run in range(1, args.runs + 1):
        cpu, wall = timed(finder)
        floor_cpu, floor_wall = timed(floor)
        row = (cpu * 1000 / hundreds, wall * 1000 / hundreds, floor_cpu * 1000 / hundreds, floor_wall * 1000 / hundreds)
        rows.append(row)
        print(
            f"run {run}: finder {row[0]:.3f} ms CPU, {row[1]:.3f} ms wall per 100 words; "
            f"floor {row[2]:.4f} ms CPU, {row[3]:.4f} ms wall; ratio {row[1] / max(row[3], 1e-9):.0f}x (wall)"
        )
    cpu_ms, wall_ms, floor_cpu_ms, floor_wall_ms = (statistics.median(col) for col in zip(*rows))
    print(
        f"median: finder {cpu_ms:.3f} ms CPU, {wall_ms:.3f} ms wall per 100-word note; "
        f"floor {floor_wall_ms:.4f} ms wall; ratio {wall_ms / max(floor_wall_ms, 1e-9):.0f}x"
    )
    print(f"load before: {before}; after: {load()}")
    met = cpu_ms <= TARGET_MS
    print(f"target <= {TARGET_MS:g} ms per 100-word note: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
