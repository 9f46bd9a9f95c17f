"""The pipeline: the ordered stages, and the only place that wires stages to the store.

    ingest  paths -> RawDocument | Rejected           (per input, one transaction each)
    clean   RawDocument -> [Article] | Rejected        (per document, at ingest time)
    dedupe  [Article] -> [CopyLink]                    (corpus)
    extract [Article] -> {article: [Mention]}          (per article, only where stale)
    figures Article + [Mention] -> [Figure]            (per article, only where stale)
    quotes  [Article] -> {article: [Quote]}            (per article, only where stale)
    cluster [Article] -> [Story]                       (corpus, online: stories keep ids)
    people  [Article], mentions, quotes -> [Entity]    (corpus: names across outlets)

``analyze`` first re-cleans documents whose articles a different cleaner version made, so an
upgrade takes effect on the raw input already stored.

URLs given to ``ingest``, and the registered live sources a watch cycle polls, go through
``live`` (fetch, feeds, sitemaps) and then the same clean-and-store of one document.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol, TextIO

from newsdesk import brief as briefing
from newsdesk import live
from newsdesk.brief import BRIEF_FORMATS, EXPORT_FORMATS, quote_item
from newsdesk.clean import PRODUCERS as CLEAN_PRODUCERS
from newsdesk.clean import clean
from newsdesk.clean.repeated import mentions_any, repeated_line_stats
from newsdesk.cluster import ENTITY_LABELS, cluster
from newsdesk.cluster.embed import EMBED_PRODUCER, MiniLM, lead_text
from newsdesk.dedupe import dedupe, shared_passages
from newsdesk.errors import NotFound
from newsdesk.extract import (
    ENTITIES_PRODUCER,
    FIGURE_MENTION_LABELS,
    FIGURE_PARSE_COMPONENTS,
    FIGURES_PRODUCER,
    NER_COMPONENTS,
    PEOPLE_PRODUCER,
    QUOTE_PARSE_COMPONENTS,
    QUOTES_PRODUCER,
    english,
    find_figures,
    find_mentions,
    find_quotes,
    resolve_people,
    timeline,
)
from newsdesk.ingest import Fetcher, HttpFetcher, expand_paths, read_path, read_upload
from newsdesk.live import StopFlag, add_sources, check_sources, is_url, story_changes, story_outlets
from newsdesk.model import (
    AnalysisScope,
    AnalyzeReport,
    Hints,
    IngestReport,
    Quote,
    RawDocument,
    Rejected,
    SourceCheck,
    StageTiming,
    TimelineEntry,
)
from newsdesk.settings import Settings
from newsdesk.store import Store

__all__ = ["ANALYSIS_READERS", "BRIEF_FORMATS", "CORPUS_STAGES", "EXPORT_FORMATS", "Fetcher",
           "NoProgress", "Progress", "StopFlag", "Upload", "add_sources", "analyze", "brief",
           "check_sources", "copy_evidence", "export", "ingest", "ingest_upload", "is_url",
           "make_fetcher", "needs_analysis", "poll_sources", "quote_item", "read_analysis",
           "story_changes", "story_outlets", "story_timeline"]


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


def _run_repeated_lines(store: Store, settings: Settings) -> int:
    """Re-clean plain-text pages holding lines their outlet repeats across many pages."""
    changed = 0
    for domain, docs in store.text_documents_by_domain().items():
        stats = repeated_line_stats(domain, [d.content for d in docs], settings.clean)
        for doc in (d for d in docs if stats.hashes and mentions_any(d.content, stats)):
            found = clean(doc, settings.clean, stats)
            if not isinstance(found, Rejected):
                store.replace_articles(doc, found)
                changed += 1
    return changed


def _run_dedupe(store: Store, settings: Settings) -> int:
    links = dedupe(store.articles(), settings.dedupe)
    store.set_copies(links)
    return len(links)


def _run_entities(store: Store, settings: Settings) -> int:
    """Named-entity mentions for articles whose text or model changed since the last run."""
    stale = store.stale_for("entities", ENTITIES_PRODUCER, store.articles())
    for start in range(0, len(stale), _ENTITY_COMMIT_BATCH):
        batch = stale[start : start + _ENTITY_COMMIT_BATCH]
        found = find_mentions(batch, english(NER_COMPONENTS), settings.extract)
        store.save_mentions(found, ENTITIES_PRODUCER, {a.id: a.text for a in batch})
    return len(stale)


def _run_figures(store: Store, settings: Settings) -> int:
    """Figures for articles whose text or the figure extractor changed since the last run
    (after ``entities``: it reads their stored NER spans)."""
    stale = store.stale_for("figures", FIGURES_PRODUCER, store.articles())
    for start in range(0, len(stale), _ENTITY_COMMIT_BATCH):
        batch = stale[start : start + _ENTITY_COMMIT_BATCH]
        mentions = store.mentions([a.id for a in batch], FIGURE_MENTION_LABELS)
        nlp = english(FIGURE_PARSE_COMPONENTS)
        found = {a.id: find_figures(a, mentions.get(a.id, []), nlp, settings.figures)
                 for a in batch}
        store.save_figures(found, FIGURES_PRODUCER, {a.id: a.text for a in batch})
    return len(stale)


def _run_cluster(store: Store, settings: Settings) -> int:
    """Stories (new articles join or start one; look-alikes merged), storylines."""
    found = store.articles()
    result = cluster(found, store.mentions(labels=ENTITY_LABELS), settings.cluster,
                     meanings=store.embeddings(EMBED_PRODUCER),
                     index_path=store.file_beside(_STORY_INDEX_SUFFIX))
    store.save_stories(result.stories)
    store.record_merges(result.merges)
    store.save_storylines(result.storylines)
    return len(result.stories)


# The candidate index of stories is kept beside an SQLite database file under its name plus
# this; a server database has no folder of its own, and there it is rebuilt on every run.
_STORY_INDEX_SUFFIX = ".stories.ann"


def _run_embeddings(store: Store, settings: Settings) -> int:
    """Sentence embeddings of title and lead for articles (not copies) new or changed."""
    cfg = settings.cluster
    originals = [a for a in store.articles() if a.copy_of is None]
    stale = store.stale_for("embeddings", EMBED_PRODUCER, originals)
    for start in range(0, len(stale), _ENTITY_COMMIT_BATCH):
        batch = stale[start : start + _ENTITY_COMMIT_BATCH]
        vectors = MiniLM(cfg.embed_tokens).embed(
            [lead_text(a.title, a.text, cfg.embed_lead_chars) for a in batch])
        store.save_embeddings({a.id: vectors[row] for row, a in enumerate(batch)},
                              EMBED_PRODUCER, {a.id: a.text for a in batch})
    return len(stale)


def _run_quotes(store: Store, settings: Settings) -> int:
    """Quotes for articles whose text or quote finder changed since the last run."""
    stale = store.stale_for("quotes", QUOTES_PRODUCER, store.articles())
    for start in range(0, len(stale), _ENTITY_COMMIT_BATCH):
        batch = stale[start : start + _ENTITY_COMMIT_BATCH]
        mentions = store.mentions([a.id for a in batch])
        found = find_quotes(batch, english(QUOTE_PARSE_COMPONENTS), mentions, settings.quotes)
        store.save_quotes(found, QUOTES_PRODUCER, {a.id: a.text for a in batch})
    return len(stale)


def _run_people(store: Store, settings: Settings) -> int:
    """Entities across outlets and each quote's speaker (a cheap corpus-level pass)."""
    by_article: dict[str, list[Quote]] = {}
    for quote in store.quotes():
        by_article.setdefault(quote.article_id, []).append(quote)
    people = resolve_people(store.articles(), store.mentions(), by_article, settings.quotes)
    store.save_people(people.entities, people.speakers, PEOPLE_PRODUCER)
    return len(people.entities)


