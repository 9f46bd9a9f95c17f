"""Model values to rows and back."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from sqlalchemy import RowMapping

from newsdesk.model import Article, DocumentKind, Hints, RawDocument, Removed, Story


def document_row(doc: RawDocument, now: str) -> dict[str, Any]:
    return {
        "id": doc.id, "content_hash": doc.content_hash, "source": doc.source,
        "record": doc.record, "kind": doc.kind.value, "content": doc.content,
        "encoding": doc.encoding, "hints": _hints_json(doc.hints),
        "defaults": _hints_json(doc.defaults),
        "is_primary": doc.hints.primary or doc.defaults.primary, "ingested_at": now,
    }


def document_from(row: RowMapping) -> RawDocument:
    return RawDocument(
        source=row["source"], kind=DocumentKind(row["kind"]), content=row["content"],
        content_hash=row["content_hash"], hints=Hints(**json.loads(row["hints"])),
        defaults=Hints(**json.loads(row["defaults"])), record=row["record"],
        encoding=row["encoding"],
    )


def article_row(article: Article, now: str) -> dict[str, Any]:
    return {
        "id": article.id, "document_id": article.document_id, "segment": article.segment,
        "source": article.source, "outlet": article.outlet,
        "outlet_domain": article.outlet_domain, "url": article.url, "title": article.title,
        "author": article.author, "published": article.published, "text": article.text,
        "removed": json.dumps([dataclasses.asdict(r) for r in article.removed],
                              ensure_ascii=False),
        "producer": article.producer, "ingested_at": now,
        "origin_outlet": article.origin_outlet,
    }


def article_from(row: RowMapping) -> Article:
    """An article as stored, its outlet resolved to the best name known for its domain."""
    return Article(
        id=row["id"], document_id=row["document_id"], source=row["source"],
        segment=row["segment"], text=row["text"], producer=row["producer"],
        outlet=row["outlet"] or row["outlet_name"] or row["outlet_domain"],
        outlet_domain=row["outlet_domain"], url=row["url"], title=row["title"],
        author=row["author"], published=row["published"],
        removed=tuple(Removed(**r) for r in json.loads(row["removed"])),
        copy_of=row["copy_of"], story_id=row["story_id"],
        origin_outlet=row["origin_outlet"],
    )


def story_row(story: Story, now: str) -> dict[str, Any]:
    return {
        "id": story.id, "title": story.title, "storyline_id": story.storyline_id,
        "first_seen": story.first_seen, "last_seen": story.last_seen,
        "producer": story.producer, "updated_at": now, "summary": story.summary,
    }


def story_from(row: RowMapping, article_ids: tuple[str, ...]) -> Story:
    return Story(
        id=row["id"], title=row["title"], article_ids=article_ids, producer=row["producer"],
        storyline_id=row["storyline_id"], first_seen=row["first_seen"],
        last_seen=row["last_seen"], summary=row["summary"],
    )


def _hints_json(hints: Hints) -> str:
    return json.dumps(dataclasses.asdict(hints), ensure_ascii=False, sort_keys=True)
