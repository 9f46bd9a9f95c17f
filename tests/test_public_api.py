"""The public surface: ``newsdesk.__all__`` is true, and ``Desk`` offers what the docs promise."""

from __future__ import annotations

import inspect

import pytest

import newsdesk
from newsdesk import Desk


def test_every_name_in_all_exists() -> None:
    missing = [name for name in newsdesk.__all__ if not hasattr(newsdesk, name)]
    assert missing == []


def test_all_has_no_duplicates() -> None:
    assert len(set(newsdesk.__all__)) == len(newsdesk.__all__)


def test_star_import_gives_exactly_all() -> None:
    namespace: dict[str, object] = {}
    exec("from newsdesk import *", namespace)
    del namespace["__builtins__"]
    assert sorted(namespace) == sorted(newsdesk.__all__)


def test_star_import_gives_the_same_objects_as_the_package() -> None:
    namespace: dict[str, object] = {}
    exec("from newsdesk import *", namespace)
    assert all(namespace[name] is getattr(newsdesk, name) for name in newsdesk.__all__)


@pytest.mark.parametrize("method", ["ingest", "analyze", "stories", "story", "articles",
                                    "search", "export", "brief", "rejected",
                                    "add_sources", "remove_source", "sources", "check_sources",
                                    "poll", "watch", "figures", "timeline", "quotes", "people",
                                    "storylines", "merges", "copy_evidence",
                                    "story_list", "story_view", "article_list", "article_view",
                                    "analysis", "person_view", "outlet_list", "ingest_upload",
                                    "comparisons", "analysis_page", "story_records",
                                    "person_list", "people_page"])
def test_desk_has_the_documented_method(method: str) -> None:
    assert inspect.isfunction(getattr(Desk, method, None)), f"Desk.{method} is missing"


def test_desk_is_a_context_manager() -> None:
    assert hasattr(Desk, "__enter__")
    assert hasattr(Desk, "__exit__")


def test_package_has_a_version() -> None:
    assert newsdesk.__version__.count(".") == 2
