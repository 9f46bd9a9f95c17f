"""Plain text (a scraped page): furniture out, glued stories split, metadata from the lines.

Every line is labelled (``classify.py``); the page is cut where another story starts
(``split.py``); each story's head gives its title, byline and date, its tail the outlet a
syndicated story came from. Removed lines are kept with their reason, in page order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from newsdesk.clean.classify import Labels, label_lines
from newsdesk.clean.header import (
    HEAD_LINES,
    MIN_SPLIT_HEADLINE_WORDS,
    byline_author,
    is_headline,
    parse_date,
    source_url,
    syndication_origin,
)
from newsdesk.clean.metadata import ArticleFields, build_article, is_too_short, no_text
from newsdesk.clean.paragraphs import as_paragraphs
from newsdesk.clean.split import BODY_WORDS, SplitRule, split_points
from newsdesk.model import Article, OutletLineStats, RawDocument, Rejected, Removed
from newsdesk.settings import CleanSettings

# Without a headline, a date is looked for among this many lines at the top of the page.
_TOP_LINES = 8
# "Now reading: <headline>" and friends: a line that only repeats the headline.
_REPEAT_PREFIXES = ("now reading:", "you are reading:", "reading:")
# Labels that only a menu-run rule or the model gave: the head and tail rules may overrule.
_GUESSED = (None, "navigation", "related")


def clean_text(doc: RawDocument, cfg: CleanSettings, producer: str,
               repeated: OutletLineStats | None = None) -> list[Article] | Rejected:
    lines = as_paragraphs(doc.content)
    segments = segment_fields(lines, cfg, repeated)
    articles = [f for f in segments if not is_too_short(f.text, cfg.min_article_chars)]
    if not articles:
        return no_text(doc, "\n\n".join(f.text for f in segments))
    return [build_article(doc, f, producer) for f in articles]


def segment_fields(lines: list[str], cfg: CleanSettings,
                   repeated: OutletLineStats | None = None) -> list[ArticleFields]:
    """Each story of the page, with its text, removed lines and metadata."""
    labels = label_lines(lines, cfg.furniture_threshold, repeated)
    url = next((u for u in map(source_url, lines) if u), None)
    starts = story_starts(lines, labels, cfg)
    bounds = list(zip(starts, [*starts[1:], len(lines)], strict=True))
    found = [_segment(lines[start:end], labels[start:end], n)
             for n, (start, end) in enumerate(bounds)]
    if url is not None:
        found = [replace(f, url=url if f.segment == 0 else None, page_url=url) for f in found]
    return found


def story_starts(lines: list[str], labels: Labels, cfg: CleanSettings) -> list[int]:
    """The index of the line each story starts at (0 for the first)."""
    return [0, *split_points(lines, labels, split_rule(cfg))] if cfg.split_glued else [0]


def final_labels(lines: list[str], cfg: CleanSettings,
                 repeated: OutletLineStats | None = None) -> Labels:
    """The reason each line was removed for (None: kept), as the cleaner decided in the end."""
    out: Labels = []
    for fields in segment_fields(lines, cfg, repeated):
        out.extend(fields.labels)
    return out


def split_rule(cfg: CleanSettings) -> SplitRule:
    return SplitRule(max_overlap=cfg.split_max_overlap,
                     max_overlap_after_furniture=cfg.split_max_overlap_after_furniture,
                     max_overlap_with_head=cfg.split_max_overlap_with_head,
                     min_body_lines=cfg.split_min_body_lines)


@dataclass
class _Head:
    title: str | None = None
    author: str | None = None
    published: str | None = None
    origin: str | None = None


def _segment(lines: list[str], labels: Labels, segment: int) -> ArticleFields:
    labels = list(labels)
    head = _Head()
    title_at = next((i for i, lab in enumerate(labels) if lab is None and is_headline(lines[i])),
                    None)
    if title_at is None and segment > 0:
        title_at = next((i for i, lab in enumerate(labels) if lab is None
                         and is_headline(lines[i], MIN_SPLIT_HEADLINE_WORDS)), None)
    if title_at is not None:
        head.title = lines[title_at]
        _repeats_of_title(lines, labels, title_at)
    _byline_and_dateline(lines, labels, title_at, head)
    _syndication_credit(lines, labels, head)
    kept = [line for line, lab in zip(lines, labels, strict=True) if lab is None]
    removed = tuple(Removed(text=line, reason=lab)
                    for line, lab in zip(lines, labels, strict=True) if lab is not None)
    return ArticleFields(text="\n\n".join(kept), segment=segment, removed=removed,
                         title=head.title, author=head.author, published=head.published,
                         origin_outlet=head.origin, labels=tuple(labels))


def _repeats_of_title(lines: list[str], labels: Labels, title_at: int) -> None:
    """A "Now reading: <headline>" line anywhere; the bare headline again only above the
    first prose line (further down, a repeated short line is the story's own)."""
    title = lines[title_at].casefold()
    first_prose = next((i for i, line in enumerate(lines)
                        if labels[i] is None and len(line.split()) >= BODY_WORDS), len(lines))
    for i, line in enumerate(lines):
        folded = line.casefold()
        prefixed = any(folded.startswith(p) and folded[len(p):].strip() == title
                       for p in _REPEAT_PREFIXES)
        if i != title_at and (prefixed or (folded == title and i < first_prose)):
            labels[i] = "headline-repeat"


def _byline_and_dateline(lines: list[str], labels: Labels, title_at: int | None,
                         head: _Head) -> None:
    window = (range(title_at + 1, min(title_at + 1 + HEAD_LINES, len(lines)))
              if title_at is not None else range(min(_TOP_LINES, len(lines))))
    for i in window:
        if labels[i] not in _GUESSED:
            continue
        published = parse_date(lines[i])
        if published and head.published is None:
            head.published, labels[i] = published, "dateline"
        elif head.author is None and title_at is not None and byline_author(lines[i]):
            head.author, labels[i] = byline_author(lines[i]), "byline"


def _syndication_credit(lines: list[str], labels: Labels, head: _Head) -> None:
    prose = [i for i, lab in enumerate(labels)
             if lab is None and len(lines[i].split()) >= BODY_WORDS]
    for i in range(len(lines) - 1, prose[-1] if prose else -1, -1):
        if labels[i] in _GUESSED and (origin := syndication_origin(lines[i])):
            head.origin, labels[i] = origin, "syndication-credit"
            return


