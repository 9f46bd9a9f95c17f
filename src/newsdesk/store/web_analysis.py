"""Reads of the analysis records (quotes, figures, entities, summaries) in one scope — a
story, an article, a speaker, or everything — for the web UI and the REST API. ``AnalysisReads``
is mixed into ``Store``.

A story's records are read with one indexed query per kind (articles by ``story_id``, then the
records by ``article_id``), in the order a reader wants them, and never more than ``limit``
rows: a story of thousands of articles costs what its first page costs.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    RowMapping,
    Select,
    and_,
    distinct,
    func,
    not_,
    select,
)

from newsdesk.model import AnalysisScope, Entity, Figure, Mention, PersonRow, Quote
from newsdesk.store.figures import figure_from
from newsdesk.store.quotes import _quote_from
from newsdesk.store.schema import (
    articles,
    entities,
    entity_mentions,
    entity_stats,
    figures,
    outlets,
    quotes,
    stories,
)

# Ids per IN (...) list: well under SQLite's bound variable limit.
_IN_BATCH = 500
_outlet_name = func.coalesce(articles.c.outlet, outlets.c.name, articles.c.outlet_domain)
_WITH_OUTLETS = articles.outerjoin(outlets, outlets.c.domain == articles.c.outlet_domain)


class AnalysisReads:
    """Scoped reads of stored analyses; ``Store`` provides ``engine``."""

    engine: Engine

    def scoped_quotes(self, scope: AnalysisScope) -> list[tuple[Quote, str | None]]:
        """Quotes in ``scope`` with their article's outlet: attributed direct quotes first,
        then the others, each by publication and place in the text. A speaker matches an
        entity's name or alias (case and accents folded)."""
        where = self._article_scope(scope, quotes.c.article_id)
        if scope.speaker is not None:
            where.append(quotes.c.speaker_entity_id.in_(self.person_ids(scope.speaker)))
        key = and_(quotes.c.speaker_entity_id.is_not(None), quotes.c.kind == "direct")
        query = (select(quotes, _outlet_name.label("outlet"))
                 .select_from(_WITH_OUTLETS.join(quotes, quotes.c.article_id == articles.c.id))
                 .where(*where)
                 .order_by(articles.c.published.nulls_last(), articles.c.id, quotes.c.start,
                           quotes.c.id))
        rows = self._in_tiers(query, (key, not_(key)), scope.limit)
        return [(_quote_from(row), row["outlet"]) for row in rows]

    def scoped_figures(self, scope: AnalysisScope) -> list[tuple[Figure, str | None]]:
        """Figures in ``scope``: amounts before dates, each by publication and place in the
        text."""
        where = self._article_scope(scope, figures.c.article_id)
        query = (select(figures, _outlet_name.label("outlet"))
                 .select_from(_WITH_OUTLETS.join(figures, figures.c.article_id == articles.c.id))
                 .where(*where)
                 .order_by(articles.c.published.nulls_last(), articles.c.id, figures.c.start,
                           figures.c.id))
        dated = figures.c.kind == "date"
        rows = self._in_tiers(query, (not_(dated), dated), scope.limit)
        return [(figure_from(row), row["outlet"]) for row in rows]

    def _in_tiers(self, query: Select[Any], tiers: Sequence[ColumnElement[bool]],
                  limit: int | None) -> list[RowMapping]:
        """The rows of ``query`` in the first tier, then the next, … up to ``limit``. Each
        tier is one query in the index's order, so a story of thousands of articles stops
        reading once the page is full (one ORDER BY over tiers would sort them all)."""
        rows: list[RowMapping] = []
        with self.engine.connect() as conn:
            for tier in tiers:
                wanted = None if limit is None else limit - len(rows)
                if wanted == 0:
                    break
                page = query.where(tier)
                rows += conn.execute(page if wanted is None else page.limit(wanted)).mappings()
        return rows

    def scoped_entities(self, scope: AnalysisScope) -> list[Entity]:
        """Entities with their mentions in ``scope`` (only those), most mentioned first; a
        speaker scope keeps the entities that go by that name. Ranked and cut in SQL, so only
        the kept entities' mentions are read."""
        where = self._article_scope(scope, entity_mentions.c.article_id)
        if scope.speaker is not None:
            where.append(entity_mentions.c.entity_id.in_(self.person_ids(scope.speaker)))
        if scope.entity_type is not None:
            where.append(entity_mentions.c.entity_id.in_(
                select(entities.c.id).where(entities.c.label == scope.entity_type)))
        counted = (select(entity_mentions.c.entity_id, func.count().label("n")).where(*where)
                   .group_by(entity_mentions.c.entity_id).subquery())
        ranked = (select(entities).join(counted, counted.c.entity_id == entities.c.id)
                  .order_by(counted.c.n.desc(), entities.c.name, entities.c.id))
        with self.engine.connect() as conn:
            named = list(conn.execute(_bounded(ranked, scope)).mappings())
            return entities_with_mentions(conn, named, where)

    def person_rows(self, limit: int, spellings: int) -> list[PersonRow]:
        """The ``limit`` most mentioned people with their mention and article counts and up to
        ``spellings`` other spellings: the counts analyze stored while they hold, else counted
        in SQL; no mention is read into Python."""
        person = entities.c.label == "PERSON"
        counted = (select(entity_mentions.c.entity_id, func.count().label("n"),
                          func.count(distinct(entity_mentions.c.article_id)).label("read"))
                   .where(entity_mentions.c.entity_id.in_(select(entities.c.id).where(person)))
                   .group_by(entity_mentions.c.entity_id).subquery())
        ranked = (select(entities.c.id, entities.c.name, counted.c.n, counted.c.read)
                  .join(counted, counted.c.entity_id == entities.c.id)
                  .order_by(counted.c.n.desc(), entities.c.name, entities.c.id).limit(limit))
        stored = (select(entity_stats.c.entity_id, entity_stats.c.name, entity_stats.c.mentions,
                         entity_stats.c.articles).where(entity_stats.c.label == "PERSON")
                  .order_by(entity_stats.c.mentions.desc(), entity_stats.c.name,
                            entity_stats.c.entity_id).limit(limit))
        with self.engine.connect() as conn:
            fresh = conn.execute(select(entity_stats.c.entity_id).limit(1)).first() is not None
            top = list(conn.execute(stored if fresh else ranked))
            spelt = _spellings(conn, [row[0] for row in top])
        return [PersonRow(name, int(n), int(read),
                          tuple(t for t in spelt.get(eid, ()) if t != name)[:spellings])
                for eid, name, n, read in top]

    def quotes_with_ids(self, ids: Sequence[str]) -> list[tuple[Quote, str | None]]:
        """These quotes (the ones that exist), with their article's outlet."""
        query = (select(quotes, _outlet_name.label("outlet"))
                 .select_from(quotes.join(_WITH_OUTLETS, articles.c.id == quotes.c.article_id))
                 .where(quotes.c.id.in_(list(ids))).order_by(quotes.c.id))
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings()
            return [(_quote_from(row), row["outlet"]) for row in rows]

    def figures_with_ids(self, ids: Sequence[str]) -> list[tuple[Figure, str | None]]:
        """These figures (the ones that exist), with their article's outlet."""
        query = (select(figures, _outlet_name.label("outlet"))
                 .select_from(figures.join(_WITH_OUTLETS, articles.c.id == figures.c.article_id))
                 .where(figures.c.id.in_(list(ids))).order_by(figures.c.id))
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings()
            return [(figure_from(row), row["outlet"]) for row in rows]

    def story_summaries(self, scope: AnalysisScope) -> list[tuple[str, str]]:
        """(story id, summary) of the stories in ``scope`` that have a summary."""
        query = select(stories.c.id, stories.c.summary).where(stories.c.summary != "")
        if scope.story_id is not None:
            query = query.where(stories.c.id == scope.story_id)
        if scope.article_id is not None:
            query = query.where(stories.c.id.in_(
                select(articles.c.story_id).where(articles.c.id == scope.article_id)))
        with self.engine.connect() as conn:
            rows = conn.execute(_bounded(query.order_by(stories.c.id), scope))
            return [(row[0], row[1]) for row in rows]

    def person_ids(self, name: str) -> list[str]:
        """Ids of the entities whose name or an alias is ``name`` (case, accents and spacing
        folded)."""
        wanted = fold_name(name)
        query = select(entities.c.id, entities.c.name, entities.c.aliases)
        with self.engine.connect() as conn:
            return [row[0] for row in conn.execute(query)
                    if wanted in {fold_name(n) for n in (row[1], *json.loads(row[2]))}]

    def has_entities(self) -> bool:
        """Whether the entity stage has stored anything."""
        with self.engine.connect() as conn:
            return conn.execute(select(entities.c.id).limit(1)).first() is not None

    def article_outlets(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Article id -> outlet name (name where known, else domain) of these articles."""
        query = (select(articles.c.id, _outlet_name).select_from(_WITH_OUTLETS)
                 .where(articles.c.id.in_(list(article_ids)), _outlet_name.is_not(None)))
        with self.engine.connect() as conn:
            return {row[0]: row[1] for row in conn.execute(query)}

    def _article_scope(self, scope: AnalysisScope, column: Any) -> list[ColumnElement[bool]]:
        """``column`` (an article id) inside the scope's article or story; where the query
        joins ``articles`` the story filter is on it, so the story index drives the scan."""
        where: list[ColumnElement[bool]] = []
        if scope.article_id is not None:
            where.append(column == scope.article_id)
        if scope.story_id is not None and column is entity_mentions.c.article_id:
            where.append(column.in_(select(articles.c.id)
                                    .where(articles.c.story_id == scope.story_id)))
        elif scope.story_id is not None:
            where.append(articles.c.story_id == scope.story_id)
        return where


def entities_with_mentions(conn: Any, named: Sequence[RowMapping],
                           where: Sequence[ColumnElement[bool]] = (),
                           per_entity: int | None = None) -> list[Entity]:
    """The entities of these ``entities`` rows, each with its mentions (those matching
    ``where``; the first ``per_entity`` of them by article and place when given), in the
    rows' order."""
    ids = [row["id"] for row in named]
    by_entity: dict[str, list[Mention]] = {i: [] for i in ids}
    order = (entity_mentions.c.article_id, entity_mentions.c.start)
    if per_entity is None:
        queries = [select(entity_mentions)
                   .where(*where, entity_mentions.c.entity_id.in_(ids[start:start + _IN_BATCH]))
                   .order_by(*order) for start in range(0, len(ids), _IN_BATCH)]
    else:  # one small query per entity: its first few rows, the rest never leave the database
        queries = [select(entity_mentions).where(*where, entity_mentions.c.entity_id == i)
                   .order_by(*order).limit(per_entity) for i in ids if per_entity > 0]
    for query in queries:
        for row in conn.execute(query).mappings():
            by_entity[row["entity_id"]].append(Mention(
                row["article_id"], row["start"], row["end"], row["text"], row["label"]))
    return [Entity(row["id"], row["name"], row["label"], tuple(json.loads(row["aliases"])),
                   tuple(by_entity[row["id"]])) for row in named]


def _spellings(conn: Any, entity_ids: list[str]) -> dict[str, list[str]]:
    """Entity id -> the texts its mentions have, most used first."""
    used = func.count().label("used")
    found: dict[str, list[str]] = {}
    for start in range(0, len(entity_ids), _IN_BATCH):
        query = (select(entity_mentions.c.entity_id, entity_mentions.c.text, used)
                 .where(entity_mentions.c.entity_id.in_(entity_ids[start:start + _IN_BATCH]))
                 .group_by(entity_mentions.c.entity_id, entity_mentions.c.text)
                 .order_by(entity_mentions.c.entity_id, used.desc(), entity_mentions.c.text))
        for entity_id, text, _ in conn.execute(query):
            found.setdefault(entity_id, []).append(text)
    return found


# Names folded and remembered: every person lookup folds every entity's name and aliases, and
# the set of names is small (a few thousand at 10k articles) and changes slowly.
_FOLDED_NAMES = 65_536


@functools.lru_cache(maxsize=_FOLDED_NAMES)
def fold_name(text: str) -> str:
    """``text`` lower-cased, without accents, with single spaces: how names are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.casefold().split())


def _bounded(query: Select[Any], scope: AnalysisScope) -> Select[Any]:
    return query if scope.limit is None else query.limit(scope.limit)
