"""The pipeline: the ordered stages, and the only place that wires stages to the store.

    ingest  paths -> RawDocument | Rejected           (per input, one transaction each)
    clean   RawDocument -> [Article] | Rejected        (per document, at ingest time)
    dedupe  [Article] -> [CopyLink]                    (corpus)
    extract [Article] -> {article: [Mention]}          (per article, only where stale)
    figures Article + [Mention] -> [Figure]            (per article, only where stale)
    quotes  [Article] -> {article: [Quote]}            (per article, only where stale)
    cluster [Article] -> [Story]                       (corpus, online: stories keep ids)
    people  [Article], mentions, quotes -> [Entity]    (corpus: names across outlets)
    compare story -> Comparison                        (per story, only where its input changed)

``analyze`` first re-cleans documents whose articles a different cleaner version made, so an
upgrade takes effect on the raw input already stored.

URLs given to ``ingest``, and the registered live sources a watch cycle polls, go through
``live`` (fetch, feeds, sitemaps) and then the same clean-and-store of one document.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, Protocol, TextIO

from newsdesk import brief as briefing
from newsdesk import live
from newsdesk.brief import BRIEF_FORMATS, EXPORT_FORMATS, quote_item
from newsdesk.brief.comparisons import COMPARISON_KINDS, comparison_items
from newsdesk.brief.export import _entity as entity_item
from newsdesk.brief.export import figure_item
from newsdesk.clean import PRODUCERS as CLEAN_PRODUCERS
from newsdesk.clean import clean
from newsdesk.clean.repeated import mentions_any, repeated_line_stats
from newsdesk.cluster import ENTITY_LABELS, cluster
from newsdesk.cluster.embed import EMBED_PRODUCER, MiniLM, lead_text
from newsdesk.compare import COMPARE_PRODUCER, compare_articles, compare_story, input_hash
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
    BriefMaterial,
    Hints,
    IngestReport,
    Quote,
    RawDocument,
    Rejected,
    SourceCheck,
    StageTiming,
    Story,
    StoryView,
    TimelineEntry,
)
from newsdesk.settings import Settings
from newsdesk.store import Store

__all__ = ["ANALYSIS_READERS", "BRIEF_FORMATS", "CORPUS_STAGES", "EXPORT_FORMATS", "Fetcher",
           "NoProgress", "Progress", "StopFlag", "Upload", "add_sources", "analyze", "brief",
           "brief_material", "check_sources", "comparisons", "copy_evidence", "export",
           "ingest", "ingest_upload", "is_url", "make_fetcher", "needs_analysis",
           "people_records", "poll_sources", "quote_item", "read_analysis", "records_with_ids",
           "story_changes", "story_outlets", "story_timeline", "story_view"]


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


def _run_compare(store: Store, settings: Settings) -> int:
    """Each story's outlets compared (quotes, figures, claims); a story whose articles,
    quotes, figures and copies are unchanged since its last comparison is skipped."""
    primary = store.primary_article_ids()
    known = compare_articles(store.articles(), primary)
    primaries = [known[i] for i in sorted(primary) if i in known]
    quotes = _by_article(store.quotes())
    figures = store.figures()
    done = store.comparison_hashes(COMPARE_PRODUCER)
    stories = store.stories()
    store.drop_comparisons(set(done) - {s.id for s in stories})
    changed = 0
    for story in stories:
        members = [known[i] for i in story.article_ids if i in known]
        said = [q for i in story.article_ids for q in quotes.get(i, [])]
        stated = [f for i in story.article_ids for f in figures.get(i, [])]
        digest = input_hash(members, said, stated, primaries)
        if done.get(story.id) != digest:
            found = compare_story(story.id, members, said, stated, settings.compare, primaries)
            store.save_comparison(story.id, comparison_items(found), COMPARE_PRODUCER, digest)
            changed += 1
    return changed


def _run_story_stats(store: Store, settings: Settings) -> int:
    """Each story's counts, timeline and coverage, then its first page, and each entity's
    mention counts, stored for the web UI's story page and people list (stories, copies and
    analyses are settled by now: this stage stays last)."""
    written = store.save_story_stats()
    views = (_live_story_view(store, s.id, None, STORED_PAGE_ARTICLES)
             for s in store.stories())
    store.save_story_pages((v for v in views if v is not None), STORED_PAGE_ARTICLES)
    store.save_entity_stats()
    return written


def _by_article(quotes: Iterable[Quote]) -> dict[str, list[Quote]]:
    found: dict[str, list[Quote]] = {}
    for quote in quotes:
        found.setdefault(quote.article_id, []).append(quote)
    return found


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
    CorpusStage("compare", _run_compare),
    CorpusStage("story-stats", _run_story_stats),
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


def brief(store: Store, target_id: str, fmt: str) -> str:
    """The briefing of one story, or of one storyline (all its stories), in ``fmt``."""
    story = store.story(target_id)
    if story is not None:
        found = brief_material(store, story)
        return briefing.render_brief(story, found.articles, fmt, found)
    line = next((s for s in store.storylines() if s.id == target_id), None)
    if line is None:
        raise NotFound(f"no story or storyline with id '{target_id}' "
                       "(see `newsdesk stories` and `newsdesk storylines`)")
    stories = [s for s in (store.story(i) for i in line.story_ids) if s is not None]
    stories.sort(key=lambda s: (s.first_seen is None, s.first_seen or "", s.id))
    return briefing.render_storyline_brief(line, [brief_material(store, s) for s in stories], fmt)


def brief_material(store: Store, story: Story) -> BriefMaterial:
    """Everything a story's briefing shows, read from the store."""
    members = store.articles(story_id=story.id)
    ids = [a.id for a in members]
    found = store.figures(ids)
    figures = [f for i in ids for f in found.get(i, [])]
    dated = timeline(members, store.figures(ids, ["date"]))
    return BriefMaterial(story, tuple(members), tuple(store.quotes(ids)), tuple(figures),
                         tuple(dated), comparisons(store, story.id))


