"""Exact copies: linked to the earliest article, ignoring case and white space."""

from __future__ import annotations

from collections.abc import Callable

from newsdesk.dedupe import PRODUCER, dedupe, text_fingerprint
from newsdesk.model import Article, CopyLink

MakeArticle = Callable[..., Article]
TEXT = "A powerful storm hit the coast on Wednesday night.\n\nPower is back on Friday."


def test_dedupe_links_an_exact_copy_to_the_earliest(make_article: MakeArticle) -> None:
    later = make_article("a-2", TEXT, published="2025-02-13")
    origin = make_article("a-9", TEXT, published="2025-02-12")
    assert dedupe([later, origin]) == [CopyLink("a-2", "a-9", 1.0, PRODUCER)]


def test_dedupe_ignores_case_and_white_space(make_article: MakeArticle) -> None:
    origin = make_article("a-1", TEXT, published="2025-02-12")
    shouted = make_article("a-2", "  " + TEXT.upper().replace(" ", "   ").replace("\n\n", "\n"),
                           published="2025-02-13")
    assert [(link.article_id, link.copy_of) for link in dedupe([shouted, origin])] == [
        ("a-2", "a-1")]


def test_dedupe_links_every_copy_to_the_same_origin(make_article: MakeArticle) -> None:
    articles = [make_article(f"a-{n}", TEXT, published=f"2025-02-1{n}") for n in (4, 2, 3)]
    assert sorted((link.article_id, link.copy_of) for link in dedupe(articles)) == [
        ("a-3", "a-2"), ("a-4", "a-2")]


def test_dedupe_puts_undated_articles_after_dated_ones(make_article: MakeArticle) -> None:
    undated = make_article("a-0", TEXT)
    dated = make_article("a-5", TEXT, published="2025-02-12")
    assert [(link.article_id, link.copy_of) for link in dedupe([undated, dated])] == [
        ("a-0", "a-5")]


def test_dedupe_breaks_ties_by_id(make_article: MakeArticle) -> None:
    one, two = make_article("a-b", TEXT), make_article("a-a", TEXT)
    assert [(link.article_id, link.copy_of) for link in dedupe([one, two])] == [("a-b", "a-a")]


def test_dedupe_leaves_different_texts_alone(make_article: MakeArticle) -> None:
    one = make_article("a-1", TEXT)
    other = make_article("a-2", TEXT + " Roads reopened.")
    assert dedupe([one, other]) == []
    assert dedupe([]) == []


def test_text_fingerprint_differs_for_different_words() -> None:
    assert text_fingerprint("Storm  hits\nCOAST") == text_fingerprint("storm hits coast")
    assert text_fingerprint("storm hits coast") != text_fingerprint("storm hit coast")
