"""The pipeline: the ordered stages, and the only place that wires stages to the store.

    ingest  paths -> RawDocument | Rejected           (per input, one transaction each)
    clean   RawDocument -> [Article] | Rejected        (per document, at ingest time)
    dedupe  [Article] -> [CopyLink]                    (corpus)
    cluster [Article] -> [Story]                       (corpus, online: stories keep ids)

``analyze`` first re-cleans documents whose articles a different cleaner version made, so an
upgrade takes effect on the raw input already stored.

URLs given to ``ingest``, and the registered live sources a watch cycle polls, go through
``live`` (fetch, feeds, sitemaps) and then the same clean-and-store of one document.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol, TextIO

from newsdesk import brief as briefing
from newsdesk import live
from newsdesk.brief import BRIEF_FORMATS, EXPORT_FORMATS
from newsdesk.clean import PRODUCERS as CLEAN_PRODUCERS
from newsdesk.clean import clean
from newsdesk.cluster import cluster
from newsdesk.dedupe import dedupe
from newsdesk.errors import NotFound, UsageError
from newsdesk.ingest import Fetcher, HttpFetcher, expand_paths, parse_opml, read_path
from newsdesk.ingest.decode import Problem
from newsdesk.model import (
    AnalyzeReport,
    Hints,
    IngestReport,
    RawDocument,
    Rejected,
    Source,
    SourceCheck,
    SourceKind,
    StageTiming,
    WatchEvent,
)
from newsdesk.settings import Settings
from newsdesk.store import Store

__all__ = ["BRIEF_FORMATS", "CORPUS_STAGES", "EXPORT_FORMATS", "Fetcher", "NoProgress",
           "Progress", "StopFlag", "add_sources", "analyze", "brief", "check_sources", "export",
           "ingest", "is_url", "make_fetcher", "needs_analysis", "poll_sources",
           "story_changes", "story_outlets"]


class Progress(Protocol):
    """Where long-running work reports how far it is (a progress bar, or nothing)."""

    def start(self, task: str, total: int | None) -> None: ...
    def advance(self, amount: int = 1) -> None: ...
    def finish(self) -> None: ...


class NoProgress:
    """Reports nowhere."""

    def start(self, task: str, total: int | None) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass(frozen=True, slots=True)
class CorpusStage:
    """A stage that reads the whole corpus from the store and writes its decisions back."""

    name: str
    run: Callable[[Store, Settings], int]


def _run_dedupe(store: Store, settings: Settings) -> int:
    links = dedupe(store.articles())
    store.set_copies(links)
    return len(links)


def _run_cluster(store: Store, settings: Settings) -> int:
    stories = cluster(store.articles(), settings.cluster)
    store.save_stories(stories)
    return len(stories)


CORPUS_STAGES: tuple[CorpusStage, ...] = (
    CorpusStage("dedupe", _run_dedupe),
    CorpusStage("cluster", _run_cluster),
)


# The steps of ``ingest`` whose time is reported.
INGEST_STEPS = ("read", "clean", "store")


@dataclass
class _Tally:
    """What an ingest run did so far, and the time each step took."""

    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    articles: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(INGEST_STEPS, 0.0))

    @contextmanager
    def timing(self, step: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[step] += time.perf_counter() - started

    def report(self) -> IngestReport:
        timings = tuple(StageTiming(step, self.seconds[step], self._items(step))
                        for step in INGEST_STEPS)
        return IngestReport(tuple(self.stored), tuple(self.unchanged), tuple(self.rejected),
                            self.articles, timings)

    def _items(self, step: str) -> int:
        read = len(self.stored) + len(self.unchanged) + len(self.rejected)
        return {"read": read, "clean": len(self.stored), "store": self.articles}[step]


def ingest(store: Store, paths: Iterable[str], defaults: Hints, settings: Settings,
           progress: Progress, fetcher: Fetcher | None = None) -> IngestReport:
    """Read, clean and store every input; each document (with its articles) in one
    transaction, so an interrupted run loses nothing stored and a rerun skips it. URLs are
    fetched (a page, or every new page of a feed or sitemap)."""
    given = list(paths)
    urls = [p for p in given if is_url(p)]
    inputs = list(expand_paths(p for p in given if not is_url(p)))
    tally = _Tally()
    progress.start("ingest", total=len(inputs) + len(urls))
    for item in inputs:
        with tally.timing("read"):
            found = [item] if isinstance(item, Rejected) else list(
                read_path(item, defaults, settings.ingest))
        for doc in found:
            _ingest_one(store, doc, settings, tally)
        progress.advance()
    if urls:
        _ingest_urls(store, urls, defaults, settings, (fetcher, progress, tally))
    progress.finish()
    return tally.report()


def _ingest_urls(store: Store, urls: list[str], defaults: Hints, settings: Settings,
                 using: tuple[Fetcher | None, Progress, _Tally]) -> None:
    given, progress, tally = using
    fetcher = given or make_fetcher(settings)
    try:
        run = live.LiveRun(store, fetcher, settings)
        for url in urls:
            check = run.ingest_url(url, defaults, partial(_store_one, store, settings, tally))
            if check.ok and check.listed == 0:  # not modified since the last fetch
                tally.unchanged.append(url)
            progress.advance()
    finally:
        if given is None:
            fetcher.close()


def _store_one(store: Store, settings: Settings, tally: _Tally,
               doc: RawDocument | Rejected) -> int:
    """Clean and store one document; the number of articles it added."""
    before = tally.articles
    _ingest_one(store, doc, settings, tally)
    return tally.articles - before


def _ingest_one(store: Store, doc: RawDocument | Rejected, settings: Settings,
                tally: _Tally) -> None:
    if isinstance(doc, Rejected):
        _reject(store, doc, tally)
    elif store.has_document(doc.content_hash):
        tally.unchanged.append(doc.id)
    else:
        with tally.timing("clean"):
            found = clean(doc, settings.clean)
        if isinstance(found, Rejected):
            _reject(store, found, tally)
            return
        with tally.timing("store"):
            store.add_document(doc, found)
        tally.stored.append(doc.id)
        tally.articles += len(found)


def _reject(store: Store, rejected: Rejected, tally: _Tally) -> None:
    store.add_rejection(rejected)
    tally.rejected.append(rejected)


def analyze(store: Store, settings: Settings, progress: Progress) -> AnalyzeReport:
    """Bring every corpus-level decision up to date with what is stored."""
    before = {s.id for s in store.stories()}
    timings = [_timed("re-clean", lambda: _reclean(store, settings, progress))]
    progress.start("analyze", total=len(CORPUS_STAGES))
    counts = {}
    for stage in CORPUS_STAGES:
        timing = _timed(stage.name, partial(stage.run, store, settings))
        counts[stage.name] = timing.items
        timings.append(timing)
        progress.advance()
    progress.finish()
    after = {s.id for s in store.stories()}
    return AnalyzeReport(recleaned=timings[0].items, copies=counts["dedupe"],
                         stories=len(after), new_stories=len(after - before),
                         timings=tuple(timings))


def _reclean(store: Store, settings: Settings, progress: Progress) -> int:
    stale = list(store.documents_not_made_by({k.value: v for k, v in CLEAN_PRODUCERS.items()}))
    if not stale:
        return 0
    progress.start("re-clean", total=len(stale))
    for doc in stale:
        found = clean(doc, settings.clean)
        if isinstance(found, Rejected):
            store.add_rejection(found)
        else:
            store.replace_articles(doc, found)
        progress.advance()
    progress.finish()
    return len(stale)


def _timed(stage: str, work: Callable[[], int]) -> StageTiming:
    started = time.perf_counter()
    items = work()
    return StageTiming(stage=stage, seconds=time.perf_counter() - started, items=items)


def brief(store: Store, story_id: str, fmt: str) -> str:
    story = store.story(story_id)
    if story is None:
        raise NotFound(f"no story with id '{story_id}' (see `newsdesk stories`)")
    return briefing.render_brief(story, store.articles(story_id=story_id), fmt)


def export(store: Store, fmt: str, out: TextIO) -> dict[str, object]:
    """Write the export in ``fmt`` to ``out``; returns the data written."""
    data = briefing.build_export(store.articles(), store.stories(), store.now())
    briefing.write_export(data, fmt, out)
    return data


def needs_analysis(store: Store) -> bool:
    """True when some article is in no story yet."""
    return store.unassigned_count() > 0


# --- live sources -------------------------------------------------------------------------


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


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def make_fetcher(settings: Settings) -> Fetcher:
    return HttpFetcher.from_settings(settings.fetch)


def add_sources(store: Store, targets: Sequence[str], kind: SourceKind,
                ignore_robots: bool) -> list[tuple[str, bool]]:
    """Register each URL, and each feed of each OPML file; (url, newly added) per feed."""
    added = []
    for target in targets:
        for url, title in _feeds_named_by(target):
            source = Source(url=url, kind=kind, title=title, ignore_robots=ignore_robots)
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


def poll_sources(store: Store, fetcher: Fetcher, settings: Settings,
                 stop: Callable[[], bool]) -> tuple[list[SourceCheck], IngestReport]:
    """Poll every registered source once, storing what is new; stops between documents
    once ``stop()`` says so."""
    tally = _Tally()
    run = live.LiveRun(store, fetcher, settings, stop)
    checks = []
    for source in store.sources():
        if stop():
            break
        check = run.poll(source, partial(_store_one, store, settings, tally))
        store.record_poll(check)
        checks.append(check)
    return checks, tally.report()


def check_sources(store: Store, fetcher: Fetcher, settings: Settings,
                  sources: Sequence[Source]) -> list[SourceCheck]:
    """Fetch and read each source without storing pages; record the outcome on it."""
    run = live.LiveRun(store, fetcher, settings)
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
