"""The live-source tables: registry, fetch state, entries seen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from newsdesk.model import FetchState, Source, SourceCheck, SourceKind
from newsdesk.store import Store


@pytest.fixture
def store(db_path: Path, clock: Callable[[], datetime]) -> Iterator[Store]:
    opened = Store.open(str(db_path), clock)
    yield opened
    opened.close()


def test_a_source_is_registered_once(store: Store) -> None:
    assert store.add_source(Source("https://a.example/rss", title="A"))
    assert not store.add_source(Source("https://a.example/rss", title="again"))
    [found] = store.sources()
    assert (found.title, found.kind, found.added_at) == ("A", SourceKind.AUTO,
                                                         "2025-03-01T12:00:00Z")
    assert store.source("1") == found == store.source("https://a.example/rss")


def test_record_poll_counts_errors_since_the_last_success(store: Store) -> None:
    url = "https://a.example/rss"
    store.add_source(Source(url))
    store.record_poll(SourceCheck(url, SourceKind.AUTO, False, "HTTP 500"))
    store.record_poll(SourceCheck(url, SourceKind.AUTO, False, "timed out"))
    failing = store.source(url)
    assert failing is not None
    assert (failing.error_count, failing.last_error, failing.last_success) == (
        2, "timed out", None)
    store.record_poll(SourceCheck(url, SourceKind.FEED, True, "ok", articles=3))
    store.record_poll(SourceCheck(url, SourceKind.AUTO, True, "ok", articles=2))
    healthy = store.source(url)
    assert healthy is not None
    assert (healthy.error_count, healthy.last_error, healthy.kind, healthy.articles) == (
        0, None, SourceKind.FEED, 5)


def test_fetch_state_is_kept_per_url_and_replaced(store: Store) -> None:
    assert store.fetch_state("https://a.example/rss") is None
    store.save_fetch_state(FetchState("https://a.example/rss", '"v1"', None))
    store.save_fetch_state(FetchState("https://a.example/rss", '"v2"', "Sat, 01 Mar 2025"))
    assert store.fetch_state("https://a.example/rss") == FetchState(
        "https://a.example/rss", '"v2"', "Sat, 01 Mar 2025")


def test_entries_done_or_tried_too_often_are_not_fetched_again(store: Store) -> None:
    urls = [f"https://a.example/{n}" for n in range(1200)]  # more than one IN (...) batch
    store.mark_entry(urls[0], "feed", done=True)
    store.mark_entry(urls[1], "feed", done=False)
    for _ in range(3):
        store.mark_entry(urls[1100], "feed", done=False)
    assert store.entries_to_fetch(urls, max_attempts=3) == urls[1:1100] + urls[1101:]
