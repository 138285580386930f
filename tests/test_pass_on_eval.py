"""Pass-it-on evaluation: 46 items against a 300-person network, graded relevance by hand.

tests/data/pass_on/network.json holds the people (make_network.py wrote it); each
profile entry carries a hidden topic code. items.json gives each item hand-made
labels: topic → grade (3 = exactly their topic, 2 = closely related, 1 = related).
A person's relevance to an item is the best grade of their entries' topics, an
offer counting one grade lower (an expert cares about news in the field, but
less than someone who needs it). The ranker never sees topic codes, only text.

Reports nDCG@10 and recall@10 (run with -s to see them); the target is nDCG@10 ≥ 0.80.
"""

import json
from pathlib import Path

import pytest

from goodwill.habits.matching import ndcg_at, recall_at
from goodwill.queries.pass_on import pass_on_ranking
from goodwill.services.notes import add_note
from goodwill.services.people import PersonFields, add_person
from goodwill.services.profiles import add_entry

DATA = Path(__file__).parent / "data" / "pass_on"
TARGET_NDCG = 0.80


def relevance(person: dict, labels: dict[str, int]) -> int:
    best = 0
    for entry in person["entries"]:
        grade = labels.get(entry["topic"], 0)
        if grade and entry["kind"] == "offer":
            grade = max(grade - 1, 1)
        best = max(best, grade)
    return best


def load_network(owner) -> dict[int, int]:
    """The network as alice's; returns eval id → person pk."""
    return load_heldout(owner, json.loads((DATA / "network.json").read_text()))


def test_ranking_quality_meets_target(alice, now):
    network = json.loads((DATA / "network.json").read_text())
    items = json.loads((DATA / "items.json").read_text())
    assert len(network) == 300 and len(items) >= 40
    ids = load_network(alice)
    ndcgs, recalls, worst = [], [], []
    for item in items:
        graded = {ids[p["id"]]: relevance(p, item["labels"]) for p in network}
        graded = {pk: g for pk, g in graded.items() if g}
        assert graded, f"item without relevant people: {item['text']}"
        ranked = [row.person_id for row in pass_on_ranking(alice, item["text"], tags=item.get("tags")).people]
        ndcgs.append(ndcg_at(ranked, graded, 10))
        recalls.append(recall_at(ranked, graded, 10))
        worst.append((ndcgs[-1], item["text"]))
    mean_ndcg, mean_recall = sum(ndcgs) / len(ndcgs), sum(recalls) / len(recalls)
    print(f"\npass-on evaluation: {len(items)} items, 300 people: nDCG@10 {mean_ndcg:.3f}, recall@10 {mean_recall:.3f}")
    for score, text in sorted(worst)[:5]:
        print(f"  weakest: {score:.2f} {text}")
    assert mean_ndcg >= TARGET_NDCG
    assert mean_recall >= 0.75


def test_confidences_in_the_eval_network_never_rank(alice, now):
    """People whose only link to an item is a confidential note stay out of its ranking."""
    network = json.loads((DATA / "network.json").read_text())
    ids = load_network(alice)
    checked = 0
    for spec in network:
        for note in spec["notes"]:
            if note["confidentiality"] != "confidential":
                continue
            secret = note["text"].removeprefix("Told me in confidence about ")
            ranked = {row.person_id: row for row in pass_on_ranking(alice, secret, limit=100).people}
            row = ranked.get(ids[spec["id"]])
            if row is not None:  # they may rank on their own entries, never on the confidence
                assert all("confidence" not in reason for reason in row.reasons)
            checked += 1
    assert checked >= 5


# The read held-out networks are regression sets now (docs/serving.md, "Re-tuned, 4 December
# 2026"): the constants were chosen on them, leave-one-set-out. Each keeps at least the figures
# it has with the shipped constants, less a little room, so a change that helps one set by
# hurting another shows here. (nDCG@10, items that concern nobody but got people anyway.)
READ_NETWORKS = {
    # Each network's nDCG@10 floor and the most items that concern nobody it may name people
    # for: the figures with the model distilled from mpnet (7 Dec 2026), less 0.01.
    "heldout_2026-12-03": (0.89, 0),
    "heldout_2026-12-03b": (0.76, 1),
    "heldout_2026-12-03c": (0.89, 2),
    # Scored once, blind, after the re-tune (docs/serving.md, "Held out a fourth time"):
    # its figures then are the honest estimate; since, it too guards against regressions.
    "heldout_2026-12-04": (0.69, 4),
    # Sealed unread until the distilled model was chosen, then scored once (0.575, 7 of 10 named;
    # the model before: 0.515, 5 of 10): docs/serving.md, "Held out a fifth time".
    "heldout_2026-12-07b": (0.56, 7),
    # Sealed in the repository unread, then scored once with the shipped model (0.633, 3 of 10
    # named; a candidate taught words of two meanings, not shipped: 0.715, 6 of 10):
    # docs/serving.md, "Held out a sixth time".
    "heldout_2026-12-08": (0.62, 3),
}


def load_heldout(owner, network: list[dict]) -> dict[int, int]:
    """A held-out network as alice's, as benchmarks/score_pass_on_heldout.py loads it."""
    ids = {}
    for spec in network:
        fields = PersonFields(name=spec["name"], title=spec.get("title"), organization=spec.get("organization"))
        person = add_person(owner, fields)
        ids[spec["id"]] = person.pk
        for entry in spec["entries"]:
            add_entry(owner, person, entry["kind"], entry["text"])
        for note in spec["notes"]:
            add_note(owner, person, note["text"], note["confidentiality"])
    return ids


@pytest.mark.parametrize("name", sorted(READ_NETWORKS))
def test_read_networks_keep_their_figures(alice, now, name):
    folder = DATA / name
    network = json.loads((folder / "network.json").read_text())
    items = json.loads((folder / "items.json").read_text())
    ids = load_heldout(alice, network)
    confidences = {
        ids[spec["id"]]: [n["text"] for n in spec["notes"] if n["confidentiality"] == "confidential"]
        for spec in network
    }
    ndcgs, named_for_nobody = [], 0
    for item in items:
        graded = {ids[int(pid)]: grade for pid, grade in item["relevant"].items()}
        rows = pass_on_ranking(alice, item["text"]).people
        traps = {ids[int(pid)] for pid in item.get("confidential_trap", [])}
        for row in rows:  # a trap may be listed for what their profile says, never for the confidence
            for secret in confidences.get(row.person_id, []):
                assert not any(secret[:40] in reason for reason in row.reasons)
        if graded:
            ndcgs.append(ndcg_at([row.person_id for row in rows], graded, 10))
        elif not traps:
            named_for_nobody += bool(rows)
    floor, most_named = READ_NETWORKS[name]
    mean_ndcg = sum(ndcgs) / len(ndcgs)
    print(f"\n{name}: nDCG@10 {mean_ndcg:.3f}, named people for {named_for_nobody} items that concern nobody")
    assert mean_ndcg >= floor
    assert named_for_nobody <= most_named
