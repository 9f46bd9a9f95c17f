"""Stored story pages and entity counts (a part of ``Store``): each story's ``StoryView`` as
a reader first opens it, and each entity's mention and article counts, written at the end of
analyze and read back by an index (one row for a story page; one page of the people list).

What is stored holds while nothing it shows has changed. Every write that could change it
drops them all (``forget_story_stats`` in ``web_queries``): re-cleaned or new articles, a new
outlet name, copies (set on every analyze run, before any extraction writes), stories. Analyze
writes them again in its last stage; in between, pages are computed live.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, delete, distinct, func, insert, select

from newsdesk.model import (
    ArticleList,
    ArticleRow,
    DayCount,
    Entity,
    OutletCoverage,
    StoryRow,
    StoryView,
)
from newsdesk.store.base import StoreBase
from newsdesk.store.schema import entities, entity_mentions, entity_stats, story_pages
from newsdesk.store.web_analysis import entities_with_mentions

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


    def save_entity_stats(self) -> int:
        """Every entity's mention and article counts (one grouped pass over the mentions),
        replacing what was stored; returns the entities counted."""
        counted = (select(entity_mentions.c.entity_id, func.count().label("mentions"),
                          func.count(distinct(entity_mentions.c.article_id)).label("articles"))
                   .group_by(entity_mentions.c.entity_id).subquery())
        rows = (select(entities.c.id, entities.c.label, entities.c.name, counted.c.mentions,
                       counted.c.articles)
                .join(counted, counted.c.entity_id == entities.c.id))
        columns = ["entity_id", "label", "name", "mentions", "articles"]
        with self.engine.begin() as conn:
            conn.execute(delete(entity_stats))
            conn.execute(insert(entity_stats).from_select(columns, rows))
            return int(conn.execute(select(func.count()).select_from(entity_stats)).scalar_one())

    def ranked_entities(self, label: str, offset: int, limit: int,
                        mentions: int | None = None) -> list[tuple[Entity, int]] | None:
        """Entities of ``label`` most mentioned first (then by name), ``limit`` of them from
        ``offset``, each with its first ``mentions`` mentions (all when ``None``) and how
        many it has in all; ``None`` while no counts are stored."""
        page = (select(entities, entity_stats.c.mentions.label("mention_count"))
                .join(entity_stats, entity_stats.c.entity_id == entities.c.id)
                .where(entity_stats.c.label == label)
                .order_by(entity_stats.c.mentions.desc(), entity_stats.c.name,
                          entity_stats.c.entity_id).offset(offset).limit(limit))
        with self.engine.connect() as conn:
            if conn.execute(select(entity_stats.c.entity_id).limit(1)).first() is None:
                return None
            named = list(conn.execute(page).mappings())
            found = entities_with_mentions(conn, named, per_entity=mentions)
            return [(entity, int(row["mention_count"])) for entity, row in zip(found, named,
                                                                                strict=True)]


def forget_story_pages(conn: Connection) -> None:
    """Drop the stored story pages and entity counts."""
    conn.execute(delete(story_pages))
    conn.execute(delete(entity_stats))


def view_from_json(data: Mapping[str, Any]) -> StoryView:
    """A ``StoryView`` from its ``asdict`` JSON form."""
    listed = data["articles"]
    articles = ArticleList(tuple(ArticleRow(**row) for row in listed["items"]),
                           listed["total"], listed["next_cursor"])
    return StoryView(StoryRow(**data["story"]),
                     tuple(DayCount(**day) for day in data["timeline"]),
                     tuple(OutletCoverage(**row) for row in data["coverage"]),
                     articles, data["analysis"], tuple(data["more"]), data["referenced"])
