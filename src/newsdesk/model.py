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
    summary: str = ""


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


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity span in an article's text (spaCy label: PERSON, ORG, GPE, MONEY, …)."""

    article_id: str
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class StoryMerge:
    """Story ``absorbed`` turned out to be the same event as ``into`` and was merged into it."""

    absorbed: str
    into: str
    probability: float


@dataclass(frozen=True, slots=True)
class Storyline:
    """A thread of stories: one developing situation over weeks."""

    id: str
    title: str
    story_ids: tuple[str, ...]
    summary: str = ""
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(frozen=True, slots=True)
class Clustering:
    """What the cluster stage decided: stories, merges made in this run, storylines."""

    stories: tuple[Story, ...]
    merges: tuple[StoryMerge, ...] = ()
    storylines: tuple[Storyline, ...] = ()
