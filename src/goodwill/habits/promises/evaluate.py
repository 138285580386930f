"""Score the promise finder against the labelled corpus and print the report.

    python -m goodwill.habits.promises.evaluate [--corpus PATH] [--quiet]

The corpus (tests/data/promises/corpus.jsonl) holds one labelled note per
line: its text, base date, mail direction and the promises a reader finds in
it, labelled by the rules in docs/promises.md.  The report gives precision
and recall per owner class (mine; theirs; both; theirs+joint together),
exact-day accuracy on stated dates, the firm dates invented for vague timing
(must be none) and every error.  tests/habits/test_promise_corpus.py asserts
the targets from the same numbers.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from goodwill.habits.promises.finder import FoundPromise, find_promises

DEFAULT_CORPUS = Path(__file__).resolve().parents[4] / "tests" / "data" / "promises" / "corpus.jsonl"
AUTHOR = "Alex"  # the corpus's "me": notes are signed Alex Moreno
VAGUE_DAYS = 14  # the labels put "soon" two weeks out (docs/promises.md)
CLASSES = ("me", "them", "both")
TARGETS = {  # the minimum scores
    "mine_precision": 0.92,
    "mine_recall": 0.88,
    "theirs_joint_precision": 0.85,
    "theirs_joint_recall": 0.80,
    "exact_day": 0.95,
}

# Words that carry no action: who it is for is the counterpart field's job.
FILLER = frozenset(
    """
