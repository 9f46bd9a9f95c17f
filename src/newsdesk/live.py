"""Live sources wired to the store: a URL is fetched, found to be a page, a feed or a sitemap,
and every page it lists that was not stored yet is fetched and handed to ``store_one`` (the
pipeline's clean-and-store of one document, one transaction each).

What the fetcher must remember lives in the store: ETag / Last-Modified per URL (a feed that
did not change costs one 304), and the listed pages already stored or given up. A feed's
validators are saved only once all its new pages were handled, so a poll that was stopped,
capped or hit a transient failure is resumed by the next one instead of being answered 304.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsdesk.errors import UsageError
from newsdesk.ingest import (
    Fetcher,
    Listing,
    PageOrigin,
    RobotsRules,
    is_transient,
    page_document,
    parse_feed,
    parse_opml,
    parse_sitemap,
    sniff_kind,
)
from newsdesk.ingest.decode import Problem
from newsdesk.ingest.listing import unpacked_body
from newsdesk.model import (
    FeedEntry,
    Fetched,
    FetchState,
    Hints,
    RawDocument,
    Rejected,
    RejectReason,
    Source,
    SourceCheck,
    SourceKind,
    WatchEvent,
)
from newsdesk.settings import Settings
from newsdesk.store import Store

STAGE = "fetch"
# Articles stored from one document (0 when it was stored before, or rejected).
StoreOne = Callable[[RawDocument | Rejected], int]
Stop = Callable[[], bool]
# Listed pages marked as handled per transaction. Losing a batch (a crash) only means those
# pages are fetched again and found stored already (content hash); one commit per page
# would cost as much as storing the page.
_MARK_BATCH = 50


def never() -> bool:
    return False


@dataclass
class _Outcome:
    """Counts of one poll, turned into a ``SourceCheck`` at the end."""

    listed: int = 0
    new: int = 0
    stored: int = 0
    articles: int = 0
    failed: int = 0
    complete: bool = True

    def count(self, articles: int, failed: bool) -> None:
        self.stored += articles > 0
        self.articles += articles
        self.failed += failed


class _Marks:
    """Listed pages handled, saved to the store in batches."""

    def __init__(self, store: Store, source: str) -> None:
        self._store, self._source = store, source
        self._unsaved: list[tuple[str, bool]] = []
        self.count = 0

    def add(self, url: str, done: bool) -> None:
        self.count += 1
        self._unsaved.append((url, done))
        if len(self._unsaved) >= _MARK_BATCH:
            self.flush()

    def flush(self) -> None:
        if self._unsaved:
            self._store.mark_entries(self._unsaved, self._source)
            self._unsaved = []


@dataclass
class LiveRun:
    """Fetching for one ingest or watch cycle; robots.txt is read once per site per run."""

    store: Store
    fetcher: Fetcher
    settings: Settings
    stop: Stop = never
    robots: RobotsRules = field(init=False)

    def __post_init__(self) -> None:
        self.robots = RobotsRules(self.fetcher, self.settings.fetch.user_agent)

    def ingest_url(self, url: str, defaults: Hints, store_one: StoreOne,
                   ignore_robots: bool = False) -> SourceCheck:
        """Fetch ``url``; store it (a page) or every new page it lists (feed, sitemap)."""
        answer = self._fetch(url, ignore_robots, self.store.fetch_state(url))
        if isinstance(answer, Rejected):
            store_one(answer)
            return SourceCheck(url, SourceKind.AUTO, False, answer.detail, failed=1)
        if answer.not_modified:
            return SourceCheck(url, SourceKind.AUTO, True, "not modified since the last fetch")
        return self._handle(url, answer, defaults, store_one, ignore_robots)

    def poll(self, source: Source, store_one: StoreOne) -> SourceCheck:
        return self.ingest_url(source.url, Hints(), store_one, source.ignore_robots)

    def check(self, source: Source) -> SourceCheck:
        """Fetch and read a source without storing anything: reachable? what kind? how many
        listed pages are new?"""
        answer = self._fetch(source.url, source.ignore_robots, None)
        if isinstance(answer, Rejected):
            return SourceCheck(source.url, source.kind, False, answer.detail, failed=1)
        kind, listing = self._read(answer, source.ignore_robots)
        if isinstance(listing, Rejected):
            return SourceCheck(source.url, kind, False, listing.detail, failed=1)
        if listing is None:
            return SourceCheck(source.url, kind, True, f"a page ({answer.url})", listed=1)
        urls = [e.url for e in listing.entries]
        new = self.store.entries_to_fetch(urls, self.settings.fetch.max_attempts)
        return SourceCheck(source.url, kind, True, f"{kind.value} listing {len(urls)} pages",
                           listed=len(urls), new=len(new))

    # --- one fetched URL ----------------------------------------------------------------------

    def _handle(self, url: str, fetched: Fetched, defaults: Hints, store_one: StoreOne,
                ignore_robots: bool) -> SourceCheck:
        kind, listing = self._read(fetched, ignore_robots)
        if isinstance(listing, Rejected):
            store_one(listing)
            return SourceCheck(url, kind, False, listing.detail, failed=1)
        if listing is None:
            doc = page_document(fetched.body, fetched.content_type, fetched.charset,
                                PageOrigin(url, fetched.url, defaults=defaults),
                                self.settings.ingest)
            articles = store_one(doc)
            self._remember(fetched)
            if isinstance(doc, Rejected):
                return SourceCheck(url, kind, False, doc.detail, listed=1, failed=1)
            detail = "page stored" if articles else "page unchanged"
            return SourceCheck(url, kind, True, detail, listed=1, stored=int(articles > 0),
                               articles=articles)
        outcome = self._pages(url, listing, defaults, store_one, ignore_robots)
        if outcome.complete:
            self._remember(fetched)
        return _check(url, kind, outcome)

    def _read(self, fetched: Fetched,
              ignore_robots: bool) -> tuple[SourceKind, Listing | Rejected | None]:
        """The kind of a response, and its listing (None for a page)."""
        body = unpacked_body(fetched, self.settings.fetch.max_decompressed_bytes)
        if isinstance(body, Problem):
            return SourceKind.AUTO, Rejected(fetched.url, STAGE, body.reason, body.detail)
        kind = sniff_kind(fetched.content_type, body)
        if kind is SourceKind.FEED:
            return kind, _listing(fetched.url, parse_feed(body, fetched.url))
        if kind is SourceKind.SITEMAP:
            return kind, self._sitemap(fetched.url, body, ignore_robots)
        if kind is SourceKind.PAGE:
            return kind, None
        shown = fetched.content_type or "no content type"
        return SourceKind.AUTO, Rejected(fetched.url, STAGE, RejectReason.NOT_HTML,
                                         f"'{shown}' is neither a web page, a feed nor a sitemap")

    def _sitemap(self, url: str, body: bytes, ignore_robots: bool) -> Listing | Rejected:
        """A sitemap's pages; an index's children are fetched and read (one level)."""
        top = _listing(url, parse_sitemap(body))
        if isinstance(top, Rejected) or not top.sitemaps:
            return top
        entries: list[FeedEntry] = []
        for child in top.sitemaps:
            answer = self._fetch(child, ignore_robots, None)
            if isinstance(answer, Fetched):
                inner = unpacked_body(answer, self.settings.fetch.max_decompressed_bytes)
                found = parse_sitemap(inner) if isinstance(inner, bytes) else inner
                entries += found.entries if isinstance(found, Listing) else ()
        return Listing(SourceKind.SITEMAP, tuple(entries))

    # --- the pages a listing names ------------------------------------------------------------

    def _pages(self, url: str, listing: Listing, defaults: Hints, store_one: StoreOne,
               ignore_robots: bool) -> _Outcome:
        entries = _unique(listing.entries)
        cfg = self.settings.fetch
        todo = set(self.store.entries_to_fetch([e.url for e in entries], cfg.max_attempts))
        new = _newest_first([e for e in entries if e.url in todo])
        outcome = _Outcome(listed=len(entries), new=len(new))
        outcome.complete = len(new) <= cfg.max_pages_per_poll
        marks = _Marks(self.store, url)
        try:
            for entry, answer in self._fetch_all(new[:cfg.max_pages_per_poll], ignore_robots):
                found = answer if isinstance(answer, Rejected) else self._document(
                    entry, answer, defaults)
                retry = isinstance(found, Rejected) and is_transient(found)
                outcome.count(store_one(found), isinstance(found, Rejected))
                outcome.complete &= not retry
                marks.add(entry.url, done=not retry)
        finally:
            marks.flush()
        outcome.complete &= marks.count == min(len(new), cfg.max_pages_per_poll)
        return outcome

    def _document(self, entry: FeedEntry, fetched: Fetched,
                  defaults: Hints) -> RawDocument | Rejected:
        hints = Hints(published=entry.published, outlet=entry.outlet)
        fallback = replace(defaults, title=defaults.title or entry.title,
                           published=defaults.published or entry.modified)
        return page_document(fetched.body, fetched.content_type, fetched.charset,
                             PageOrigin(entry.url, fetched.url, hints, fallback),
                             self.settings.ingest)

    def _fetch_all(self, entries: list[FeedEntry], ignore_robots: bool
                   ) -> Iterator[tuple[FeedEntry, Fetched | Rejected]]:
        """Each entry with its response, in order; at most ``fetch.concurrency`` requests in
        flight. Stops handing out results once ``stop()`` says so (requests in flight finish
        and are dropped; a later poll fetches them again)."""
        workers = self.settings.fetch.concurrency
        queue = iter(entries)
        pending: deque[tuple[FeedEntry, Future[Fetched | Rejected]]] = deque()
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="newsdesk-fetch")
        try:
            self._submit(pool, pending, queue, 2 * workers, ignore_robots)
            while pending and not self.stop():
                entry, future = pending.popleft()
                yield entry, future.result()
                self._submit(pool, pending, queue, 1, ignore_robots)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _submit(self, pool: ThreadPoolExecutor,
                pending: deque[tuple[FeedEntry, Future[Fetched | Rejected]]],
                queue: Iterator[FeedEntry], count: int, ignore_robots: bool) -> None:
        for _ in range(count):
            entry = next(queue, None)
            if entry is None or self.stop():
                return
            pending.append((entry, pool.submit(self._fetch, entry.url, ignore_robots, None)))

    def _fetch(self, url: str, ignore_robots: bool,
               state: FetchState | None) -> Fetched | Rejected:
        refused = None if ignore_robots else self.robots.refuse(url)
        if refused:
            return Rejected(url, STAGE, RejectReason.ROBOTS_DISALLOWED, refused)
        return self.fetcher.fetch(url, state)

    def _remember(self, fetched: Fetched) -> None:
        if fetched.state is not None:
            self.store.save_fetch_state(fetched.state)


def _listing(url: str, found: Listing | Problem) -> Listing | Rejected:
    if isinstance(found, Problem):
        return Rejected(url, STAGE, found.reason, found.detail)
    return found


def _unique(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    seen: dict[str, FeedEntry] = {}
    for entry in entries:
        seen.setdefault(entry.url, entry)
    return list(seen.values())


def _newest_first(entries: list[FeedEntry]) -> list[FeedEntry]:
    """Dated entries newest first, then undated ones in listing order: when a poll is capped,
    the news comes first."""
    dated = [e for e in entries if e.published or e.modified]
    undated = [e for e in entries if not (e.published or e.modified)]
    dated.sort(key=lambda e: e.published or e.modified or "", reverse=True)
    return dated + undated


def _check(url: str, kind: SourceKind, outcome: _Outcome) -> SourceCheck:
    detail = (f"{outcome.listed} listed, {outcome.new} new, {outcome.stored} stored, "
              f"{outcome.failed} failed")
    ok = outcome.new == 0 or outcome.failed < outcome.new
    return SourceCheck(url, kind, ok, detail, listed=outcome.listed, new=outcome.new,
                       stored=outcome.stored, articles=outcome.articles, failed=outcome.failed)


# --- the registry and the watch loop's pieces ----------------------------------------------


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


class StopFlag:
    """Asks a watch to stop: set from a signal handler (so it takes no lock), looked at
    between documents."""

    def __init__(self) -> None:
        self._set = False

    def set(self) -> None:
        self._set = True

    def is_set(self) -> bool:
        return self._set

    def wait(self, seconds: float, sleep: Callable[[float], None] = time.sleep) -> None:
        """Sleep ``seconds``, or less once the flag is set."""
        end = time.monotonic() + seconds
        while not self._set and (left := end - time.monotonic()) > 0:
            sleep(min(left, _STOP_POLL_SECONDS))


# How often a sleeping watch looks whether it was asked to stop; a tenth of a second feels
# immediate after Ctrl-C.
_STOP_POLL_SECONDS = 0.1


def add_sources(store: Store, targets: Sequence[str],
                ignore_robots: bool) -> list[tuple[str, bool]]:
    """Register each URL, and each feed of each OPML file; (url, newly added) per feed."""
    added = []
    for target in targets:
        for url, title in _feeds_named_by(target):
            source = Source(url=url, title=title, ignore_robots=ignore_robots)
            added.append((url, store.add_source(source)))
    return added


def _feeds_named_by(target: str) -> list[tuple[str, str | None]]:
    if is_url(target):
        return [(target, None)]
    path = Path(target)
    if not path.is_file():
        raise UsageError(f"{target}: neither an http(s) URL nor an OPML file")
    try:
        found = parse_opml(path.read_bytes())
    except OSError as exc:
        raise UsageError(f"{target}: cannot read the file ({exc.strerror})") from None
    if isinstance(found, Problem):
        raise UsageError(f"{target}: {found.detail}")
    return [(url, title) for url, title in found if is_url(url)]


def check_sources(store: Store, fetcher: Fetcher, settings: Settings,
                  sources: Sequence[Source]) -> list[SourceCheck]:
    """Fetch and read each source without storing pages; record the outcome on it."""
    run = LiveRun(store, fetcher, settings)
    checks = [run.check(source) for source in sources]
    for check in checks:
        store.record_poll(check)
    return checks


def story_outlets(store: Store) -> dict[str, tuple[str, ...]]:
    """Every story id -> its outlets (empty when none is known)."""
    outlets = store.outlets_by_story()
    return {s.id: tuple(outlets.get(s.id, ())) for s in store.stories()}


def story_changes(before: dict[str, tuple[str, ...]],
                  after: dict[str, tuple[str, ...]], titles: dict[str, str]) -> list[WatchEvent]:
    """The stories that are new in ``after``, and those that gained outlets."""
    events = []
    for story_id, outlets in after.items():
        title = titles.get(story_id, "")
        if story_id not in before:
            events.append(WatchEvent("new-story", story_id, title, outlets))
            continue
        added = tuple(o for o in outlets if o not in before[story_id])
        if added:
            events.append(WatchEvent("more-outlets", story_id, title, outlets, added))
    return events
