"""``Desk``: the library API. The CLI, the web UI and the REST API are thin layers over it."""

from __future__ import annotations

from collections.abc import Iterable
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
    Hints,
    IngestReport,
    OutletRow,
    PersonView,
    RawDocument,
    SearchHit,
    Story,
    StoryList,
    StoryQuery,
    StoryView,
)
from newsdesk.pipeline import NoProgress, Progress
from newsdesk.settings import Settings
from newsdesk.store import RejectionRecord, Store
from newsdesk.store.store import Clock

# The folders of examples/corpus that hold articles.
SAMPLE_CORPUS_FOLDERS = ("html", "text", "wire")
# How many hits a search returns unless asked for more.
DEFAULT_SEARCH_LIMIT = 20
# Rows per page of a list (stories, articles) unless asked otherwise, and the most allowed:
# 50 fills two phone screens; 500 bounds one request's work on a large corpus.
DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 50, 500
# The analyses a story page and an article page show when their stages have run (names as in
# the export contract).
STORY_ANALYSES = ("summary", "quotes", "quote_groups", "figures", "figure_conflicts",
                  "corroboration")
ARTICLE_ANALYSES = ("quotes", "figures", "entities")


class Desk:
    """One newsdesk database and everything that can be done with it.

    >>> with Desk("news.db") as desk:                        # doctest: +SKIP
    ...     desk.ingest(["pages/"])
    ...     desk.analyze()
    ...     for story in desk.stories(): print(story.title)
    """

    def __init__(self, path: str | Path | None = None, settings: Settings | None = None,
                 clock: Clock | None = None) -> None:
        self.settings = settings or Settings()
        db = str(path) if path is not None else self.settings.store.db
        self._store = Store.open(db, clock)

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._store.close()

    def ingest(self, paths: Iterable[str | Path], *, outlet: str | None = None,
               published: str | None = None, url: str | None = None,
               progress: Progress | None = None) -> IngestReport:
        """Store every supported file under ``paths``; the keyword values fill in metadata
        an input does not carry itself."""
        defaults = Hints(outlet=outlet, published=_checked_date(published), url=url)
        return pipeline.ingest(self._store, [str(p) for p in paths], defaults, self.settings,
                               progress or NoProgress())

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
        """The briefing of one story as Markdown (``md``), HTML (``html``) or ``json``."""
        if fmt not in pipeline.BRIEF_FORMATS:
            raise UsageError(f"unknown briefing format '{fmt}' "
                             f"(choose from {', '.join(pipeline.BRIEF_FORMATS)})")
        return pipeline.brief(self._store, story_id, fmt)


    # --- reads for the web UI and the REST API (issue 8) ----------------------------------

    def story_list(self, query: StoryQuery | None = None, cursor: str | None = None,
                   limit: int = DEFAULT_PAGE_SIZE) -> StoryList:
        """One page of stories, latest activity first, with outlet counts; pass the page's
        ``next_cursor`` back for the next one."""
        return self._store.story_rows(query or StoryQuery(), cursor, _page_size(limit))

    def story_view(self, story_id: str, cursor: str | None = None,
                   limit: int = DEFAULT_PAGE_SIZE) -> StoryView:
        """Everything a story page shows: counts, timeline, coverage, a page of articles, and
        the records of every analysis that has run for it."""
        row = self._store.story_row(story_id)
        if row is None:
            raise NotFound(f"no story with id '{story_id}' (see `newsdesk stories`)")
        members = self._store.article_rows(story_id, None, cursor, _page_size(limit))
        return StoryView(row, self._store.story_timeline(story_id),
                         self._store.story_coverage(story_id), members,
                         self._analyses(AnalysisScope(story_id=story_id), STORY_ANALYSES))

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

    def person_view(self, name: str) -> PersonView:
        """One person's name variants and quotes (when extraction has run) and the articles
        that name them."""
        people = self.analysis("entities")
        variants = None if people is None else _variants_of(name, people)
        quotes = self.analysis("quotes", AnalysisScope(speaker=name))
        mentions = self.search(f'"{name.replace(chr(34), " ")}"', DEFAULT_SEARCH_LIMIT)
        return PersonView(name, variants, None if quotes is None else tuple(quotes),
                          tuple(mentions))

    def outlet_list(self) -> list[OutletRow]:
        """Every outlet: articles, stories, how often first, how often alone."""
        return self._store.outlet_rows()

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

    def _analyses(self, scope: AnalysisScope, kinds: tuple[str, ...]
                  ) -> dict[str, list[dict[str, object]]]:
        found = {kind: self.analysis(kind, scope) for kind in kinds}
        return {kind: records for kind, records in found.items() if records is not None}


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
    folder.mkdir(parents=True, exist_ok=True)
    for story in desk.stories():
        for fmt in ("md", "html"):
            (folder / f"{story.id}.{fmt}").write_text(desk.brief(story.id, fmt), "utf-8")
    return folder


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


def _variants_of(name: str, entities: list[dict[str, Any]]) -> tuple[str, ...]:
    """Every name an entity called ``name`` (or known by it) goes by."""
    wanted = name.casefold()
    for entity in entities:
        names = [str(entity.get("name", "")), *map(str, entity.get("aliases") or ())]
        if wanted in (n.casefold() for n in names):
            return tuple(dict.fromkeys(names))
    return ()
