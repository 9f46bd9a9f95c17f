"""``Desk``: the library API. The CLI, the web UI and the REST API are thin layers over it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from newsdesk import pipeline
from newsdesk.errors import NotFound, UsageError
from newsdesk.model import (
    AnalyzeReport,
    Article,
    CopyLink,
    Hints,
    IngestReport,
    Mention,
    RawDocument,
    SearchHit,
    Story,
    Storyline,
    StoryMerge,
)
from newsdesk.pipeline import NoProgress, Progress
from newsdesk.settings import Settings
from newsdesk.store import RejectionRecord, Store
from newsdesk.store.base import Clock

# The folders of examples/corpus that hold articles.
SAMPLE_CORPUS_FOLDERS = ("html", "text", "wire")
# How many hits a search returns unless asked for more.
DEFAULT_SEARCH_LIMIT = 20


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
        """The briefing of one story as Markdown (``md``), HTML (``html``) or ``json``."""
        if fmt not in pipeline.BRIEF_FORMATS:
            raise UsageError(f"unknown briefing format '{fmt}' "
                             f"(choose from {', '.join(pipeline.BRIEF_FORMATS)})")
        return pipeline.brief(self._store, story_id, fmt)

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
