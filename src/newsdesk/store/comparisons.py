"""Comparison records per story (a part of ``Store``): replaced whole per story, with the
input hash the story was compared from so an unchanged story is not compared again."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import and_, delete, insert, select

from newsdesk.model import AnalysisScope
from newsdesk.store.base import StoreBase
from newsdesk.store.schema import articles, comparison_records, comparison_runs, documents

Records = Mapping[str, Sequence[Mapping[str, Any]]]


class ComparisonStore(StoreBase):
    """Writes and reads of the compare stage's records."""

    def comparison_hashes(self, producer: str) -> dict[str, str]:
        """Story id -> the input hash it was last compared from by ``producer``."""
        query = select(comparison_runs.c.story_id, comparison_runs.c.input_hash).where(
            comparison_runs.c.producer == producer)
        with self.engine.connect() as conn:
            return {row.story_id: row.input_hash for row in conn.execute(query)}

    def save_comparison(self, story_id: str, records: Records, producer: str,
                        input_hash: str) -> None:
        """Replace one story's records, in one transaction."""
        with self.engine.begin() as conn:
            _drop(conn, [story_id])
            rows = [{"story_id": story_id, "kind": kind, "position": i,
                     "record": json.dumps(item, ensure_ascii=False, sort_keys=True)}
                    for kind, items in records.items() for i, item in enumerate(items)]
            if rows:
                conn.execute(insert(comparison_records), rows)
            conn.execute(insert(comparison_runs).values(
                story_id=story_id, producer=producer, input_hash=input_hash, ran_at=self.now()))

    def drop_comparisons(self, story_ids: Iterable[str]) -> None:
        """Forget the records of stories that no longer exist."""
        with self.engine.begin() as conn:
            _drop(conn, list(story_ids))

    def comparison_records(self, kind: str, scope: AnalysisScope | None = None
                           ) -> list[dict[str, Any]]:
        """Records of one kind (``quote_groups``, ``corroboration``, …), in story order; a
        scope keeps one story's, those naming one article, or one speaker's."""
        scope = scope or AnalysisScope()
        query = select(comparison_records.c.record).where(comparison_records.c.kind == kind)
        if scope.story_id is not None:
            query = query.where(comparison_records.c.story_id == scope.story_id)
        query = query.order_by(comparison_records.c.story_id, comparison_records.c.position)
        with self.engine.connect() as conn:
            found = [json.loads(row.record) for row in conn.execute(query)]
        return [r for r in found if _in_scope(r, scope)]

    def primary_article_ids(self) -> set[str]:
        """Articles cleaned from a document ingested as a primary source."""
        query = select(articles.c.id).select_from(
            articles.join(documents, documents.c.id == articles.c.document_id)).where(
            documents.c.is_primary.is_(True))
        with self.engine.connect() as conn:
            return set(conn.execute(query).scalars())


def _drop(conn: Any, story_ids: list[str]) -> None:
    if not story_ids:
        return
    conn.execute(delete(comparison_records).where(
        comparison_records.c.story_id.in_(story_ids)))
    conn.execute(delete(comparison_runs).where(and_(
        comparison_runs.c.story_id.in_(story_ids))))


def _in_scope(record: Mapping[str, Any], scope: AnalysisScope) -> bool:
    if scope.article_id is not None and scope.article_id not in _article_ids(record):
        return False
    if scope.speaker is not None:
        return _fold(str(record.get("speaker") or "")) == _fold(scope.speaker)
    return True


def _article_ids(record: Mapping[str, Any]) -> list[str]:
    found = record.get("article_ids") or [record.get("article_id")]
    return [str(a) for a in found if a]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
