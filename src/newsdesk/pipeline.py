"""The pipeline: the ordered stages, and the only place that wires stages to the store.

    ingest  paths -> RawDocument | Rejected           (per input, one transaction each)
    clean   RawDocument -> [Article] | Rejected        (per document, at ingest time)
    dedupe  [Article] -> [CopyLink]                    (corpus)
    cluster [Article] -> [Story]                       (corpus, online: stories keep ids)

``analyze`` first re-cleans documents whose articles a different cleaner version made, so an
upgrade takes effect on the raw input already stored.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol, TextIO

from newsdesk import brief as briefing
from newsdesk.brief import BRIEF_FORMATS, EXPORT_FORMATS
from newsdesk.clean import PRODUCERS as CLEAN_PRODUCERS
from newsdesk.clean import clean
from newsdesk.cluster import cluster
from newsdesk.dedupe import dedupe
from newsdesk.errors import NotFound
from newsdesk.ingest import expand_paths, read_path, read_upload
from newsdesk.model import (
    AnalysisScope,
    AnalyzeReport,
    Hints,
    IngestReport,
    RawDocument,
    Rejected,
    StageTiming,
)
from newsdesk.settings import Settings
from newsdesk.store import Store

__all__ = ["ANALYSIS_READERS", "BRIEF_FORMATS", "CORPUS_STAGES", "EXPORT_FORMATS", "NoProgress",
           "Progress", "Upload", "analyze", "brief", "export", "ingest", "ingest_upload",
           "needs_analysis", "read_analysis"]


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
           progress: Progress) -> IngestReport:
    """Read, clean and store every input; each document (with its articles) in one
    transaction, so an interrupted run loses nothing stored and a rerun skips it."""
    inputs = list(expand_paths(paths))
    tally = _Tally()
    progress.start("ingest", total=len(inputs))
    for item in inputs:
        with tally.timing("read"):
            found = [item] if isinstance(item, Rejected) else list(
                read_path(item, defaults, settings.ingest))
        for doc in found:
            _ingest_one(store, doc, settings, tally)
        progress.advance()
    progress.finish()
    return tally.report()


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


# --- reads for the web UI and the REST API (issue 8) ------------------------------------------

# How one analysis's records are read back, named as in the export contract (export-v1.md):
# "summary", "entities", "quotes", "figures", "quote_groups", "figure_conflicts",
# "corroboration". Each stage that stores such records adds its reader here, e.g.
# ``"quotes": lambda store, scope: store.quote_records(scope)``. A kind with no reader has not
# been built yet: the pages leave its section out and the API says it is not available.
AnalysisReader = Callable[[Store, AnalysisScope], list[dict[str, Any]]]
ANALYSIS_READERS: dict[str, AnalysisReader] = {}


def read_analysis(store: Store, kind: str, scope: AnalysisScope) -> list[dict[str, Any]] | None:
    """The records of one analysis in ``scope``; ``None`` when no stage provides it."""
    reader = ANALYSIS_READERS.get(kind)
    return None if reader is None else reader(store, scope)


def ingest_upload(store: Store, upload: Upload, settings: Settings) -> IngestReport:
    """Store the documents in bytes sent by a client (the REST API's POST), like ``ingest``."""
    tally = _Tally()
    with tally.timing("read"):
        found = list(read_upload(upload.source, upload.data, upload.media_type,
                                 upload.defaults, settings.ingest))
    for doc in found:
        _ingest_one(store, doc, settings, tally)
    return tally.report()


@dataclass(frozen=True, slots=True)
class Upload:
    """Bytes to ingest that come with a media type instead of a file name."""

    source: str
    data: bytes
    media_type: str
    defaults: Hints
