"""Structured data first: a page's JSON-LD ``NewsArticle`` / ``LiveBlogPosting`` metadata.

Publishers state the headline, publication date, authors and their own name there for search
engines; it is more reliable than what a text extractor infers from the layout, so it wins
where present. Malformed blocks are skipped, never fatal.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

_SCRIPT = re.compile(r"<script[^>]*type\s*=\s*[\"']application/ld\+json[\"'][^>]*>(.*?)</script>",
                     re.S | re.I)
ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
                           "LiveBlogPosting", "BlogPosting", "OpinionNewsArticle", "Report"})
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class StructuredData:
    """What a page's JSON-LD says about its article."""

    kind: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    updates: int = 0  # liveBlogUpdate entries of a live page


def structured_data(html: str) -> StructuredData:
    """The first article-like JSON-LD object of the page (an empty value when none)."""
    for block in _SCRIPT.findall(html):
        for item in _items(_load(block)):
            if _types(item) & ARTICLE_TYPES:
                return _fields(item)
    return StructuredData()


def _load(block: str) -> Any:
    try:
        return json.loads(block.strip())
    except ValueError:
        return None


def _items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [x for d in data for x in _items(d)]
    if isinstance(data, dict):
        return [data, *_items(data.get("@graph", []))]
    return []


def _types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type")
    return {kind} if isinstance(kind, str) else {k for k in kind or [] if isinstance(k, str)}


def _fields(item: dict[str, Any]) -> StructuredData:
    updates = item.get("liveBlogUpdate")
    return StructuredData(
        kind=sorted(_types(item) & ARTICLE_TYPES)[0], title=_text(item.get("headline")),
        published=_day(item.get("datePublished")), author=_names(item.get("author")),
        outlet=_names(item.get("publisher")), url=_address(item),
        updates=len(updates) if isinstance(updates, list) else 0,
    )


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _day(value: Any) -> str | None:
    """The calendar day as the publisher wrote it (its own time zone), as ``YYYY-MM-DD``."""
    text = _text(value)
    return text[:10] if text and _ISO_DAY.match(text) else None


def _names(value: Any) -> str | None:
    found = value if isinstance(value, list) else [value]
    names = [_text(v.get("name")) if isinstance(v, dict) else _text(v) for v in found]
    return ", ".join(n for n in names if n) or None


def _address(item: dict[str, Any]) -> str | None:
    page = item.get("mainEntityOfPage")
    candidates = [page.get("@id") if isinstance(page, dict) else page, item.get("url")]
    return next((c for c in map(_text, candidates) if c and c.startswith("http")), None)
