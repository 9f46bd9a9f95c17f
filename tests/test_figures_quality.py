"""Quality floors of the figure extractor (bench/figures.py prints the full table).

The sample corpus is scored through the whole pipeline (figures stored by ``analyze``); the
hand-written labelled sentences (tests/data/figures_extra.jsonl, both splits) through
``find_figures`` directly.
"""

from __future__ import annotations

import io
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from newsdesk import Desk, sample_corpus
from newsdesk.brief.export import validation_errors
from newsdesk.extract import FIGURE_PARSE_COMPONENTS, english, find_figures
from newsdesk.figure_eval import Tally, gold_cases, labelled_cases, score_case
from newsdesk.goldset import article_key, load_gold
from newsdesk.model import Mention
from newsdesk.settings import FigureSettings

FLOORS = tomllib.loads((Path(__file__).parent / "quality_floors.toml").read_text("utf-8"))
FIGURES = FLOORS["figures"]
EXTRA = Path(__file__).parent / "data" / "figures_extra.jsonl"


@pytest.fixture(scope="module")
def corpus_tally(sample_run: Any) -> Tally:
    corpus = sample_corpus()
    with Desk(sample_run.db) as desk:
        keyed = {article_key(a, desk.raw(a.id).record, corpus): a for a in desk.articles()}
        stored = {a.id: [] for a in keyed.values()} | _by_article(desk.figures())
    tally = Tally()
    for case, article in gold_cases(load_gold(corpus), keyed):
        score_case(case, stored[article.id], tally)
    return tally


@pytest.fixture(scope="module")
def extra_tally() -> Tally:
    ner, parse = english(), english(FIGURE_PARSE_COMPONENTS)
    tally = Tally()
    for case, article in labelled_cases(EXTRA):
        mentions = [Mention(article.id, e.start_char, e.end_char, e.text, e.label_)
                    for e in ner(article.text).ents]
        score_case(case, find_figures(article, mentions, parse, FigureSettings()), tally)
    return tally


def _by_article(found: list[Any]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for figure in found:
        grouped.setdefault(figure.article_id, []).append(figure)
    return grouped


def test_labelled_set_is_big_enough() -> None:
    rows = [json.loads(line) for line in EXTRA.read_text("utf-8").splitlines()]
    gold = load_gold(sample_corpus())
    assert len(gold["figures"]) + sum(len(r["figures"]) for r in rows) >= 250
    assert len(gold["relative_dates"]) + sum(len(r["relative_dates"]) for r in rows) >= 40


def test_sample_corpus_figure_recall_meets_its_floor(corpus_tally: Tally) -> None:
    assert corpus_tally.value_unit().recall >= FIGURES["corpus_recall"], corpus_tally.misses


def test_sample_corpus_figure_precision_meets_its_floor(corpus_tally: Tally) -> None:
    """gold.json's figures are exhaustive (bench/figures.py's guideline), so an unlabelled
    figure is an error: "the two countries" or a period read as a hedge."""
    score = corpus_tally.value_unit()
    assert score.precision >= FIGURES["corpus_precision"], corpus_tally.misses


def test_sample_corpus_currencies_conversions_and_dates_meet_their_floors(
        corpus_tally: Tally) -> None:
    t = corpus_tally
    assert t.currency_right / t.currency_total >= FIGURES["corpus_currency_accuracy"]
    assert t.conversions["wrong_flagged"] == t.conversions["wrong"] > 0
    assert t.conversions["right_flagged"] <= FIGURES["corpus_false_conversion_flags"]
    assert t.dates_right / t.dates_total >= FIGURES["corpus_relative_dates"], t.misses
    assert t.subject_any / t.subject_total >= FIGURES["corpus_subject_shares_a_word"]


def test_labelled_sentences_meet_their_floors(extra_tally: Tally) -> None:
    t = extra_tally
    score = t.value_unit()
    assert score.precision >= FIGURES["extra_precision"], t.misses
    assert score.recall >= FIGURES["extra_recall"], t.misses
    assert t.currency_right == t.currency_total, t.misses
    assert t.conversions["wrong_flagged"] == t.conversions["wrong"] > 0
    assert t.conversions["right_flagged"] == 0
    assert t.dates_right / t.dates_total >= FIGURES["extra_relative_dates"], t.misses


def test_export_carries_figures_with_subjects_and_stays_valid(sample_run: Any) -> None:
    with Desk(sample_run.db) as desk:
        data = desk.export(io.StringIO())
    assert validation_errors(data) == []
    figures = data["figures"]
    measured = [f for f in figures if f["kind"] != "date"]
    assert len(measured) >= 200
    assert sum(f["subject"] is not None for f in measured) / len(measured) >= 0.9
    texts = {a["id"]: a["text"] for a in data["articles"]}
    assert all(texts[f["article_id"]][f["start"]:f["end"]] == f["text"] for f in figures)
    assert any(f["conversion_ok"] is False for f in figures)


def test_story_timeline_lists_dated_happenings_in_order(sample_run: Any) -> None:
    with Desk(sample_run.db) as desk:
        story = max(desk.stories(), key=lambda s: len(s.article_ids))
        entries = desk.timeline(story.id)
    assert entries, "expected dated happenings"
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    assert all(len(e.date) == 10 and e.text for e in entries)
