"""``Desk``: the library API. The CLI, the web UI and the REST API are thin layers over it."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from newsdesk import pipeline
from newsdesk.errors import NotFound, UsageError
from newsdesk.model import (
    AnalysisScope,
    AnalyzeReport,
    Article,
    ArticleList,
    ArticleView,
    CopyLink,
    Entity,
    Figure,
    Hints,
    IngestReport,
    Mention,
    OutletRow,
    PersonRow,
    PersonView,
    Quote,
    RawDocument,
    RecordPage,
    SearchHit,
    Source,
    SourceCheck,
    Story,
    Storyline,
    StoryList,
    StoryMerge,
    StoryQuery,
    StoryRow,
    StoryView,
    TimelineEntry,
    WatchEvent,
)
from newsdesk.pipeline import (  # noqa: F401 (STORY_*: named here too, as before)
    STORY_ANALYSES,
    STORY_SECTION_ROWS,
    Fetcher,
    NoProgress,
    Progress,
    StopFlag,
)
from newsdesk.settings import Settings
from newsdesk.store import RejectionRecord, Store
from newsdesk.store.base import Clock
from newsdesk.store.web_queries import decode_offset, encode_cursor

# The folders of examples/corpus that hold articles.
SAMPLE_CORPUS_FOLDERS = ("html", "text", "wire")
# How many hits a search returns unless asked for more.
DEFAULT_SEARCH_LIMIT = 20
# Rows per page of a list (stories, articles) unless asked otherwise, and the most allowed:
# 50 fills two phone screens; 500 bounds one request's work on a large corpus.
DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 50, 500
# The analyses an article page shows when their stages have run (names as in the export
# contract); a story page's are pipeline.STORY_ANALYSES.
ARTICLE_ANALYSES = ("quotes", "figures", "entities")
# The most quotes a person page shows (the API pages through all of them).
PERSON_QUOTES = 200
# Other spellings of a name the people list shows (the page showed six before: a line).
PERSON_SPELLINGS = 6
# Words that stand for a person without naming them: not shown as what they are called.
_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "i", "we", "you", "it"})


class Desk:
    """One newsdesk database and everything that can be done with it.

    >>> with Desk("news.db") as desk:                        # doctest: +SKIP
    ...     desk.ingest(["pages/"])
    ...     desk.analyze()
    ...     for story in desk.stories(): print(story.title)
    """

    def __init__(self, path: str | Path | None = None, settings: Settings | None = None,
                 clock: Clock | None = None, fetcher: Fetcher | None = None) -> None:
        self.settings = settings or Settings()
        db = str(path) if path is not None else self.settings.store.db
        self._store = Store.open(db, clock)
        self._fetcher, self._owns_fetcher = fetcher, fetcher is None

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._store.close()
        if self._owns_fetcher and self._fetcher is not None:
            self._fetcher.close()

    def ingest(self, paths: Iterable[str | Path], *, outlet: str | None = None,
               published: str | None = None, url: str | None = None,
               progress: Progress | None = None, primary: bool = False) -> IngestReport:
        """Store every supported file under ``paths``; the keyword values fill in metadata
        an input does not carry itself. ``primary``: the inputs are primary sources (a
        transcript, a statement) that outlets' quotes are checked against."""
        defaults = Hints(outlet=outlet, published=_checked_date(published), url=url,
                         primary=primary)
        given = [str(p) for p in paths]
        fetcher = self._live_fetcher() if any(pipeline.is_url(p) for p in given) else None
        return pipeline.ingest(self._store, given, defaults, self.settings,
                               progress or NoProgress(), fetcher)

    def analyze(self, progress: Progress | None = None) -> AnalyzeReport:
        """Bring copies and stories up to date with every stored article."""
        return pipeline.analyze(self._store, self.settings, progress or NoProgress())

    def stories(self) -> list[Story]:
        """Every story, latest activity first."""
        return self._store.stories()

    def outlets_by_story(self) -> dict[str, list[str]]:
        """Story id -> the outlets that reported it."""
        return self._store.outlets_by_story()

    def story(self, story_id: str) -> Story:
        found = self._store.story(story_id)
        merged = None if found else self._store.merged_into(story_id)
        if merged is not None:
            found = self._store.story(merged)
        if found is None:
            raise NotFound(f"no story with id '{story_id}' (see `newsdesk stories`)")
        return found

    def articles(self, story_id: str | None = None, outlet: str | None = None) -> list[Article]:
        """Articles oldest first, optionally of one story or one outlet."""
        return self._store.articles(story_id=story_id, outlet=outlet)

    def article(self, article_id: str) -> Article:
        found = self._store.article(article_id)
        if found is None:
            raise NotFound(f"no article with id '{article_id}'")
        return found

    def raw(self, article_id: str) -> RawDocument:
        """The input an article was cleaned from, exactly as stored."""
        found = self._store.document(self.article(article_id).document_id)
        if found is None:
            raise NotFound(f"the raw input of '{article_id}' is missing")
        return found

    def mentions(self, article_ids: Iterable[str] | None = None,
                 labels: Iterable[str] | None = None) -> dict[str, list[Mention]]:
        """Named-entity mentions per article (spaCy labels: PERSON, ORG, GPE, MONEY, …)."""
        return self._store.mentions(None if article_ids is None else list(article_ids),
                                    None if labels is None else list(labels))

    def copy_link(self, article_id: str) -> CopyLink | None:
        """Why an article counts as a copy of another, if it does."""
        return self._store.copy_link(article_id)

    def search(self, query: str, limit: int = DEFAULT_SEARCH_LIMIT) -> list[SearchHit]:
        return self._store.search(query, limit)

    def rejected(self) -> list[RejectionRecord]:
        """Every input that was not stored, with the reason, newest first."""
        return self._store.rejections()

    def export(self, out: TextIO, fmt: str = "json") -> dict[str, Any]:
        """Write the export (``shared/contract/export-v1.md``) to ``out``; analyses first
        when some article is in no story yet, since every exported article has a story."""
        if pipeline.needs_analysis(self._store):
            self.analyze()
        return pipeline.export(self._store, fmt, out)

    def brief(self, story_id: str, fmt: str = "md") -> str:
        """The briefing of one story, or of one storyline (``l-…``), as Markdown (``md``),
        self-contained HTML (``html``) or ``json``."""
        if fmt not in pipeline.BRIEF_FORMATS:
            raise UsageError(f"unknown briefing format '{fmt}' "
                             f"(choose from {', '.join(pipeline.BRIEF_FORMATS)})")
        if story_id.startswith("s-") and self._store.merged_into(story_id):
            story_id = self.story(story_id).id
        return pipeline.brief(self._store, story_id, fmt)

    def add_sources(self, targets: Sequence[str],
                    ignore_robots: bool = False) -> list[tuple[str, bool]]:
        """Register feed, sitemap or page URLs, or every feed of an OPML file; (url, newly
        added) for each. What each is (``Source.kind``) is found out on every fetch."""
        return pipeline.add_sources(self._store, targets, ignore_robots)

    def remove_source(self, url_or_number: str) -> Source:
        found = self._store.remove_source(url_or_number)
        if found is None:
            raise NotFound(f"no source '{url_or_number}' (see `newsdesk sources list`)")
        return found

    def sources(self) -> list[Source]:
        """Every registered source with its last fetch, last success, errors and articles."""
        return self._store.sources()

    def source_numbers(self) -> dict[str, int]:
        return self._store.source_numbers()

    def check_sources(self, which: Sequence[str] = ()) -> list[SourceCheck]:
        """Fetch and read each source (or those named) without storing pages."""
        found = [self._source(w) for w in which] if which else self.sources()
        return pipeline.check_sources(self._store, self._live_fetcher(), self.settings, found)

    def poll(self, stop: StopFlag | None = None) -> tuple[list[SourceCheck], IngestReport]:
        """Poll every source once and store what is new (no analysis)."""
        flag = stop or StopFlag()
        return pipeline.poll_sources(self._store, self._live_fetcher(), self.settings,
                                     flag.is_set)

    def watch(self, stop: StopFlag, on_event: Callable[[WatchEvent], None],
              on_poll: Callable[[SourceCheck], None] | None = None,
              every: float | None = None, once: bool = False) -> int:
        """Poll every source, analyse, report new stories and stories that gained outlets;
        again every ``every`` seconds until ``stop`` is set. Returns the cycles completed."""
        if not self.sources():
            raise UsageError("no sources to watch: add some with "
                             "`newsdesk sources add URL` or `newsdesk sources add feeds.opml`")
        interval = self.settings.fetch.watch_every_seconds if every is None else every
        cycles = 0
        while not stop.is_set():
            self._watch_cycle(stop, on_event, on_poll)
            cycles += 0 if stop.is_set() else 1
            if once:
                break
            stop.wait(interval)
        return cycles

    def _watch_cycle(self, stop: StopFlag, on_event: Callable[[WatchEvent], None],
                     on_poll: Callable[[SourceCheck], None] | None) -> None:
        before = pipeline.story_outlets(self._store)
        checks, _report = self.poll(stop)
        for check in checks:
            if on_poll is not None:
                on_poll(check)
        if stop.is_set() or not pipeline.needs_analysis(self._store):
            return
        self.analyze()
        titles = {s.id: s.title for s in self._store.stories()}
        for event in pipeline.story_changes(before, pipeline.story_outlets(self._store),
                                            titles):
            on_event(event)

    def _source(self, url_or_number: str) -> Source:
        found = self._store.source(url_or_number)
        if found is None:
            raise NotFound(f"no source '{url_or_number}' (see `newsdesk sources list`)")
        return found

    def _live_fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = pipeline.make_fetcher(self.settings)
        return self._fetcher

    def figures(self, story_id: str | None = None,
                kinds: Iterable[str] | None = None) -> list[Figure]:
        """Figures (money, percentages, counts, quantities, dates) of every article, or of
        one story's articles, in article and text order. Filled by ``analyze``."""
        ids = None if story_id is None else [a.id for a in self.articles(story_id=story_id)]
        if story_id is not None:
            self.story(story_id)
        found = self._store.figures(ids, None if kinds is None else list(kinds))
        return [f for article_id in sorted(found) for f in found[article_id]]

    def timeline(self, story_id: str) -> list[TimelineEntry]:
        """The dated happenings of one story: each day its articles name, with the sentence
        that names it, earliest first."""
        return pipeline.story_timeline(self._store, story_id)

    def quotes(self, speaker: str | None = None, story_id: str | None = None) -> list[Quote]:
        """Quotes in article and text order; ``speaker`` matches an entity's name or alias
        (case and accents folded), ``story_id`` keeps one story's articles."""
        article_ids = None
        if story_id is not None:
            article_ids = list(self.story(story_id).article_ids)
        if speaker is None:
            return self._store.quotes(article_ids)
        entity_ids = [e.id for e in self.people() if _names(e, speaker)]
        if not entity_ids:
            raise NotFound(f"nobody called '{speaker}' (see `newsdesk people`)")
        return self._store.quotes(article_ids, entity_ids)

    def people(self, labels: Iterable[str] | None = None) -> list[Entity]:
        """Entities resolved across outlets, most mentioned first (all labels unless given,
        e.g. ``["PERSON"]``)."""
        return self._store.entities(None if labels is None else list(labels))

    def copy_evidence(self, article_id: str) -> list[str]:
        """The passages a copy shares with its origin: why it counts as a copy."""
        self.article(article_id)
        return pipeline.copy_evidence(self._store, article_id, self.settings)

    def storylines(self) -> list[Storyline]:
        """Threads of stories (one developing situation each), latest activity first."""
        return self._store.storylines()

    def merges(self) -> list[StoryMerge]:
        """Stories that turned out to be one: the absorbed id and where it lives on."""
        return self._store.merges()


    # --- reads for the web UI and the REST API (issue 8) ----------------------------------

    def story_list(self, query: StoryQuery | None = None, cursor: str | None = None,
                   limit: int = DEFAULT_PAGE_SIZE) -> StoryList:
        """One page of stories, latest activity first, with outlet counts; pass the page's
        ``next_cursor`` back for the next one."""
        return self._store.story_rows(query or StoryQuery(), cursor, _page_size(limit))

    def story_view(self, story_id: str, cursor: str | None = None,
                   limit: int = DEFAULT_PAGE_SIZE) -> StoryView:
        """Everything a story page shows: counts, timeline, coverage, a page of articles, and
        the records of every analysis that has run for it. The first page is the one analyze
        stored, while it holds."""
        view = pipeline.story_view(self._store, story_id, cursor, _page_size(limit))
        if view is None:
            raise NotFound(f"no story with id '{story_id}' (see `newsdesk stories`)")
        return view

    def article_list(self, story_id: str | None = None, outlet: str | None = None,
                     cursor: str | None = None, limit: int = DEFAULT_PAGE_SIZE) -> ArticleList:
        """One page of articles (metadata only), oldest first."""
        return self._store.article_rows(story_id, outlet, cursor, _page_size(limit))

    def article_view(self, article_id: str) -> ArticleView:
        """An article with its copy link and the quotes, figures and entities found in it."""
        article = self.article(article_id)
        return ArticleView(article, self.copy_link(article_id),
                           self._analyses(AnalysisScope(article_id=article_id),
                                          ARTICLE_ANALYSES))

    def analysis(self, kind: str, scope: AnalysisScope | None = None
                 ) -> list[dict[str, Any]] | None:
        """Records of one analysis (named as in the export contract: quotes, figures, …);
        ``None`` when no stage provides that analysis yet."""
        return pipeline.read_analysis(self._store, kind, scope or AnalysisScope())

    def analysis_page(self, kind: str, scope: AnalysisScope | None = None,
                      cursor: str | None = None, limit: int = DEFAULT_PAGE_SIZE) -> RecordPage:
        """One page of an analysis's records; pass the page's ``next_cursor`` back for the
        next one."""
        start = decode_offset(cursor, kind)
        wanted = replace(scope or AnalysisScope(), limit=start + _page_size(limit) + 1)
        found = self.analysis(kind, wanted)
        if found is None:
            return RecordPage(kind, False, ())
        more = len(found) > start + limit
        next_cursor = encode_cursor((str(start + limit), kind)) if more else None
        return RecordPage(kind, True, tuple(found[start:start + limit]), next_cursor)

    def story_records(self, story_id: str, kind: str, cursor: str | None = None,
                      limit: int = DEFAULT_PAGE_SIZE) -> tuple[StoryRow, RecordPage]:
        """A story and one page of one analysis's records for it (all its quotes, say)."""
        row = self._store.story_row(story_id)
        if row is None:
            raise NotFound(f"no story with id '{story_id}' (see `newsdesk stories`)")
        return row, self.analysis_page(kind, AnalysisScope(story_id=story_id), cursor, limit)

    def person_view(self, name: str) -> PersonView:
        """One person's name variants and quotes (when extraction has run) and the articles
        that name them."""
        people = self.analysis("entities", AnalysisScope(speaker=name))
        variants, descriptions = _variants_of(name, people or [])
        extracted = people is not None and (bool(people) or self._store.has_entities())
        quotes = self.analysis("quotes", AnalysisScope(speaker=name, limit=PERSON_QUOTES))
        mentions = self.search(f'"{name.replace(chr(34), " ")}"', DEFAULT_SEARCH_LIMIT)
        return PersonView(name, variants if extracted else None,
                          None if quotes is None else tuple(quotes), tuple(mentions),
                          descriptions)

    def outlet_list(self) -> list[OutletRow]:
        """Every outlet: articles, stories, how often first, how often alone, and (once the
        comparison has run) how many claims only it made."""
        rows = self._store.outlet_rows()
        claims = self.analysis("corroboration")
        if claims is None:
            return rows
        alone = [c for c in claims if c.get("independent_outlets") == 1]
        ids = {str(a) for c in alone for a in c.get("article_ids") or ()}
        outlet_of = self._store.article_outlets(sorted(ids))
        counts: dict[str, int] = {}
        for claim in alone:
            for outlet in {outlet_of.get(str(a)) for a in claim.get("article_ids") or ()}:
                if outlet is not None:
                    counts[outlet] = counts.get(outlet, 0) + 1
        return [replace(r, only_here_claims=counts.get(r.name, 0)) for r in rows]

    def ingest_upload(self, upload: pipeline.Upload, analyze: bool = False) -> IngestReport:
        """Store what a client sent (text, HTML, JSON or JSONL bytes); then, if asked, bring
        copies and stories up to date."""
        published = _checked_date(upload.defaults.published)
        checked = replace(upload, defaults=replace(upload.defaults, published=published))
        report = pipeline.ingest_upload(self._store, checked, self.settings)
        if analyze and report.articles:
            self.analyze()
        return report

    def data_version(self) -> int | None:
        """Changes whenever anything is committed to the database, by any process; ``None``
        when the database cannot tell. Lets readers cache what they computed from it."""
        return self._store.data_version()

    # --- compare (issue 7) ---------------------------------------------------------------

    def comparisons(self, story_id: str | None = None) -> dict[str, list[dict[str, Any]]]:
        """The compare stage's records (as under ``comparisons`` in the export): quote
        groups, figure and claim conflicts, corroboration (with only-here), primary checks;
        of every story, or of one. Filled by ``analyze``."""
        if story_id is not None:
            story_id = self.story(story_id).id
        return pipeline.comparisons(self._store, story_id)

    def _analyses(self, scope: AnalysisScope, kinds: tuple[str, ...]
                  ) -> dict[str, list[dict[str, object]]]:
        found = {kind: self.analysis(kind, scope) for kind in kinds}
        return {kind: records for kind, records in found.items() if records is not None}

    def person_list(self, limit: int = DEFAULT_PAGE_SIZE) -> list[PersonRow]:
        """The ``limit`` most mentioned people, with mention and article counts and a few
        other spellings (empty until entity extraction has run)."""
        return self._store.person_rows(_page_size(limit), PERSON_SPELLINGS)

    def people_page(self, cursor: str | None = None, limit: int = DEFAULT_PAGE_SIZE,
                    mentions: int | None = None) -> RecordPage:
        """One page of the people (PERSON entities shaped as in the export, with their first
        ``mentions`` mentions, all when ``None``, and ``mention_count``, how many they have),
        most mentioned first; pass the page's ``next_cursor`` back for the next. Only the
        page's people are read (by the counts analyze stored, while they hold)."""
        if mentions is not None and mentions < 0:
            raise UsageError(f"mentions must be 0 or more, not {mentions}")
        start = decode_offset(cursor, "people")
        found = pipeline.people_records(self._store, start, _page_size(limit) + 1, mentions)
        if found is None:
            return RecordPage("people", False, ())
        more = len(found) > limit
        next_cursor = encode_cursor((str(start + limit), "people")) if more else None
        return RecordPage("people", True, tuple(found[:limit]), next_cursor)


