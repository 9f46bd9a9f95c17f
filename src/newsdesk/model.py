"""The artefacts passed from stage to stage: frozen values, never mutated.

A stage returns new values (``dataclasses.replace``); the store reads and writes these.
This module imports nothing from the project.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class DocumentKind(StrEnum):
    """How a document's content is to be read."""

    HTML = "html"
    TEXT = "text"


class RejectReason(StrEnum):
    """Why an input, or one record of it, was not stored as an article."""

    MISSING_PATH = "missing-path"
    NO_SUPPORTED_FILES = "no-supported-files"
    UNSUPPORTED_TYPE = "unsupported-type"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    EMPTY = "empty"
    TOO_LARGE = "too-large"
    CORRUPT_ARCHIVE = "corrupt-archive"
    MALFORMED_JSON = "malformed-json"
    MISSING_TEXT = "missing-text"
    NO_TEXT = "no-text"


@dataclass(frozen=True, slots=True)
class Hints:
    """Metadata the caller or the record itself gives; it wins over what pages claim."""

    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    primary: bool = False


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input as read: a file, or one record of a JSON/JSONL file.

    ``hints`` is metadata the input itself carries (a JSON record's fields) and wins over what
    a page claims; ``defaults`` (from ``--outlet`` and friends) only fills what is missing.
    """

    source: str
    kind: DocumentKind
    content: str
    content_hash: str
    hints: Hints = field(default_factory=Hints)
    defaults: Hints = field(default_factory=Hints)
    record: int | None = None
    encoding: str = "utf-8"

    @property
    def id(self) -> str:
        return "d-" + self.content_hash[:16]


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input (or part of one) that was not stored, and why."""

    source: str
    stage: str
    reason: RejectReason
    detail: str

    def message(self) -> str:
        """One line for people: the input, then the problem."""
        return f"{self.source}: {self.detail}"


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of page furniture taken out of an article, kept with the reason."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """One story's clean text and metadata; a glued page yields several (``segment``)."""

    id: str
    document_id: str
    source: str
    segment: int
    text: str
    producer: str
    outlet: str | None = None
    outlet_domain: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    removed: tuple[Removed, ...] = ()
    copy_of: str | None = None
    story_id: str | None = None

    @property
    def arrival_key(self) -> tuple[bool, str, str]:
        """Sort key: earliest first, undated after dated, ties broken by id."""
        return (self.published is None, self.published or "", self.id)


@dataclass(frozen=True, slots=True)
class CopyLink:
    """The decision that ``article_id`` is a copy of ``copy_of``, with its evidence."""

    article_id: str
    copy_of: str
    similarity: float
    method: str


@dataclass(frozen=True, slots=True)
class Story:
    """One real-world event as reported by one or more articles."""

    id: str
    title: str
    article_ids: tuple[str, ...]
    producer: str
    storyline_id: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article matching a full-text query, with a highlighted snippet."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    highlights: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class StageTiming:
    """How long one stage took over how many items."""

    stage: str
    seconds: float
    items: int


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ``ingest`` call did."""

    stored: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    rejected: tuple[Rejected, ...] = ()
    articles: int = 0
    timings: tuple[StageTiming, ...] = ()


@dataclass(frozen=True, slots=True)
class AnalyzeReport:
    """What one ``analyze`` call did."""

    recleaned: int
    copies: int
    stories: int
    new_stories: int
    timings: tuple[StageTiming, ...] = ()


# --- read views: what the web UI, the REST API and the CLI show (issue 8) --------------------


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """Which stories a list shows; every field narrows it, ``None`` means any.

    ``since``/``until`` are ISO dates: stories active on or after ``since`` and first seen on or
    before ``until``. ``person`` matches stories whose articles name the person; ``text`` is a
    full-text query over their articles."""

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    person: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One story as a list shows it, with its coverage counted."""

    id: str
    title: str
    storyline_id: str | None
    first_seen: str | None
    last_seen: str | None
    articles: int
    outlets: int
    independent_outlets: int


@dataclass(frozen=True, slots=True)
class StoryList:
    """One page of stories; ``next_cursor`` fetches the next page (``None``: no more)."""

    items: tuple[StoryRow, ...]
    total: int
    next_cursor: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One article as a list shows it: metadata, no text."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    story_id: str | None
    copy_of: str | None


@dataclass(frozen=True, slots=True)
class ArticleList:
    """One page of articles, oldest first."""

    items: tuple[ArticleRow, ...]
    total: int
    next_cursor: str | None = None


@dataclass(frozen=True, slots=True)
class DayCount:
    """How many articles (and outlets) reported a story on one day."""

    day: str
    articles: int
    outlets: int


@dataclass(frozen=True, slots=True)
class OutletCoverage:
    """One outlet's part in a story."""

    outlet: str
    articles: int
    first_published: str | None
    copies: int


@dataclass(frozen=True, slots=True)
class AnalysisScope:
    """Which slice of an analysis to read: one story, one article, one speaker, or all."""

    story_id: str | None = None
    article_id: str | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class StoryView:
    """Everything a story page shows. ``analysis`` holds, per analysis that has run (named as
    in the export contract: quotes, figures, quote_groups, …), its records for this story."""

    story: StoryRow
    timeline: tuple[DayCount, ...]
    coverage: tuple[OutletCoverage, ...]
    articles: ArticleList
    analysis: dict[str, list[dict[str, object]]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ArticleView:
    """Everything an article page shows: the article, why it is a copy, and the records of
    each analysis that has run for it (quotes, figures, entities)."""

    article: Article
    copy: CopyLink | None
    analysis: dict[str, list[dict[str, object]]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PersonView:
    """One person: name variants and quotes when extraction has run (``None`` when it has not),
    and the articles that name them (full-text phrase match)."""

    name: str
    variants: tuple[str, ...] | None
    quotes: tuple[dict[str, object], ...] | None
    mentions: tuple[SearchHit, ...]


@dataclass(frozen=True, slots=True)
class OutletRow:
    """One outlet's record in the stored corpus.

    ``first``: stories where it published the earliest article; ``only_here``: stories no other
    outlet reported."""

    name: str
    articles: int
    stories: int
    first: int
    only_here: int
    copies: int