# Articles analysed between two commits: an interrupted run keeps what it finished.
_ENTITY_COMMIT_BATCH = 64

CORPUS_STAGES: tuple[CorpusStage, ...] = (
    CorpusStage("repeated-lines", _run_repeated_lines),
    CorpusStage("dedupe", _run_dedupe),
    CorpusStage("entities", _run_entities),
    CorpusStage("figures", _run_figures),
    CorpusStage("quotes", _run_quotes),
    CorpusStage("embeddings", _run_embeddings),
    CorpusStage("cluster", _run_cluster),
    CorpusStage("people", _run_people),
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
        with _fetching(settings, fetcher) as using:
            run = live.LiveRun(store, using, settings)
            store_one = partial(_store_one, store, settings, tally)
            tally.unchanged += _ingest_urls(run, urls, defaults, store_one, progress)
    progress.finish()
    return tally.report()


@contextmanager
def _fetching(settings: Settings, given: Fetcher | None) -> Iterator[Fetcher]:
    """``given``, or a fetcher made from the settings and closed afterwards."""
    if given is not None:
        yield given
        return
    made = make_fetcher(settings)
    try:
        yield made
    finally:
        made.close()


def _ingest_urls(run: live.LiveRun, urls: list[str], defaults: Hints,
                 store_one: live.StoreOne, progress: Progress) -> list[str]:
    """Fetch and store each URL; the URLs that did not change since the last fetch."""
    not_modified = []
    for url in urls:
        check = run.ingest_url(url, defaults, store_one)
        if check.ok and check.listed == 0:
            not_modified.append(url)
        progress.advance()
    return not_modified


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
    found = [f for items in store.figures().values() for f in items]
    data = briefing.build_export(store.articles(), store.stories(), store.now(),
                                 entities=store.entities(), quotes=store.quotes(),
                                 figures=found)
    briefing.write_export(data, fmt, out)
    return data


def story_timeline(store: Store, story_id: str) -> list[TimelineEntry]:
    """The story's dated happenings, from the date figures of its articles."""
    if store.story(story_id) is None:
        raise NotFound(f"no story with id '{story_id}' (see `newsdesk stories`)")
    members = store.articles(story_id=story_id)
    return timeline(members, store.figures([a.id for a in members], ["date"]))


def needs_analysis(store: Store) -> bool:
    """True when some article is in no story yet."""
    return store.unassigned_count() > 0


# --- live sources -------------------------------------------------------------------------


def make_fetcher(settings: Settings) -> Fetcher:
    return HttpFetcher.from_settings(settings.fetch)


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


def copy_evidence(store: Store, article_id: str, settings: Settings) -> list[str]:
    """The passages a copy shares with its origin (empty when it is not a copy)."""
    link = store.copy_link(article_id)
    copy, origin = store.article(article_id), link and store.article(link.copy_of)
    if copy is None or not origin:
        return []
    return shared_passages(copy.text, origin.text, settings.dedupe.passage_words)


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
