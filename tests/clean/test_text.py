"""Plain-text pages: paragraphs, the headline, the ``Source:`` line and the outlet domain."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from newsdesk.clean import clean
from newsdesk.clean import metadata as clean_metadata
from newsdesk.clean.text import clean_text
from newsdesk.ingest.decode import content_hash
from newsdesk.model import (
    Article,
    DocumentKind,
    Hints,
    RawDocument,
    Rejected,
    RejectReason,
    Removed,
)
from newsdesk.settings import CleanSettings

CFG = CleanSettings()
PAGE = (
    "Home  News   Sport\n"
    "Council approves new river bridge\n"
    "\n\n"
    "The city council voted on   Tuesday to approve a new bridge across the river.\n"
    "Mayor Jane Holt said construction would begin in the spring.\n"
    "Source: https://www.example.co.uk/news/bridge-approved\n"
)


def text_doc(content: str, **fields: Any) -> RawDocument:
    return RawDocument(source="page.txt", kind=DocumentKind.TEXT, content=content,
                       content_hash=content_hash(content), **fields)


def cleaned(content: str, **fields: Any) -> Article:
    found = clean_text(text_doc(content, **fields), CFG, "clean.text@1")
    assert not isinstance(found, Rejected)
    [article] = found
    return article


def test_text_keeps_paragraphs_separated_by_a_blank_line() -> None:
    article = cleaned(PAGE)
    assert article.text.split("\n\n") == [
        "Home News Sport",
        "Council approves new river bridge",
        "The city council voted on Tuesday to approve a new bridge across the river.",
        "Mayor Jane Holt said construction would begin in the spring.",
    ]


def test_text_source_line_is_kept_aside_as_removed_source_line() -> None:
    assert cleaned(PAGE).removed == (
        Removed("Source: https://www.example.co.uk/news/bridge-approved", "source-line"),)


def test_text_headline_is_the_first_line_long_enough_to_be_one() -> None:
    assert cleaned(PAGE).title == "Council approves new river bridge"


def test_text_takes_the_source_line_as_url_and_infers_the_outlet_domain() -> None:
    article = cleaned(PAGE)
    assert article.url == "https://www.example.co.uk/news/bridge-approved"
    assert article.outlet_domain == "example.co.uk"


@pytest.mark.parametrize("label", ["Source", "source", "URL", "Canonical", "Link"])
def test_text_accepts_each_kind_of_address_line(label: str) -> None:
    article = cleaned(f"A long enough body of text for an article here.\n{label}: "
                      "https://news.example.com/a\n")
    assert article.url == "https://news.example.com/a"
    assert article.outlet_domain == "example.com"


def test_text_address_line_needs_a_web_address() -> None:
    assert cleaned("A long enough body of text for an article here.\n"
                   "Source: the town hall press office\n").url is None


def test_text_outlet_domain_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("tried to open a network connection")

    clean_metadata._extractor.cache_clear()
    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    try:
        article = cleaned(PAGE)
    finally:
        clean_metadata._extractor.cache_clear()
    assert article.outlet_domain == "example.co.uk"


def test_text_record_hints_beat_the_page_and_defaults_fill_in() -> None:
    article = cleaned(PAGE, hints=Hints(title="Bridge approved", url="https://wire.example.net/b"),
                      defaults=Hints(outlet="Wire", published="2025-02-12",
                                     url="https://ignored.example.org/"))
    assert (article.title, article.url, article.outlet_domain) == (
        "Bridge approved", "https://wire.example.net/b", "example.net")
    assert (article.outlet, article.published) == ("Wire", "2025-02-12")


def test_text_article_id_depends_only_on_the_content() -> None:
    one = cleaned(PAGE)
    two = cleaned(PAGE, defaults=Hints(outlet="Other"))
    assert one.id == two.id
    assert one.id.startswith("a-")
    assert one.document_id == text_doc(PAGE).id


def test_text_too_short_is_rejected_as_no_text() -> None:
    found = clean(text_doc("Menu\nHome\n", record=4), CFG)
    assert isinstance(found, Rejected)
    assert (found.reason, found.stage, found.source) == (RejectReason.NO_TEXT, "clean",
                                                         "page.txt:4")
    assert "no article text" in found.detail


def test_text_minimum_length_comes_from_the_settings() -> None:
    short = "Brief: the bridge is approved.\n"
    assert isinstance(clean(text_doc(short), CFG), Rejected)
    assert not isinstance(clean(text_doc(short), CleanSettings(min_article_chars=10)), Rejected)


def test_clean_dispatches_text_documents_to_the_text_cleaner() -> None:
    found = clean(text_doc(PAGE), CFG)
    assert isinstance(found, list)
    assert found[0].producer == "clean.text@4"
