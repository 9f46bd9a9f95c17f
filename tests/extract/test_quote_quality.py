"""Quality floors for quotes, speakers and people on the sample corpus (see
tests/quality_floors.toml and bench/quotes.py, which prints the same scores)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from newsdesk import Desk, sample_corpus
from newsdesk.goldset import article_key, load_gold, quote_scores

FLOORS = tomllib.loads((Path(__file__).parents[1] / "quality_floors.toml").read_text("utf-8"))


@pytest.fixture(scope="module")
def scores(sample_run: Any) -> dict[str, float | int]:
    corpus = sample_corpus()
    with Desk(sample_run.db) as desk:
        keyed = {article_key(a, desk.raw(a.id).record, corpus): a for a in desk.articles()}
        return quote_scores(load_gold(corpus), keyed, desk.quotes(), desk.people())


@pytest.mark.parametrize(("score", "floor"), [
    ("quote recall", "sample_quote_recall"),
    ("quote precision", "sample_quote_precision"),
    ("speaker right (of all gold)", "sample_speaker_right"),
    ("name variants resolved", "sample_variants_resolved"),
    ("people listed that are gold people", "sample_people_precision"),
])
def test_sample_quote_scores_meet_their_floors(scores: dict[str, float | int], score: str,
                                               floor: str) -> None:
    assert scores[score] >= FLOORS["quotes"][floor]


def test_no_two_gold_people_share_an_entity(scores: dict[str, float | int]) -> None:
    assert scores["gold people merged with another"] <= FLOORS["quotes"]["sample_people_merged"]


@pytest.fixture(scope="module")
def polnear() -> Any:
    """bench/quotes.py's PolNeAR run on dev, shared by the floor tests below."""
    import sys

    bench_dir = str(Path(__file__).resolve().parents[2] / "bench")
    sys.path.insert(0, bench_dir)
    try:
        import quotes as bench_quotes  # bench/quotes.py
    finally:
        sys.path.remove(bench_dir)
    if not (bench_quotes.POLNEAR / "dev").is_dir():
        pytest.skip("../shared/data/quotes/polnear is absent")
    return bench_quotes.polnear_run(bench_quotes.load("dev"), with_ner=False)


@pytest.mark.parametrize("kind", ["Content", "Source", "Cue"])
def test_polnear_dev_exact_span_f1_meets_its_floor(polnear: Any, kind: str) -> None:
    assert polnear.exact[kind].f1 >= FLOORS["quotes"][f"polnear_dev_{kind.lower()}_exact_f1"]
