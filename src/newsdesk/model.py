"""The artefacts passed from stage to stage: frozen values, never mutated.

A stage returns new values (``dataclasses.replace``); the store reads and writes these.
This module imports nothing from the project.
"""

from __future__ import annotations

import hashlib
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
    FETCH_FAILED = "fetch-failed"
    HTTP_ERROR = "http-error"
    NOT_HTML = "not-html"
    BLOCKED_ADDRESS = "blocked-address"
    ROBOTS_DISALLOWED = "robots-disallowed"
    TOO_MANY_REDIRECTS = "too-many-redirects"
    MALFORMED_FEED = "malformed-feed"


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
    origin_outlet: str | None = None

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


class SourceKind(StrEnum):
    """What a live source is: found out from the response when added as ``auto``."""

    AUTO = "auto"
    PAGE = "page"
    FEED = "feed"
    SITEMAP = "sitemap"


@dataclass(frozen=True, slots=True)
class FetchState:
    """What a server said about a URL last time, for a conditional GET next time."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class Fetched:
    """One HTTP response as the fetcher read it: body decompressed, within the size limits.

    ``url`` is the final address after redirects; ``not_modified`` is a 304 answer to a
    conditional GET (the body is then empty).
    """

    url: str
    status: int
    content_type: str
    body: bytes
    charset: str | None = None
    state: FetchState | None = None
    not_modified: bool = False


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One page a feed or sitemap lists, with what the listing says about it.

    ``published`` comes from a feed entry or a Google News sitemap and is trusted over the
    page; ``modified`` (a sitemap's ``lastmod``) only fills a date the page lacks.
    """

    url: str
    published: str | None = None
    title: str | None = None
    outlet: str | None = None
    modified: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """A registered live source and how its polls went."""

    url: str
    kind: SourceKind = SourceKind.AUTO
    title: str | None = None
    ignore_robots: bool = False
    added_at: str | None = None
    last_fetch: str | None = None
    last_success: str | None = None
    last_error: str | None = None
    error_count: int = 0
    articles: int = 0


@dataclass(frozen=True, slots=True)
class SourceCheck:
    """What one poll (or check) of one source found."""

    url: str
    kind: SourceKind
    ok: bool
    detail: str
    listed: int = 0
    new: int = 0
    stored: int = 0
    articles: int = 0
    failed: int = 0


@dataclass(frozen=True, slots=True)
class WatchEvent:
    """A story that appeared, or gained outlets, in one watch cycle."""

    kind: str
    story_id: str
    title: str
    outlets: tuple[str, ...]
    added: tuple[str, ...] = ()

    def message(self) -> str:
        """One line for people."""
        if self.kind == "new-story":
            return f"new story  {self.story_id}  {self.title}  [{', '.join(self.outlets)}]"
        return (f"+outlets   {self.story_id}  {self.title}  +{', +'.join(self.added)} "
                f"({len(self.outlets)} outlets)")


# The figure kinds whose values are numbers on one scale (a date's value is a day, not a number).
NUMERIC_FIGURE_KINDS = ("money", "percent", "count", "quantity")


@dataclass(frozen=True, slots=True)
class Figure:
    """A number an article states: money, percentage, count, quantity or date, normalised.

    ``value`` is a float (a date's is its ISO day, a string); ``unit`` is ISO 4217 for money
    (None while "$" is undecided, with ``currency_candidates`` listing what it could be), "%"
    for percentages, a pint unit name for quantities, the thing counted for counts. A
    parenthetical or "or about" conversion carries ``conversion_of`` (the id of the figure it
    converts), ``conversion_ok`` and the ``expected_value`` at the ECB rate or pint factor.
    """

    article_id: str
    start: int
    end: int
    text: str
    kind: str
    value: float | str | None
    unit: str | None
    approximate: bool = False
    subject: str | None = None
    value_high: float | None = None
    currency_candidates: tuple[str, ...] = ()
    currency_basis: str | None = None
    conversion_of: str | None = None
    conversion_ok: bool | None = None
    expected_value: float | None = None

    @property
    def id(self) -> str:
        digest = hashlib.sha1(f"{self.article_id}:{self.start}:{self.end}".encode()).hexdigest()
        return "f-" + digest[:16]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated happening of a story: the day, and the sentence of the article that dates it."""

    date: str
    article_id: str
    outlet: str | None
    text: str
    figure_id: str


class QuoteKind(StrEnum):
    """How a remark is reported: whole sentences in marks, a fragment in marks, or paraphrase."""

    DIRECT = "direct"
    PARTIAL = "partial"
    INDIRECT = "indirect"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Quote:
    """A reported remark in one article, with its cue and speaker as the text gives them.

    ``start``/``end`` cover the quoted words (inside the marks; across paragraphs for a
    multi-paragraph quotation, whose ``text`` joins the paragraphs with one space).
    ``antecedent`` is the name mention a pronoun or role noun speaker points to;
    ``speaker``/``speaker_entity_id`` are filled by corpus-level entity resolution.
    """

    article_id: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    cue: Span | None = None
    source: Span | None = None
    antecedent: Span | None = None
    inherited: bool = False
    speaker: str | None = None
    speaker_entity_id: str | None = None

    @property
    def id(self) -> str:
        return "q-" + _short_hash(f"{self.article_id}:{self.start}:{self.end}:{self.kind}")


@dataclass(frozen=True, slots=True)
class Entity:
    """One person, organisation or place across the corpus, with every name it goes by."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]


