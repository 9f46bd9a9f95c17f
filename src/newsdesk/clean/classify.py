"""Label every line of a scraped page: furniture (with its reason) or content (None).

Three layers, most precise first: the rules of ``furniture.py``, the context rules of
``context.py``, then the learned model of ``lines.py`` for what is still open. Lines the
outlet repeats across many of its articles (``OutletLineStats``) are furniture too.
"""

from __future__ import annotations

import hashlib

from newsdesk.clean.context import context_labels
from newsdesk.clean.furniture import rule_reason
from newsdesk.clean.header import HEAD_LINES, is_headline, source_url
from newsdesk.clean.lines import furniture_probabilities, main_block
from newsdesk.clean.sequence import word_count
from newsdesk.model import OutletLineStats

Labels = list[str | None]

# A line the model removes without a rule naming its kind: a short one is a menu or label,
# a longer one a teaser of another story (what such lines were on the benchmark pages).
_MAX_NAVIGATION_WORDS = 4
# A body paragraph: prose long enough to carry the story (as in split.py).
BODY_WORDS = 12
# How far above a body paragraph its headline may sit: the head (standfirst, byline,
# dateline, reading time, share buttons) plus the headline itself.
_HEAD_REACH = 3 * HEAD_LINES


def line_hash(line: str) -> str:
    """The key under which ``OutletLineStats`` counts a line (case and spacing folded)."""
    folded = " ".join(line.casefold().split())
    return hashlib.sha1(folded.encode()).hexdigest()[:16]


def label_lines(lines: list[str], threshold: float,
                repeated: OutletLineStats | None = None) -> Labels:
    """A reason for each furniture line, None for each content line."""
    base = rule_labels(lines, repeated)
    return restore_heads(lines, base, model_labels(lines, base, threshold))


def restore_heads(lines: list[str], base: Labels, full: Labels) -> Labels:
    """Give back what the model took from a story's head: the headline-like line closest
    above a body paragraph, and the lines between (standfirst, byline, dateline). The model
    learnt from pages whose gold body has no headline, so it removes headlines; the rules
    decide alone there."""
    out = list(full)
    for i, line in enumerate(lines):
        if out[i] is not None or len(line.split()) < BODY_WORDS:
            continue
        for j in range(i - 1, max(i - _HEAD_REACH, -1), -1):
            if out[j] is None and len(lines[j].split()) >= BODY_WORDS:
                break
            if base[j] is None and is_headline(lines[j]):
                while j > 0 and base[j - 1] is None and is_headline(lines[j - 1]):
                    j -= 1
                out[j:i] = [None if base[k] is None else out[k] for k in range(j, i)]
                break
    return out


def rule_labels(lines: list[str], repeated: OutletLineStats | None = None) -> Labels:
    """The labels of the precise and context rules alone (the model's input)."""
    labels: Labels = ["source-line" if source_url(line) else rule_reason(line) for line in lines]
    labels = _repeated_lines(lines, labels, repeated)
    return context_labels(lines, labels)


def _repeated_lines(lines: list[str], labels: Labels,
                    repeated: OutletLineStats | None) -> Labels:
    if repeated is None:
        return labels
    return [label if label is not None or not repeated.is_repeated(line_hash(line))
            else "repeated-line" for line, label in zip(lines, labels, strict=True)]


def model_labels(lines: list[str], labels: Labels, threshold: float) -> Labels:
    decided = [label is not None for label in labels]
    probabilities = furniture_probabilities(lines, decided)
    guard = model_guard(lines)
    return [label if label is not None or p < threshold or guarded else _model_reason(line)
            for line, label, p, guarded in zip(lines, labels, probabilities, guard, strict=True)]


def model_guard(lines: list[str]) -> list[bool]:
    """The lines the model may not remove: those inside the page's main block of prose."""
    start, end = main_block([word_count(line) for line in lines])
    return [start <= i <= end for i in range(len(lines))]


def _model_reason(line: str) -> str:
    return "navigation" if len(line.split()) <= _MAX_NAVIGATION_WORDS else "related"
