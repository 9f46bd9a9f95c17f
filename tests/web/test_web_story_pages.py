"""Story pages stored at analyze time, and the page rows built in Python (web/fragments.py)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from conftest import XSS_PAYLOADS, SampleRun
from newsdesk import Desk, pipeline
from newsdesk.model import ArticleRow, OutletCoverage, StoryView
from newsdesk.pipeline import STORED_PAGE_ARTICLES
from newsdesk.web.fragments import article_items, coverage_rows, figure_table, quote_list
from newsdesk.web.markup import source_label, text


def _json(view: StoryView | None) -> Any:
    assert view is not None
    return json.loads(json.dumps(dataclasses.asdict(view)))


def _live(desk: Desk, story_id: str) -> Any:
    return _json(pipeline._live_story_view(desk._store, story_id, None, STORED_PAGE_ARTICLES))


def _copy(run: SampleRun, folder: Path) -> Path:
    target = folder / "copy.db"
    with sqlite3.connect(run.db) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def test_analyze_stores_each_story_page_as_the_live_reads_give_it(sample_desk: Desk) -> None:
    for story in sample_desk.stories():
        stored = sample_desk._store.story_page(story.id, STORED_PAGE_ARTICLES)
        assert _json(stored) == _live(sample_desk, story.id)
        assert _json(sample_desk.story_view(story.id)) == _live(sample_desk, story.id)


def test_only_the_first_page_of_the_stored_size_is_stored(sample_desk: Desk) -> None:
    story = max(sample_desk.stories(), key=lambda s: len(s.article_ids))
    assert sample_desk._store.story_page(story.id, STORED_PAGE_ARTICLES - 1) is None
    small = sample_desk.story_view(story.id, limit=2)
    assert len(small.articles.items) == 2 and small.articles.next_cursor is not None
    later = sample_desk.story_view(story.id, small.articles.next_cursor, limit=2)
    assert later.articles.items[0].id not in {a.id for a in small.articles.items}


def test_a_write_that_changes_stories_drops_stored_pages_until_analyze(
        sample_run: SampleRun, tmp_path: Path) -> None:
    """Copies are set at the start of every analyze, before any stage writes quotes, figures
    or stories: from then on pages are read live, until the last stage stores them again."""
    with Desk(_copy(sample_run, tmp_path)) as desk:
        story = desk.stories()[0]
        before = _live(desk, story.id)
        desk._store.set_copies([])
        assert desk._store.story_page(story.id, STORED_PAGE_ARTICLES) is None
        assert _json(desk.story_view(story.id)) == _live(desk, story.id)
        desk.analyze()
        assert _json(desk._store.story_page(story.id, STORED_PAGE_ARTICLES)) == before


@given(st.text())
def test_page_text_is_escaped_as_markupsafe_escapes_it(value: str) -> None:
    assert text(value) == str(escape(value))


def test_page_rows_escape_every_piece_of_content() -> None:
    payload = XSS_PAYLOADS[0]
    quote = {"id": "q", "text": payload, "speaker": payload, "speaker_mention": payload,
             "kind": payload, "cue": payload, "article_id": payload, "outlet": payload}
    figure = {"text": payload, "value": 1, "unit": payload, "subject": payload,
              "article_id": payload, "outlet": payload}
    rows = [quote_list([quote]), figure_table([figure]),
            coverage_rows([OutletCoverage(payload, 2, payload, 1)]),
            article_items([ArticleRow(payload, payload, payload, payload,
                                      "javascript:alert(1)", None, payload)])]
    for html in rows:
        assert "<script>" not in html and "javascript:" not in html
        assert str(escape(payload)) in html


def test_article_page_names_its_input_file_without_the_folders(
        sample_desk: Desk, web_client: Any) -> None:
    article = next(a for a in sample_desk.articles() if a.source.endswith(".html"))
    page = web_client(sample_desk).get(f"/articles/{article.id}").text
    assert f"<code>{Path(article.source).name}</code>" in page
    assert str(Path(article.source).parent) not in page
    assert source_label("https://example.org/a/b.html") == "https://example.org/a/b.html"


def test_people_pages_read_only_their_people_as_the_live_ranking_gives_them(
        sample_run: SampleRun, tmp_path: Path) -> None:
    with Desk(_copy(sample_run, tmp_path)) as desk:
        stored = _people(desk)
        assert desk._store.ranked_entities("PERSON", 0, 1) is not None
        desk._store.set_copies([])  # what every analyze does first: counts dropped
        assert desk._store.ranked_entities("PERSON", 0, 1) is None
        assert _people(desk) == stored
        every = sorted(desk.people(["PERSON"]), key=lambda e: (-len(e.mentions), e.name, e.id))
        assert stored == [(e.id, len(e.mentions)) for e in every]


def _people(desk: Desk) -> list[tuple[str, int]]:
    seen, cursor = [], None
    while True:
        page = desk.people_page(cursor, limit=3)
        seen += [(str(p["id"]), len(p["mentions"])) for p in page.items]
        if page.next_cursor is None:
            return seen
        cursor = page.next_cursor
