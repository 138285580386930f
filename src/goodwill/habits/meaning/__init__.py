"""Meaning: text to vectors with a small local sentence-embedding model, and similarity.

The model (all-MiniLM-L6-v2 distilled from all-mpnet-base-v2 by distill_model.py,
exported to ONNX and quantized to int8 by build_model.py) ships in data/ and runs on the CPU with onnxruntime: no
torch, no download, nothing leaves the machine. Importing this package loads
nothing; the first `encode` loads the model (about 0.2 s).
"""

from goodwill.habits.meaning.model import DIMENSIONS, MODEL_VERSION, Vectors, encode, encode_one, encode_roughly

__all__ = ["DIMENSIONS", "MODEL_VERSION", "Vectors", "encode", "encode_one", "encode_roughly"]