def _short_hash(value: str) -> str:
    import hashlib

    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class OutletLineStats:
    """Lines one outlet repeats across many of its articles (menus, promos, sign-offs).

    ``hashes`` holds the folded-line hashes (``newsdesk.clean.classify.line_hash``) that
    occur in at least ``min_articles`` distinct articles of the outlet; the store counts
    them, the clean stage only reads this value, so it stays a pure function.
    """

    outlet_domain: str
    hashes: frozenset[str] = frozenset()
    min_articles: int = 0

    def is_repeated(self, line_hash: str) -> bool:
        return line_hash in self.hashes


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
    # At most this many records are needed, from the first (None: all). A reader may return
    # more; the caller cuts. Bounds a story page's reads however large the story grows.
    limit: int | None = None
    # Only entities of this type (e.g. "PERSON"; None: every type).
    entity_type: str | None = None


@dataclass(frozen=True, slots=True)
class StoryView:
    """Everything a story page shows. ``analysis`` holds, per analysis that has run (named as
    in the export contract: quotes, figures, quote_groups, …), its records for this story."""

    story: StoryRow
    timeline: tuple[DayCount, ...]
    coverage: tuple[OutletCoverage, ...]
    articles: ArticleList
    analysis: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    # The analyses with more records than ``analysis`` holds (it holds the first page of
    # each; the rest are paged through /api/v1/quotes?story_id=… and the like).
    more: tuple[str, ...] = ()
    # Quotes and figures that a quote group or figure conflict names but that are not on the
    # first page of ``analysis``, by id.
    referenced: dict[str, dict[str, object]] = field(default_factory=dict)


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
    # How else the text refers to them: titles and roles ("the Foreign Secretary").
    descriptions: tuple[str, ...] = ()


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
    # Claims only this outlet made (comparison: corroboration by one independent outlet);
    # ``None`` while no comparison has run.
    only_here_claims: int | None = None


# --- compare: the same remark, figure or claim across outlets (issue 7) ----------------------


class Verdict(StrEnum):
    """How two reports of one remark differ: not at all once quotation marks, case and
    spacing are folded; in punctuation, stutters, fillers, contractions or spelling only; or
    in a content word."""

    IDENTICAL = "identical"
    MINOR = "minor"
    DIVERGENT = "divergent"


@dataclass(frozen=True, slots=True)
class WordDiff:
    """One step of a word-level diff of ``a`` into ``b``: ``op`` is ``equal``, ``minor``
    (spelling, punctuation, contraction, filler, stutter), ``changed``, ``missing`` (in ``a``
    only), ``extra`` (in ``b`` only) or ``cut`` (words a truncated quote leaves out)."""

    op: str
    a: str
    b: str


@dataclass(frozen=True, slots=True)
class QuotePair:
    """Two quotes of one group compared: the verdict over the words both cover, whether one
    is only a part of the other, and the word diff of ``a`` into ``b``."""

    a: str
    b: str
    verdict: Verdict
    truncated: bool
    diff: tuple[WordDiff, ...]


@dataclass(frozen=True, slots=True)
class CompareArticle:
    """What the compare stage needs of an article: its text, outlet, and who it copies.

    ``independent_key`` names the independent source it stands for: the outlet of the
    article it copies (or the wire it credits), else its own outlet."""

    id: str
    text: str
    outlet: str | None
    published: str | None
    independent_key: str
    copy_of: str | None = None
    primary: bool = False


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """The quotes of one story that report one remark, with how their wordings differ.

    ``reference`` is the longest quote; ``verdict`` the worst of the pairwise verdicts;
    ``truncated`` the quotes that carry only a part of the remark."""

    id: str
    story_id: str
    speaker: str | None
    speaker_entity_id: str | None
    quote_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    reference: str
    text: str
    verdict: Verdict
    pairs: tuple[QuotePair, ...]
    outlets: tuple[str, ...]
    independent_outlets: int
    truncated: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PrimaryCheck:
    """One outlet's quote held against a primary source (a transcript, a statement)."""

    story_id: str
    quote_id: str
    article_id: str
    primary_article_id: str
    verdict: Verdict
    matches: bool
    passage: Span
    diff: tuple[WordDiff, ...]


