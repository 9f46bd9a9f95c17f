"""Quality floors of the compare stage on the sample corpus (tests/quality_floors.toml
[compare]; bench/compare.py prints the same scores)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from newsdesk import Desk, sample_corpus
from newsdesk.compare_eval import compare_scores
from newsdesk.goldset import article_key, load_gold

FLOORS = tomllib.loads((Path(__file__).parents[1] / "quality_floors.toml").read_text("utf-8"))


@pytest.fixture(scope="module")
def scores(sample_run: Any) -> dict[str, float | int]:
    corpus = sample_corpus()
    with Desk(sample_run.db) as desk:
        keyed = {article_key(a, desk.raw(a.id).record, corpus): a for a in desk.articles()}
        return compare_scores(load_gold(corpus), keyed, desk.quotes(), desk.figures(),
                              desk.comparisons())


@pytest.mark.parametrize(("score", "floor"), [
    ("wording variants found share", "wording_variants_found"),
    ("pair verdicts right share", "pair_verdicts_right"),
    ("independent counts right share", "independent_counts_right"),
    ("conflicts found share", "conflicts_found"),
    ("figure conflict precision", "figure_conflict_precision"),
    ("only-here found share", "only_here_found"),
    ("only-here precision", "only_here_precision"),
    ("copies found", "copies_found"),
])
def test_sample_compare_scores_meet_their_floors(scores: dict[str, float | int], score: str,
                                                 floor: str) -> None:
    assert scores[score] >= FLOORS["compare"][floor]


def test_no_identical_quote_is_called_divergent(scores: dict[str, float | int]) -> None:
    assert scores["identical called divergent"] <= FLOORS["compare"]["identical_called_divergent"]
