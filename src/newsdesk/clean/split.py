"""Glued pages: where one scraped page runs on into other, unrelated stories.

A new story starts at a headline-like line (a candidate) when the prose after it shares few
content words with the prose before it. A long story with sub-headings keeps talking about the
same people and places, so its sections overlap; a "more news" tail does not. A byline or
dateline right under the candidate, as a new story has, lowers the bar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsdesk.clean.header import (
    HEAD_LINES,
    MIN_SPLIT_HEADLINE_WORDS,
    byline_author,
    is_headline,
    parse_date,
)

Labels = list[str | None]

# A body line: prose long enough to carry the story's words (a sub-heading or a byline is not).
BODY_WORDS = 12
_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "would", "could", "also",
                                         "year", "years", "new", "one", "two", "mr", "ms"}
_HEAD_REASONS = ("byline", "dateline", "reading-time", "share")


@dataclass(frozen=True, slots=True)
class SplitRule:
    """When a candidate headline starts a new story.

    ``max_overlap``: overlap (shared content-word types / the smaller side's types) at or below
    which the sides are different stories; ``max_overlap_after_furniture``: the same when
    furniture lines (removed) sit right above the candidate, as between glued stories;
    ``max_overlap_with_head``: the same when a byline, dateline or reading time sits under the
    candidate; ``min_body_lines``: prose lines each side needs before the comparison is trusted.
    """

    max_overlap: float
    max_overlap_after_furniture: float
    max_overlap_with_head: float
    min_body_lines: int


def split_points(lines: list[str], labels: Labels, rule: SplitRule) -> list[int]:
    """Indices of the lines that start a new story (the first story starts at 0, not listed)."""
    candidates = _candidates(lines, labels)
    starts: list[int] = []
    segment_start = 0
    for k, index in enumerate(candidates):
        end = candidates[k + 1] if k + 1 < len(candidates) else len(lines)
        before = _body_words(lines, labels, segment_start, index)
        after = _body_words(lines, labels, index, end)
        if _is_new_story(before, after, _bar(lines, labels, index, rule), rule):
            starts.append(index)
            segment_start = index
    return starts


def _candidates(lines: list[str], labels: Labels) -> list[int]:
    kept = [i for i, label in enumerate(labels) if label is None]
    first_body = next((i for i in kept if len(lines[i].split()) >= BODY_WORDS), len(lines))
    return [i for i in kept if i > first_body
            and is_headline(lines[i], MIN_SPLIT_HEADLINE_WORDS)]


@dataclass(frozen=True, slots=True)
class _Side:
    words: frozenset[str]
    body_lines: int


def _body_words(lines: list[str], labels: Labels, start: int, end: int) -> _Side:
    body = [lines[i] for i in range(start, end)
            if labels[i] is None and len(lines[i].split()) >= BODY_WORDS]
    words = {w for line in body for w in _WORD.findall(line.casefold()) if w not in _STOP}
    return _Side(frozenset(words), len(body))


def _bar(lines: list[str], labels: Labels, index: int, rule: SplitRule) -> float:
    """The most lenient bar among the signs of a new story the candidate shows."""
    bars = [rule.max_overlap]
    if _has_head(lines, labels, index):
        bars.append(rule.max_overlap_with_head)
    if index > 0 and labels[index - 1] is not None:
        bars.append(rule.max_overlap_after_furniture)
    return max(bars)


def _is_new_story(before: _Side, after: _Side, bar: float, rule: SplitRule) -> bool:
    if min(before.body_lines, after.body_lines) < rule.min_body_lines:
        return False
    smaller = min(len(before.words), len(after.words))
    overlap = len(before.words & after.words) / smaller if smaller else 1.0
    return overlap <= bar


def _has_head(lines: list[str], labels: Labels, index: int) -> bool:
    for i in range(index + 1, min(index + 1 + HEAD_LINES, len(lines))):
        if labels[i] in _HEAD_REASONS:
            return True
        if labels[i] is None and (parse_date(lines[i]) or byline_author(lines[i])):
            return True
    return False


def overlap_between(first: list[str], second: list[str]) -> float:
    """The overlap measure of two texts' body lines (for the benchmark's tuning table)."""
    a = _body_words(first, [None] * len(first), 0, len(first))
    b = _body_words(second, [None] * len(second), 0, len(second))
    smaller = min(len(a.words), len(b.words))
    return len(a.words & b.words) / smaller if smaller else 1.0
