"""Feeds, sitemaps and OPML read from bytes; what a response is."""

from __future__ import annotations

import pytest

from newsdesk.ingest import Listing, parse_feed, parse_opml, parse_sitemap, sniff_kind
from newsdesk.ingest.decode import Problem
from newsdesk.model import FeedEntry, RejectReason, SourceKind

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Gazette - World</title>
<item><title>Bridge approved</title><link>https://gazette.example/bridge</link>
<pubDate>Tue, 04 Mar 2025 10:15:00 +0100</pubDate></item>
<item><title>No date</title><link>/relative/page</link></item>
<item><title>No link</title></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger</title>
<entry><title>Cable pact</title><link href="https://ledger.example/cable"/>
<updated>2025-03-05T08:00:00Z</updated><id>urn:1</id></entry></feed>"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://post.example/drones</loc>
  <news:news><news:publication><news:name>Kauri Post</news:name>
  <news:language>en</news:language></news:publication>
  <news:publication_date>2025-03-10T09:00:00+13:00</news:publication_date>
  <news:title>Drone swarm seen over harbour</news:title></news:news></url>
<url><loc>https://post.example/about</loc><lastmod>2024-01-01</lastmod></url>
</urlset>"""

SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://post.example/sitemap-1.xml</loc></sitemap>
<sitemap><loc>https://post.example/sitemap-2.xml.gz</loc></sitemap></sitemapindex>"""

OPML = b"""<?xml version="1.0"?><opml version="2.0"><head><title>My feeds</title></head>
<body><outline text="Defence">
  <outline text="Gazette" title="Harbour Gazette" type="rss"
           xmlUrl="https://gazette.example/rss.xml"/>
  <outline text="Ledger" type="rss" xmlUrl=" https://ledger.example/atom "/>
</outline><outline text="folder without feeds"/></body></opml>"""


def listing(found: Listing | Problem) -> Listing:
    assert isinstance(found, Listing), found
    return found


def test_parse_feed_reads_rss_links_and_dates_in_utc() -> None:
    found = listing(parse_feed(RSS, "https://gazette.example/rss.xml"))
    assert found.kind is SourceKind.FEED
    assert found.title == "Harbour Gazette - World"
    assert found.entries == (
        FeedEntry("https://gazette.example/bridge", "2025-03-04T09:15:00Z", "Bridge approved"),
        FeedEntry("https://gazette.example/relative/page", None, "No date"),
    )


def test_parse_feed_reads_atom() -> None:
    found = listing(parse_feed(ATOM, "https://ledger.example/atom"))
    assert found.entries == (
        FeedEntry("https://ledger.example/cable", "2025-03-05T08:00:00Z", "Cable pact"),)


@pytest.mark.parametrize("body", [b"<html><body>not a feed</body></html>", b"{}", b""])
def test_parse_feed_rejects_what_is_not_a_feed(body: bytes) -> None:
    found = parse_feed(body, "https://x.example/feed")
    assert isinstance(found, Problem)
    assert found.reason is RejectReason.MALFORMED_FEED


def test_parse_sitemap_reads_google_news_fields_and_lastmod() -> None:
    found = listing(parse_sitemap(NEWS_SITEMAP))
    assert found.entries == (
        FeedEntry("https://post.example/drones", "2025-03-10T09:00:00+13:00",
                  "Drone swarm seen over harbour", "Kauri Post"),
        FeedEntry("https://post.example/about", modified="2024-01-01"),
    )


def test_parse_sitemap_lists_the_children_of_an_index() -> None:
    found = listing(parse_sitemap(SITEMAP_INDEX))
    assert found.sitemaps == ("https://post.example/sitemap-1.xml",
                              "https://post.example/sitemap-2.xml.gz")
    assert found.entries == ()


@pytest.mark.parametrize(("body", "words"), [(b"<urlset><url>", "not well-formed"),
                                              (b"<html/>", "not a sitemap")])
def test_parse_sitemap_rejects_broken_xml(body: bytes, words: str) -> None:
    found = parse_sitemap(body)
    assert isinstance(found, Problem)
    assert words in found.detail


def test_parse_sitemap_survives_an_entity_expansion_bomb() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            + b"".join(b'<!ENTITY %s "&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;">'
                       % ((bytes([98 + i]),) + (bytes([97 + i]),) * 10) for i in range(8))
            + b"]><urlset><url><loc>&i;</loc></url></urlset>")
    found = parse_sitemap(bomb)
    assert isinstance(found, Problem)


def test_parse_opml_finds_feeds_at_any_depth() -> None:
    assert parse_opml(OPML) == [("https://gazette.example/rss.xml", "Harbour Gazette"),
                                ("https://ledger.example/atom", "Ledger")]


def test_parse_opml_rejects_other_xml() -> None:
    assert isinstance(parse_opml(RSS), Problem)


@pytest.mark.parametrize(("media", "body", "kind"), [
    ("application/rss+xml", RSS, SourceKind.FEED),
    ("text/xml", RSS, SourceKind.FEED),
    ("application/xml", ATOM, SourceKind.FEED),
    ("text/html", RSS, SourceKind.FEED),
    ("application/xml", NEWS_SITEMAP, SourceKind.SITEMAP),
    ("text/xml", SITEMAP_INDEX, SourceKind.SITEMAP),
    ("text/html", b"<!DOCTYPE html><html><p>hi</p></html>", SourceKind.PAGE),
    ("", b"<html><p>hi</p></html>", SourceKind.PAGE),
    ("application/pdf", b"%PDF-1.4", None),
    ("image/png", b"\\x89PNG", None),
    ("application/json", b'{"a": 1}', None),
])
def test_sniff_kind_tells_feeds_sitemaps_and_pages_apart(media: str, body: bytes,
                                                        kind: SourceKind | None) -> None:
    assert sniff_kind(media, body) is kind
