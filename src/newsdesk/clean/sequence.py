"""Features that read a line as part of the page's sequence, and the line's own words.

Furniture comes in runs: a menu above the story, a tail of teasers, prices and "~6 hours ago"
headlines below it, a short caption between two long paragraphs. These features say where a
line sits relative to the page's prose (how much of it lies above and below), how long the run
of short lines around it is, and what the first-pass probabilities of its neighbours are (the
second pass of ``lines.py``). ``lexical_tokens`` gives the hashed words and word pairs a
linear model scores (its score is one more feature of the trees).
"""

from __future__ import annotations

import math
import re
import zlib
from itertools import pairwise

# A line of at least this many words is prose (as lines.py and split.py count it).
PROSE_WORDS = 12
# A short line: a menu entry, a label, a price, a tag.
SHORT_WORDS = 4
# Lines of neighbours whose first-pass probabilities the second pass reads, each side.
NEIGHBOURS = 3
# ...and a wider reach for the mean probability above and below.
REACH = 10

_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d")
# Chinese and Japanese write without spaces: a line of prose would count as one "word".
# Their characters count as words at this many to a word (Chinese words average 1.5-2
# characters); Korean puts spaces between words and is counted as split text.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
UNSPACED_CHARS_PER_WORD = 2

SEQUENCE_NAMES: tuple[str, ...] = (
    "prose_share_above", "prose_share_below", "prose_lines_above", "prose_lines_below",
    "short_run", "short_run_decided", "first_prose_distance", "last_prose_distance",
    "mean_words_above", "mean_words_below",
)
NEIGHBOUR_NAMES: tuple[str, ...] = (
    "p_self", "p_prev", "p_next", "p_window_mean", "p_window_max", "p_window_min",
    "p_above_mean", "p_below_mean", "p_gap_to_prose_above", "p_gap_to_prose_below",
)


def word_count(line: str) -> int:
    """Words of the line; characters of unspaced scripts (Chinese, Japanese) counted as
    words at ``UNSPACED_CHARS_PER_WORD`` to a word."""
    unspaced = len(_UNSPACED.findall(line))
    if not unspaced:
        return len(line.split())
    return len(_UNSPACED.sub(" ", line).split()) + unspaced // UNSPACED_CHARS_PER_WORD


def sequence_features(counts: list[int], decided: list[bool]) -> list[list[float]]:
    """The sequence features of every line (``counts``: words per line)."""
    prose = [c >= PROSE_WORDS and not d for c, d in zip(counts, decided, strict=True)]
    weights = [float(c) if p else 0.0 for c, p in zip(counts, prose, strict=True)]
    total = sum(weights) or 1.0
    above = _running(weights)
    lines_above = _running([float(p) for p in prose])
    first = next((i for i, p in enumerate(prose) if p), len(counts))
    last = max((i for i, p in enumerate(prose) if p), default=-1)
    runs = _short_runs(counts, decided)
    rows = []
    for i in range(len(counts)):
        below = total - above[i] - weights[i]
        rows.append([
            above[i] / total, below / total,
            math.log1p(lines_above[i]), math.log1p(lines_above[-1] - lines_above[i] - prose[i]),
            math.log1p(runs[i][0]), runs[i][1],
            _signed_log(i - first), _signed_log(i - last),
            _mean_log(counts[max(i - REACH, 0):i]), _mean_log(counts[i + 1:i + 1 + REACH]),
        ])
    return rows


def neighbour_features(probabilities: list[float], counts: list[int]) -> list[list[float]]:
    """What the first pass thought of each line's neighbours."""
    n = len(probabilities)
    rows = []
    for i, p in enumerate(probabilities):
        window = [probabilities[j] for j in range(i - NEIGHBOURS, i + NEIGHBOURS + 1)
                  if 0 <= j < n and j != i] or [p]
        above = probabilities[max(i - REACH, 0):i] or [p]
        below = probabilities[i + 1:i + 1 + REACH] or [p]
        rows.append([
            p, probabilities[i - 1] if i else 1.0, probabilities[i + 1] if i + 1 < n else 1.0,
            sum(window) / len(window), max(window), min(window),
            sum(above) / len(above), sum(below) / len(below),
            _gap_to_prose(probabilities, counts, range(i - 1, -1, -1), p),
            _gap_to_prose(probabilities, counts, range(i + 1, n), p),
        ])
    return rows


def _gap_to_prose(probabilities: list[float], counts: list[int], indices: range,
                  own: float) -> float:
    """The highest first-pass probability between the line and the nearest prose line the
    first pass keeps (1.0 when there is none that way): a caption between two body paragraphs
    has none in between, the tail below the story has a wall of furniture."""
    highest = own
    for j in indices:
        if counts[j] >= PROSE_WORDS and probabilities[j] < 0.5:
            return highest
        highest = max(highest, probabilities[j])
    return 1.0


def _running(values: list[float]) -> list[float]:
    """The sum of ``values`` strictly above each index (and the grand total last)."""
    out, total = [], 0.0
    for value in values:
        out.append(total)
        total += value
    return [*out, total]


def _short_runs(counts: list[int], decided: list[bool]) -> list[tuple[int, float]]:
    """For each line, the length of the run of short lines it belongs to (0 for a longer line)
    and the share of that run the rules already removed."""
    out: list[tuple[int, float]] = []
    i = 0
    while i < len(counts):
        if counts[i] > SHORT_WORDS:
            out.append((0, 0.0))
            i += 1
            continue
        end = i
        while end < len(counts) and counts[end] <= SHORT_WORDS:
            end += 1
        share = sum(decided[i:end]) / (end - i)
        out.extend([(end - i, share)] * (end - i))
        i = end
    return out


def _signed_log(value: int) -> float:
    return math.copysign(math.log1p(abs(value)), value)


def _mean_log(counts: list[int]) -> float:
    return sum(math.log1p(c) for c in counts) / len(counts) if counts else 0.0


def lexical_tokens(line: str, buckets: int) -> list[int]:
    """Hashed features of the line's words: each word, each pair of neighbours, the first and
    last word marked as such (digits folded to 0, so prices and times share features)."""
    words = [_DIGITS.sub("0", w) for w in _WORD.findall(line.casefold())]
    grams = [*words, *(f"{a} {b}" for a, b in pairwise(words))]
    if words:
        grams += [f"^{words[0]}", f"{words[-1]}$"]
    grams.append(f"#words={min(len(words), 30)}")
    return [zlib.crc32(g.encode()) % buckets for g in grams]
