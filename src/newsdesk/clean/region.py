"""Where a line sits relative to the page's body region, and what its neighbours' words say.

Boilerplate comes in runs and the story is one mostly contiguous region of prose
(Kohlschütter et al. 2010, boilerpipe: features of the previous and next blocks; the body as
the densest stretch of text). The region is found as the maximum-sum span (Kadane) of a
per-line score: for the first pass of the line model from word counts alone, at several bars
(a bar of 6 words keeps a list of short sentences inside the region, a bar of 20 only long
paragraphs); for the second pass from the first pass's own probabilities, so a list of recipe
steps between two paragraphs the first pass keeps falls inside the region and a menu of 300
one-word entries at the top falls outside it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

# Word-count bars of the prose regions read by the first pass (lines.py uses 12 for its own).
PROSE_BARS = (6, 20)
# The first pass's probability at which a line counts for and against the region, and a
# word-weighted variant (a long line the first pass keeps weighs more than a short one).
REGION_PROBABILITY = 0.5
# Lines of the neighbours' lexical scores read each side.
LEXICAL_REACH = 2

COUNT_REGION_NAMES: tuple[str, ...] = tuple(
    f"{name}_{bar}" for bar in PROSE_BARS for name in ("in_region", "region_offset"))
LEXICAL_NAMES: tuple[str, ...] = (
    "lex_prev", "lex_next", "lex_prev2", "lex_next2", "lex_window_mean")
PROBABILITY_REGION_NAMES: tuple[str, ...] = (
    "in_p_region", "p_region_offset", "in_pw_region", "pw_region_offset",
    "p_region_share", "p_region_count")


def best_span(scores: Sequence[float]) -> tuple[int, int]:
    """The maximum-sum run of ``scores`` (Kadane); (0, -1) for an empty page."""
    best, span, total, start = -math.inf, (0, -1), 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, span = total, (start, i)
    return span


def _offset(i: int, span: tuple[int, int]) -> tuple[float, float]:
    """Inside the span (1/0), and the signed log distance to it (negative above it)."""
    start, end = span
    if start <= i <= end:
        return 1.0, 0.0
    distance = i - end if i > end else i - start
    return 0.0, math.copysign(math.log1p(abs(distance)), distance)


def count_region_features(counts: list[int], decided: list[bool]) -> list[list[float]]:
    """Per line, inside / offset of the densest prose run at each bar of ``PROSE_BARS``."""
    spans = [best_span([(0.0 if d else float(c)) - bar for c, d in zip(counts, decided,
                                                                         strict=True)])
             for bar in PROSE_BARS]
    return [[v for span in spans for v in _offset(i, span)] for i in range(len(counts))]


def lexical_features(lexical: list[float]) -> list[list[float]]:
    """The lexical scores of the lines around each line."""
    n = len(lexical)

    def at(j: int) -> float:
        return lexical[j] if 0 <= j < n else 0.0
    rows = []
    for i in range(n):
        window = [lexical[j] for j in range(i - LEXICAL_REACH, i + LEXICAL_REACH + 1)
                  if 0 <= j < n and j != i] or [0.0]
        rows.append([at(i - 1), at(i + 1), at(i - 2), at(i + 2), sum(window) / len(window)])
    return rows


def probability_region_features(probabilities: list[float],
                                counts: list[int]) -> list[list[float]]:
    """Per line, inside / offset of the region the first pass keeps (plain and by words),
    the share of the page's kept words inside that region and its length in lines."""
    plain = best_span([REGION_PROBABILITY - p for p in probabilities])
    weighted = best_span([math.log1p(c) * (REGION_PROBABILITY - p)
                          for c, p in zip(counts, probabilities, strict=True)])
    kept = [c * (1.0 - p) for c, p in zip(counts, probabilities, strict=True)]
    share = sum(kept[weighted[0]:weighted[1] + 1]) / (sum(kept) or 1.0)
    length = math.log1p(weighted[1] - weighted[0] + 1)
    return [[*_offset(i, plain), *_offset(i, weighted), share, length]
            for i in range(len(probabilities))]
