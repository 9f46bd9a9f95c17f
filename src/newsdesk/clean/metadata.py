"""Metadata shared by the HTML and text cleaners: ids, dates, outlets from URLs."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache

import tldextract

from newsdesk.model import Article, RawDocument, Rejected, RejectReason, Removed

STAGE = "clean"
_ID_HEX_CHARS = 16  # 64 bits: no collision expected below ~4 billion articles
# Publication dates before this year are placeholders, not dates: USA Today network pages carry
# "0001-01-01" in their metadata (5 of the 181 Zyte benchmark pages).
EARLIEST_YEAR = 1900


@dataclass(frozen=True, slots=True)
class ArticleFields:
    """What a cleaner found in one segment of a document."""

    text: str
    segment: int = 0
    removed: tuple[Removed, ...] = ()
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    origin_outlet: str | None = None
    labels: tuple[str | None, ...] = ()  # the reason each input line was removed for, or None
    # The page's own address, for the outlet of a later story of a glued page: the page is
    # that outlet's even where the story has no address of its own.
    page_url: str | None = None


def article_id(content_hash: str, segment: int) -> str:
    digest = hashlib.sha256(f"{content_hash}:{segment}".encode()).hexdigest()
    return "a-" + digest[:_ID_HEX_CHARS]


def registered_domain(url: str | None) -> str | None:
    """``https://www.bbc.co.uk/news/x`` -> ``bbc.co.uk``; None when there is no domain."""
    if not url:
        return None
    parts = _extractor()(url)
    return parts.top_domain_under_public_suffix.lower() or None


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # The snapshot bundled with tldextract, never the network, never a cache folder.
    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


def iso_published(value: str | None) -> str | None:
    """An ISO 8601 date (``2025-02-12``) or UTC timestamp (``2025-02-12T14:03:00Z``); None
    for a placeholder before ``EARLIEST_YEAR``."""
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) == len("2025-02-12"):
            day = date.fromisoformat(text)
            return day.isoformat() if day.year >= EARLIEST_YEAR else None
        moment = datetime.fromisoformat(text.replace("Z", "+00:00")).replace(microsecond=0)
        if moment.year < EARLIEST_YEAR:
            return None
        if moment.tzinfo is None:
            return moment.isoformat()
        return moment.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"
    except (ValueError, OverflowError):
        return None


def pick(*values: str | None) -> str | None:
    """The first value that says something."""
    for value in values:
        if value and value.strip():
            return value.strip()
    return None


def is_too_short(text: str, minimum: int) -> bool:
    return len(text.strip()) < max(minimum, 1)


def no_text(doc: RawDocument, text: str) -> Rejected:
    found = f"only {len(text.strip())} characters" if text.strip() else "nothing"
    return Rejected(source=_where(doc), stage=STAGE, reason=RejectReason.NO_TEXT,
                    detail=f"no article text could be extracted ({found})")


def build_article(doc: RawDocument, fields: ArticleFields, producer: str) -> Article:
    url = pick(doc.hints.url, fields.url, doc.defaults.url)
    return Article(
        id=article_id(doc.content_hash, fields.segment), document_id=doc.id, source=doc.source,
        segment=fields.segment, text=fields.text, producer=producer,
        outlet=pick(doc.hints.outlet, fields.outlet, doc.defaults.outlet),
        outlet_domain=registered_domain(url) or registered_domain(fields.page_url), url=url,
        title=pick(doc.hints.title, fields.title, doc.defaults.title),
        author=fields.author,
        published=pick(iso_published(doc.hints.published), iso_published(fields.published),
                       iso_published(doc.defaults.published)),
        removed=fields.removed, origin_outlet=fields.origin_outlet,
    )


def _where(doc: RawDocument) -> str:
    return doc.source if doc.record is None else f"{doc.source}:{doc.record}"
