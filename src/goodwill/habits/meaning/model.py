"""The sentence-embedding model: tokenise, run the transformer, mean-pool, normalise."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

DATA = Path(__file__).with_name("data")
_SETTINGS = json.loads((DATA / "model.json").read_text(encoding="utf-8"))
DIMENSIONS: int = _SETTINGS["dimensions"]
MODEL_VERSION: str = _SETTINGS["version"]
MAX_TOKENS = 128  # fields and notes are short; longer text is cut (the model was tuned on 128)
BATCH = 32

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
        tokenizer.enable_padding()
        self.tokenizer = tokenizer
        self.lock = threading.Lock()  # the tokenizer's padding settings are shared state

    def encode(self, texts: Sequence[str]) -> Vectors:
        with self.lock:
            encodings = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
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
    model = _model()
    # Similar lengths together: padding is work the model does for nothing.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
    for start in range(0, len(order), BATCH):
        chunk = order[start : start + BATCH]
        out[chunk] = model.encode([" ".join(texts[i].split()) for i in chunk])
    return out


def encode_one(text: str) -> Vectors:
    vector: Vectors = encode([text])[0]
    return vector
