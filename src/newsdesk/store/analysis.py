"""Per-article analysis results: which stage ran on which text, and entity mentions.

A per-article stage's output is current when it was made by the current producer from the
article's current text (its hash); anything else is re-run by ``analyze``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from sqlalchemy import Connection, and_, delete, insert, select

from newsdesk.model import Article, Mention
from newsdesk.store.base import StoreBase
from newsdesk.store.schema import mentions, stage_runs


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class AnalysisStore(StoreBase):
    """Per-article stage bookkeeping and entity mentions (a part of ``Store``)."""

    def stale_for(self, stage: str, producer: str, articles: Sequence[Article]) -> list[Article]:
        """The ``articles`` whose ``stage`` output is missing, or made by another producer,
        or made from a text that has changed since."""
        query = select(stage_runs.c.article_id, stage_runs.c.producer, stage_runs.c.input_hash
                       ).where(stage_runs.c.stage == stage)
        with self.engine.connect() as conn:
            done = {row.article_id: (row.producer, row.input_hash) for row in conn.execute(query)}
        return [a for a in articles if done.get(a.id) != (producer, text_hash(a.text))]

    def save_mentions(self, found: Mapping[str, Sequence[Mention]], producer: str,
                      texts: Mapping[str, str]) -> None:
        """Replace the mentions of each article in ``found``, in one transaction."""
        with self.engine.begin() as conn:
            for article_id, spans in found.items():
                conn.execute(delete(mentions).where(mentions.c.article_id == article_id))
                if spans:
                    conn.execute(insert(mentions), [_mention_row(m) for m in spans])
                self._mark_done(conn, article_id, "entities", producer, texts[article_id])

    def mentions(self, article_ids: Sequence[str] | None = None,
                 labels: Sequence[str] | None = None) -> dict[str, list[Mention]]:
        """Mentions per article, in text order."""
        query = select(mentions).order_by(mentions.c.article_id, mentions.c.start)
        if article_ids is not None:
            query = query.where(mentions.c.article_id.in_(list(article_ids)))
        if labels is not None:
            query = query.where(mentions.c.label.in_(list(labels)))
        found: dict[str, list[Mention]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                found.setdefault(row["article_id"], []).append(Mention(
                    row["article_id"], row["start"], row["end"], row["text"], row["label"]))
        return found

    def _mark_done(self, conn: Connection, article_id: str, stage: str, producer: str,
                   text: str) -> None:
        same = and_(stage_runs.c.article_id == article_id, stage_runs.c.stage == stage)
        conn.execute(delete(stage_runs).where(same))
        conn.execute(insert(stage_runs).values(
            article_id=article_id, stage=stage, producer=producer, input_hash=text_hash(text),
            ran_at=self.now()))


def _mention_row(mention: Mention) -> dict[str, object]:
    return {"article_id": mention.article_id, "start": mention.start, "end": mention.end,
            "text": mention.text, "label": mention.label}
