"""The learned line model: is a line of a scraped page furniture, given its shape and context?

Features are computed here, in ``sequence.py`` and ``region.py``, for training
(``bench/train_lines.py``) and at run time alike, so the two never drift. The model ships as
a JSON file beside this module (``line_model.json``), so loading needs no scikit-learn: a
linear model over the line's hashed words, then one or two passes of gradient-boosted trees.
The first pass reads the line's shape, its place in the page's sequence of prose and
relative to the densest prose region, and the lexical scores of the line and its
neighbours; an optional second pass adds the first pass's verdicts on the neighbouring
lines. The last pass's log-odds are smoothed over each line's neighbours (furniture comes in
runs). The lexical model was trained out of fold by site, so the trees learn how far to
trust words.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsdesk.clean.region import (
    COUNT_REGION_NAMES,
    LEXICAL_NAMES,
    PROBABILITY_REGION_NAMES,
    count_region_features,
    lexical_features,
    probability_region_features,
)
from newsdesk.clean.sequence import (
    NEIGHBOUR_NAMES,
    SEQUENCE_NAMES,
    lexical_tokens,
    neighbour_features,
    sequence_features,
    word_count,
)

MODEL_FILE = Path(__file__).with_name("line_model.json")

# Word-count bins: furniture is mostly one to three words, body paragraphs a dozen or more.
_WORD_BINS = (1, 2, 3, 5, 8, 14, 25)
# Lines of context looked at on each side.
_WINDOW = 3
# A line of at least this many words counts towards the page's main block of prose.
_PROSE_WORDS = 12

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_SEPARATORS = re.compile(r"[|·»›•]|\s/\s")
_ADDRESS = re.compile(r"https?://|www\.|@\w")


@dataclass(frozen=True, slots=True)
class Tree:
    """One regression tree of the boosted ensemble, as flat arrays (sklearn's layout)."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    value: tuple[float, ...]

    def leaf_value(self, row: list[float]) -> float:
        node = 0
        while self.left[node] != -1:
            go_left = row[self.feature[node]] <= self.threshold[node]
            node = self.left[node] if go_left else self.right[node]
        return self.value[node]


@dataclass(frozen=True, slots=True)
class Ensemble:
    """Gradient-boosted trees: log-odds = prior + rate * sum of leaves."""

    prior: float
    rate: float
    trees: tuple[Tree, ...]

    def probability(self, row: list[float]) -> float:
        score = self.prior + self.rate * sum(tree.leaf_value(row) for tree in self.trees)
        return 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))


@dataclass(frozen=True, slots=True)
class Lexical:
    """A linear model over the line's hashed words (``sequence.lexical_tokens``)."""

    buckets: int
    bias: float
    weights: tuple[float, ...]

    def score(self, line: str) -> float:
        return self.bias + sum(self.weights[k] for k in lexical_tokens(line, self.buckets))


@dataclass(frozen=True, slots=True)
class LineModel:
    """One or two passes of trees: the first over each line's own features (shape, sequence,
    region and the lexical scores), the second adds what the first pass thought of its
    neighbours. The training script ships the second pass only when it scores better out of
    fold (``second`` is None otherwise)."""

    names: tuple[str, ...]
    lexical: Lexical
    first: Ensemble
    second: Ensemble | None
    threshold: float


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_FILE) -> LineModel:
    data = json.loads(path.read_text("utf-8"))
    lexical = data["lexical"]
    return LineModel(
        names=tuple(data["names"]),
        lexical=Lexical(int(lexical["buckets"]), float(lexical["bias"]),
                        tuple(float(w) for w in lexical["weights"])),
        first=_ensemble(data["first"]),
        second=_ensemble(data["second"]) if data.get("second") else None,
        threshold=float(data["threshold"]))


def _ensemble(data: dict[str, Any]) -> Ensemble:
    trees = tuple(Tree(tuple(t["left"]), tuple(t["right"]), tuple(t["feature"]),
                       tuple(t["threshold"]), tuple(t["value"])) for t in data["trees"])
    return Ensemble(prior=float(data["prior"]), rate=float(data["rate"]), trees=trees)


DENSE_NAMES: tuple[str, ...] = (
    *(f"words<={b}" for b in _WORD_BINS), "words>25", "log_words", "log_chars",
    "sentence_end", "colon_end", "digit_share", "capital_share", "opens_quote",
    "separators", "address", "position", "position_sq", "prev_words", "next_words",
    "window_words", "window_decided", "inmain_block", "block_distance", "repeated",
    "decided", "prose_above", "prose_below",
)
FIRST_NAMES: tuple[str, ...] = (*DENSE_NAMES, *SEQUENCE_NAMES, "lexical", *COUNT_REGION_NAMES,
                                *LEXICAL_NAMES)
SECOND_NAMES: tuple[str, ...] = (*FIRST_NAMES, *NEIGHBOUR_NAMES, *PROBABILITY_REGION_NAMES)
# The shipped probabilities are smoothed over neighbours in log-odds: each line's own score
# weighs 1 - 2 * SMOOTHING, the line above and below SMOOTHING each (furniture comes in runs).
# 0.1-0.3 and windows of +-1 to +-3 lines tried on out-of-fold train scores: recall at 0.99
# retention 0.785 unsmoothed, 0.806-0.822 smoothed, 0.3 among the best.
SMOOTHING = 0.3
# Probabilities are clipped this far from 0 and 1 before taking log-odds (the trees cap
# their log-odds at +-30 anyway).
_EPSILON = 1e-13
# Distances to the nearest prose line are capped here (further is simply "far").
_FAR = 20


