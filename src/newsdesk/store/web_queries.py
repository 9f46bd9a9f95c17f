"""Read queries for the web UI and the REST API: story and article lists with keyset cursors,
a story's timeline and coverage, outlet statistics. ``WebReads`` is mixed into ``Store``.

Cursors are opaque to callers: base64url of the sort key of the last row shown, so a page is
one index range scan however deep the reader goes (no OFFSET).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import threading
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    case,
    delete,
    distinct,
    func,
    or_,
    select,
    text,
)

from newsdesk.errors import UsageError
from newsdesk.model import (
    ArticleList,
    ArticleRow,
    DayCount,
    OutletCoverage,
    OutletRow,
    StoryList,
    StoryQuery,
    StoryRow,
)
from newsdesk.store.schema import articles, outlets, stories, story_stats
from newsdesk.store.search import fts_match
from newsdesk.store.story_pages import forget_story_pages

_outlet_name = func.coalesce(articles.c.outlet, outlets.c.name, articles.c.outlet_domain)
_WITH_OUTLETS = articles.outerjoin(outlets, outlets.c.domain == articles.c.outlet_domain)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FTS_STORIES = text("SELECT a.story_id FROM articles_fts JOIN articles AS a "
                    "ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH :match")


def encode_cursor(key: Sequence[str | None]) -> str:
    raw = json.dumps(list(key), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str | None, str]:
    """(sort value, id) from a cursor this module made; anything else is a usage error."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value, row_id = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, TypeError, binascii.Error, UnicodeError):
        raise UsageError("the cursor is not one this server gave out; "
                         "start again from the first page") from None
    if not (isinstance(value, str | None) and isinstance(row_id, str)):
        raise UsageError("the cursor is not one this server gave out; "
                         "start again from the first page")
    return value, row_id


def decode_offset(cursor: str | None, kind: str) -> int:
    """The position an offset cursor of list ``kind`` points at (0 without a cursor)."""
    if cursor is None:
        return 0
    value, of = decode_cursor(cursor)
    if of != kind or value is None or not value.isdigit():
        raise UsageError("the cursor is not one this server gave out for this list")
    return int(value)


