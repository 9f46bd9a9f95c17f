"""Live sources in the store: the registry, per-URL fetch state, feed entries seen."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import RowMapping, delete, insert, select, update

from newsdesk.model import FetchState, Source, SourceCheck, SourceKind
from newsdesk.store.base import StoreBase
from newsdesk.store.schema import fetch_state, seen_entries, sources

# Bound parameters per IN (...) query: under SQLite's 32,766 and PostgreSQL's 65,535.
_IN_BATCH = 500


class SourcesMixin(StoreBase):
    """The live-source part of ``Store``."""

    # --- registry ---------------------------------------------------------------------------

    def add_source(self, source: Source) -> bool:
        """Register ``source``; False (and nothing changed) when its URL is there already."""
        with self.engine.begin() as conn:
            if conn.execute(select(sources.c.id).where(sources.c.url == source.url)).first():
                return False
            conn.execute(insert(sources).values(
                url=source.url, kind=source.kind.value, title=source.title,
                ignore_robots=source.ignore_robots, added_at=self.now(), error_count=0,
                articles=0))
        return True

    def remove_source(self, url_or_id: str) -> Source | None:
        """Unregister a source by URL or number; the source as it was, or None."""
        found = self.source(url_or_id)
        if found is not None:
            with self.engine.begin() as conn:
                conn.execute(delete(sources).where(sources.c.url == found.url))
        return found

    def sources(self) -> list[Source]:
        with self.engine.connect() as conn:
            return [_source_from(r) for r in
                    conn.execute(select(sources).order_by(sources.c.id)).mappings()]

    def source(self, url_or_id: str) -> Source | None:
        where = sources.c.url == url_or_id
        if url_or_id.isdigit():
            where = where | (sources.c.id == int(url_or_id))
        with self.engine.connect() as conn:
            row = conn.execute(select(sources).where(where)).mappings().first()
        return _source_from(row) if row else None

    def source_numbers(self) -> dict[str, int]:
        """Source URL -> the number ``sources remove`` accepts."""
        with self.engine.connect() as conn:
            return {url: number for number, url in conn.execute(
                select(sources.c.id, sources.c.url))}

    def record_poll(self, check: SourceCheck) -> None:
        """A poll's outcome on its source: times, error count (since the last success), kind
        found, articles added."""
        now = self.now()
        values: dict[str, object] = {"last_fetch": now,
                                     "articles": sources.c.articles + check.articles}
        if check.ok:
            values.update(last_success=now, last_error=None, error_count=0)
        else:
            values.update(last_error=check.detail, error_count=sources.c.error_count + 1)
        if check.kind is not SourceKind.AUTO:
            values["kind"] = check.kind.value
        with self.engine.begin() as conn:
            conn.execute(update(sources).where(sources.c.url == check.url).values(values))

    # --- conditional GET --------------------------------------------------------------------

    def fetch_state(self, url: str) -> FetchState | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(fetch_state).where(fetch_state.c.url == url)).first()
        return FetchState(row.url, row.etag, row.last_modified) if row else None

    def save_fetch_state(self, state: FetchState) -> None:
        values = {"etag": state.etag, "last_modified": state.last_modified,
                  "updated_at": self.now()}
        with self.engine.begin() as conn:
            done = conn.execute(update(fetch_state).where(fetch_state.c.url == state.url)
                                .values(values))
            if done.rowcount == 0:
                conn.execute(insert(fetch_state).values(url=state.url, **values))

    # --- feed and sitemap entries ------------------------------------------------------------

    def entries_to_fetch(self, urls: Sequence[str], max_attempts: int) -> list[str]:
        """Those of ``urls`` (in order) not stored yet and tried fewer than ``max_attempts``
        times."""
        finished: set[str] = set()
        query = select(seen_entries.c.url).where(
            seen_entries.c.done | (seen_entries.c.attempts >= max_attempts))
        with self.engine.connect() as conn:
            for start in range(0, len(urls), _IN_BATCH):
                batch = list(urls[start:start + _IN_BATCH])
                finished.update(conn.execute(query.where(seen_entries.c.url.in_(batch)))
                                .scalars())
        return [url for url in urls if url not in finished]

    def mark_entry(self, url: str, source: str, done: bool) -> None:
        """One attempt at a listed page: ``done`` when it need not be fetched again."""
        self.mark_entries([(url, done)], source)

    def mark_entries(self, attempts: Sequence[tuple[str, bool]], source: str) -> None:
        """Several attempts, in one transaction: (url, done) each."""
        now = self.now()
        with self.engine.begin() as conn:
            for url, done in attempts:
                seen = conn.execute(update(seen_entries).where(seen_entries.c.url == url)
                                    .values(done=done, attempts=seen_entries.c.attempts + 1,
                                            last_seen=now))
                if seen.rowcount == 0:
                    conn.execute(insert(seen_entries).values(
                        url=url, source=source, done=done, attempts=1, first_seen=now,
                        last_seen=now))


def _source_from(row: RowMapping) -> Source:
    return Source(
        url=row["url"], kind=SourceKind(row["kind"]), title=row["title"],
        ignore_robots=bool(row["ignore_robots"]), added_at=row["added_at"],
        last_fetch=row["last_fetch"], last_success=row["last_success"],
        last_error=row["last_error"], error_count=row["error_count"],
        articles=row["articles"])
