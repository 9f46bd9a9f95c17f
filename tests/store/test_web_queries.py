"""Web read queries: keyset cursors (undated rows too), filters, coverage counts."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from newsdesk.errors import UsageError
from newsdesk.model import Article, CopyLink, DocumentKind, RawDocument, Story, StoryQuery
from newsdesk.store import Store
from newsdesk.store.web_queries import decode_cursor, encode_cursor

MakeArticle = Callable[..., Article]


@pytest.fixture
def store(db_path: Path, clock: Callable[[], datetime]) -> Iterator[Store]:
    opened = Store.open(str(db_path), clock)
    yield opened
    opened.close()


def _add(store: Store, make_article: MakeArticle, article_id: str, text: str,
         **fields: object) -> None:
    doc = RawDocument(source=f"{article_id}.txt", kind=DocumentKind.TEXT, content=text,
                      content_hash=hashlib.sha256(article_id.encode()).hexdigest())
    store.add_document(doc, [make_article(article_id, text, document_id=doc.id, **fields)])


@pytest.fixture
def filled(store: Store, make_article: MakeArticle) -> Store:
    """Seven stories, two of them undated, with articles from three outlets."""
    stories = []
    for n in range(7):
        dated = n < 5
        day = f"2025-03-{10 + n:02d}" if dated else None
        ids = []
        for k, outlet in enumerate(("Avon Echo", "Wire", "Avon Echo")[: 1 + n % 3]):
            article_id = f"a-{n}{k}"
            _add(store, make_article, article_id, f"Story {n} text, article {k}, ferry {n}.",
                 outlet=outlet, published=day)
            ids.append(article_id)
        stories.append(Story(id=f"s-{n}", title=f"Story {n}", article_ids=tuple(ids),
                             producer="test", first_seen=day, last_seen=day))
    store.save_stories(stories)
    return store


def test_cursors_walk_every_story_once_in_order_undated_last(filled: Store) -> None:
    seen, cursor = [], None
    while True:
        page = filled.story_rows(StoryQuery(), cursor, 2)
        seen += [s.id for s in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == ["s-4", "s-3", "s-2", "s-1", "s-0", "s-5", "s-6"]
    assert page.total == 7


def test_article_cursors_walk_every_article_once(filled: Store) -> None:
    seen, cursor = [], None
    while True:
        page = filled.article_rows(None, None, cursor, 3)
        seen += [a.id for a in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert sorted(seen) == sorted(a.id for a in filled.articles())
    assert len(seen) == len(set(seen))


def test_story_rows_count_outlets_and_independent_ones(filled: Store) -> None:
    filled.set_copies([CopyLink("a-21", "a-20", 0.95, "test")])
    row = filled.story_row("s-2")
    assert row is not None
    assert (row.articles, row.outlets, row.independent_outlets) == (3, 2, 1)


@pytest.mark.parametrize("query, expected", [
    (StoryQuery(since="2025-03-13"), {"s-3", "s-4"}),
    (StoryQuery(until="2025-03-11"), {"s-0", "s-1"}),
    (StoryQuery(outlet="Wire"), {"s-1", "s-2", "s-4", "s-5"}),
    (StoryQuery(text="ferry 3"), {"s-3"}),
    (StoryQuery(person="ferry 6"), {"s-6"}),
])
def test_story_filters(filled: Store, query: StoryQuery, expected: set[str]) -> None:
    assert {s.id for s in filled.story_rows(query, None, 50).items} == expected


def test_timeline_and_coverage_of_a_story(filled: Store) -> None:
    timeline = filled.story_timeline("s-2")
    coverage = filled.story_coverage("s-2")
    assert [(d.day, d.articles, d.outlets) for d in timeline] == [("2025-03-12", 3, 2)]
    assert {c.outlet: c.articles for c in coverage} == {"Avon Echo": 2, "Wire": 1}


def test_outlet_rows_count_firsts_and_only_here(filled: Store) -> None:
    rows = {r.name: r for r in filled.outlet_rows()}
    assert rows["Avon Echo"].stories == 7 and rows["Wire"].stories == 4
    assert rows["Avon Echo"].only_here == 3
    assert sum(r.first for r in rows.values()) == 5


def test_cursor_round_trips_and_garbage_is_a_usage_error() -> None:
    assert decode_cursor(encode_cursor(("2025-03-01", "s-1"))) == ("2025-03-01", "s-1")
    assert decode_cursor(encode_cursor((None, "s-1"))) == (None, "s-1")
    for garbage in ("", "!!!", "bm90IGpzb24", encode_cursor(("a", "b", "c")),
                    "WzEsMl0"):
        with pytest.raises(UsageError, match="cursor"):
            decode_cursor(garbage)


@pytest.mark.parametrize("words", ["\x00", "a\x00b", "NEAR(", '"', "*", "-", "AND OR", " \t"])
def test_text_and_person_filters_take_any_characters(filled: Store, words: str) -> None:
    found = filled.story_rows(StoryQuery(text=words, person=words), None, 50)
    assert found.total == len(found.items)


def _head(store: Store, story_id: str) -> tuple[object, ...]:
    found = store.story_head(story_id)
    assert found is not None
    row, timeline, coverage = found
    return (row.articles, row.outlets, row.independent_outlets), timeline, coverage


def test_stored_story_stats_read_as_the_counted_ones(filled: Store) -> None:
    filled.set_copies([CopyLink("a-21", "a-20", 0.95, "test")])
    counted = {f"s-{n}": _head(filled, f"s-{n}") for n in range(7)}
    assert filled.save_story_stats() == 7
    assert {f"s-{n}": _head(filled, f"s-{n}") for n in range(7)} == counted
    assert counted["s-2"][0] == (3, 2, 1)
    listed = {s.id: (s.articles, s.outlets, s.independent_outlets)
              for s in filled.story_rows(StoryQuery(), None, 50).items}
    assert listed == {sid: head[0] for sid, head in counted.items()}
    assert filled.article_rows("s-2", None, None, 1).total == 3


def test_new_copies_drop_the_stored_stats(filled: Store) -> None:
    """Copies (analyze rewrites the stats after them) make pages count again."""
    filled.save_story_stats()
    assert _head(filled, "s-2")[0] == (3, 2, 2)
    filled.set_copies([CopyLink("a-21", "a-20", 0.95, "test")])
    assert _head(filled, "s-2")[0] == (3, 2, 1)


def test_new_members_drop_the_stored_stats(filled: Store) -> None:
    filled.save_story_stats()
    moved = Story(id="s-2", title="Story 2", article_ids=("a-20", "a-21", "a-22", "a-30"),
                  producer="test", first_seen="2025-03-12", last_seen="2025-03-13")
    filled.save_stories([moved])
    assert _head(filled, "s-2")[0] == (4, 2, 2)
    assert [(d.day, d.articles) for d in _head(filled, "s-2")[1]] == [  # type: ignore[attr-defined]
        ("2025-03-12", 3), ("2025-03-13", 1)]


def test_a_recleaned_document_drops_the_stored_stats(filled: Store) -> None:
    filled.save_story_stats()
    article = filled.article("a-21")
    assert article is not None
    doc = filled.document(article.document_id)
    assert doc is not None
    filled.replace_articles(doc, [])
    assert _head(filled, "s-2")[0] == (2, 1, 1)
    assert filled.story_row("s-2") is not None
    assert filled.story_row("s-2").articles == 2  # type: ignore[union-attr]
