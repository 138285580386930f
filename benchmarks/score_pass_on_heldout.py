"""Score pass-on ("who else would want this") on a held-out network, once.

    .venv/bin/python benchmarks/score_pass_on_heldout.py tests/data/pass_on/heldout_2026-12-03

The folder holds network.json (people with entries and notes, private or confidential)
and items.json (each item's graded relevant people: 3 exactly, 2 closely, 1 related;
`{}` for an item that concerns nobody; `confidential_trap` for people whom only a
confidential note would make relevant). The network is loaded through the services
into a throwaway SQLite database in a temporary folder, as one user's, and each item
is ranked with `pass_on_ranking`, as the CLI, web and API do.

Printed: mean nDCG@10 and recall@10 over the items that concern someone; for the
items that concern nobody, how often pass-on still named people; and every
confidential trap that was listed, with the reasons it was listed for (a leak only if a
confidential note is what matched). `--misses` lists what each item ranked; reading those
makes the set a regression set from then on (docs/serving.md).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
# This checkout's code, not the installed one: a worktree scores its own model and ranker.
sys.path.insert(0, str(Path(__file__).parent.parent / "src"))
import synthetic  # noqa: E402


def load(owner, network: list[dict]) -> dict[int, int]:
    """The network as the owner's; returns the set's id -> person pk."""
    from goodwill import search
    from goodwill.services.notes import add_note
    from goodwill.services.people import PersonFields, add_person
    from goodwill.services.profiles import add_entry

    ids = {}
    for spec in network:
        fields = PersonFields(name=spec["name"], title=spec.get("title"), organization=spec.get("organization"))
        person = add_person(owner, fields)
        ids[spec["id"]] = person.pk
        for entry in spec["entries"]:
            add_entry(owner, person, entry["kind"], entry["text"])
        for note in spec["notes"]:
            add_note(owner, person, note["text"], note["confidentiality"])
    search.rebuild(owner)
    return ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--misses", action="store_true", help="print each item's ranking")
    args = parser.parse_args(argv)
    network = json.loads((args.folder / "network.json").read_text(encoding="utf-8"))
    items = json.loads((args.folder / "items.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as home:
        owner = synthetic.use_database(Path(home) / "heldout.sqlite3")
        from goodwill.habits.matching import ndcg_at, recall_at
        from goodwill.queries.pass_on import pass_on_ranking

        ids = load(owner, network)
        names = {pk: spec["name"] for spec in network for pk in [ids[spec["id"]]]}
        ndcgs, recalls, named_for_nobody, leaks = [], [], [], []
        for item in items:
            graded = {ids[int(pid)]: grade for pid, grade in item["relevant"].items()}
            rows = pass_on_ranking(owner, item["text"]).people
            ranked = [row.person_id for row in rows]
            traps = {ids[int(pid)] for pid in item.get("confidential_trap", [])}
            # A trap listed is a leak only if a confidential note is what matched: the reasons say what did.
            leaks += [(item["id"], row.name, row.reasons) for row in rows if row.person_id in traps]
            if graded:
                ndcgs.append(ndcg_at(ranked, graded, 10))
                recalls.append(recall_at(ranked, graded, 10))
            elif not traps:
                named_for_nobody.append(bool(ranked))
            if args.misses:
                print(f"item {item['id']}: {item['text']}")
                print(
                    "   ranked:", ", ".join(names[pk] + (f" ({graded[pk]})" if pk in graded else "") for pk in ranked)
                )
    print(f"{len(network)} people, {len(items)} items from {args.folder}")
    print(f"  nDCG@10 {statistics.mean(ndcgs):.3f}, recall@10 {statistics.mean(recalls):.3f} over {len(ndcgs)} items")
    print(f"  items that concern nobody: pass-on named people for {sum(named_for_nobody)} of {len(named_for_nobody)}")
    print(f"  people whom only a confidential note makes relevant, listed anyway: {len(leaks)}")
    for item_id, name, reasons in leaks:
        print(f"    item {item_id}: {name}, because {'; '.join(reasons)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