@dataclass(frozen=True, slots=True)
class DemoReport:
    """Where ``run_demo`` put its results, and what it found."""

    folder: Path
    database: Path
    briefings: Path
    ingest: IngestReport
    analysis: AnalyzeReport
    stories: tuple[Story, ...]


def sample_corpus() -> Path:
    """The bundled fictional corpus: ``examples/corpus`` here or in the source checkout."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[2]):
        candidate = base / "examples" / "corpus"
        if candidate.is_dir():
            return candidate
    raise UsageError("the sample corpus (examples/corpus) is not here; run from a source "
                     "checkout of newsdesk or pass --corpus")


def sample_inputs() -> list[Path]:
    """The sample corpus's article folders (beside them: README and gold, not articles)."""
    corpus = sample_corpus()
    return [corpus / name for name in SAMPLE_CORPUS_FOLDERS]


def run_demo(folder: Path, corpus: Path | None = None, settings: Settings | None = None,
             progress: Progress | None = None) -> DemoReport:
    """A fresh database in ``folder`` from the sample corpus, analysed, with a Markdown and
    an HTML briefing per story in ``folder/briefings`` and the export in ``export.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "newsdesk.db"
    for stale in (database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))):
        stale.unlink(missing_ok=True)
    with Desk(database, settings) as desk:
        inputs = [corpus] if corpus is not None else sample_inputs()
        ingested = desk.ingest(inputs, progress=progress)
        analysis = desk.analyze(progress=progress)
        briefings = _write_briefings(desk, folder / "briefings")
        with (folder / "export.json").open("w", encoding="utf-8") as out:
            desk.export(out)
        return DemoReport(folder, database, briefings, ingested, analysis,
                          tuple(desk.stories()))


def _write_briefings(desk: Desk, folder: Path) -> Path:
    """A briefing per story in ``folder``, and per storyline in ``folder/storylines``."""
    folder.mkdir(parents=True, exist_ok=True)
    for story in desk.stories():
        for fmt in ("md", "html"):
            (folder / f"{story.id}.{fmt}").write_text(desk.brief(story.id, fmt), "utf-8")
    lines = folder / "storylines"
    for line in desk.storylines():
        lines.mkdir(exist_ok=True)
        for fmt in ("md", "html"):
            (lines / f"{line.id}.{fmt}").write_text(desk.brief(line.id, fmt), "utf-8")
    return folder


def _names(entity: Entity, name: str) -> bool:
    wanted = _fold(name)
    return any(_fold(n) == wanted for n in (entity.name, *entity.aliases))


@functools.lru_cache(maxsize=65_536)  # a person page folds every spelling of the name
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def _checked_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        (date if len(value) == len("2025-02-12") else datetime).fromisoformat(value)
    except ValueError:
        raise UsageError(f"--published '{value}' is not an ISO date such as 2025-02-12 "
                         "or 2025-02-12T14:03:00Z") from None
    return value


def _page_size(limit: int) -> int:
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise UsageError(f"limit must be between 1 and {MAX_PAGE_SIZE}, got {limit}")
    return limit


def _variants_of(name: str, entities: list[dict[str, Any]]
                 ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(names, descriptions) of the entities called ``name`` or known by it: the names are
    the canonical one, every spelling the text uses for it (misspellings included) and the
    aliases built on those; the descriptions are the other aliases (titles, roles), without
    bare pronouns."""
    wanted = _fold(name)
    names: list[str] = []
    others: list[str] = []
    for entity in entities:
        aliases = [str(a) for a in entity.get("aliases") or ()]
        if wanted not in {_fold(n) for n in (str(entity.get("name", "")), *aliases)}:
            continue
        spelt = [str(entity.get("name", "")), *(str(m.get("text", ""))
                                                for m in entity.get("mentions") or ())]
        words = {w for n in spelt for w in _fold(n).split()}
        names += spelt + [a for a in aliases if words & set(_fold(a).split())]
        others += [a for a in aliases if _fold(a) not in _PRONOUNS]
    shown = tuple(dict.fromkeys(n for n in names if n.strip()))
    return shown, tuple(dict.fromkeys(o for o in others if o not in shown))


