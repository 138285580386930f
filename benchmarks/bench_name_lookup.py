"""A name typed without its accents, looked up among 100,000 people (habits.name_words.named).

    .venv/bin/python benchmarks/bench_name_lookup.py [--people 100000] [--runs 3]

`goodwill show zoe` first asks SQL for the name as typed (exact, then every word as a part);
only when neither finds anyone does it read the network's names and compare their folded words
(services.people.resolve_person). This times that last step, in-process, on two sets of names:
"mixed", where about one name in four has an accent or a letter such as ø, and "accented",
where every name has one (the quick test's worst case). The peer, in the same minutes, is the
same comparison without the quick test (every name folded word by word). Pure Python, no
database. Results: docs/performance.md, "Names typed without their accents".
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time

from goodwill.habits.name_words import name_tokens, named

PLAIN_FIRST = ["Jane", "Sam", "Priya", "Wei", "Amara", "Li", "Ana", "Omar", "Grace", "Tom"]
PLAIN_FAMILY = ["Doe", "Smith", "Chen", "Nakamura", "Okafor", "Patel", "Kowalski", "Lee", "Brown"]
ACCENTED_FIRST = ["José", "Søren", "Zoë", "Émilie", "Björn", "Łukasz", "Añez", "Chloé"]
ACCENTED_FAMILY = ["García", "Müller", "O'Brien-Ávila", "Øvergaard", "Wałęsa", "Dvořák", "Çelik"]
QUERIES = ["zoe obrien", "soren", "xyzzy", "jane doe 17"]


def names(count: int, accented_share: float, seed: int = 7) -> dict[int, str]:
    rng = random.Random(seed)
    found = {}
    for key in range(1, count + 1):
        if rng.random() < accented_share:
            first, family = rng.choice(ACCENTED_FIRST), rng.choice(ACCENTED_FAMILY)
        else:
            first, family = rng.choice(PLAIN_FIRST), rng.choice(PLAIN_FAMILY)
        found[key] = f"{first} {family} {key}"
    return found


def unhurried(text: str, people: dict[int, str]) -> list[int]:
    """The peer: every name folded word by word (named() without its quick test)."""
    wanted = name_tokens(text)
    exact, partial = [], []
    for key, name in people.items():
        words = name_tokens(name)
        if words == wanted:
            exact.append(key)
        elif all(any(part in word for word in words) for part in wanted):
            partial.append(key)
    return sorted(exact or partial)


def timed(work) -> tuple[float, float, list[int]]:
    cpu, wall = time.process_time(), time.perf_counter()
    found = work()
    return time.perf_counter() - wall, time.process_time() - cpu, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{platform.node()} {platform.machine()} python {platform.python_version()}; load {os.getloadavg()}")
    for label, share in (("mixed", 0.25), ("accented", 1.0)):
        people = names(args.people, share)
        for query in QUERIES:
            quick, slow = [], []
            for _ in range(args.runs):
                q_wall, q_cpu, found = timed(lambda q=query, p=people: named(q, p))
                s_wall, s_cpu, peer = timed(lambda q=query, p=people: unhurried(q, p))
                assert found == peer, (query, len(found), len(peer))
                quick.append((q_wall, q_cpu))
                slow.append((s_wall, s_cpu))
            print(
                f"{label:8s} {query!r:14s} {len(found):6,d} found; named "
                + " / ".join(f"{w * 1000:.0f} ms wall {c * 1000:.0f} CPU" for w, c in quick)
                + "; word by word "
                + " / ".join(f"{c * 1000:.0f} ms CPU" for _, c in slow)
                + f"; ratio {statistics.median(c for _, c in quick) / statistics.median(c for _, c in slow):.2f}x"
            )
    print(f"load {os.getloadavg()}")


if __name__ == "__main__":
    main()
