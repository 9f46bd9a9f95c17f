"""What a fetched URL is (page, feed, sitemap) and the pages a feed, sitemap or OPML lists.

RSS and Atom through feedparser; sitemaps (``urlset``, ``sitemapindex``, Google News
``news:`` fields) and OPML through the standard XML parser (expat guards against entity
expansion bombs). Nothing here fetches: the caller hands in bytes.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

import feedparser

from newsdesk.ingest.decode import Problem, gunzip_capped
from newsdesk.model import FeedEntry, Fetched, RejectReason, SourceKind

_GZIP_MAGIC = b"\x1f\x8b"
# How much of a body to look at to tell a feed, a sitemap and a page apart.
_SNIFF_BYTES = 2048
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                         "application/feed+xml"})
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
_SITEMAP_MARKERS = (b"<urlset", b"<sitemapindex")
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<p>", b"<article")


@dataclass(frozen=True, slots=True)
class Listing:
    """The pages a feed or sitemap lists; ``sitemaps`` are the children of a sitemap index."""

    kind: SourceKind
    entries: tuple[FeedEntry, ...] = ()
    sitemaps: tuple[str, ...] = ()
    title: str | None = None


def unpacked_body(fetched: Fetched, limit: int) -> bytes | Problem:
    """The body, gunzipped when it is a .gz file served as such (sitemap.xml.gz)."""
    if fetched.body.startswith(_GZIP_MAGIC):
        return gunzip_capped(fetched.body, limit)
    return fetched.body


def sniff_kind(content_type: str, body: bytes) -> SourceKind | None:
    """Feed, sitemap or page, by the markup first and the Content-Type second; None when it
    is none of these."""
    head = body[:_SNIFF_BYTES].lower()
    if any(marker in head for marker in _SITEMAP_MARKERS):
        return SourceKind.SITEMAP
    if content_type in _FEED_TYPES or any(marker in head for marker in _FEED_MARKERS):
        return SourceKind.FEED
    if content_type in _HTML_TYPES:
        return SourceKind.PAGE
    if content_type in ("", "application/octet-stream") and any(
            marker in head for marker in _HTML_MARKERS):
        return SourceKind.PAGE
    return None


def parse_feed(body: bytes, url: str) -> Listing | Problem:
    """The entries of an RSS or Atom feed, newest first as the feed orders them."""
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        why = getattr(parsed, "bozo_exception", None) or "no entries, not a feed"
        return Problem(RejectReason.MALFORMED_FEED, f"not a readable RSS or Atom feed ({why})")
    entries = tuple(e for e in (_feed_entry(raw) for raw in parsed.entries) if e is not None)
    return Listing(SourceKind.FEED, entries, title=_text(parsed.feed.get("title")))


def parse_sitemap(body: bytes) -> Listing | Problem:
    """The pages of a sitemap (with Google News fields), or the children of an index."""
    root = _xml(body)
    if isinstance(root, Problem):
        return root
    if _local(root.tag) == "sitemapindex":
        children = tuple(loc for loc in (_child_text(s, "loc") for s in root) if loc)
        return Listing(SourceKind.SITEMAP, sitemaps=children)
    if _local(root.tag) != "urlset":
        return Problem(RejectReason.MALFORMED_FEED, "not a sitemap (no <urlset>)")
    entries = tuple(e for e in (_sitemap_entry(u) for u in root) if e is not None)
    return Listing(SourceKind.SITEMAP, entries)


def parse_opml(body: bytes) -> list[tuple[str, str | None]] | Problem:
    """(feed URL, title) of every outline with an ``xmlUrl``, at any depth."""
    root = _xml(body)
    if isinstance(root, Problem):
        return root
    if _local(root.tag) != "opml":
        return Problem(RejectReason.MALFORMED_FEED, "not an OPML file (no <opml>)")
    return [(o.attrib["xmlUrl"].strip(), o.attrib.get("title") or o.attrib.get("text"))
            for o in root.iter() if _local(o.tag) == "outline" and o.attrib.get("xmlUrl")]


def _feed_entry(raw: Any) -> FeedEntry | None:
    link = _text(raw.get("link"))
    if link is None:
        return None
    moment = raw.get("published_parsed") or raw.get("updated_parsed")
    published = time.strftime("%Y-%m-%dT%H:%M:%SZ", moment) if moment else None
    return FeedEntry(url=link, published=published, title=_text(raw.get("title")))


def _sitemap_entry(url: ET.Element) -> FeedEntry | None:
    loc = _child_text(url, "loc")
    if loc is None:
        return None
    news = _child(url, "news")
    publication = _child(news, "publication") if news is not None else None
    return FeedEntry(
        url=loc,
        published=_child_text(news, "publication_date"), title=_child_text(news, "title"),
        outlet=_child_text(publication, "name"), modified=_child_text(url, "lastmod"))


def _xml(body: bytes) -> ET.Element | Problem:
    try:
        return ET.fromstring(body)
    except ET.ParseError as exc:
        return Problem(RejectReason.MALFORMED_FEED, f"not well-formed XML ({exc})")


def _local(tag: str) -> str:
    """The tag without its namespace: ``{http://...}loc`` -> ``loc``."""
    return tag.rsplit("}", 1)[-1].lower()


def _child(parent: ET.Element | None, name: str) -> ET.Element | None:
    if parent is None:
        return None
    return next((c for c in parent if _local(c.tag) == name), None)


def _child_text(parent: ET.Element | None, name: str) -> str | None:
    found = _child(parent, name)
    return _text(found.text) if found is not None else None


def _text(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None
