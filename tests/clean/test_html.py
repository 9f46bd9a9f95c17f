"""HTML pages: main text and metadata with trafilatura, the repeated headline removed."""

from __future__ import annotations

import warnings
from typing import Any

from newsdesk.clean import clean
from newsdesk.ingest.decode import content_hash
from newsdesk.model import Article, DocumentKind, Hints, RawDocument, Rejected, RejectReason
from newsdesk.settings import CleanSettings

CFG = CleanSettings()
PAGE = """<!doctype html>
<html><head>
<title>Storm cuts power to coastal towns | Coast Times</title>
<meta property="og:title" content="Storm cuts power to coastal towns">
<meta property="og:site_name" content="Coast Times">
<meta name="author" content="Ann Reporter">
<link rel="canonical" href="https://www.coast-times.co.uk/news/storm-power">
<meta property="article:published_time" content="2025-02-12T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Storm cuts power to coastal towns</h1>
<p>A powerful storm hit the coast on Wednesday night, cutting electricity to thousands of
homes and closing the harbour road.</p>
<p>Engineers expect the power lines to be repaired by the weekend, the grid operator said.</p>
</article>
<footer>© Coast Times. All rights reserved.</footer>
</body></html>"""


def html_doc(content: str, **fields: Any) -> RawDocument:
    return RawDocument(source="page.html", kind=DocumentKind.HTML, content=content,
                       content_hash=content_hash(content), **fields)


def cleaned(content: str, **fields: Any) -> Article:
    found = clean(html_doc(content, **fields), CFG)
    assert not isinstance(found, Rejected), found
    [article] = found
    return article


def test_html_extracts_title_site_name_canonical_url_and_date() -> None:
    article = cleaned(PAGE)
    assert article.title == "Storm cuts power to coastal towns"
    assert article.outlet == "Coast Times"
    assert article.url == "https://www.coast-times.co.uk/news/storm-power"
    assert article.outlet_domain == "coast-times.co.uk"
    assert article.published == "2025-02-12"
    assert article.producer == "clean.trafilatura@3"


def test_html_keeps_the_body_as_paragraphs_without_page_furniture() -> None:
    text = cleaned(PAGE).text
    assert text.split("\n\n") == [
        "A powerful storm hit the coast on Wednesday night, cutting electricity to thousands "
        "of homes and closing the harbour road.",
        "Engineers expect the power lines to be repaired by the weekend, the grid operator said.",
    ]
    assert "All rights reserved" not in text


def test_html_drops_a_repeated_headline_into_removed() -> None:
    article = cleaned(PAGE)
    assert [r.reason for r in article.removed] == ["headline-repeat"]
    assert article.removed[0].text == "Storm cuts power to coastal towns"


def test_html_record_hints_beat_the_page_metadata() -> None:
    hints = Hints(outlet="Wire", title="Power cut after storm", published="2025-02-13",
                  url="https://wire.example.net/storm")
    article = cleaned(PAGE, hints=hints)
    assert (article.outlet, article.title, article.published, article.url) == (
        "Wire", "Power cut after storm", "2025-02-13", "https://wire.example.net/storm")


def test_html_page_metadata_beats_the_defaults() -> None:
    defaults = Hints(outlet="Default", title="Default title", published="2020-01-01",
                     url="https://default.example.org/x")
    article = cleaned(PAGE, defaults=defaults)
    assert (article.outlet, article.title, article.published, article.url) == (
        "Coast Times", "Storm cuts power to coastal towns", "2025-02-12",
        "https://www.coast-times.co.uk/news/storm-power")


def test_html_without_text_is_rejected_as_no_text() -> None:
    found = clean(html_doc("<html><body><nav><a href='/'>Home</a></nav></body></html>"), CFG)
    assert isinstance(found, Rejected)
    assert (found.reason, found.stage) == (RejectReason.NO_TEXT, "clean")


def test_html_of_hostile_markup_yields_text_not_script() -> None:
    page = ("<html><body><article><script>alert('x')</script><p>A council meeting on Monday "
            "approved the budget for the new year after a long debate.</p></article>"
            "</body></html>")
    assert "alert" not in cleaned(page).text


def test_clean_html_raises_no_deprecation_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        clean(html_doc(PAGE), CFG)
