"""Choose pass-on's meaning constants on the regression sets, leave-one-set-out.

    .venv/bin/python benchmarks/tune_pass_on.py capture /tmp/pass_on_features.pkl
    .venv/bin/python benchmarks/tune_pass_on.py tune /tmp/pass_on_features.pkl   # or: show

`capture` loads each regression set (tests/data/pass_on/: the original network
and items, and the read held-out networks) into a throwaway SQLite database and
records, for every item and every person in its candidate pool, the word score
and each field's best piece similarity to the item. `tune` then replays the
ranking and the "nobody" rule from those numbers (no database, no model) for a
grid of constants: each set is scored with the constants that do best on the
other sets, so the figures printed are out-of-sample for that set. The sets the
constants are tuned on are never a held-out set: a held-out network is scored
once, with benchmarks/score_pass_on_heldout.py, after the constants are fixed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import pickle
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
# This checkout's code, not the installed one: a worktree scores its own model and ranker.
sys.path.insert(0, str(Path(__file__).parent.parent / "src"))
import synthetic  # noqa: E402

DATA = Path(__file__).parent.parent / "tests" / "data" / "pass_on"
SETS = [
    "original",
    "heldout_2026-12-03",
    "heldout_2026-12-03b",
    "heldout_2026-12-03c",
    "heldout_2026-12-04",
    "heldout_2026-12-07b",
    "heldout_2026-12-08",
]


@dataclass
class Person:
    lexical: float
    worded: bool  # some field shares words with the item
    fields: list[tuple[str, float]]  # (kind, best piece similarity) per field


@dataclass
class Item:
    graded: dict[int, int]  # person -> grade; empty: concerns nobody
    counts_for_nobody: bool  # concerns nobody and holds no confidential trap
    people: dict[int, Person]


def _load_original(owner) -> tuple[list[tuple[str, list[str] | None, dict[int, int], bool]], dict]:
    from score_pass_on_heldout import load

    network = json.loads((DATA / "network.json").read_text())
    ids = load(owner, network)  # the original set is loaded as the held-out networks are
    items = []
    for item in json.loads((DATA / "items.json").read_text()):
        graded = {}
        for spec in network:
            best = 0
            for entry in spec["entries"]:
                grade = item["labels"].get(entry["topic"], 0)
                if grade and entry["kind"] == "offer":
                    grade = max(grade - 1, 1)
                best = max(best, grade)
            if best:
                graded[ids[spec["id"]]] = best
        items.append((item["text"], item.get("tags"), graded, False))
    return items, ids


def _load_heldout(owner, folder: Path) -> list[tuple[str, list[str] | None, dict[int, int], bool]]:
    from score_pass_on_heldout import load

    ids = load(owner, json.loads((folder / "network.json").read_text()))
    items = []
    for item in json.loads((folder / "items.json").read_text()):
        graded = {ids[int(pid)]: grade for pid, grade in item["relevant"].items()}
        items.append((item["text"], None, graded, not graded and not item.get("confidential_trap")))
    return items


def capture(out: Path) -> None:
    """Each set in its own process: Django keeps the first database it was pointed at."""
    import subprocess

    result: dict[str, list[Item]] = {}
    for name in SETS:
        part = out.with_name(f"{out.name}.{name}")
        subprocess.run([sys.executable, __file__, "capture-one", str(part), "--set", name], check=True)
        result.update(pickle.loads(part.read_bytes()))
        part.unlink()
    out.write_bytes(pickle.dumps(result))


def capture_one(name: str, out: Path) -> None:
    result: dict[str, list[Item]] = {}
    if True:
        with tempfile.TemporaryDirectory() as home:
            owner = synthetic.use_database(Path(home) / f"{name}.sqlite3")
            from goodwill import clock, search
            from goodwill.habits.matching import concept_weights, score_candidate
            from goodwill.habits.meaning import encode_one
            from goodwill.habits.meaning.pieces import pieces
            from goodwill.habits.meaning.score import KIND_WEIGHTS, digest
            from goodwill.queries.pass_on import MEANING_POOL, POOL, clean_item, item_query
            from goodwill.search import vectors
            from goodwill.search.documents import candidates

            if name == "original":
                specs, _ = _load_original(owner)
            else:
                specs = _load_heldout(owner, DATA / name)
            search.ensure_current(owner)
            items = []
            for text, tags, graded, for_nobody in specs:
                title, _, tag_list = clean_item(text, "", tags)
                query = item_query(title, tag_list)
                hits = search.search(owner, query.search_terms(), limit=POOL)
                query_vector = encode_one(query.meaning_text())
                near, _ = vectors.nearest(
                    owner.pk, query_vector, MEANING_POOL, [KIND_WEIGHTS[k] for k in vectors.KINDS], set()
                )
                ids = list(dict.fromkeys([pid for pid, _ in hits] + [pid for pid, _ in near]))
                pool = candidates(ids)
                weights = concept_weights(query, pool, search.indexed_count(owner))
                found = vectors.vectors_of(ids, owner.pk)
                people = {}
                for c in pool:
                    lexical = score_candidate(query, weights, c, clock.today())
                    fields = []
                    mine = found.get(c.person_id, {})
                    for f in c.fields:
                        sims = [
                            float(mine[digest(p)] @ query_vector) for p in pieces(f.kind, f.text) if digest(p) in mine
                        ]
                        if sims:
                            fields.append((f.kind, max(sims)))
                    people[c.person_id] = Person(lexical.score, bool(lexical.reasons), fields)
                items.append(Item(graded, for_nobody, people))
            result[name] = items
            print(f"{name}: {len(items)} items", file=sys.stderr)
    out.write_bytes(pickle.dumps(result))


# ---- replay -----------------------------------------------------------------

KINDS = ["need", "interest", "offer", "note", "summary", "role", "tag"]


def dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg(ranked: list[int], graded: dict[int, int], k: int = 10) -> float:
    ideal = dcg(sorted(graded.values(), reverse=True)[:k])
    return dcg([graded.get(p, 0) for p in ranked[:k]]) / ideal


def recall(ranked: list[int], graded: dict[int, int], k: int = 10) -> float:
    return len(set(graded) & set(ranked[:k])) / min(len(graded), k)


def person_score(p: Person, c: dict) -> float:
    floor = c["floor"]
    weighted = sorted(
        ((s - floor) / (1 - floor) * c["kinds"].get(k, 0.7) for k, s in p.fields if s >= floor), reverse=True
    )
    meaning = (weighted[0] + c["rest"] * sum(weighted[1:3])) if weighted else 0.0
    return meaning + c["lex_share"] * p.lexical / (p.lexical + c["lex_half"]), bool(weighted) or p.worded


def rank(item: Item, c: dict) -> tuple[list[int], list[float]]:
    scored = []
    for pid, p in item.people.items():
        s, has_reason = person_score(p, c)
        if has_reason:
            scored.append((s, pid))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [pid for s, pid in scored], [s for s, pid in scored]


def stands_out(scores: list[float], c: dict) -> bool:
    if not scores:
        return False
    return scores[0] >= c["line"]


def evaluate(items: list[Item], c: dict) -> tuple[float, float, int, int]:
    ndcgs, recalls, named, nobody_items = [], [], 0, 0
    for item in items:
        ranked, scores = rank(item, c)
        listed = [p for p, s in zip(ranked, scores) if s >= c["listed"]][:10] if stands_out(scores, c) else []
        if item.graded:
            ndcgs.append(ndcg(listed, item.graded))
            recalls.append(recall(listed, item.graded))
        elif item.counts_for_nobody:
            nobody_items += 1
            named += bool(listed)
    return statistics.mean(ndcgs), statistics.mean(recalls), named, nobody_items


def shipped() -> dict:
    """The constants habits.meaning.score ships with."""
    from goodwill.habits.meaning import score

    return {
        "kinds": dict(score.KIND_WEIGHTS),
        "floor": score.FLOOR,
        "rest": score.REST_SHARE,
        "lex_share": score.LEXICAL_SHARE,
        "lex_half": score.LEXICAL_HALF,
        "line": score.STANDS_OUT,
        "listed": score.LISTED,
    }


def ranking_grid(features: dict[str, list[Item]]) -> list[tuple[dict, dict[str, float]]]:
    """nDCG@10 per set, without the "nobody" line, for each blend of the grid."""
    out = []
    for floor, rest, share, half, note, offer, role in itertools.product(
        [0.1, 0.15, 0.2, 0.25],
        [0.1, 0.2, 0.3],
        [0.15, 0.25],
        [8.0, 16.0],
        [0.9, 1.0, 1.1],
        [0.65, 0.75, 0.85],
        [0.7, 0.8],
    ):
        c = shipped()
        c.update(floor=floor, rest=rest, lex_share=share, lex_half=half, line=0.0)
        c["kinds"].update(note=note, offer=offer, role=role, tag=role)
        out.append((c, {name: evaluate(items, c)[0] for name, items in features.items()}))
    return out


def line_objective(result: tuple[float, float, int, int]) -> float:
    """nDCG@10, plus a quarter for each item that concerns nobody and gets "nobody"."""
    ndcg_, _, named, total = result
    return ndcg_ + (0.25 * (1 - named / total) if total else 0.0)


def tune(features: dict[str, list[Item]]) -> None:
    names = list(features)
    grid = ranking_grid(features)
    lines = [round(0.10 + 0.01 * n, 2) for n in range(21)]
    for out in names:
        train = [n for n in names if n != out]
        blend, _ = max(grid, key=lambda g: statistics.mean(g[1][n] for n in train))
        line = max(
            lines,
            key=lambda line_: statistics.mean(
                line_objective(evaluate(features[n], blend | {"line": line_})) for n in train
            ),
        )
        n_, r_, named, total = evaluate(features[out], blend | {"line": line})
        print(f"{out:22} chosen on the others: {_described(blend, line)}", end="")
        print(f" -> nDCG@10 {n_:.3f} recall@10 {r_:.3f} named {named}/{total}")
    blend, _ = max(grid, key=lambda g: statistics.mean(g[1].values()))
    line = max(
        lines,
        key=lambda line_: statistics.mean(
            line_objective(evaluate(features[n], blend | {"line": line_})) for n in names
        ),
    )
    print(f"chosen on every set (what would ship): {_described(blend, line)}")


def _described(blend: dict, line: float) -> str:
    kinds = {k: blend["kinds"][k] for k in ("note", "offer", "role")}
    return f"floor {blend['floor']} rest {blend['rest']} words {blend['lex_share']}/{blend['lex_half']} {kinds} line {line}"


def show(features: dict[str, list[Item]], c: dict, label: str) -> None:
    print(label)
    for name, items in features.items():
        n, r, named, total = evaluate(items, c)
        print(f"  {name:22} nDCG@10 {n:.3f} recall@10 {r:.3f} named-for-nobody {named}/{total}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["capture", "capture-one", "show", "tune"])
    parser.add_argument("path", type=Path)
    parser.add_argument("--set", choices=SETS)
    args = parser.parse_args(argv)
    if args.command == "capture-one":
        capture_one(args.set, args.path)
        return 0
    if args.command == "capture":
        capture(args.path)
        return 0
    features = pickle.loads(args.path.read_bytes())
    show(features, shipped(), "the shipped constants")
    if args.command == "tune":
        print("leave-one-set-out:")
        tune(features)
    return 0


if __name__ == "__main__":
    sys.exit(main())
