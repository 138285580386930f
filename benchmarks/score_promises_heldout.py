"""Score the promise finder on a held-out set of labelled sentences, once.

    .venv/bin/python benchmarks/score_promises_heldout.py tests/data/promises/heldout_2026-12-03.jsonl

Each line: {"id", "text", "writer": "me"|"them", "owner": "me"|"them"|"both"|"none"}.
A sentence counts as found for an owner when the finder returns at least one promise
of that owner in it (the issue's measure: who owes the commitment a sentence makes).
The writer gives the direction (me: outbound, them: inbound); no counterpart names
are given, since the set does not say which name is the contact.

Printed: precision and recall per owner and the confusion table. `--misses` also lists
the sentences it got wrong; reading them makes the set a regression set from then on
(docs/promises.md, "Held out").
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from goodwill.habits.promises.finder import find_promises

BASE = date(2026, 11, 23)  # a Monday
OWNERS = ("me", "them", "both")


def predicted(text: str, writer: str) -> set[str]:
    direction = "outbound" if writer == "me" else "inbound"
    return {p.owner for p in find_promises(text, base=BASE, direction=direction)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--misses", action="store_true", help="list the sentences scored wrong")
    args = parser.parse_args(argv)
    items = [json.loads(line) for line in args.path.read_text(encoding="utf-8").splitlines() if line.strip()]
    confusion: Counter[tuple[str, str]] = Counter()
    hits = {o: Counter() for o in OWNERS}
    misses = []
    for item in items:
        gold, found = item["owner"], predicted(item["text"], item["writer"])
        confusion[(gold, ",".join(sorted(found)) or "none")] += 1
        for owner in OWNERS:
            said, true = owner in found, gold == owner
            hits[owner]["tp" if said and true else "fp" if said else "fn" if true else "tn"] += 1
        if found != ({gold} - {"none"}):
            misses.append((item["id"], item["writer"], gold, sorted(found), item["text"]))
    print(f"{len(items)} sentences from {args.path}; base {BASE}, counterparts not given")
    for owner in OWNERS:
        h = hits[owner]
        precision = h["tp"] / (h["tp"] + h["fp"]) if h["tp"] + h["fp"] else float("nan")
        recall = h["tp"] / (h["tp"] + h["fn"]) if h["tp"] + h["fn"] else float("nan")
        print(f"  {owner:<5} gold {h['tp'] + h['fn']:>3}  precision {precision:.3f}  recall {recall:.3f}")
    print("  confusion (gold -> found):")
    for (gold, found), n in sorted(confusion.items()):
        print(f"    {gold:<5} -> {found:<10} {n}")
    if args.misses:
        for miss in misses:
            print("  miss", *miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
