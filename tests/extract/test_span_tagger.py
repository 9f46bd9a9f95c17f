"""The attribution span tagger (extract/span_tagger.py): its model ships in the package and
loads offline, it tags hand-written reports right, and its spans become attributions."""

from __future__ import annotations

import re
from dataclasses import replace
from importlib import resources

from newsdesk.extract import QUOTE_PARSE_COMPONENTS, content_choice, english, span_tagger
from newsdesk.extract.attributions import attributions_in, find_attributions
from newsdesk.extract.cues import cue_forms
from newsdesk.extract.quotes import _parse
from newsdesk.model import Article, Attribution, Span
from newsdesk.settings import QuoteSettings

# The model file stays small enough to ship in the wheel.
MAX_MODEL_BYTES = 8_000_000


def test_the_model_ships_in_the_package_and_loads() -> None:
    model = resources.files("newsdesk.extract").joinpath(span_tagger.MODEL)
    assert 0 < len(model.read_bytes()) <= MAX_MODEL_BYTES
    labels = set(span_tagger.tagger().labels())
    assert {"O", "B-Cue", "B-Source", "B-Content", "I-Content"} <= labels


def test_an_indirect_report_is_tagged_whole() -> None:
    """The tagger alone, in PolNeAR's conventions: the content keeps its "that"."""
    text = ("The hearing ran late.\n\nThe senator said that the budget for "
            "schools would be cut by a third next year.")
    assert ("said", "The senator",
            ["that the budget for schools would be cut by a third next year"]) in \
        _views(_tagged(text))


def test_find_attributions_takes_the_rules_content_for_a_cue_both_found() -> None:
    text = "The senator said that the budget for schools would be cut by a third next year."
    assert _views(_attributions(text)) == [
        ("said", "The senator", ["the budget for schools would be cut by a third next year"])]


def test_a_quotation_broken_by_its_cue_is_one_content() -> None:
    text = ("“We will not give up,” the mayor said. “The city will rebuild every house "
            "that was lost.”")
    found = _views(_tagged(text))
    assert ("said", "the mayor", ["“We will not give up,”",
                                  "“The city will rebuild every house that was lost.”"]) \
        in found


def test_two_reports_in_one_paragraph_stay_apart() -> None:
    text = ("The mayor said the city would rebuild every house. The governor said the state "
            "would pay for half of it.")
    contents = [c for _, _, c in _views(_tagged(text))]
    assert len(contents) == 2
    assert all(len(c) == 1 for c in contents)


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


def test_quoted_contents_join_across_their_one_cue() -> None:
    text = "“We stay,” she said. “We rebuild.”"
    tags = ["B-Content", *["I-Content"] * 4, "B-Source", "B-Cue", "O", "B-Content",
            *["I-Content"] * 4]
    assert _contents(text, tags) == [("“We stay,”", "“We rebuild.”")]


def test_a_quotation_does_not_join_unquoted_words_after_its_cue() -> None:
    """A quoted content and an unquoted one are two reports, whatever stands between
    (PolNeAR train, held out: content exact F1 up with the rule)."""
    text = "“Be careful,” Trump said, the economy is fragile"
    tags = ["B-Content", *["I-Content"] * 4, "B-Source", "B-Cue", "O", "B-Content",
            "I-Content", "I-Content", "I-Content"]
    assert _contents(text, tags) == [("“Be careful,”",), ("the economy is fragile",)]


def test_two_cues_between_keep_contents_apart() -> None:
    text = "“Great job,” Labott said to Reines in praise of her hearing"
    tags = ["B-Content", *["I-Content"] * 4, "B-Source", "B-Cue", "O", "O", "O", "B-Cue",
            "I-Cue", "B-Content", "I-Content"]
    assert _contents(text, tags) == [("“Great job,”",), ("her hearing",)]


def _contents(text: str, tags: list[str]) -> list[tuple[str, ...]]:
    """The joined contents of a hand-tagged sentence (tokens: marks, words, commas)."""
    tokens = [(m.start(), m.end()) for m in re.finditer(r"[“”]|[\w']+|[^\w\s]", text)]
    assert len(tokens) == len(tags)
    sequence = span_tagger.Sequence_(tuple(tokens), ((),) * len(tokens))
    kinds = span_tagger.spans(sequence, tags)
    return [tuple(text[a:b] for a, b in c)
            for c in span_tagger._joined_contents(text, kinds, sequence, tags)]


def _tagged(text: str) -> list[Attribution]:
    """The tagger's own attributions, before the rules' content replaces its own."""
    article, cfg = Article("a-tagged", "d-tagged", "t.txt", 0, text, "test"), QuoteSettings()
    nlp, docs = english(QUOTE_PARSE_COMPONENTS), {}  # type: ignore[var-annotated]
    rules = attributions_in(article, _parse([article], nlp, cfg, True, docs)[article.id], cfg)
    forms = cue_forms(min(cfg.min_candidate_rate, cfg.min_cue_rate))
    paragraphs = span_tagger.sequences(article, nlp, docs.get(article.id, []), rules, forms,
                                       cfg.max_chars)
    return span_tagger.attributions(article, [(p, span_tagger.tag(p)) for p in paragraphs])


def _attributions(text: str) -> list[Attribution]:
    article = Article("a-tagger", "d-tagger", "t.txt", 0, text, "test")
    return find_attributions([article], english(QUOTE_PARSE_COMPONENTS),
                             QuoteSettings())[article.id]


def _views(found: list[Attribution]) -> list[tuple[str, str | None, list[str]]]:
    return [(a.cue.text, a.source.text if a.source else None, [c.text for c in a.content])
            for a in found]


def test_a_rule_cue_the_tagger_left_untagged_stays_when_the_tagger_half_saw_it() -> None:
    text = "The board, officials reckoned, would meet again in June."
    rule = Attribution("a-odds", _span(text, "reckoned"), _span(text, "officials"),
                       (_span(text, "The board"), _span(text, "would meet again in June")),
                       False)
    where = (rule.cue.start, rule.cue.end)
    kept = content_choice.combined(text, [rule], [], {where: content_choice.MIN_UNTAGGED_CUE_ODDS})
    assert kept == [rule]
    assert content_choice.combined(text, [rule], [], {where: 0.05}) == []
    assert content_choice.combined(text, [rule], []) == []


def test_contents_differing_by_an_opening_that_are_one_content() -> None:
    text = "He said that the talks would resume in May."
    rule = Attribution("a-that", _span(text, "said"), _span(text, "He"),
                       (_span(text, "the talks would resume in May"),), False)
    tagged = replace(rule, content=(_span(text, "that the talks would resume in May"),))
    assert not content_choice.contents_differ(text, tagged, rule)
    longer = replace(rule, content=(_span(text, "the talks would resume in May."),))
    assert content_choice.contents_differ(text, longer, rule)


def test_the_learnt_choices_ship_with_weights() -> None:
    assert len(content_choice.weights(content_choice.WEIGHTS)) > 10
    assert len(content_choice.weights(content_choice.CUE_WEIGHTS)) > 10


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)
