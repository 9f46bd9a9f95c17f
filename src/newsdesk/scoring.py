"""Scores shared by the benchmarks and the quality-floor tests: one P/R/F1 type.

Imports nothing from the project, so any stage's evaluation can use it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def row(self) -> tuple[str, str, str]:
        return f"{self.precision:.3f}", f"{self.recall:.3f}", f"{self.f1:.3f}"


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> PRF:
    """B-cubed precision and recall of a clustering (item -> cluster) against gold, over the
    items both know, averaged per item (Bagga and Baldwin 1998)."""
    items = [i for i in gold if i in predicted]
    if not items:
        return PRF(0.0, 0.0)
    pairs = Counter((predicted[i], gold[i]) for i in items)
    pred_sizes = Counter(predicted[i] for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    precision = sum(pairs[(predicted[i], gold[i])] / pred_sizes[predicted[i]] for i in items)
    recall = sum(pairs[(predicted[i], gold[i])] / gold_sizes[gold[i]] for i in items)
    return PRF(precision / len(items), recall / len(items))


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str]) -> PRF:
    """Precision and recall over item pairs put together (a pair is right when gold has
    both items in one cluster too)."""
    items = sorted(i for i in gold if i in predicted)
    together_pred = together_gold = both = 0
    for a, b in combinations(items, 2):
        same_pred, same_gold = predicted[a] == predicted[b], gold[a] == gold[b]
        together_pred += same_pred
        together_gold += same_gold
        both += same_pred and same_gold
    return PRF(both / together_pred if together_pred else 1.0,
               both / together_gold if together_gold else 1.0)


def precision_recall(found: int, expected: int, correct: int) -> PRF:
    """P/R from counts: ``found`` items output, ``expected`` in gold, ``correct`` in both."""
    return PRF(correct / found if found else 0.0, correct / expected if expected else 0.0)
