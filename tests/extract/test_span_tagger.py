"""The attribution span tagger (extract/span_tagger.py): its model ships in the package and
loads offline, it tags hand-written reports right, and its spans become attributions."""

from __future__ import annotations

from dataclasses import replace
from importlib import resources

from newsdesk.extract import QUOTE_PARSE_COMPONENTS, english, span_tagger
from newsdesk.extract.attributions import find_attributions
from newsdesk.model import Article, Attribution
from newsdesk.settings import QuoteSettings

# The model file stays small enough to ship in the wheel.
MAX_MODEL_BYTES = 8_000_000


def test_the_model_ships_in_the_package_and_loads() -> None:
    model = resources.files("newsdesk.extract").joinpath(span_tagger.MODEL)
    assert 0 < len(model.read_bytes()) <= MAX_MODEL_BYTES
    labels = set(span_tagger.tagger().labels())
    assert {"O", "B-Cue", "B-Source", "B-Content", "I-Content"} <= labels


def test_an_indirect_report_is_tagged_whole() -> None:
    text = ("The hearing ran late.\n\nThe senator said that the budget for "
            "schools would be cut by a third next year.")
    found = _views(_attributions(text))
    assert ("said", "The senator",
            ["that the budget for schools would be cut by a third next year"]) in found


def test_a_quotation_broken_by_its_cue_is_one_content() -> None:
    text = ("“We will not give up,” the mayor said. “The city will rebuild every house "
            "that was lost.”")
    found = _views(_attributions(text))
    assert ("said", "the mayor", ["“We will not give up,”",
                                  "“The city will rebuild every house that was lost.”"]) \
        in found


def test_the_rules_alone_when_the_tagger_is_off() -> None:
    text = "The senator said that the budget for schools would be cut by a third."
    article = Article("a-off", "d-off", "t.txt", 0, text, "test")
    found = find_attributions([article], english(QUOTE_PARSE_COMPONENTS),
                              replace(QuoteSettings(), span_tagger=False))[article.id]
    assert [a.cue.text for a in found] == ["said"]


def test_tagged_spans_join_across_a_token_gap_only_when_adjacent() -> None:
    sequence = span_tagger.Sequence_(((0, 2), (3, 7), (8, 12), (13, 15)), ((),) * 4)
    assert span_tagger.spans(sequence, ["B-Source", "B-Cue", "I-Cue", "O"]) == \
        [("Source", 0, 2), ("Cue", 3, 12)]
    assert span_tagger.spans(sequence, ["B-Cue", "O", "I-Cue", "I-Content"]) == \
        [("Cue", 0, 2), ("Cue", 8, 12), ("Content", 13, 15)]


def _attributions(text: str) -> list[Attribution]:
    article = Article("a-tagger", "d-tagger", "t.txt", 0, text, "test")
    return find_attributions([article], english(QUOTE_PARSE_COMPONENTS),
                             QuoteSettings())[article.id]


def _views(found: list[Attribution]) -> list[tuple[str, str | None, list[str]]]:
    return [(a.cue.text, a.source.text if a.source else None, [c.text for c in a.content])
            for a in found]
