"""Stored story pages (a part of ``Store``): each story's ``StoryView`` as a reader first
opens it, written at the end of analyze and read back in one indexed row.

A stored page holds while nothing it shows has changed. Every write that could change it
drops them all (``forget_story_stats`` in ``web_queries``): re-cleaned or new articles, a new
outlet name, copies (set on every analyze run, before any extraction writes), stories. Analyze
writes them again in its last stage; in between, pages are computed live.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from newsdesk.model import ArticleList, ArticleRow, DayCount, OutletCoverage, StoryRow, StoryView
from newsdesk.store.base import StoreBase
from newsdesk.store.schema import story_pages

# Pages written per transaction: bounds memory on a corpus of many stories, and readers see
# each batch as soon as it is written.
_WRITE_BATCH = 200


class StoryPageStore(StoreBase):
    """Writes and reads of stored story pages."""

    def save_story_pages(self, views: Iterable[StoryView], page_size: int) -> int:
        """Replace every stored page with ``views`` (each with ``page_size`` articles at most
        on its first page); returns how many were written."""
        with self.engine.begin() as conn:
            forget_story_pages(conn)
        written, batch = 0, []
        for view in views:  # computed between the writes: no write lock held meanwhile
            batch.append({"story_id": view.story.id, "page_size": page_size,
                          "view": json.dumps(asdict(view), ensure_ascii=False,
                                             separators=(",", ":"))})
            if len(batch) == _WRITE_BATCH:
                written += self._insert(batch)
        return written + self._insert(batch)

    def _insert(self, batch: list[dict[str, Any]]) -> int:
        if not batch:
            return 0
        with self.engine.begin() as conn:
            conn.execute(insert(story_pages), batch)
        count = len(batch)
        batch.clear()
        return count

    def story_page(self, story_id: str, page_size: int) -> StoryView | None:
        """The stored first page of a story with ``page_size`` articles; ``None`` when there
        is none (analyze has not run since the last change, or another page size)."""
        query = select(story_pages.c.view).where(story_pages.c.story_id == story_id,
                                                 story_pages.c.page_size == page_size)
        with self.engine.connect() as conn:
            found = conn.execute(query).scalar()
        return None if found is None else view_from_json(json.loads(found))


def forget_story_pages(conn: Connection) -> None:
    conn.execute(delete(story_pages))


def view_from_json(data: Mapping[str, Any]) -> StoryView:
    """A ``StoryView`` from its ``asdict`` JSON form."""
    listed = data["articles"]
    articles = ArticleList(tuple(ArticleRow(**row) for row in listed["items"]),
                           listed["total"], listed["next_cursor"])
    return StoryView(StoryRow(**data["story"]),
                     tuple(DayCount(**day) for day in data["timeline"]),
                     tuple(OutletCoverage(**row) for row in data["coverage"]),
                     articles, data["analysis"], tuple(data["more"]), data["referenced"])
