"""``Store``: writes and reads of every artefact, each write in one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Connection,
    RowMapping,
    Select,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from newsdesk.model import (
    Article,
    CopyLink,
    RawDocument,
    Rejected,
    RejectReason,
    SearchHit,
    Story,
)
from newsdesk.store import rows
from newsdesk.store.base import Clock
from newsdesk.store.comparisons import ComparisonStore
from newsdesk.store.embeddings import EmbeddingStore
from newsdesk.store.engine import open_engine
from newsdesk.store.figures import FigureStore
from newsdesk.store.lines import LinesMixin
from newsdesk.store.quotes import QuoteStore
from newsdesk.store.schema import articles, documents, outlets, rejections, stories
from newsdesk.store.search import search_articles
from newsdesk.store.sources import SourcesMixin
from newsdesk.store.stories import StoryStore
from newsdesk.store.story_pages import StoryPageStore
from newsdesk.store.web_analysis import AnalysisReads
from newsdesk.store.web_queries import WebReads, forget_story_stats


@dataclass(frozen=True, slots=True)
class RejectionRecord:
    """A rejection as stored: how often and when it was last seen."""

    rejected: Rejected
    count: int
    last_seen: str


class Store(QuoteStore, FigureStore, StoryStore, SourcesMixin, LinesMixin, WebReads,
            ComparisonStore, AnalysisReads, EmbeddingStore, StoryPageStore):
    """All reads and writes of one database."""

    @classmethod
    def open(cls, db: str, clock: Clock | None = None) -> Store:
        return cls(open_engine(db), clock)

    def close(self) -> None:
        self.close_web_reads()
        self.engine.dispose()

    # --- documents ------------------------------------------------------------------------

    def has_document(self, content_hash: str) -> bool:
        query = select(documents.c.id).where(documents.c.content_hash == content_hash)
        with self.engine.connect() as conn:
            return conn.execute(query).first() is not None

    def add_document(self, doc: RawDocument, found: Sequence[Article]) -> None:
        """The raw document and its articles, together or not at all."""
        now = self.now()
        with self.engine.begin() as conn:
            conn.execute(insert(documents).values(rows.document_row(doc, now)))
            self._insert_articles(conn, found, now)

    def replace_articles(self, doc: RawDocument, found: Sequence[Article]) -> None:
        """A document's articles as a newer cleaner sees them; stories are kept by id."""
        now = self.now()
        with self.engine.begin() as conn:
            keep = [a.id for a in found]
            forget_story_stats(conn)  # stories' members change: counted live until analyze
            conn.execute(delete(articles).where(
                and_(articles.c.document_id == doc.id, articles.c.id.not_in(keep))))
            for article in found:
                row = rows.article_row(article, now)
                del row["ingested_at"]
                result = conn.execute(update(articles).where(articles.c.id == article.id)
                                      .values(row))
                if result.rowcount == 0:
                    self._insert_articles(conn, [article], now)

    def documents_not_made_by(self, producers: dict[str, str]) -> Iterator[RawDocument]:
        """Documents having an article whose producer is not the current one for its kind."""
        stale = select(articles.c.document_id).where(
            ~_made_by_current(producers)).distinct()
        query = select(documents).where(documents.c.id.in_(stale)).order_by(documents.c.id)
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                yield rows.document_from(row)

    def document(self, document_id: str) -> RawDocument | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(documents).where(documents.c.id == document_id)).mappings().first()
        return rows.document_from(row) if row else None

    def _insert_articles(self, conn: Connection, found: Iterable[Article], now: str) -> None:
        for article in found:
            conn.execute(insert(articles).values(rows.article_row(article, now)))
            if article.outlet and article.outlet_domain:
                self._remember_outlet(conn, article.outlet_domain, article.outlet)

    def _remember_outlet(self, conn: Connection, domain: str, name: str) -> None:
        known = conn.execute(select(outlets.c.name).where(outlets.c.domain == domain)).first()
        if known is None:
            conn.execute(insert(outlets).values(domain=domain, name=name))
            forget_story_stats(conn)  # an outlet's name may change in stories' coverage

    # --- rejections -----------------------------------------------------------------------

    def add_rejection(self, rejected: Rejected) -> None:
        now = self.now()
        same = and_(rejections.c.source == rejected.source, rejections.c.stage == rejected.stage,
                    rejections.c.reason == rejected.reason.value,
                    rejections.c.detail == rejected.detail)
        with self.engine.begin() as conn:
            seen = conn.execute(update(rejections).where(same).values(
                count=rejections.c.count + 1, last_seen=now))
            if seen.rowcount == 0:
                conn.execute(insert(rejections).values(
                    source=rejected.source, stage=rejected.stage, reason=rejected.reason.value,
                    detail=rejected.detail, count=1, first_seen=now, last_seen=now))

    def rejections(self) -> list[RejectionRecord]:
        query = select(rejections).order_by(rejections.c.last_seen.desc(), rejections.c.id)
        with self.engine.connect() as conn:
            return [_rejection_from(row) for row in conn.execute(query).mappings()]

    # --- articles -------------------------------------------------------------------------

    def articles(self, story_id: str | None = None, outlet: str | None = None,
                 ids: Sequence[str] | None = None) -> list[Article]:
        """Articles, oldest first, optionally of one story, one outlet, or these ids."""
        query = _articles_query()
        if story_id is not None:
            query = query.where(articles.c.story_id == story_id)
        if outlet is not None:
            query = query.where(func.coalesce(articles.c.outlet, outlets.c.name,
                                              articles.c.outlet_domain) == outlet)
        if ids is not None:
            query = query.where(articles.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            return [rows.article_from(row) for row in conn.execute(query).mappings()]

    def article(self, article_id: str) -> Article | None:
        found = self.articles(ids=[article_id])
        return found[0] if found else None

    def unassigned_count(self) -> int:
        """Articles in no story yet."""
        query = select(func.count()).select_from(articles).where(articles.c.story_id.is_(None))
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def copy_link(self, article_id: str) -> CopyLink | None:
        query = select(articles.c.copy_of, articles.c.copy_similarity, articles.c.copy_method
                       ).where(and_(articles.c.id == article_id, articles.c.copy_of.is_not(None)))
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        return CopyLink(article_id, row.copy_of, row.copy_similarity or 0.0, row.copy_method or "")

    def set_copies(self, links: Iterable[CopyLink]) -> None:
        """Replace every copy decision with ``links``."""
        with self.engine.begin() as conn:
            forget_story_stats(conn)  # independent outlets change: analyze writes them again
            conn.execute(update(articles).values(copy_of=None, copy_similarity=None,
                                                 copy_method=None))
            for link in links:
                conn.execute(update(articles).where(articles.c.id == link.article_id).values(
                    copy_of=link.copy_of, copy_similarity=link.similarity,
                    copy_method=link.method))

    # --- stories --------------------------------------------------------------------------

    def save_stories(self, found: Sequence[Story]) -> None:
        """Make the stored stories exactly ``found``: upsert each, assign its articles, and
        drop stories left with no article."""
        now = self.now()
        with self.engine.begin() as conn:
            forget_story_stats(conn)  # members change: analyze writes them again
            known = set(conn.execute(select(stories.c.id)).scalars())
            for story in found:
                row = rows.story_row(story, now)
                if story.id in known:
                    conn.execute(update(stories).where(stories.c.id == story.id).values(row))
                else:
                    conn.execute(insert(stories).values(row))
                conn.execute(update(articles).where(articles.c.id.in_(story.article_ids))
                             .values(story_id=story.id))
            gone = known - {s.id for s in found}
            if gone:
                conn.execute(update(articles).where(articles.c.story_id.in_(gone))
                             .values(story_id=None))
                conn.execute(delete(stories).where(stories.c.id.in_(gone)))

    def stories(self, ids: Sequence[str] | None = None) -> list[Story]:
        """Stories, latest activity first."""
        query = select(stories).order_by(stories.c.last_seen.desc().nulls_last(), stories.c.id)
        if ids is not None:
            query = query.where(stories.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            members = _members_by_story(conn)
            return [rows.story_from(row, members.get(row["id"], ()))
                    for row in conn.execute(query).mappings()]

    def outlets_by_story(self) -> dict[str, list[str]]:
        """Each story's outlets (names where known, else domains), sorted."""
        outlet = func.coalesce(articles.c.outlet, outlets.c.name, articles.c.outlet_domain)
        joined = articles.outerjoin(outlets, outlets.c.domain == articles.c.outlet_domain)
        query = (select(articles.c.story_id, outlet).select_from(joined).distinct()
                 .where(and_(articles.c.story_id.is_not(None), outlet.is_not(None))))
        found: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            for story_id, name in conn.execute(query):
                found.setdefault(story_id, []).append(name)
        return {key: sorted(names) for key, names in found.items()}

    def story(self, story_id: str) -> Story | None:
        found = self.stories(ids=[story_id])
        return found[0] if found else None

    # --- search ---------------------------------------------------------------------------

    def search(self, query: str, limit: int) -> list[SearchHit]:
        """Articles matching ``query`` (words, "quoted phrases"), best first."""
        with self.engine.connect() as conn:
            return search_articles(conn, query, limit)


def _articles_query() -> Select[tuple[object, ...]]:
    joined = articles.outerjoin(outlets, outlets.c.domain == articles.c.outlet_domain)
    return (select(articles, outlets.c.name.label("outlet_name")).select_from(joined)
            .order_by(articles.c.published.nulls_last(), articles.c.id))


def _members_by_story(conn: Connection) -> dict[str, tuple[str, ...]]:
    query = (select(articles.c.story_id, articles.c.id)
             .where(articles.c.story_id.is_not(None))
             .order_by(articles.c.published.nulls_last(), articles.c.id))
    members: dict[str, list[str]] = {}
    for story_id, article_id in conn.execute(query):
        members.setdefault(story_id, []).append(article_id)
    return {key: tuple(value) for key, value in members.items()}


def _made_by_current(producers: dict[str, str]) -> ColumnElement[bool]:
    kind = (select(documents.c.kind).where(documents.c.id == articles.c.document_id)
            .scalar_subquery())
    return or_(*(and_(kind == k, articles.c.producer == p) for k, p in producers.items()))


def _rejection_from(row: RowMapping) -> RejectionRecord:
    rejected = Rejected(source=row["source"], stage=row["stage"],
                        reason=RejectReason(row["reason"]), detail=row["detail"])
    return RejectionRecord(rejected, row["count"], row["last_seen"])
