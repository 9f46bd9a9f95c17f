"""Quotation marks: pairs, nesting, paragraphs, and marks that close nothing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.extract.marks import quoted


def _texts(text: str) -> list[str]:
    return [m.text(text) for m in quoted(text)]


def test_curly_marks_give_the_words_inside_with_their_comma() -> None:
    assert _texts("“We will not back down,” she said.") == ["We will not back down,"]


def test_straight_marks_pair_up_within_a_paragraph() -> None:
    assert _texts('"Yes," he said. "No."') == ["Yes,", "No."]


def test_guillemets_and_low_high_marks_are_quotation_marks() -> None:
    text = "Elle a dit : « Nous restons. » Er sagte: „Wir bleiben.“"
    assert _texts(text) == ["Nous restons.", "Wir bleiben."]


def test_a_quotation_over_paragraphs_is_joined_with_one_space() -> None:
    text = "She said:\n\n“First part.\n\n“Second part.\n\n“Last part.”\n\nAfter."
    found = quoted(text)
    assert [m.text(text) for m in found] == ["First part. Second part. Last part."]
    assert len(found[0].pieces) == 3


def test_single_marks_inside_a_quotation_are_a_nested_quote() -> None:
    text = "“She said, ‘Dad, we’re fine,’ and hung up,” he said."
    found = quoted(text)
    assert [(m.text(text), m.nested) for m in found] == [
        ("She said, ‘Dad, we’re fine,’ and hung up,", False), ("Dad, we’re fine,", True)]


def test_apostrophes_do_not_close_a_nested_quote() -> None:
    text = "“It’s the ship’s fault,” she said."
    assert _texts(text) == ["It’s the ship’s fault,"]


def test_a_stray_opening_mark_swallows_nothing() -> None:
    text = "A stray “ mark.\n\nThen “a real one,” she said.\n\n“Never closed\n\nLast line."
    assert _texts(text) == ["a real one,"]


def test_a_running_quotation_broken_by_a_paragraph_with_other_marks_is_dropped() -> None:
    text = "“Opened here\n\nplain paragraph\n\n“closed here.”"
    assert _texts(text) == ["closed here."]


@given(st.text(alphabet="ab “”\"'‘’«»„\n ", max_size=80))
def test_any_mix_of_marks_gives_spans_inside_the_text(text: str) -> None:
    for marked in quoted(text):
        assert all(0 <= s < e <= len(text) for s, e in marked.pieces)