@dataclass(frozen=True, slots=True)
class FigureConflict:
    """Figures about one subject that disagree across independent outlets."""

    id: str
    story_id: str
    figure_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    kind: str
    unit: str | None
    subject: str | None
    values: tuple[str, ...]
    note: str
    independent_outlets: int


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence of one article, with its place in the text."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ClaimConflict:
    """Two outlets' versions of one sentence that differ on a number, a date, a name or a
    word of substance, or two outlets' claims about one thing that cannot both hold
    (``kind``: number|date|name|wording|casualties)."""

    id: str
    story_id: str
    kind: str
    a: Passage
    b: Passage
    a_says: str
    b_says: str
    note: str


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement of a story with the articles that report it and how many independent
    outlets that is (``kind``: quote|figure|claim|only-here)."""

    id: str
    story_id: str
    kind: str
    claim: str
    passages: tuple[Passage, ...]
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    independent_outlets: int
    origins: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything the compare stage found in one story."""

    story_id: str
    quote_groups: tuple[QuoteGroup, ...] = ()
    figure_conflicts: tuple[FigureConflict, ...] = ()
    claim_conflicts: tuple[ClaimConflict, ...] = ()
    corroboration: tuple[Claim, ...] = ()
    primary_checks: tuple[PrimaryCheck, ...] = ()
    input_hash: str = ""


@dataclass(frozen=True, slots=True)
class BriefMaterial:
    """What one story's briefing is made of: its articles, quotes, figures, dated happenings
    and comparison records (as under ``comparisons`` in the export), read by the pipeline."""

    story: Story
    articles: tuple[Article, ...]
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    comparisons: dict[str, list[dict[str, object]]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution in one article, in the broad sense of attribution corpora (PolNeAR):
    a cue with its source and content, whether or not it reports speech ("called for a
    review", "described the plan as “a disaster”" count as well as "said that …").

    ``content`` holds the quoted words (inside the marks, one span per quotation attached to
    the cue; ``marked`` is then true) or the reported clause or object. Quotes are the subset
    of attributions that report speech; attributions are not stored.
    """

    article_id: str
    cue: Span
    source: Span | None
    content: tuple[Span, ...]
    marked: bool


@dataclass(frozen=True, slots=True)
class RecordPage:
    """One page of an analysis's records (shaped as in the export contract).

    ``available`` is False while no stage provides the analysis; ``next_cursor`` fetches the
    next page (``None``: no more)."""

    kind: str
    available: bool
    items: tuple[dict[str, object], ...]
    next_cursor: str | None = None


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One person as the people list shows them: how often and where they are named."""

    name: str
    mentions: int
    articles: int
    # How the texts spell them besides ``name``, most used first (a few).
    spellings: tuple[str, ...] = ()


# How a stored figure unit reads after a number. Figures keep pint's singular unit names
# ("year", "kilometer / hour", "metric_ton"); pages and briefings show "4 years", "1 year",
# "12 kilometers / hour", "3 tonnes". Only these measurement words change: currency codes,
# "%" and counted nouns ("drones", as the text wrote them) are shown as stored.
_UNIT_WORDS = {"metric_ton": "tonne", "kilowatt_hour": "kilowatt-hour",
               "megawatt_hour": "megawatt-hour", "gigawatt_hour": "gigawatt-hour"}
_UNIT_PLURALS = {"foot": "feet", "inch": "inches", "horsepower": "horsepower",
                 "century": "centuries", "knot": "knots"}
_MEASURES = frozenset({
    "year", "month", "week", "day", "hour", "minute", "second", "decade", "century",
    "kilometer", "meter", "centimeter", "millimeter", "mile", "foot", "inch", "hectare", "acre",
    "kilogram", "gram", "tonne", "ounce", "pound", "liter", "gallon", "barrel", "knot",
    "watt", "kilowatt", "megawatt", "gigawatt", "kilowatt-hour", "megawatt-hour",
    "gigawatt-hour", "horsepower"})


def unit_label(unit: str | None, value: object = None, value_high: object = None) -> str:
    """``unit`` as people read it after ``value`` (to ``value_high``): plural unless the
    figure is exactly one ("1 year", "4 years", "1–2 years"), "kilometer ** 2" as
    "square kilometers". Only the counted part of a rate changes ("12 kilometers / hour")."""
    if not unit:
        return ""
    one = _is_one(value) and (value_high is None or value_high == value)
    counted, sep, per = unit.partition(" / ")
    counted = counted.strip()
    square = counted.endswith(" ** 2")
    word = _UNIT_WORDS.get(counted.removesuffix(" ** 2"), counted.removesuffix(" ** 2"))
    if word not in _MEASURES:
        return unit
    if not one:
        word = _UNIT_PLURALS.get(word, word + "s")
    shown = f"square {word}" if square else word
    return f"{shown} / {_UNIT_WORDS.get(per.strip(), per.strip())}" if sep else shown


def _is_one(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and abs(value) == 1
