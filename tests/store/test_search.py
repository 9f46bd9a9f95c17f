"""Full-text search: words and phrases, highlight spans, and hostile queries."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsdesk.model import Article, DocumentKind, RawDocument
from newsdesk.store import Store

MakeArticle = Callable[..., Article]
TEXTS = {
    "a-bridge": ("Council approves bridge",
                 "The city council voted to approve a new river bridge on Tuesday."),
    "a-cafe": ("Café reopens", "The Café on Main Street reopened after the storm; "
                               "the bridge over the river stays closed."),
    "a-storm": ("Storm cuts power", "A powerful storm cut power to thousands of homes."),
}


@pytest.fixture
def store(db_path: Path, make_article: MakeArticle) -> Iterator[Store]:
    opened = Store.open(str(db_path))
    for article_id, (title, body) in TEXTS.items():
        doc = RawDocument(source=f"{article_id}.txt", kind=DocumentKind.TEXT, content=body,
                          content_hash=(article_id.encode().hex() * 8)[:64])
        opened.add_document(doc, [make_article(article_id, body, title=title,
                                               document_id=doc.id)])
    yield opened
    opened.close()


def ids(store: Store, query: str) -> set[str]:
    return {hit.article_id for hit in store.search(query, 20)}


def test_search_finds_every_article_with_the_word(store: Store) -> None:
    assert ids(store, "bridge") == {"a-bridge", "a-cafe"}
    assert ids(store, "BRIDGE") == {"a-bridge", "a-cafe"}


def test_search_needs_every_word(store: Store) -> None:
    assert ids(store, "bridge closed") == {"a-cafe"}


def test_search_matches_a_quoted_phrase_only_in_order(store: Store) -> None:
    assert ids(store, '"river bridge"') == {"a-bridge"}
    assert ids(store, '"bridge over the river"') == {"a-cafe"}
    assert ids(store, '"bridge river"') == set()


def test_search_ignores_accents(store: Store) -> None:
    assert ids(store, "cafe") == {"a-cafe"}
    assert ids(store, "café") == {"a-cafe"}


def test_search_ranks_title_matches_first(store: Store) -> None:
    assert [h.article_id for h in store.search("storm", 20)] == ["a-storm", "a-cafe"]


def test_search_respects_the_limit(store: Store) -> None:
    assert len(store.search("the", 1)) == 1


def test_search_hit_carries_title_and_snippet(store: Store) -> None:
    [hit] = store.search("thousands", 20)
    assert (hit.article_id, hit.title) == ("a-storm", "Storm cuts power")
    assert hit.snippet == TEXTS["a-storm"][1]


@pytest.mark.parametrize(("query", "words"), [
    ("bridge", {"bridge"}), ("cafe", {"café"}), ('"river bridge"', {"river bridge"}),
    ("storm power", {"storm", "power"})])
def test_highlights_point_at_the_matched_words_in_the_snippet(store: Store, query: str,
                                                              words: set[str]) -> None:
    hits = store.search(query, 20)
    assert hits
    for hit in hits:
        assert hit.highlights
        marked = {hit.snippet[start:end].casefold() for start, end in hit.highlights}
        assert marked <= words
        assert "\x02" not in hit.snippet
        assert "\x03" not in hit.snippet


@pytest.mark.parametrize("query", [
    '"', '""', '"unterminated', "AND OR NOT", "NOT", "NEAR(", "NEAR(a b)", "*", "bridge*",
    "col:", "title:storm", "{title}: x", "^", "-", "+", "(", ")", "'", 'a"b', "\x02", "",
    "   ", "\u2028", "bridge\x03"])
def test_search_never_crashes_on_hostile_queries(store: Store, query: str) -> None:
    hits = store.search(query, 20)
    assert all(h.article_id in TEXTS for h in hits)


def test_search_for_fts_keywords_looks_for_the_words(store: Store) -> None:
    assert ids(store, "NOT") == set()
    assert ids(store, "title:storm") == set()


def test_search_never_crashes_on_a_nul_character(store: Store) -> None:
    assert ids(store, "bridge\x00") <= set(TEXTS)