def export(store: Store, fmt: str, out: TextIO) -> dict[str, object]:
    """Write the export in ``fmt`` to ``out``; returns the data written."""
    found = [f for items in store.figures().values() for f in items]
    data = briefing.build_export(store.articles(), store.stories(), store.now(),
                                 entities=store.entities(), quotes=store.quotes(),
                                 figures=found,
                                 comparisons=comparisons(store))
    briefing.write_export(data, fmt, out)
    return data


def comparisons(store: Store, story_id: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every kind of comparison record, of all stories or of one."""
    scope = AnalysisScope(story_id=story_id)
    return {kind: store.comparison_records(kind, scope) for kind in COMPARISON_KINDS}


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


def _summary_records(store: Store, scope: AnalysisScope) -> list[dict[str, Any]]:
    """A story's summary (export: ``stories[].summary``) as ``{"story_id", "text"}``."""
    return [{"story_id": story_id, "text": text}
            for story_id, text in store.story_summaries(scope)]


def _quote_records(store: Store, scope: AnalysisScope) -> list[dict[str, Any]]:
    """Quotes as the export has them, plus the outlet of the article that carries each."""
    return [{**quote_item(quote), "outlet": outlet}
            for quote, outlet in store.scoped_quotes(scope)]


def _figure_records(store: Store, scope: AnalysisScope) -> list[dict[str, Any]]:
    """Figures as the export has them, plus the outlet of the article that carries each."""
    return [{**figure_item(figure), "outlet": outlet}
            for figure, outlet in store.scoped_figures(scope)]


def _entity_records(store: Store, scope: AnalysisScope) -> list[dict[str, Any]]:
    """Entities as the export has them, with only their mentions inside ``scope``."""
    return [entity_item(entity) for entity in store.scoped_entities(scope)]


def records_with_ids(store: Store, kind: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Quote or figure records by id (those named by a quote group or figure conflict)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    if kind == "quotes":
        return {q.id: {**quote_item(q), "outlet": o} for q, o in store.quotes_with_ids(wanted)}
    if kind == "figures":
        return {f.id: {**figure_item(f), "outlet": o} for f, o in store.figures_with_ids(wanted)}
    return {}


# The analyses a story page shows when their stages have run (names as in the export contract).
STORY_ANALYSES = ("summary", "quotes", "quote_groups", "figures", "figure_conflicts",
                  "corroboration")
# Records of each analysis a story page shows before linking to the rest: two screens of
# quotes or a table of figures; it also bounds a story page's reads (issue 8's load target).
STORY_SECTION_ROWS = 25
# Articles on a story's stored first page: the page the web UI shows and the API's default
# (desk.DEFAULT_PAGE_SIZE); a page of another size, or a later page, is read live.
STORED_PAGE_ARTICLES = 50
# The analyses whose records quote groups and figure conflicts name by id.
_REFERENCES = (("quote_groups", "quote_ids", "quotes"),
               ("figure_conflicts", "figure_ids", "figures"))


def story_view(store: Store, story_id: str, cursor: str | None, limit: int
               ) -> StoryView | None:
    """A story page (``None``: no such story): counts, timeline, coverage, a page of articles,
    and each analysis's first records. The first page is the one analyze stored, while it
    holds; any other is read live."""
    stored = store.story_page(story_id, limit) if cursor is None else None
    if stored is None:
        return _live_story_view(store, story_id, cursor, limit)
    # Only the analyses a reader is registered for (the pages leave the others out).
    return replace(stored, analysis={k: v for k, v in stored.analysis.items()
                                     if k in ANALYSIS_READERS},
                   more=tuple(k for k in stored.more if k in ANALYSIS_READERS))


def _live_story_view(store: Store, story_id: str, cursor: str | None, limit: int
                     ) -> StoryView | None:
    """A story page read from the stored records."""
    head = store.story_head(story_id)
    if head is None:
        return None
    row, timeline, coverage = head
    members = store.article_rows(story_id, None, cursor, limit, total=row.articles)
    scope = AnalysisScope(story_id=story_id, limit=STORY_SECTION_ROWS + 1)
    found = {kind: read_analysis(store, kind, scope) for kind in STORY_ANALYSES}
    shown = {k: v[:STORY_SECTION_ROWS] for k, v in found.items() if v is not None}
    more = tuple(k for k, v in found.items() if v is not None and len(v) > STORY_SECTION_ROWS)
    return StoryView(row, timeline, coverage, members, shown, more, _referenced(store, shown))


def _referenced(store: Store, shown: dict[str, list[dict[str, Any]]]
                ) -> dict[str, dict[str, Any]]:
    """The quotes and figures that groups and conflicts name but ``shown`` lacks."""
    found: dict[str, dict[str, Any]] = {}
    for holder, field_name, kind in _REFERENCES:
        have = {str(r.get("id")) for r in shown.get(kind, ())}
        named = {str(i) for r in shown.get(holder, ()) for i in _ids(r.get(field_name))}
        found |= records_with_ids(store, kind, named - have)
    return found


def people_records(store: Store, offset: int, limit: int,
                   mentions: int | None = None) -> list[dict[str, Any]] | None:
    """People (PERSON entities as the export has them, with their first ``mentions``
    mentions, all when ``None``, and ``mention_count``: how many they have in all), most
    mentioned first, ``limit`` of them from ``offset``; ``None`` when no stage provides
    entities."""
    if "entities" not in ANALYSIS_READERS:
        return None
    ranked = store.ranked_entities("PERSON", offset, limit, mentions)
    if ranked is None:  # counts not stored since the last change: ranked live, up to the page
        found = read_analysis(store, "entities",
                              AnalysisScope(entity_type="PERSON", limit=offset + limit))
        return None if found is None else [
            {**item, "mention_count": len(item["mentions"]),
             "mentions": item["mentions"][:mentions]} for item in found[offset:]]
    return [{**entity_item(entity), "mention_count": count} for entity, count in ranked]


def _ids(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


ANALYSIS_READERS: dict[str, AnalysisReader] = {
    "summary": _summary_records,
    "entities": _entity_records,
    "quotes": _quote_records,
    "figures": _figure_records,
}
# The compare stage's records (issue 7).
ANALYSIS_READERS.update({
    kind: partial(lambda kind, store, scope: store.comparison_records(kind, scope), kind)
    for kind in ("quote_groups", "figure_conflicts", "corroboration")})


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
