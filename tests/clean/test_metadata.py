"""Metadata rules: ISO dates, outlet domains, ids, and which source of metadata wins."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.clean.metadata import (
    ArticleFields,
    article_id,
    build_article,
    iso_published,
    pick,
    registered_domain,
)
from newsdesk.model import DocumentKind, Hints, RawDocument


@pytest.mark.parametrize(("given_value", "expected"), [
    ("2025-02-12", "2025-02-12"),
    (" 2025-02-12 ", "2025-02-12"),
    ("2025-02-12T14:03:00Z", "2025-02-12T14:03:00Z"),
    ("2025-02-12T14:03:00.987Z", "2025-02-12T14:03:00Z"),
    ("2025-02-12T14:03:00+01:00", "2025-02-12T13:03:00Z"),
    ("2025-02-12T23:30:00-02:00", "2025-02-13T01:30:00Z"),
    ("2025-02-12 14:03", "2025-02-12T14:03:00"),
    ("2025-02-12T14:03:00.5", "2025-02-12T14:03:00"),
    ("12/02/2025", None),
    ("yesterday", None),
    ("2025-02-30", None),
    ("0001-01-01", None),  # a placeholder (USA Today network pages)
    ("0001-01-01T00:00:00Z", None),
    ("", None),
    (None, None),
])
def test_iso_published_normalises_or_gives_none(given_value: str | None,
                                                expected: str | None) -> None:
    assert iso_published(given_value) == expected


OFFSETS = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes)))
DATES_AND_TIMES = st.one_of(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).map(date.isoformat),
    st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2100, 12, 30),
                 timezones=st.none() | OFFSETS).map(datetime.isoformat),
    st.text(max_size=30),
)


@given(DATES_AND_TIMES)
def test_iso_published_is_idempotent(value: str) -> None:
    once = iso_published(value)
    assert iso_published(once) == once


@given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2100, 12, 30),
                    timezones=OFFSETS))
def test_iso_published_keeps_the_instant_of_an_aware_time(moment: datetime) -> None:
    found = iso_published(moment.isoformat())
    assert found is not None
    parsed = datetime.fromisoformat(found.replace("Z", "+00:00"))
    assert parsed == moment.astimezone(UTC).replace(microsecond=0)


def test_iso_published_of_an_out_of_range_time_is_none() -> None:
    assert iso_published("0001-01-01T00:00:00+01:00") is None


def test_iso_published_takes_early_years_for_placeholders() -> None:
    assert iso_published("0999-02-12T14:03:00Z") is None
    once = iso_published("1905-02-12T14:03:00Z")
    assert once == "1905-02-12T14:03:00Z"
    assert iso_published(once) == once


@pytest.mark.parametrize(("url", "domain"), [
    ("https://www.example.co.uk/news/a", "example.co.uk"),
    ("https://news.bbc.co.uk/x", "bbc.co.uk"),
    ("http://coast-times.example.com", "example.com"),
    ("https://localhost/a", None),
    ("", None),
    (None, None),
])
def test_registered_domain_is_the_name_under_the_public_suffix(url: str | None,
                                                               domain: str | None) -> None:
    assert registered_domain(url) == domain


def test_registered_domain_is_lower_case() -> None:
    assert registered_domain("https://WWW.EXAMPLE.ORG/") == "example.org"


def test_pick_takes_the_first_value_that_says_something() -> None:
    assert pick(None, "  ", " Wire ", "Other") == "Wire"
    assert pick(None, "") is None


def test_article_id_is_stable_and_differs_per_segment() -> None:
    assert article_id("ab" * 32, 0) == article_id("ab" * 32, 0)
    assert article_id("ab" * 32, 0) != article_id("ab" * 32, 1)
    assert article_id("ab" * 32, 0).startswith("a-")
    assert len(article_id("ab" * 32, 0)) == len("a-") + 16


def doc_with(hints: Hints, defaults: Hints) -> RawDocument:
    return RawDocument(source="x.html", kind=DocumentKind.HTML, content="<p>x</p>",
                       content_hash="cd" * 32, hints=hints, defaults=defaults)


RECORD = Hints(outlet="Record", published="2025-01-05", url="https://record.example.org/a",
               title="Record title")
PAGE = ArticleFields(text="Body.", outlet="Page", published="2025-02-12",
                     url="https://page.example.com/a", title="Page title")
DEFAULTS = Hints(outlet="Default", published="2020-01-01", url="https://default.example.net/",
                 title="Default title")


def test_record_fields_beat_page_metadata() -> None:
    article = build_article(doc_with(RECORD, DEFAULTS), PAGE, "clean.test@1")
    assert (article.outlet, article.published, article.url, article.title) == (
        "Record", "2025-01-05", "https://record.example.org/a", "Record title")
    assert article.outlet_domain == "example.org"


def test_page_metadata_beats_defaults() -> None:
    article = build_article(doc_with(Hints(), DEFAULTS), PAGE, "clean.test@1")
    assert (article.outlet, article.published, article.url, article.title) == (
        "Page", "2025-02-12", "https://page.example.com/a", "Page title")


def test_defaults_fill_what_neither_record_nor_page_says() -> None:
    article = build_article(doc_with(Hints(), DEFAULTS), ArticleFields(text="Body."), "p@1")
    assert (article.outlet, article.published, article.url, article.title) == (
        "Default", "2020-01-01", "https://default.example.net/", "Default title")
    assert article.outlet_domain == "example.net"


def test_published_is_normalised_whichever_source_gives_it() -> None:
    article = build_article(doc_with(Hints(published="2025-01-05T10:00:00+02:00"), DEFAULTS),
                            PAGE, "p@1")
    assert article.published == "2025-01-05T08:00:00Z"


def test_unreadable_record_date_falls_back_to_the_page_date() -> None:
    article = build_article(doc_with(Hints(published="last Tuesday"), DEFAULTS), PAGE, "p@1")
    assert article.published == "2025-02-12"
