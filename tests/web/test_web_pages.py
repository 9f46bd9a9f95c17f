"""The HTML pages over the sample corpus and over hostile input (TestClient, no browser)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from markupsafe import escape

from conftest import WEB_TOKEN, hostile_records
from newsdesk import Desk, pipeline
from newsdesk.desk import STORY_SECTION_ROWS
from newsdesk.errors import StoreError

Client = Any


def _titles(html: str) -> list[str]:
    return re.findall(r'<h2><a href="/stories/[^"]+">([^<]+)</a></h2>', html)


def test_stories_page_lists_every_story_newest_activity_first(
        sample_desk: Desk, web_client: Callable[..., Client]) -> None:
    page = web_client(sample_desk).get("/")
    expected = [s.title for s in sample_desk.stories()]
    assert page.status_code == 200
    assert [t.replace("&#39;", "'") for t in _titles(page.text)] == expected
    assert f"{len(expected)} stories" in page.text


@pytest.mark.parametrize("query, wanted", [
    ("person=Fontaine", "Fontaine"), ("q=%22North+Sea%22", "North Sea"),
    ("outlet=Tasman+Times", None), ("since=2025-04-01", None)])
def test_stories_page_filters_narrow_the_list(sample_desk: Desk, web_client: Callable[..., Client],
                                              query: str, wanted: str | None) -> None:
    everything = _titles(web_client(sample_desk).get("/").text)
    narrowed = _titles(web_client(sample_desk).get(f"/?{query}").text)
    assert 0 < len(narrowed) < len(everything)
    if wanted:
        assert any(wanted in t for t in narrowed)


def test_stories_page_filter_with_no_match_says_so(sample_desk: Desk,
                                                   web_client: Callable[..., Client]) -> None:
    page = web_client(sample_desk).get("/?q=zzzyzzx")
    assert page.status_code == 200
    assert "No story matches these filters." in page.text


def test_stories_page_with_a_bad_date_is_a_friendly_400(
        sample_desk: Desk, web_client: Callable[..., Client]) -> None:
    page = web_client(sample_desk).get("/?since=yesterday")
    assert page.status_code == 400
    assert "is not a date such as 2025-02-12" in page.text
    assert "Traceback" not in page.text


def test_story_page_shows_counts_timeline_coverage_and_articles(
        sample_desk: Desk, web_client: Callable[..., Client]) -> None:
    story = sample_desk.stories()[0]
    page = web_client(sample_desk).get(f"/stories/{story.id}")
    assert page.status_code == 200
    for heading in ("Timeline", "Coverage", "Articles"):
        assert f">{heading}</h2>" in page.text
    assert f"<strong>{len(story.article_ids)}</strong> articles" in page.text
    assert all(f"/articles/{a}" in page.text for a in story.article_ids)


def test_story_page_leaves_out_analyses_no_stage_provides(
        sample_desk: Desk, web_client: Callable[..., Client],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "ANALYSIS_READERS", {})
    page = web_client(sample_desk).get(f"/stories/{sample_desk.stories()[0].id}")
    assert page.status_code == 200 and ">Articles</h2>" in page.text
    for heading in ("Summary", "Key quotes", "Wording differences", "Figures", "Only here"):
        assert f">{heading}</h2>" not in page.text


def test_story_page_shows_summary_key_quotes_and_figures(
        sample_desk: Desk, web_client: Callable[..., Client]) -> None:
    story = max(sample_desk.stories(), key=lambda s: len(s.article_ids))
    page = web_client(sample_desk).get(f"/stories/{story.id}").text
    assert ">Summary</h2>" in page and escape(story.summary) in page
    quotes = sample_desk.quotes(story_id=story.id)
    # Only the key-quotes section: the wording differences below quote their groups again.
    key_quotes = page.split('id="h-quotes"', 1)[1].split("</section>", 1)[0]
    shown = re.findall(r"<blockquote>(.*?)</blockquote>", key_quotes, re.S)
    assert len(shown) == min(len(quotes), STORY_SECTION_ROWS)
    assert set(shown) <= {str(escape(q.text)) for q in quotes}
    figures = sample_desk.figures(story_id=story.id)
    assert ">Figures</h2>" in page and str(escape(figures[0].text)) in page
    if len(quotes) > STORY_SECTION_ROWS:
        assert f'href="/stories/{story.id}/quotes"' in page


def test_story_quotes_page_pages_through_every_quote(
        sample_desk: Desk, web_client: Callable[..., Client]) -> None:
    story = max(sample_desk.stories(), key=lambda s: len(s.article_ids))
    client, path, seen = web_client(sample_desk), f"/stories/{story.id}/quotes", []
    while path:
        page = client.get(path).text
        seen += re.findall(r"<blockquote>(.*?)</blockquote>", page, re.S)
        more = re.search(r'<a rel="next" href="([^"]+)"', page)
        path = more.group(1).replace("&amp;", "&") if more else ""
    assert sorted(seen) == sorted(str(escape(q.text)) for q in sample_desk.quotes(
        story_id=story.id))


def test_story_page_pages_through_a_long_article_list(
        sample_desk: Desk, web_client: Callable[..., Client]) -> None:
    story = max(sample_desk.stories(), key=lambda s: len(s.article_ids))
    assert len(story.article_ids) > 5, "the sample corpus has a story of more than 5 articles"
    first = sample_desk.story_view(story.id, limit=5)
    assert first.articles.next_cursor is not None
    page = web_client(sample_desk).get(f"/stories/{story.id}?cursor={first.articles.next_cursor}")
    shown = re.findall(r'<li>\s*<a href="/articles/([^"]+)"', page.text)
    assert shown == list(story.article_ids[5:])


def test_unknown_story_is_a_friendly_404_page(sample_desk: Desk,
                                              web_client: Callable[..., Client]) -> None:
    page = web_client(sample_desk).get("/stories/s-nothing")
    assert page.status_code == 404
    assert "<h1>Not found</h1>" in page.text and "no story with id" in page.text


def test_article_page_shows_text_removed_furniture_and_raw_link(
        sample_desk: Desk, web_client: Callable[..., Client]) -> None:
    article = next(a for a in sample_desk.articles() if a.removed)
    page = web_client(sample_desk).get(f"/articles/{article.id}")
    assert page.status_code == 200
    assert f"Removed from the page ({len(article.removed)})" in page.text
    assert f'href="/articles/{article.id}/raw"' in page.text
    body = re.search(r'<div class="text">(.*?)</div>', page.text, re.S)
    assert body is not None
    paragraphs = re.findall(r"<p>(.*?)</p>", body.group(1), re.S)
    shown = [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in paragraphs]
    assert "\n\n".join(shown) == article.text, "the marks keep every character of the text"


def test_raw_input_is_served_as_plain_text(sample_desk: Desk,
                                           web_client: Callable[..., Client]) -> None:
    article = next(a for a in sample_desk.articles() if a.source.endswith(".html"))
    raw = web_client(sample_desk).get(f"/articles/{article.id}/raw")
    assert raw.headers["content-type"].startswith("text/plain")
    assert raw.headers["x-content-type-options"] == "nosniff"
    assert raw.text == sample_desk.raw(article.id).content


def test_article_page_marks_quotes_figures_and_names_at_their_offsets(
        sample_desk: Desk, web_client: Callable[..., Client]) -> None:
    quotes = sample_desk.quotes()
    article = max(sample_desk.articles(),
                  key=lambda a: sum(q.article_id == a.id for q in quotes))
    page = web_client(sample_desk).get(f"/articles/{article.id}").text
    marked = re.findall(r'<mark class="([^"]+)"[^>]*>(?:<a [^>]+>)?([^<]*)', page)
    kinds = {k for classes, _ in marked for k in classes.split()}
    assert kinds == {"m-quote", "m-figure", "m-entity"}
    quoted = "".join(t for classes, t in marked if "m-quote" in classes)
    first = next(q for q in quotes if q.article_id == article.id)
    assert str(escape(article.text[first.start:first.end])) in quoted
    person = next(e for e in sample_desk.people(["PERSON"])
                  if any(m.article_id == article.id for m in e.mentions))
    assert f'href="/people/{quote(person.name, safe="")}"' in page


def test_person_page_shows_quotes_across_outlets_and_name_variants(
        sample_desk: Desk, web_client: Callable[..., Client]) -> None:
    person = max(sample_desk.people(["PERSON"]),
                 key=lambda e: len({q.article_id for q in sample_desk.quotes(speaker=e.name)}))
    quotes = sample_desk.quotes(speaker=person.name)
    page = web_client(sample_desk).get(f"/people/{quote(person.name, safe='')}").text
    shown = re.findall(r"<blockquote>(.*?)</blockquote>", page, re.S)
    assert sorted(shown) == sorted(str(escape(q.text)) for q in quotes)
    outlets = {a.outlet for a in sample_desk.articles() if a.id in {q.article_id for q in quotes}}
    assert len(outlets) > 1 and f"in {len(outlets)} outlets" in page
    variants = re.search(r'<ul class="chips">(.*?)</ul>', page, re.S)
    assert variants is not None
    spelt = {m.text for m in person.mentions}
    assert spelt and all(f"<li>{escape(s)}</li>" in variants.group(1) for s in spelt)


def test_person_page_says_what_is_not_extracted_yet_and_lists_mentions(
        sample_desk: Desk, web_client: Callable[..., Client],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "ANALYSIS_READERS", {})
    page = web_client(sample_desk).get("/people/Fontaine")
    assert page.status_code == 200
    assert "No quotes extracted yet" in page.text
    assert "No names extracted yet" in page.text
    assert "<mark>Fontaine</mark>" in page.text


def test_people_page_form_opens_a_person(sample_desk: Desk,
                                         web_client: Callable[..., Client]) -> None:
    page = web_client(sample_desk).get("/people?name=%C3%89lise+Fontaine")
    assert page.status_code == 200
    assert page.url.path == "/people/Élise Fontaine"
    assert "<h1>Élise Fontaine</h1>" in page.text


def test_outlets_page_counts_articles_per_outlet(sample_desk: Desk,
                                                 web_client: Callable[..., Client]) -> None:
    page = web_client(sample_desk).get("/outlets")
    rows = re.findall(r'<tr><th scope="row"><a [^>]+>([^<]+)</a></th>'
                      r'<td class="num" data-label="Articles">(\d+)',
                      page.text)
    counted: dict[str, int] = {}
    for article in sample_desk.articles():
        if article.outlet:
            counted[article.outlet] = counted.get(article.outlet, 0) + 1
    assert {name.replace("&#39;", "'"): int(n) for name, n in rows} == counted


def test_search_page_highlights_the_matched_words(sample_desk: Desk,
                                                  web_client: Callable[..., Client]) -> None:
    page = web_client(sample_desk).get("/search?q=%22North+Sea%22")
    assert page.status_code == 200
    assert "<mark>North Sea</mark>" in page.text or "<mark>North</mark>" in page.text


def test_rejected_page_lists_rejections(tmp_path: Path, inputs: Callable[..., Path],
                                        web_client: Callable[..., Client]) -> None:
    with Desk(tmp_path / "r.db") as desk:
        desk.ingest([inputs("empty.txt", "")])
        page = web_client(desk).get("/rejected")
    assert "empty.txt" in page.text and ">empty<" in page.text
    assert str(tmp_path) not in page.text  # the machine's folders are no business of a reader


def test_pages_escape_hostile_content(tmp_path: Path,
                                      web_client: Callable[..., Client],
                                      ) -> None:
    with Desk(tmp_path / "x.db") as desk:
        client = web_client(desk, WEB_TOKEN)
        posted = client.post("/api/v1/articles?analyze=true", json=hostile_records(),
                             headers={"Authorization": f"Bearer {WEB_TOKEN}"})
        assert posted.status_code == 201, posted.text
        story = desk.stories()[0]
        article = desk.articles()[0]
        paths = ["/", f"/stories/{story.id}", f"/articles/{article.id}", "/outlets",
                 "/search?q=ferry", f"/people/{hostile_speaker(desk)}",
                 f"/stories/{story.id}/quotes", f"/stories/{story.id}/figures",
                 "/?q=%3Cscript%3E"]
        for path in paths:
            html = client.get(path).text
            assert "<script>window" not in html, path
            assert "onerror=\"window" not in html and "<svg onload" not in html, path
            assert 'href="javascript:' not in html, path
        assert "&lt;script&gt;window.__xss=" in client.get(f"/articles/{article.id}").text


def hostile_speaker(desk: Desk) -> str:
    """A speaker the extraction found in the hostile articles (their payloads included)."""
    speakers = [q.speaker for q in desk.quotes() if q.speaker]
    assert speakers, "the hostile articles' quotes are attributed"
    return quote(speakers[0], safe="")


def test_every_page_sends_a_content_security_policy(sample_desk: Desk,
                                                    web_client: Callable[..., Client]) -> None:
    for path in ("/", "/outlets", "/search?q=x", "/api/v1/stories"):
        policy = web_client(sample_desk).get(path).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_server_errors_show_neither_the_database_path_nor_a_trace(
        sample_desk: Desk, web_client: Callable[..., Client],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise StoreError("/secret/folder/news.db: cannot open the database (OperationalError)")

    monkeypatch.setattr(Desk, "story_list", broken)
    monkeypatch.setattr(Desk, "outlet_list", lambda self: 1 / 0)
    client = web_client(sample_desk)
    for path in ("/", "/api/v1/stories", "/outlets", "/api/v1/outlets"):
        answer = client.get(path)
        assert answer.status_code == 500
        assert "/secret" not in answer.text and "Traceback" not in answer.text
        assert "ZeroDivision" not in answer.text and str(sample_desk.settings.store.db) not in \
            answer.text


def test_static_assets_are_served_from_the_package(sample_desk: Desk,
                                                   web_client: Callable[..., Client]) -> None:
    client = web_client(sample_desk)
    for path in ("/static/desk.css", "/static/desk.js", "/api/v1/docs"):
        assert client.get(path).status_code == 200
    docs = client.get("/api/v1/docs").text
    assert "cdn" not in docs.lower() and "/api/v1/docs-assets/swagger-ui-bundle.js" in docs
    assert client.get("/api/v1/docs-assets/swagger-ui-bundle.js").status_code == 200
