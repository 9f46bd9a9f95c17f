"""Quotations per article, and the entities resolved across the corpus (a part of ``Store``).

Quotes are per-article output (re-made when an article's text or the producer changes);
entities, their mentions, and each quote's resolved speaker are one corpus-level decision,
replaced as a whole by every run of the ``people`` stage.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from sqlalchemy import RowMapping, delete, insert, select, update

from newsdesk.model import Entity, Mention, Quote, QuoteKind, Span
from newsdesk.store.analysis import AnalysisStore
from newsdesk.store.schema import entities, entity_mentions, quotes


class QuoteStore(AnalysisStore):
    """Quotes and resolved entities."""

    def save_quotes(self, found: Mapping[str, Sequence[Quote]], producer: str,
                    texts: Mapping[str, str]) -> None:
        """Replace the quotes of each article in ``found``, in one transaction."""
        with self.engine.begin() as conn:
            for article_id, items in found.items():
                conn.execute(delete(quotes).where(quotes.c.article_id == article_id))
                rows = list({q.id: _quote_row(q) for q in items}.values())
                if rows:
                    conn.execute(insert(quotes), rows)
                self._mark_done(conn, article_id, "quotes", producer, texts[article_id])

    def quotes(self, article_ids: Sequence[str] | None = None,
               entity_ids: Sequence[str] | None = None) -> list[Quote]:
        """Quotes in article and text order, optionally of these articles or speakers."""
        query = select(quotes).order_by(quotes.c.article_id, quotes.c.start, quotes.c.end)
        if article_ids is not None:
            query = query.where(quotes.c.article_id.in_(list(article_ids)))
        if entity_ids is not None:
            query = query.where(quotes.c.speaker_entity_id.in_(list(entity_ids)))
        with self.engine.connect() as conn:
            return [_quote_from(row) for row in conn.execute(query).mappings()]

    def save_people(self, found: Sequence[Entity], speakers: Mapping[str, Entity],
                    producer: str) -> None:
        """Make the stored entities exactly ``found`` and set each quote's speaker."""
        with self.engine.begin() as conn:
            conn.execute(delete(entity_mentions))
            conn.execute(delete(entities))
            conn.execute(update(quotes).values(speaker=None, speaker_entity_id=None))
            if found:
                conn.execute(insert(entities), [_entity_row(e, producer) for e in found])
                mention_rows = [_mention_row(e.id, m) for e in found for m in e.mentions]
                if mention_rows:
                    conn.execute(insert(entity_mentions), mention_rows)
            for quote_id, entity in speakers.items():
                conn.execute(update(quotes).where(quotes.c.id == quote_id).values(
                    speaker=entity.name, speaker_entity_id=entity.id))

    def entities(self, labels: Sequence[str] | None = None) -> list[Entity]:
        """Resolved entities, most mentioned first, each with its mentions in text order."""
        with self.engine.connect() as conn:
            query = select(entity_mentions).order_by(
                entity_mentions.c.article_id, entity_mentions.c.start)
            by_entity: dict[str, list[Mention]] = {}
            for row in conn.execute(query).mappings():
                by_entity.setdefault(row["entity_id"], []).append(Mention(
                    row["article_id"], row["start"], row["end"], row["text"], row["label"]))
            query_e = select(entities).order_by(entities.c.id)
            if labels is not None:
                query_e = query_e.where(entities.c.label.in_(list(labels)))
            found = [Entity(row["id"], row["name"], row["label"],
                            tuple(json.loads(row["aliases"])),
                            tuple(by_entity.get(row["id"], ())))
                     for row in conn.execute(query_e).mappings()]
        return sorted(found, key=lambda e: (-len(e.mentions), e.name))


def _quote_row(quote: Quote) -> dict[str, object]:
    return {"id": quote.id, "article_id": quote.article_id, "start": quote.start,
            "end": quote.end, "text": quote.text, "kind": quote.kind.value,
            **_span_columns("cue", quote.cue), **_span_columns("source", quote.source),
            **_span_columns("antecedent", quote.antecedent), "inherited": quote.inherited,
            "speaker": quote.speaker, "speaker_entity_id": quote.speaker_entity_id}


def _span_columns(name: str, span: Span | None) -> dict[str, object]:
    return {name: None if span is None else span.text,
            f"{name}_start": None if span is None else span.start}


def _span_from(row: RowMapping, name: str) -> Span | None:
    text, start = row[name], row[f"{name}_start"]
    return None if text is None or start is None else Span(start, start + len(text), text)


def _quote_from(row: RowMapping) -> Quote:
    return Quote(row["article_id"], row["start"], row["end"], row["text"],
                 QuoteKind(row["kind"]), _span_from(row, "cue"), _span_from(row, "source"),
                 _span_from(row, "antecedent"), bool(row["inherited"]), row["speaker"],
                 row["speaker_entity_id"])


def _entity_row(entity: Entity, producer: str) -> dict[str, object]:
    return {"id": entity.id, "name": entity.name, "label": entity.label,
            "aliases": json.dumps(list(entity.aliases), ensure_ascii=False),
            "producer": producer}


def _mention_row(entity_id: str, mention: Mention) -> dict[str, object]:
    return {"entity_id": entity_id, "article_id": mention.article_id, "start": mention.start,
            "end": mention.end, "text": mention.text, "label": mention.label}
