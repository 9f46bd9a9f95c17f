"""Live sources end to end through ``Desk``, against the local HTTP server."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import BRIDGE, LIBRARY, LIVE_SETTINGS, STORM, LocalServer, news_page, rss_feed
from newsdesk import Desk, NotFound, UsageError
from newsdesk.model import RejectReason, SourceKind, WatchEvent
from newsdesk.pipeline import StopFlag

BRIDGE_2 = BRIDGE.replace("The city council voted", "Councillors voted").replace(
    "Mayor Jane Holt said", "The mayor, Jane Holt, told reporters")


def feed_of(server: LocalServer, pages: dict[str, str], path: str = "/feed.xml") -> str:
    """Serve ``pages`` (path -> html) and an RSS feed listing them."""
    for page_path, html in pages.items():
        server.add(page_path, html)
    items = [(server.url(p), "Tue, 04 Mar 2025 10:15:00 GMT") for p in pages]
    return server.add(path, rss_feed(items), content_type="application/rss+xml")


def reasons(desk: Desk) -> list[RejectReason]:
    return [r.rejected.reason for r in desk.rejected()]


def test_ingest_of_a_page_url_stores_it_with_its_final_url(live_desk: Desk,
                                                          server: LocalServer) -> None:
    server.add("/go", status=301, headers={"Location": "/bridge"})
    server.add("/bridge", news_page(BRIDGE))
    report = live_desk.ingest([server.url("/go")])
    assert len(report.stored) == 1
    [article] = live_desk.articles()
    assert article.url == server.url("/bridge")
    assert article.source == server.url("/go")
    assert article.outlet == "Harbour Gazette"
    assert "Avon river" in article.text


def test_ingest_of_a_feed_url_stores_every_entry_dated_by_the_feed(
        live_desk: Desk, server: LocalServer) -> None:
    url = feed_of(server, {"/a": news_page(BRIDGE), "/b": news_page(STORM, "Ledger")})
    report = live_desk.ingest([url])
    assert len(report.stored) == 2
    assert {a.published for a in live_desk.articles()} == {"2025-03-04T10:15:00Z"}


def test_ingest_of_a_feed_skips_entries_already_stored(live_desk: Desk,
                                                       server: LocalServer) -> None:
    url = feed_of(server, {"/a": news_page(BRIDGE)})
    live_desk.ingest([url])
    server.add("/b", news_page(STORM))
    server.add("/feed.xml", rss_feed([(server.url("/a"), None), (server.url("/b"), None)]),
               content_type="application/rss+xml")
    report = live_desk.ingest([url])
    assert len(report.stored) == 1
    assert (server.hits("/a"), server.hits("/b")) == (1, 1)


def test_ingest_of_an_unchanged_feed_costs_one_304(live_desk: Desk,
                                                   server: LocalServer) -> None:
    url = feed_of(server, {"/a": news_page(BRIDGE)})
    server.routes["/feed.xml"].etag = '"v1"'
    live_desk.ingest([url])
    again = live_desk.ingest([url])
    assert again.unchanged == (url,)
    assert server.requests[-1][1]["if-none-match"] == '"v1"'
    assert server.hits("/a") == 1


def test_a_page_that_failed_is_tried_again_on_the_next_poll(live_desk: Desk,
                                                            server: LocalServer) -> None:
    url = feed_of(server, {"/a": news_page(BRIDGE)})
    server.add("/a", b"down", status=503, content_type="text/plain")
    server.routes["/feed.xml"].etag = '"v1"'
    first = live_desk.ingest([url])
    assert [r.reason for r in first.rejected] == [RejectReason.HTTP_ERROR]
    server.add("/a", news_page(BRIDGE))
    second = live_desk.ingest([url])
    assert len(second.stored) == 1  # the feed's ETag was not kept while a page was pending


def test_ingest_rejects_what_is_not_html(live_desk: Desk, server: LocalServer) -> None:
    url = server.add("/report.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    report = live_desk.ingest([url])
    [rejected] = report.rejected
    assert rejected.reason is RejectReason.NOT_HTML
    assert "'application/pdf'" in rejected.detail
    assert reasons(live_desk) == [RejectReason.NOT_HTML]


def test_ingest_rejects_a_non_html_feed_entry_and_stores_the_rest(
        live_desk: Desk, server: LocalServer) -> None:
    server.add("/photo.jpg", b"\xff\xd8\xff", content_type="image/jpeg")
    url = feed_of(server, {"/a": news_page(BRIDGE)})
    server.add("/feed.xml", rss_feed([(server.url("/a"), None),
                                      (server.url("/photo.jpg"), None)]))
    report = live_desk.ingest([url])
    assert len(report.stored) == 1
    assert [r.reason for r in report.rejected] == [RejectReason.NOT_HTML]


def test_ingest_respects_robots_txt(live_desk: Desk, server: LocalServer) -> None:
    server.add("/robots.txt", "User-agent: newsdesk\nDisallow: /private/\n",
               content_type="text/plain")
    server.add("/private/a", news_page(BRIDGE))
    server.add("/public/b", news_page(STORM))
    report = live_desk.ingest([server.url("/private/a"), server.url("/public/b")])
    assert len(report.stored) == 1
    assert [r.reason for r in report.rejected] == [RejectReason.ROBOTS_DISALLOWED]
    assert server.hits("/private/a") == 0
    assert server.hits("/robots.txt") == 1


def test_a_missing_robots_txt_allows_everything(live_desk: Desk, server: LocalServer) -> None:
    url = server.add("/a", news_page(BRIDGE))
    assert len(live_desk.ingest([url]).stored) == 1


def test_a_broken_robots_txt_disallows_everything(live_desk: Desk,
                                                  server: LocalServer) -> None:
    server.add("/robots.txt", b"", status=500, content_type="text/plain")
    report = live_desk.ingest([server.url("/a")])
    assert [r.reason for r in report.rejected] == [RejectReason.ROBOTS_DISALLOWED]


def test_a_source_may_ignore_robots_txt(live_desk: Desk, server: LocalServer) -> None:
    server.add("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    url = feed_of(server, {"/a": news_page(BRIDGE)})
    live_desk.add_sources([url], ignore_robots=True)
    checks, report = live_desk.poll()
    assert checks[0].ok and len(report.stored) == 1
    assert server.hits("/robots.txt") == 0


def test_ingest_of_a_news_sitemap_takes_outlet_and_date_from_it(
        live_desk: Desk, server: LocalServer) -> None:
    server.add("/drones", news_page(STORM, outlet="Somebody"))
    sitemap = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url>'
        f'<loc>{server.url("/drones")}</loc><news:news><news:publication>'
        "<news:name>Kauri Post</news:name></news:publication>"
        "<news:publication_date>2025-03-10T09:00:00Z</news:publication_date>"
        "</news:news></url></urlset>")
    server.add("/sitemap-news.xml.gz", gzip.compress(sitemap.encode()),
               content_type="application/gzip")
    server.add("/sitemap.xml", '<?xml version="1.0"?><sitemapindex><sitemap><loc>'
               f'{server.url("/sitemap-news.xml.gz")}</loc></sitemap></sitemapindex>',
               content_type="application/xml")
    report = live_desk.ingest([server.url("/sitemap.xml")])
    assert len(report.stored) == 1
    [article] = live_desk.articles()
    assert (article.outlet, article.published) == ("Kauri Post", "2025-03-10T09:00:00Z")


def test_a_big_listing_is_taken_newest_first_in_capped_polls(
        make_desk: Callable[..., Desk], server: LocalServer) -> None:
    desk = make_desk("capped.db", **{**LIVE_SETTINGS, "fetch.max_pages_per_poll": "1"})
    server.add("/old", news_page(BRIDGE))
    server.add("/new", news_page(STORM))
    server.add("/feed.xml", rss_feed([(server.url("/old"), "Mon, 03 Mar 2025 10:00:00 GMT"),
                                      (server.url("/new"), "Tue, 04 Mar 2025 10:00:00 GMT")]))
    first = desk.ingest([server.url("/feed.xml")])
    assert (len(first.stored), server.hits("/new"), server.hits("/old")) == (1, 1, 0)
    second = desk.ingest([server.url("/feed.xml")])
    assert (len(second.stored), server.hits("/old")) == (1, 1)


def test_sources_are_added_listed_and_removed(live_desk: Desk, server: LocalServer,
                                              tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text('<opml version="2.0"><body><outline text="A" xmlUrl="https://a.example/'
                    'rss"/><outline text="B" xmlUrl="https://b.example/atom"/></body></opml>')
    added = live_desk.add_sources([str(opml), "https://a.example/rss", server.url("/feed")])
    assert added == [("https://a.example/rss", True), ("https://b.example/atom", True),
                     ("https://a.example/rss", False), (server.url("/feed"), True)]
    assert [s.url for s in live_desk.sources()] == [
        "https://a.example/rss", "https://b.example/atom", server.url("/feed")]
    assert live_desk.sources()[0].title == "A"
    live_desk.remove_source("https://b.example/atom")
    live_desk.remove_source("1")
    assert [s.url for s in live_desk.sources()] == [server.url("/feed")]
    with pytest.raises(NotFound):
        live_desk.remove_source("https://b.example/atom")


def test_adding_something_that_is_neither_url_nor_opml_is_a_usage_error(
        live_desk: Desk, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="neither an http"):
        live_desk.add_sources(["www.example.com/feed"])
    bad = tmp_path / "notes.opml"
    bad.write_text("<html/>")
    with pytest.raises(UsageError, match="not an OPML file"):
        live_desk.add_sources([str(bad)])


def test_polls_keep_score_on_each_source(live_desk: Desk, server: LocalServer) -> None:
    good = feed_of(server, {"/a": news_page(BRIDGE), "/b": news_page(STORM)})
    live_desk.add_sources([good, server.url("/gone.xml")])
    live_desk.poll()
    live_desk.poll()
    by_url = {s.url: s for s in live_desk.sources()}
    assert by_url[good].kind is SourceKind.FEED
    assert (by_url[good].articles, by_url[good].error_count) == (2, 0)
    assert by_url[good].last_success == by_url[good].last_fetch == "2025-03-01T12:00:00Z"
    gone = by_url[server.url("/gone.xml")]
    assert (gone.error_count, gone.last_success) == (2, None)
    assert gone.last_error is not None and "HTTP 404" in gone.last_error


def test_check_reads_a_source_without_storing_pages(live_desk: Desk,
                                                    server: LocalServer) -> None:
    url = feed_of(server, {"/a": news_page(BRIDGE), "/b": news_page(STORM)})
    live_desk.add_sources([url])
    [check] = live_desk.check_sources()
    assert (check.ok, check.kind, check.listed, check.new) == (True, SourceKind.FEED, 2, 2)
    assert live_desk.articles() == []
    assert server.hits("/a") == 0


def test_watch_reports_new_stories_then_stories_that_gained_outlets(
        live_desk: Desk, server: LocalServer) -> None:
    url = feed_of(server, {"/a": news_page(BRIDGE), "/lib": news_page(LIBRARY)})
    live_desk.add_sources([url])
    events: list[WatchEvent] = []
    assert live_desk.watch(StopFlag(), events.append, once=True) == 1
    assert sorted(e.kind for e in events) == ["new-story", "new-story"]
    server.add("/b", news_page(BRIDGE_2, outlet="Northern Ledger"))
    server.add("/feed.xml", rss_feed([(server.url(p), None) for p in ("/a", "/lib", "/b")]))
    events.clear()
    live_desk.watch(StopFlag(), events.append, once=True)
    [gained] = events
    assert gained.kind == "more-outlets"
    assert gained.added == ("Northern Ledger",)
    assert gained.outlets == ("Harbour Gazette", "Northern Ledger")
    assert "+Northern Ledger (2 outlets)" in gained.message()


def test_watch_without_sources_says_how_to_add_them(live_desk: Desk) -> None:
    with pytest.raises(UsageError, match="sources add"):
        live_desk.watch(StopFlag(), print, once=True)


def test_watch_stops_between_documents_when_asked(live_desk: Desk,
                                                  server: LocalServer) -> None:
    url = feed_of(server, {f"/{n}": news_page(t) for n, t in enumerate((BRIDGE, STORM,
                                                                        LIBRARY))})
    live_desk.add_sources([url])
    stop = StopFlag()
    seen: list[str] = []
    original = live_desk._store.add_document

    def add_then_stop(*args: object) -> None:
        original(*args)  # type: ignore[arg-type]
        seen.append("stored")
        stop.set()

    live_desk._store.add_document = add_then_stop  # type: ignore[method-assign]
    assert live_desk.watch(stop, print, every=0) == 0
    assert len(live_desk.articles()) == 1
    live_desk._store.add_document = original  # type: ignore[method-assign]
    live_desk.watch(StopFlag(), print, once=True)
    assert len(live_desk.articles()) == 3


CAFE = ("Café owners protest “unfair” rents\n\nOwners of the old harbour café said on Monday "
        "that the council’s new rents would close a dozen small businesses by the summer.\n\n"
        "The council said the rents had not risen for a decade.\n")


@pytest.mark.parametrize(("content_type", "meta"), [
    ("text/html; charset=windows-1252", ""),
    ("text/html; charset=iso-8859-1", ""),   # read as windows-1252, as browsers do
    ("text/html", '<meta charset="windows-1252">'),
])
def test_a_page_is_decoded_by_its_declared_charset(live_desk: Desk, server: LocalServer,
                                                   content_type: str, meta: str) -> None:
    html = news_page(CAFE).replace("<head>", f"<head>{meta}")
    url = server.add("/cafe", html.encode("cp1252"), content_type=content_type)
    live_desk.ingest([url])
    [article] = live_desk.articles()
    assert "“unfair”" in (article.title or "") + article.text
    assert "council’s new rents" in article.text