def features(lines: list[str], decided: list[bool]) -> list[list[float]]:
    """The features of every line; ``decided`` marks lines a rule removed."""
    counts = [word_count(line) for line in lines]
    logs = [math.log1p(c) for c in counts]
    block = main_block(counts)
    seen: dict[str, int] = {}
    for line in lines:
        seen[line.casefold()] = seen.get(line.casefold(), 0) + 1
    rows = []
    for i, line in enumerate(lines):
        context = _Context(logs, decided, block, seen[line.casefold()] > 1)
        rows.append([*_dense(line, i, counts[i], context),
                     *_prose_distances(counts, decided, i)])
    return rows


@dataclass(frozen=True, slots=True)
class _Context:
    logs: list[float]
    decided: list[bool]
    block: tuple[int, int]
    repeated: bool


def _dense(line: str, i: int, words: int, ctx: _Context) -> list[float]:
    n = len(ctx.logs)
    window = [j for j in range(i - _WINDOW, i + _WINDOW + 1) if 0 <= j < n and j != i]
    start, end = ctx.block
    distance = 0 if start <= i <= end else min(abs(i - start), abs(i - end))
    return [
        *(1.0 if _bin(words) == k else 0.0 for k in range(len(_WORD_BINS) + 1)),
        math.log1p(words), math.log1p(len(line)),
        1.0 if _SENTENCE_END.search(line) else 0.0, 1.0 if line.endswith(":") else 0.0,
        _digit_share(line), _capital_share(line),
        1.0 if line[:1] in "\"“‘'" else 0.0,
        1.0 if _SEPARATORS.search(line) else 0.0, 1.0 if _ADDRESS.search(line) else 0.0,
        i / max(n - 1, 1), (i / max(n - 1, 1)) ** 2,
        ctx.logs[i - 1] if i > 0 else 0.0, ctx.logs[i + 1] if i + 1 < n else 0.0,
        sum(ctx.logs[j] for j in window) / max(len(window), 1),
        sum(ctx.decided[j] for j in window) / max(len(window), 1),
        1.0 if distance == 0 else 0.0, math.log1p(distance),
        1.0 if ctx.repeated else 0.0, 1.0 if ctx.decided[i] else 0.0,
    ]


def _prose_distances(counts: list[int], decided: list[bool], i: int) -> tuple[float, float]:
    """How far (log lines) the nearest undecided prose line is above and below line ``i``."""
    def nearest(indices: range) -> float:
        for step, j in enumerate(indices, start=1):
            if counts[j] >= _PROSE_WORDS and not decided[j]:
                return math.log1p(step)
        return math.log1p(_FAR)
    return (nearest(range(i - 1, max(i - 1 - _FAR, -1), -1)),
            nearest(range(i + 1, min(i + 1 + _FAR, len(counts)))))


def _bin(words: int) -> int:
    for k, bound in enumerate(_WORD_BINS):
        if words <= bound:
            return k
    return len(_WORD_BINS)


def _digit_share(line: str) -> float:
    chars = [c for c in line if not c.isspace()]
    return sum(1 for c in chars if c.isdigit()) / len(chars) if chars else 0.0


def _capital_share(line: str) -> float:
    words = [w for w in _WORD.findall(line) if w[:1].isalpha()]
    return sum(1 for w in words if w[:1].isupper()) / len(words) if words else 0.0


def main_block(counts: list[int]) -> tuple[int, int]:
    """The run of lines with the most prose: the maximum-sum span of (words - prose bar),
    Kadane's algorithm over the page."""
    best, best_span, total, start = -math.inf, (0, -1), 0.0, 0
    for i, count in enumerate(counts):
        if total <= 0:
            total, start = 0.0, i
        total += count - _PROSE_WORDS
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def furniture_probabilities(lines: list[str], decided: list[bool],
                            model: LineModel | None = None) -> list[float]:
    """The model's furniture probability for every line (after its last pass)."""
    model = model or load_model()
    rows = first_rows(lines, decided, [model.lexical.score(line) for line in lines])
    first = [model.first.probability(row) for row in rows]
    if model.second is None:
        return smoothed(first)
    return smoothed([model.second.probability(row) for row in
                     second_rows(rows, first, [word_count(line) for line in lines])])


def smoothed(probabilities: list[float]) -> list[float]:
    """Each line's probability with its neighbours' mixed in (log-odds, ``SMOOTHING``); the
    first and last line count themselves as their missing neighbour."""
    odds = [_logit(p) for p in probabilities]
    out = []
    for i, own in enumerate(odds):
        above = odds[i - 1] if i else own
        below = odds[i + 1] if i + 1 < len(odds) else own
        score = (1 - 2 * SMOOTHING) * own + SMOOTHING * (above + below)
        out.append(1.0 / (1.0 + math.exp(-score)))
    return out


def _logit(p: float) -> float:
    p = min(max(p, _EPSILON), 1 - _EPSILON)
    return math.log(p / (1 - p))


def first_rows(lines: list[str], decided: list[bool], lexical: list[float]) -> list[list[float]]:
    """The first pass's features: the line's own, its place in the sequence and relative to
    the densest prose, its words and its neighbours' words."""
    counts = [word_count(line) for line in lines]
    return [[*own, *seq, lex, *region, *near] for own, seq, lex, region, near in
            zip(features(lines, decided), sequence_features(counts, decided), lexical,
                count_region_features(counts, decided), lexical_features(lexical),
                strict=True)]


def second_rows(rows: list[list[float]], first: list[float],
                counts: list[int]) -> list[list[float]]:
    """The second pass's features: the first pass's, its verdicts on the neighbours and the
    body region those verdicts outline."""
    return [[*row, *near, *region] for row, near, region in
            zip(rows, neighbour_features(first, counts),
                probability_region_features(first, counts), strict=True)]