class WebReads:
    """Queries behind the pages and the API; ``Store`` provides ``engine``."""

    engine: Engine
    _watcher: Connection | None = None
    _watcher_lock = threading.Lock()

    def data_version(self) -> int | None:
        """A number that changes whenever anyone (this process or another) commits to the
        database; ``None`` where the database cannot tell (then nothing may be cached).

        SQLite's ``PRAGMA data_version`` on a connection that itself never writes."""
        if self.engine.dialect.name != "sqlite":
            return None
        with self._watcher_lock:
            if self._watcher is None:
                self._watcher = self.engine.connect()
            version = self._watcher.exec_driver_sql("PRAGMA data_version").scalar_one()
            self._watcher.rollback()
            return int(version)

    def close_web_reads(self) -> None:
        with self._watcher_lock:
            if self._watcher is not None:
                self._watcher.close()
                self._watcher = None

    def save_story_stats(self) -> int:
        """Store every story's counts, timeline and coverage (a few grouped passes over the
        articles' covering index), replacing what was stored; returns the stories written."""
        with self.engine.begin() as conn:
            counts = _coverage_counts(conn, None)
            timelines, coverages = _timelines(conn, None), _coverages(conn, None)
            conn.execute(delete(story_stats))
            known = {row[0] for row in conn.execute(select(stories.c.id))}
            rows = [{"story_id": sid, "articles": n, "outlets": o, "independent_outlets": i,
                     "timeline": json.dumps([_day_json(d) for d in timelines.get(sid, ())]),
                     "coverage": json.dumps([_coverage_json(c)
                                             for c in coverages.get(sid, ())])}
                    for sid, (n, o, i) in counts.items() if sid in known]
            if rows:
                conn.execute(story_stats.insert(), rows)
        return len(rows)

    def story_rows(self, query: StoryQuery, cursor: str | None, limit: int) -> StoryList:
        """Stories latest activity first, filtered, one page from ``cursor``."""
        where = _story_filters(query, self.engine.dialect.name)
        page = select(stories).where(*where).order_by(
            stories.c.last_seen.desc().nulls_last(), stories.c.id)
        if cursor is not None:
            page = page.where(_after_story(*decode_cursor(cursor)))
        total_query = select(func.count()).select_from(stories).where(*where)
        with self.engine.connect() as conn:
            rows = list(conn.execute(page.limit(limit + 1)).mappings())
            counts = _counts(conn, [r["id"] for r in rows[:limit]])
            total = int(conn.execute(total_query).scalar_one())
        items = tuple(_story_row(r, counts.get(r["id"], (0, 0, 0))) for r in rows[:limit])
        more = len(rows) > limit
        next_cursor = encode_cursor((items[-1].last_seen, items[-1].id)) if more else None
        return StoryList(items, total, next_cursor)

    def story_row(self, story_id: str) -> StoryRow | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(stories).where(stories.c.id == story_id)).mappings().first()
            if row is None:
                return None
            counts = _counts(conn, [story_id])
        return _story_row(row, counts.get(story_id, (0, 0, 0)))

    def story_charts(self, story_id: str
                     ) -> tuple[tuple[DayCount, ...], tuple[OutletCoverage, ...]]:
        """A story's timeline and coverage: the stored ones (one row) while they hold, else
        counted from its articles."""
        with self.engine.connect() as conn:
            return _charts(conn, story_id, _fresh_stats(conn, [story_id]).get(story_id))

    def story_head(self, story_id: str) -> tuple[StoryRow, tuple[DayCount, ...],
                                                  tuple[OutletCoverage, ...]] | None:
        """A story's row, timeline and coverage (what a story page shows above its articles)
        in two reads while its stored stats hold."""
        with self.engine.connect() as conn:
            row = conn.execute(select(stories).where(stories.c.id == story_id)).mappings().first()
            if row is None:
                return None
            stored = _fresh_stats(conn, [story_id]).get(story_id)
            counts = (_stored_counts(stored) if stored is not None
                      else _coverage_counts(conn, [story_id]).get(story_id, (0, 0, 0)))
            return (_story_row(row, counts), *_charts(conn, story_id, stored))

    def article_rows(self, story_id: str | None, outlet: str | None, cursor: str | None,
                     limit: int, total: int | None = None) -> ArticleList:
        """Articles oldest first (undated last), of one story and/or outlet, one page;
        ``total`` when the caller already knows how many there are."""
        where = _article_filters(story_id, outlet)
        page = (select(articles.c.id, articles.c.title, _outlet_name.label("outlet"),
                       articles.c.published, articles.c.url, articles.c.story_id,
                       articles.c.copy_of)
                .select_from(_WITH_OUTLETS).where(*where)
                .order_by(articles.c.published.nulls_last(), articles.c.id))
        if cursor is not None:
            page = page.where(_after_article(*decode_cursor(cursor)))
        # Without an outlet filter the join adds nothing to count (one outlet row per domain
        # at most): counting the story index alone never reads a row.
        counted = _WITH_OUTLETS if outlet is not None else articles
        total_query = select(func.count()).select_from(counted).where(*where)
        with self.engine.connect() as conn:
            rows = list(conn.execute(page.limit(limit + 1)).mappings())
            if total is None:
                total = int(conn.execute(total_query).scalar_one())
        items = tuple(ArticleRow(**row) for row in rows[:limit])
        more = len(rows) > limit
        next_cursor = encode_cursor((items[-1].published, items[-1].id)) if more else None
        return ArticleList(items, total, next_cursor)

    def story_timeline(self, story_id: str) -> tuple[DayCount, ...]:
        """Articles and outlets per day (undated articles are left out)."""
        return self.story_charts(story_id)[0]

    def story_coverage(self, story_id: str) -> tuple[OutletCoverage, ...]:
        """Each outlet's articles in a story, earliest outlet first."""
        return self.story_charts(story_id)[1]

    def outlet_rows(self) -> list[OutletRow]:
        """Every outlet with its articles, stories, firsts and only-here stories."""
        with self.engine.connect() as conn:
            totals = _outlet_totals(conn)
            firsts = _first_outlet_counts(conn)
            alone = _only_here_counts(conn)
        return [OutletRow(name=name, articles=n, stories=s, first=firsts.get(name, 0),
                          only_here=alone.get(name, 0), copies=c)
                for name, n, s, c in totals]


def _story_filters(query: StoryQuery, dialect: str) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if query.since:
        where.append(stories.c.last_seen >= _iso_day(query.since, "since"))
    if query.until:
        after = (date.fromisoformat(_iso_day(query.until, "until")) + timedelta(days=1))
        where.append(stories.c.first_seen < after.isoformat())
    if query.outlet:
        where.append(stories.c.id.in_(select(articles.c.story_id).select_from(_WITH_OUTLETS)
                                      .where(_outlet_name == query.outlet)))
    for words, whole in ((query.text, False), (query.person, True)):
        if words and _CONTROL.sub(" ", words).strip():
            where.append(stories.c.id.in_(_matching_stories(words, whole, dialect)))
    return where


