"""Quality floors of the clean stage (tests/quality_floors.toml [clean]); the scoring code is
bench/clean.py's, so the test and the benchmark measure the same thing. Timings stay in the
benchmark. Rows on public sets skip cleanly when ../shared/data is absent."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from newsdesk import sample_corpus
from newsdesk.clean import clean
from newsdesk.ingest import read_path
from newsdesk.model import Hints, RawDocument
from newsdesk.settings import CleanSettings, IngestSettings

ROOT = Path(__file__).resolve().parents[2]
FLOORS = tomllib.loads((ROOT / "tests" / "quality_floors.toml").read_text("utf-8"))["clean"]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import clean as bench_clean  # bench/clean.py
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return bench_clean


def test_sample_text_furniture_lines_meet_their_floors(bench: ModuleType) -> None:
    ours, _ = bench.score_lines(bench.sample_pages(), CleanSettings())
    assert ours.recall >= FLOORS["sample_text_furniture_recall"]
    assert ours.retention >= FLOORS["sample_text_content_retention"]


def test_sample_text_titles_and_segments_match_gold() -> None:
    gold = json.loads((sample_corpus() / "gold.json").read_text("utf-8"))["segments"]
    exact = 0
    for entry in gold:
        doc = next(iter(read_path(sample_corpus() / entry["file"], Hints(), IngestSettings())))
        assert isinstance(doc, RawDocument)
        found = clean(doc, CleanSettings())
        assert isinstance(found, list)
        exact += [a.title for a in found] == entry["titles"]
    assert exact / len(gold) >= FLOORS["sample_text_titles_exact"]


def test_zyte_html_main_text_meets_its_floor(bench: ModuleType) -> None:
    if not bench.ZYTE.is_dir():
        pytest.skip("../shared/data/article-extraction is absent")
    pages, truth = bench.zyte_html()
    ours = bench.run_newsdesk(pages, CleanSettings())
    assert bench.zyte_scores(ours, truth)[2] >= FLOORS["zyte_html_f1"]


def test_zyte_text_lines_meet_their_floors(bench: ModuleType) -> None:
    test_side = [p for p in bench.zyte_pages() if p.split == "test"]
    if not test_side:
        pytest.skip("../shared/data/article-extraction is absent")
    ours, _ = bench.score_lines(test_side + [p for p in bench.sample_pages()
                                             if p.split == "test"], CleanSettings())
    assert ours.recall >= FLOORS["zyte_text_furniture_recall"]
    assert ours.retention >= FLOORS["zyte_text_content_retention"]


def test_glued_page_splitting_meets_its_floor_and_ceiling(bench: ModuleType) -> None:
    articles = bench.ecb_articles("dev")
    if not articles:
        pytest.skip("../shared/data/clustering/ecbplus is absent")
    zyte = [p for p in bench.zyte_pages() if p.split == "test"]
    truth = json.loads((bench.ZYTE / "ground-truth.json").read_text("utf-8")) if zyte else {}
    singles = bench.single_pages(articles, [truth[p.name]["articleBody"] for p in zyte])
    score = bench.score_split(articles, singles, CleanSettings())
    assert score.f1 >= FLOORS["ecbplus_split_boundary_f1"]
    assert score.false_split_rate <= FLOORS["single_false_split_ceiling"]
