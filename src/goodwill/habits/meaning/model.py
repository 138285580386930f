"""The sentence-embedding model: tokenise, run the transformer, mean-pool, normalise."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

DATA = Path(__file__).with_name("data")
_SETTINGS = json.loads((DATA / "model.json").read_text(encoding="utf-8"))
DIMENSIONS: int = _SETTINGS["dimensions"]
MODEL_VERSION: str = _SETTINGS["version"]
MAX_TOKENS = 128  # fields and notes are short; longer text is cut (the model was tuned on 128)

Vectors = npt.NDArray[np.float32]


class _Model:
    def __init__(self) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        # One thread each: a web server runs several requests at once, and the
        # gain from threads on texts this short is small.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(DATA / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )
        tokenizer = Tokenizer.from_file(str(DATA / "tokenizer.json"))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.no_padding()  # the shipped tokenizer.json pads to 128: each run sets its own width
        self.tokenizer = tokenizer

    def encode(self, text: str) -> Vectors:
        # One text per run, never a batch: int8 dynamic quantization scales each
        # run's activations by that run's range, so in a batch a text's vector
        # would depend on its neighbours (cosine 0.986 to itself alone), and a
        # reindex could move people across the "stands out" line. Alone, the
        # same text always gets the same vector; no padding is computed either.
        encoding = self.tokenizer.encode(text)
        ids = np.array([encoding.ids], dtype=np.int64)
        feeds: dict[str, Any] = {
            "input_ids": ids,
            "attention_mask": np.ones_like(ids),
            "token_type_ids": np.zeros_like(ids),
        }
        hidden = self.session.run(["last_hidden_state"], feeds)[0][0]
        pooled = hidden.mean(axis=0)
        unit: Vectors = (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)
        return unit

    def encode_together(self, texts: Sequence[str]) -> Vectors:
        """All in one padded run: much cheaper for many short texts, but each vector
        depends a little on the others (see encode): for choosing words to show only."""
        encodings = [self.tokenizer.encode(t) for t in texts]
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self.session.run(["last_hidden_state"], feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Vectors = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return unit


@cache
def _model() -> _Model:
    return _Model()


def encode(texts: Sequence[str]) -> Vectors:
    """Unit vectors, one row per text (an empty text gets the model's vector for nothing)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
    for i, text in enumerate(texts):
        out[i] = _encoded(" ".join(text.split()))
    return out


@lru_cache(maxsize=4096)
def _encoded(text: str) -> Vectors:
    """A text's vector, kept: an item is read again by every idea and every page that ranks it."""
    vector = _model().encode(text)
    vector.flags.writeable = False
    return vector


def encode_roughly(texts: Sequence[str]) -> Vectors:
    """Vectors for many short texts at once, close to but not exactly encode's: for
    picking which of an item's words to quote in a reason, never for stored vectors."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return _model().encode_together([" ".join(t.split()) for t in texts])


def encode_one(text: str) -> Vectors:
    vector: Vectors = encode([text])[0]
    return vector