def _matching_stories(words: str, phrase: bool, dialect: str) -> Any:
    printable = _CONTROL.sub(" ", words)
    terms = [printable.strip()] if phrase else printable.split()
    if dialect == "sqlite":
        return _FTS_STORIES.bindparams(match=fts_match(terms)).columns(articles.c.story_id)
    return select(articles.c.story_id).where(
        and_(*(or_(articles.c.text.ilike(f"%{t}%"), articles.c.title.ilike(f"%{t}%"))
               for t in terms)))


def _iso_day(value: str, name: str) -> str:
    try:
        return date.fromisoformat(value[: len("2025-02-12")]).isoformat()
    except ValueError:
        raise UsageError(f"{name} '{value}' is not a date such as 2025-02-12") from None


def _article_filters(story_id: str | None, outlet: str | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if story_id is not None:
        where.append(articles.c.story_id == story_id)
    if outlet is not None:
        where.append(_outlet_name == outlet)
    return where


def _after_story(last_seen: str | None, story_id: str) -> ColumnElement[bool]:
    """Rows after (last_seen, id) in the order last_seen desc (nulls last), id."""
    if last_seen is None:
        return and_(stories.c.last_seen.is_(None), stories.c.id > story_id)
    return or_(stories.c.last_seen < last_seen, stories.c.last_seen.is_(None),
               and_(stories.c.last_seen == last_seen, stories.c.id > story_id))


def _after_article(published: str | None, article_id: str) -> ColumnElement[bool]:
    """Rows after (published, id) in the order published (nulls last), id."""
    if published is None:
        return and_(articles.c.published.is_(None), articles.c.id > article_id)
    return or_(articles.c.published > published, articles.c.published.is_(None),
               and_(articles.c.published == published, articles.c.id > article_id))


def _counts(conn: Connection, story_ids: list[str]) -> dict[str, tuple[int, int, int]]:
    """Story id -> (articles, outlets, independent outlets): the stored counts where fresh,
    the others counted."""
    found = {sid: _stored_counts(r) for sid, r in _fresh_stats(conn, story_ids).items()}
    rest = [sid for sid in story_ids if sid not in found]
    return found | (_coverage_counts(conn, rest) if rest else {})


def _fresh_stats(conn: Connection, story_ids: list[str]) -> dict[str, Any]:
    """Stored stats of these stories. They hold: members join or leave a story, and copies
    change, only in analyze, which rewrites them at its end; the writes that could change
    them in between (a document re-cleaned, a new outlet's name) drop them all first."""
    if not story_ids:
        return {}
    query = select(story_stats).where(story_stats.c.story_id.in_(story_ids))
    return {row["story_id"]: row for row in conn.execute(query).mappings()}


def _stored_counts(row: Any) -> tuple[int, int, int]:
    return int(row["articles"]), int(row["outlets"]), int(row["independent_outlets"])


def _charts(conn: Connection, story_id: str, stored: Any | None
            ) -> tuple[tuple[DayCount, ...], tuple[OutletCoverage, ...]]:
    """Timeline and coverage from the stored row, or counted when there is none."""
    if stored is not None:
        return (tuple(DayCount(**d) for d in json.loads(stored["timeline"])),
                tuple(OutletCoverage(**c) for c in json.loads(stored["coverage"])))
    return (_timelines(conn, [story_id]).get(story_id, ()),
            _coverages(conn, [story_id]).get(story_id, ()))


def forget_story_stats(conn: Connection) -> None:
    """Drop every story's stored stats and stored page (pages count live until analyze
    writes them again)."""
    conn.execute(delete(story_stats))
    forget_story_pages(conn)


def _coverage_counts(conn: Connection, story_ids: list[str] | None
                     ) -> dict[str, tuple[int, int, int]]:
    """Story id -> (articles, outlets, independent outlets) of these stories (``None``: all);
    a copy's outlet is not counted as independent (its origin is)."""
    original = case((articles.c.copy_of.is_(None), _outlet_name))
    query = (select(articles.c.story_id, func.count(), func.count(distinct(_outlet_name)),
                    func.count(distinct(original)))
             .select_from(_WITH_OUTLETS).where(_in_stories(story_ids))
             .group_by(articles.c.story_id))
    return {row[0]: (int(row[1]), int(row[2]), int(row[3])) for row in conn.execute(query)}


def _in_stories(story_ids: list[str] | None) -> ColumnElement[bool]:
    if story_ids is None:
        return articles.c.story_id.is_not(None)
    return articles.c.story_id.in_(story_ids)


def _timelines(conn: Connection, story_ids: list[str] | None
               ) -> dict[str, tuple[DayCount, ...]]:
    """Story id -> articles and outlets per day (undated articles are left out)."""
    day = func.substr(articles.c.published, 1, len("2025-02-12"))
    query = (select(articles.c.story_id, day.label("day"), func.count().label("articles"),
                    func.count(distinct(_outlet_name)).label("outlets"))
             .select_from(_WITH_OUTLETS)
             .where(_in_stories(story_ids), articles.c.published.is_not(None))
             .group_by(articles.c.story_id, day).order_by(articles.c.story_id, day))
    found: dict[str, list[DayCount]] = {}
    for row in conn.execute(query).mappings():
        found.setdefault(row["story_id"], []).append(
            DayCount(row["day"], row["articles"], row["outlets"]))
    return {sid: tuple(days) for sid, days in found.items()}


def _coverages(conn: Connection, story_ids: list[str] | None
               ) -> dict[str, tuple[OutletCoverage, ...]]:
    """Story id -> each outlet's articles in the story, earliest outlet first."""
    first = func.min(articles.c.published)
    copies = func.sum(case((articles.c.copy_of.is_not(None), 1), else_=0))
    query = (select(articles.c.story_id,
                    func.coalesce(_outlet_name, "unknown outlet").label("outlet"),
                    func.count().label("articles"), first.label("first_published"),
                    copies.label("copies"))
             .select_from(_WITH_OUTLETS).where(_in_stories(story_ids))
             .group_by(articles.c.story_id, _outlet_name)
             .order_by(articles.c.story_id, first.nulls_last(), _outlet_name))
    found: dict[str, list[OutletCoverage]] = {}
    for row in conn.execute(query).mappings():
        found.setdefault(row["story_id"], []).append(OutletCoverage(
            row["outlet"], row["articles"], row["first_published"], int(row["copies"] or 0)))
    return {sid: tuple(rows) for sid, rows in found.items()}


def _day_json(day: DayCount) -> dict[str, Any]:
    return {"day": day.day, "articles": day.articles, "outlets": day.outlets}


def _coverage_json(row: OutletCoverage) -> dict[str, Any]:
    return {"outlet": row.outlet, "articles": row.articles,
            "first_published": row.first_published, "copies": row.copies}


def _story_row(row: Any, counts: tuple[int, int, int]) -> StoryRow:
    return StoryRow(id=row["id"], title=row["title"], storyline_id=row["storyline_id"],
                    first_seen=row["first_seen"], last_seen=row["last_seen"],
                    articles=counts[0], outlets=counts[1], independent_outlets=counts[2])


def _outlet_totals(conn: Connection) -> list[tuple[str, int, int, int]]:
    copies = func.sum(case((articles.c.copy_of.is_not(None), 1), else_=0))
    stories_of = func.count(distinct(articles.c.story_id))
    query = (select(_outlet_name, func.count(), stories_of, copies)
             .select_from(_WITH_OUTLETS).where(_outlet_name.is_not(None))
             .group_by(_outlet_name).order_by(func.count().desc(), _outlet_name))
    return [(row[0], int(row[1]), int(row[2]), int(row[3] or 0)) for row in conn.execute(query)]


def _first_outlet_counts(conn: Connection) -> dict[str, int]:
    """Outlet -> stories in which it published the earliest dated article."""
    rank = func.row_number().over(partition_by=articles.c.story_id,
                                  order_by=(articles.c.published, articles.c.id))
    ranked = (select(_outlet_name.label("outlet"), rank.label("rank")).select_from(_WITH_OUTLETS)
              .where(articles.c.story_id.is_not(None), articles.c.published.is_not(None))
              .subquery())
    query = (select(ranked.c.outlet, func.count()).where(ranked.c.rank == 1,
                                                          ranked.c.outlet.is_not(None))
             .group_by(ranked.c.outlet))
    return {row[0]: int(row[1]) for row in conn.execute(query)}


def _only_here_counts(conn: Connection) -> dict[str, int]:
    """Outlet -> stories no other outlet reported."""
    per_story = (select(articles.c.story_id, func.min(_outlet_name).label("outlet"))
                 .select_from(_WITH_OUTLETS)
                 .where(articles.c.story_id.is_not(None), _outlet_name.is_not(None))
                 .group_by(articles.c.story_id).having(func.count(distinct(_outlet_name)) == 1)
                 .subquery())
    query = select(per_story.c.outlet, func.count()).group_by(per_story.c.outlet)
    return {row[0]: int(row[1]) for row in conn.execute(query)}
