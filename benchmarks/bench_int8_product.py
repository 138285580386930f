"""What an 8-bit vector index would buy at distinct-text scale (issue 18): a query's product with
N distinct texts' vectors, numpy in float32 (what search.vectors.nearest does now) against
onnxruntime's MatMulInteger over int8 codes with one scale a text, in the same minutes.

    python3.11 -m venv /tmp/int8 && /tmp/int8/bin/pip install onnx==1.23.2 onnxruntime==1.23.2 numpy
    OPENBLAS_NUM_THREADS=1 /tmp/int8/bin/python benchmarks/bench_int8_product.py [--texts 100000,300000,1450000] [--runs 3]

It needs `onnx` to write the one-node graph, which Goodwill does not install (the Makefile's
model venv has it too): a measurement for planning, not a feature. Random unit vectors of the
model's 384 dimensions stand in for the texts (the product's cost does not depend on what they
say). Per size and run, alternating: CPU and wall time of one product (median of 7), the 8-bit
one's ratio to float32's, the largest error in a cosine, and the bytes a text costs each way.
Results: docs/performance.md, "Issue 18 on a slower morning".
"""

from __future__ import annotations

import argparse
import os

import numpy as np
import onnxruntime as ort
from bench_dates import _timed  # median wall and CPU seconds of some calls (standard library alone)
from onnx import TensorProto, helper

DIMENSIONS = 384


def int8_session() -> ort.InferenceSession:
    """One MatMulInteger: int8 codes (texts × 384) by an int8 query (384 × 1), into int32."""
    node = helper.make_node("MatMulInteger", ["codes", "query"], ["dots"])
    graph = helper.make_graph(
        [node],
        "product",
        [
            helper.make_tensor_value_info("codes", TensorProto.INT8, [None, DIMENSIONS]),
            helper.make_tensor_value_info("query", TensorProto.INT8, [DIMENSIONS, 1]),
        ],
        [helper.make_tensor_value_info("dots", TensorProto.INT32, [None, 1])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # as the server's requests: one thread each
    return ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])


def quantized(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row as int8 codes and its own scale (its largest component maps to 127)."""
    scales = np.abs(vectors).max(axis=-1) / 127
    return np.round(vectors / scales[..., None]).astype(np.int8), scales.astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", default="100000,300000,1450000", help="distinct texts, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    session = int8_session()
    rng = np.random.default_rng(7)
    print(f"onnxruntime {ort.__version__}, numpy {np.__version__}, load {os.getloadavg()[0]:.1f}")
    for size in (int(n) for n in args.texts.split(",")):
        compare(session, rng, size, args.runs)


def compare(session: ort.InferenceSession, rng: np.random.Generator, size: int, runs: int) -> None:
    """Both products over `size` random unit vectors, `runs` times in turn."""
    texts = rng.standard_normal((size, DIMENSIONS), dtype=np.float32)
    texts /= np.linalg.norm(texts, axis=1, keepdims=True)
    query = rng.standard_normal(DIMENSIONS, dtype=np.float32)
    query /= np.linalg.norm(query)
    codes, scales = quantized(texts)
    query_codes, query_scale = quantized(query)
    feed = {"codes": codes, "query": query_codes.reshape(DIMENSIONS, 1)}
    exact = texts @ query
    approximate = session.run(None, feed)[0][:, 0] * scales * query_scale
    error = float(np.abs(approximate - exact).max())
    print(
        f"{size:,} texts: float32 {texts.nbytes / size:.0f} bytes a text, int8 "
        f"{(codes.nbytes + scales.nbytes) / size:.0f}; largest error in a cosine {error:.4f}"
    )
    for run in range(1, runs + 1):
        f_wall, f_cpu = _timed(lambda: texts @ query, 7)
        i_wall, i_cpu = _timed(lambda: session.run(None, feed), 7)
        print(
            f"  run {run}: float32 {f_wall * 1000:.1f} ms wall, {f_cpu * 1000:.1f} ms CPU; "
            f"int8 {i_wall * 1000:.1f} ms wall, {i_cpu * 1000:.1f} ms CPU; int8/float32 CPU {i_cpu / f_cpu:.2f}x"
        )


if __name__ == "__main__":
    main()
