"""Briefings: Markdown, HTML and JSON of one story; hostile input stays inert."""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from newsdesk.brief import BRIEF_FORMATS, render_brief
from newsdesk.brief.render import safe_link
from newsdesk.model import Article, Story

MakeArticle = Callable[..., Article]
SCRIPT = "<script>alert(1)</script>"
JS_URL = "javascript:alert(1)"


@pytest.fixture
def story_articles(make_article: MakeArticle) -> tuple[Story, list[Article]]:
    articles = [
        make_article("a-2", "Body two.", outlet="Wire", published="2025-02-13",
                     title="Bridge approved", copy_of="a-1"),
        make_article("a-1", "Body one.", outlet="Avon Post", published="2025-02-12",
                     title="Council approves bridge", url="https://avon-post.example.com/b"),
        make_article("a-3", "First line of an untitled article.\n\nMore."),
    ]
    story = Story("s-1", "Council approves bridge", ("a-1", "a-2", "a-3"), "cluster.tfidf@1",
                  first_seen="2025-02-12", last_seen="2025-02-13")
    return story, articles


@pytest.fixture
def hostile(make_article: MakeArticle) -> tuple[Story, list[Article]]:
    articles = [make_article("a-1", "Body.", outlet=SCRIPT, title=SCRIPT, url=JS_URL,
                             published="2025-02-12"),
                make_article("a-2", "Body.", outlet="JAVASCRIPT Times", title="Second",
                             url="JavaScript:alert(2)")]
    return Story("s-1", SCRIPT, ("a-1", "a-2"), "cluster.tfidf@1"), articles


class Tags(HTMLParser):
    """Every start tag with its attributes, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def test_brief_formats_are_md_html_json() -> None:
    assert set(BRIEF_FORMATS) == {"md", "html", "json"}


def test_markdown_briefing_lists_the_articles_oldest_first(
        story_articles: tuple[Story, list[Article]]) -> None:
    md = render_brief(*story_articles, "md")
    assert md.startswith("# Council approves bridge\n")
    assert md.index("`a-1`") < md.index("`a-2`") < md.index("`a-3`")
    assert "[Council approves bridge](https://avon-post.example.com/b)" in md
    assert "(copy of `a-1`)" in md
    assert "3 articles from 2 outlets (and 1 of unknown outlet)" in md
    assert "| undated | unknown outlet | First line of an untitled article. |" in md


def test_html_briefing_is_a_whole_page_with_a_link_per_web_address(
        story_articles: tuple[Story, list[Article]]) -> None:
    html = render_brief(*story_articles, "html")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "<h1>Council approves bridge</h1>" in html
    links = [attrs["href"] for tag, attrs in tags_of(html) if tag == "a"]
    outside = [link for link in links if link and not link.startswith("#")]
    assert outside == ["https://avon-post.example.com/b"]
    # the coverage chart links each dated article's dot to its row
    assert [link for link in links if link and link.startswith("#")] == ["#a-1", "#a-2"]
    assert [attrs["id"] for tag, attrs in tags_of(html) if tag == "tr" and "id" in attrs] == [
        "a-1", "a-2", "a-3"]


def test_json_briefing_carries_the_same_facts(
        story_articles: tuple[Story, list[Article]]) -> None:
    data = json.loads(render_brief(*story_articles, "json"))
    assert data["story"] == {"id": "s-1", "title": "Council approves bridge",
                             "storyline_id": None, "first_seen": "2025-02-12",
                             "last_seen": "2025-02-13"}
    assert data["outlets"] == ["Avon Post", "Wire"]
    assert [a["id"] for a in data["articles"]] == ["a-1", "a-2", "a-3"]
    assert data["articles"][1]["copy_of"] == "a-1"


def test_html_briefing_escapes_hostile_titles_and_outlets(
        hostile: tuple[Story, list[Article]]) -> None:
    html = render_brief(*hostile, "html")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert [tag for tag, _ in tags_of(html) if tag == "script"] == []


def test_html_briefing_never_links_a_javascript_url(hostile: tuple[Story, list[Article]]) -> None:
    html = render_brief(*hostile, "html")
    links = [attrs.get("href") or "" for tag, attrs in tags_of(html) if tag == "a"]
    assert all(link.startswith("#") for link in links)
    assert "javascript:" not in html.lower()


def test_json_briefing_drops_a_javascript_url(hostile: tuple[Story, list[Article]]) -> None:
    data = json.loads(render_brief(*hostile, "json"))
    assert [a["url"] for a in data["articles"]] == [None, None]
    assert data["story"]["title"] == SCRIPT


def markdown_to_html(md: str) -> str:
    markdown_it = pytest.importorskip("markdown_it")
    return str(markdown_it.MarkdownIt("commonmark").enable("table").render(md))


def test_markdown_briefing_escapes_hostile_text(hostile: tuple[Story, list[Article]]) -> None:
    md = render_brief(*hostile, "md")
    assert "<script>" not in md
    rendered = markdown_to_html(md)
    assert [tag for tag, _ in tags_of(rendered) if tag == "script"] == []
    assert all((attrs.get("href") or "").startswith("#")
               for tag, attrs in tags_of(rendered) if tag == "a")


def test_markdown_briefing_keeps_a_hostile_url_inside_its_link(make_article: MakeArticle) -> None:
    url = 'https://evil.example/x" <img src=x onerror=alert(1)>'
    story = Story("s-1", "Storm", ("a-1",), "cluster.tfidf@1")
    md = render_brief(story, [make_article("a-1", "Body.", title="Storm", url=url)], "md")
    rendered = markdown_to_html(md)
    assert [tag for tag, _ in tags_of(rendered) if tag == "img"] == []


@pytest.mark.parametrize(("url", "link"), [
    ("https://x.example/a", "https://x.example/a"),
    ("HTTP://x.example/a", "HTTP://x.example/a"),
    (JS_URL, None), (" javascript:alert(1)", None), ("data:text/html,<b>x</b>", None),
    ("//x.example/a", None), ("", None), (None, None)])
def test_safe_link_keeps_only_web_addresses(url: str | None, link: str | None) -> None:
    assert safe_link(url) == link