a an the to you me him her them us my your his their our its it this that these those with for on of
about at in up back over out some any i we they he she and or from by be will
""".split()
)


def _tokens(action: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", action.lower())
    return {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words if w not in FILLER}


def action_similarity(found: str, gold: str) -> float:
    """Overlap of content words, relative to the shorter action (0..1)."""
    a, b = _tokens(found), _tokens(gold)
    if not a or not b:
        return 1.0 if a == b else 0.0
    return len(a & b) / min(len(a), len(b))


ACTION_MATCH = 0.5  # half the content words of the shorter action in common


@dataclass
class Item:
    id: str
    style: str
    text: str
    base: date
    direction: str
    gold: list[dict[str, Any]]
    counterparts: list[str] = field(default_factory=list)

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> Item:
        return cls(
            row["id"],
            row["style"],
            row["text"],
            date.fromisoformat(row["base"]),
            row["direction"],
            row["promises"],
            row.get("counterparts", []),
        )


@dataclass
class Report:
    items: int = 0
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLASSES, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLASSES, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLASSES, 0))
    stated: int = 0  # matched promises whose label has a stated (firm) date
    stated_right: int = 0
    soft: int = 0  # matched promises with a soft labelled date
    soft_right: int = 0
    vague_total: int = 0  # matched promises whose label is soft or undated
    invented_firm: int = 0
    errors: list[str] = field(default_factory=list)

    def precision(self, *owners: str) -> float:
        tp = sum(self.tp[o] for o in owners)
        return tp / (tp + sum(self.fp[o] for o in owners)) if tp + sum(self.fp[o] for o in owners) else 1.0

    def recall(self, *owners: str) -> float:
        tp = sum(self.tp[o] for o in owners)
        return tp / (tp + sum(self.fn[o] for o in owners)) if tp + sum(self.fn[o] for o in owners) else 1.0

    @property
    def exact_day(self) -> float:
        return self.stated_right / self.stated if self.stated else 1.0

    def scores(self) -> dict[str, float]:
        return {
            "mine_precision": self.precision("me"),
            "mine_recall": self.recall("me"),
            "theirs_joint_precision": self.precision("them", "both"),
            "theirs_joint_recall": self.recall("them", "both"),
            "exact_day": self.exact_day,
        }

    def misses(self) -> list[str]:
        """The targets not met, as readable lines (empty when all are met)."""
        out = [f"{k} {v:.3f} < {TARGETS[k]}" for k, v in self.scores().items() if v < TARGETS[k]]
        if self.invented_firm:
            out.append(f"{self.invented_firm} firm date(s) invented for vague timing")
        return out


def load(path: Path = DEFAULT_CORPUS) -> list[Item]:
    with path.open(encoding="utf-8") as f:
        return [Item.from_json(json.loads(line)) for line in f if line.strip()]


def _show(p: FoundPromise | dict[str, Any]) -> str:
    if isinstance(p, dict):
        due = f"{p['due']}{'' if p['firm'] else ' soft'}" if p.get("due") else "no date"
        return f"{p['owner']}: {p['action']!r} ({due})"
    due = f"{p.due.day}{'' if p.due.firm else ' soft'}" if p.due else "no date"
    return f"{p.owner}: {p.action!r} ({due})"


def _pair(
    found: list[FoundPromise], gold: list[dict[str, Any]]
) -> tuple[list[tuple[FoundPromise, dict[str, Any]]], list[FoundPromise], list[dict[str, Any]]]:
    """Greedy best pairs of the same owner whose actions agree."""
    options = sorted(
        (
            (action_similarity(f.action, g["action"]), i, j)
            for i, f in enumerate(found)
            for j, g in enumerate(gold)
            if f.owner == g["owner"]
        ),
        reverse=True,
    )
    used_f: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[FoundPromise, dict[str, Any]]] = []
    for sim, i, j in options:
        if sim >= ACTION_MATCH and i not in used_f and j not in used_g:
            used_f.add(i)
            used_g.add(j)
            pairs.append((found[i], gold[j]))
    return (
        pairs,
        [f for i, f in enumerate(found) if i not in used_f],
        [g for j, g in enumerate(gold) if j not in used_g],
    )


def score_item(item: Item, report: Report) -> None:
    found = find_promises(
        item.text,
        base=item.base,
        author=AUTHOR,
        counterparts=item.counterparts,
        vague_days=VAGUE_DAYS,
        direction=item.direction,
    )
    report.items += 1
    pairs, extra, missed = _pair(found, item.gold)
    where = f"[{item.id} {item.style}, base {item.base}] {item.text!r}"
    for f, g in pairs:
        report.tp[g["owner"]] += 1
        if g.get("due") and g["firm"]:
            report.stated += 1
            if f.due and f.due.day.isoformat() == g["due"]:
                report.stated_right += 1
            else:
                report.errors.append(f"DATE   {where}\n         want {_show(g)}\n         got  {_show(f)}")
        else:
            report.vague_total += 1
            if f.due and f.due.firm:
                report.invented_firm += 1
                report.errors.append(f"FIRM   {where}\n         want {_show(g)}\n         got  {_show(f)}")
            elif g.get("due"):
                report.soft += 1
                if f.due and f.due.day.isoformat() == g["due"]:
                    report.soft_right += 1
    for f in extra:
        report.fp[f.owner] += 1
        report.errors.append(f"FALSE+ {where}\n         got  {_show(f)}")
    for g in missed:
        report.fn[g["owner"]] += 1
        report.errors.append(
            f"MISSED {where}\n         want {_show(g)}" + "".join(f"\n         got  {_show(f)}" for f in extra)
        )


def evaluate(items: list[Item]) -> Report:
    report = Report()
    for item in items:
        score_item(item, report)
    return report


def render(report: Report, *, errors: bool = True) -> str:
    lines = [f"Promise finder on {report.items} labelled notes"]
    lines.append(f"{'class':<14}{'P':>7}{'R':>7}{'TP':>6}{'FP':>6}{'FN':>6}")
    for label, owners in (
        ("mine", ("me",)),
        ("theirs", ("them",)),
        ("joint", ("both",)),
        ("theirs+joint", ("them", "both")),
    ):
        tp, fp, fn = (sum(d[o] for o in owners) for d in (report.tp, report.fp, report.fn))
        lines.append(f"{label:<14}{report.precision(*owners):>7.3f}{report.recall(*owners):>7.3f}{tp:>6}{fp:>6}{fn:>6}")
    lines.append(f"exact day on stated dates: {report.exact_day:.3f} ({report.stated_right}/{report.stated})")
    lines.append(f"soft dates on the labelled day: {report.soft_right}/{report.soft}")
    lines.append(f"firm dates invented for vague or missing timing: {report.invented_firm} (of {report.vague_total})")
    misses = report.misses()
    lines.append("targets: all met" if not misses else "targets NOT met: " + "; ".join(misses))
    if errors:
        lines.append(f"\n{len(report.errors)} error(s)")
        lines.extend(report.errors)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the promise finder on the labelled corpus.")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus.jsonl to score")
    parser.add_argument("--quiet", action="store_true", help="scores only, no error list")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"no corpus at {args.corpus}; pass --corpus PATH", file=sys.stderr)
        return 2
    report = evaluate(load(args.corpus))
    print(render(report, errors=not args.quiet))
    return 1 if report.misses() else 0


if __name__ == "__main__":
    sys.exit(main())
