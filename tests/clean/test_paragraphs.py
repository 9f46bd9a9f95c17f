"""Paragraph rules shared by the cleaners."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.clean.paragraphs import as_paragraphs, drop_repeated_headline
from newsdesk.model import Removed


def test_as_paragraphs_keeps_one_paragraph_per_non_blank_line() -> None:
    text = "  First   line \n\n\n\tSecond\u00a0\u00a0line\t\n   \nThird"
    assert as_paragraphs(text) == ["First line", "Second line", "Third"]


def test_as_paragraphs_of_blank_text_is_empty() -> None:
    assert as_paragraphs(" \n\t\n") == []


@given(st.text(alphabet=st.sampled_from("ab \t\n\u00a0\r\x0b.")))
def test_as_paragraphs_of_its_own_joined_output_is_unchanged(text: str) -> None:
    paragraphs = as_paragraphs(text)
    assert as_paragraphs("\n\n".join(paragraphs)) == paragraphs


@given(st.text())
def test_as_paragraphs_gives_no_blank_or_padded_paragraph(text: str) -> None:
    for paragraph in as_paragraphs(text):
        assert paragraph.strip() == paragraph != ""
        assert "\n" not in paragraph


def test_repeated_headline_is_dropped_into_removed() -> None:
    kept, removed = drop_repeated_headline(["Storm  Hits COAST", "Body text."],
                                           "Storm hits coast")
    assert kept == ["Body text."]
    assert removed == (Removed(text="Storm  Hits COAST", reason="headline-repeat"),)


def test_headline_later_in_the_body_is_kept() -> None:
    paragraphs = ["Intro.", "Storm hits coast"]
    assert drop_repeated_headline(paragraphs, "Storm hits coast") == (paragraphs, ())


def test_without_title_nothing_is_dropped() -> None:
    assert drop_repeated_headline(["Storm hits coast"], None) == (["Storm hits coast"], ())
    assert drop_repeated_headline([], "Storm hits coast") == ([], ())


def test_headline_given_as_a_part_of_the_page_title_is_dropped() -> None:
    """Regression (Zyte pages): the page title is "Headline | Site" while the body opens with
    the headline alone, or with both the <title> text and the <h1>."""
    kept, removed = drop_repeated_headline(
        ["Storm hits coast", "Storm hits coast", "Body text."], "Storm hits coast | The Daily")
    assert kept == ["Body text."]
    assert [r.reason for r in removed] == ["headline-repeat", "headline-repeat"]


def test_a_body_line_that_only_shares_words_with_the_title_stays() -> None:
    line = "Storm hits coast, and the council says 40 homes are flooded"
    kept, removed = drop_repeated_headline([line, "Body."], "Storm hits coast | The Daily")
    assert kept == [line, "Body."] and removed == ()


def test_a_reworded_headline_is_dropped() -> None:
    kept, removed = drop_repeated_headline(
        ["Julian Assange: Sweden drops rape investigation", "Body text."],
        "Sweden drops Assange rape investigation - BBC News")
    assert kept == ["Body text."] and removed[0].reason == "headline-repeat"
