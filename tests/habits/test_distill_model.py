"""The model's distillation: its corpus and how it is cut into batches (no torch here).

The training itself needs torch and the teacher's weights, which only `make
model` installs; what can go wrong without them is the corpus (a group split across lines,
a held-out network's trap words let in) and the batching.
"""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from goodwill.habits.meaning import distill_model

# The words the fifth held-out network's brief named as two-meaning traps, and the
# brief's own examples: the corpus was written by briefs from the same hand, so lines
# holding them were taken out before training (scripts/meaning_corpus/README.md).
WITHHELD = re.compile(
    r"\b(java|mercury|ruby|rubies|apples?|bass|cells?|cranes?|pitch(es)?|seals?|drafts?|delta|pythons?"
    r"|volcano(es)?|auctions?)\b|AWS spend|cloud bill|angel investor|applying to college|leaving law",
    re.IGNORECASE,
)


def test_the_shipped_corpus_reads_as_texts_and_groups_of_four():
    texts, groups = distill_model.corpus()
    assert len(texts) > 15_000 and len(groups) > 2_000
    assert len(set(texts)) == len(texts)
    assert all(len(group) == 4 and all(group) for group in groups)
    assert {line for group in groups for line in group} <= set(texts)


def test_the_corpus_holds_none_of_the_held_out_networks_trap_words():
    texts, _ = distill_model.corpus()
    assert [t for t in texts if WITHHELD.search(t)] == []


def test_a_groups_file_that_is_not_groups_of_four_is_refused(tmp_path):
    (tmp_path / "groups_x.txt").write_text("headline\nwants it\nalso wants it\n")
    with pytest.raises(SystemExit, match="groups_x.txt: 3 lines, not groups of four"):
        distill_model.corpus(tmp_path)


def test_lines_are_read_once_in_a_fixed_order_with_spaces_folded(tmp_path):
    (tmp_path / "texts_b.txt").write_text("  Second  text \n\nfirst text\n")
    (tmp_path / "texts_a.txt").write_text("first text\n")
    texts, groups = distill_model.corpus(tmp_path)
    assert texts == ["first text", "Second text"]
    assert groups == []


def test_an_epochs_batches_cover_the_training_texts_with_only_training_neighbours():
    rng = random.Random(1)
    near = np.array([[(i + 1) % 50, (i + 2) % 50, (i + 3) % 50] for i in range(50)])
    train = [i for i in range(50) if i % 5]  # 0, 5, 10... held out
    batches = distill_model.geometry_batches(train, near, rng)
    assert len(batches) == -(-len(train) // distill_model.ANCHORS)
    seen = [i for batch in batches for i in batch]
    assert set(seen) == set(train)
    assert all(i % 5 for i in seen)
    assert all(len(batch) == len(set(batch)) for batch in batches)
    assert max(len(batch) for batch in batches) <= distill_model.ANCHORS * (1 + distill_model.NEIGHBOURS)
