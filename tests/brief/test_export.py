"""The export format: JSON valid against the packaged schema; JSONL and CSV of the same data."""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Callable
from typing import Any

import pytest

from newsdesk.brief import EXPORT_FORMATS, build_export, validation_errors, write_export
from newsdesk.brief.export import export_schema
from newsdesk.errors import UsageError
from newsdesk.model import Article, Removed, Story

MakeArticle = Callable[..., Article]
GENERATED_AT = "2025-03-01T12:00:00Z"


@pytest.fixture
def export_data(make_article: MakeArticle) -> dict[str, Any]:
    articles = [
        make_article("a-1", "Council approves bridge.\n\nMore text.", outlet="Avon Post",
                     url="https://avon-post.example.com/b", title="Bridge approved",
                     published="2025-02-12", story_id="s-1",
                     removed=(Removed("Bridge approved", "headline-repeat"),)),
        make_article("a-2", "council approves bridge. more text.", outlet="Wire",
                     published="2025-02-13T09:30:00Z", story_id="s-1", copy_of="a-1"),
        make_article("a-3", "Storm, with a comma and \"quotes\".", story_id="s-2", segment=1),
    ]
    stories = [Story("s-1", "Bridge approved", ("a-1", "a-2"), "cluster.tfidf@1",
                     first_seen="2025-02-12", last_seen="2025-02-13T09:30:00Z"),
               Story("s-2", "Storm", ("a-3",), "cluster.tfidf@1")]
    return build_export(articles, stories, GENERATED_AT)


def text_of(data: dict[str, Any], fmt: str) -> str:
    out = io.StringIO()
    write_export(data, fmt, out)
    return out.getvalue()


def test_export_formats_are_json_jsonl_csv() -> None:
    assert EXPORT_FORMATS == ("json", "jsonl", "csv")


def test_export_of_a_small_corpus_is_valid(export_data: dict[str, Any]) -> None:
    assert validation_errors(export_data) == []
    assert validation_errors(json.loads(text_of(export_data, "json"))) == []


def test_export_has_the_header_and_empty_lists_for_stages_not_built(
        export_data: dict[str, Any]) -> None:
    assert (export_data["format"], export_data["version"], export_data["generated_at"]) == (
        "newsdesk-export", 1, GENERATED_AT)
    assert export_data["entities"] == export_data["quotes"] == export_data["figures"] == []
    assert export_data["comparisons"] == {"quote_groups": [], "figure_conflicts": [],
                                          "corroboration": []}
    assert export_data["articles"][0]["removed"] == [
        {"text": "Bridge approved", "reason": "headline-repeat"}]
    assert export_data["stories"][0]["article_ids"] == ["a-1", "a-2"]


def test_empty_export_is_valid() -> None:
    assert validation_errors(build_export([], [], GENERATED_AT)) == []


def test_jsonl_lines_each_parse_and_carry_a_type(export_data: dict[str, Any]) -> None:
    lines = [json.loads(line) for line in text_of(export_data, "jsonl").splitlines()]
    assert [line["type"] for line in lines] == [
        "header", "article", "article", "article", "story", "story", "comparisons"]
    assert lines[0] == {"type": "header", "format": "newsdesk-export", "version": 1,
                        "generated_at": GENERATED_AT}
    assert {k: v for k, v in lines[1].items() if k != "type"} == export_data["articles"][0]


def test_csv_has_a_header_and_one_row_per_article(export_data: dict[str, Any]) -> None:
    rows = list(csv.DictReader(io.StringIO(text_of(export_data, "csv"))))
    assert [r["id"] for r in rows] == ["a-1", "a-2", "a-3"]
    assert rows[0]["removed_count"] == "1"
    assert rows[1]["copy_of"] == "a-1"
    assert rows[2]["text"] == "Storm, with a comma and \"quotes\"."
    assert rows[0]["text"] == "Council approves bridge.\n\nMore text."


def test_unknown_export_format_is_a_usage_error(export_data: dict[str, Any]) -> None:
    with pytest.raises(UsageError, match="unknown export format 'xml'"):
        write_export(export_data, "xml", io.StringIO())


def broken(data: dict[str, Any], change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    change(changed)
    return changed


@pytest.mark.parametrize(("change", "where"), [
    (lambda d: d["articles"][0].pop("text"), "articles/0"),
    (lambda d: d["articles"][0].update(id="article-1"), "articles/0/id"),
    (lambda d: d["articles"][1].update(copy_of="x-1"), "articles/1/copy_of"),
    (lambda d: d["articles"][2].update(story_id=None), "articles/2/story_id"),
    (lambda d: d["articles"][0].update(published="12 Feb 2025"), "articles/0/published"),
    (lambda d: d["stories"][0].update(id="story-1"), "stories/0/id"),
    (lambda d: d["stories"][1].update(article_ids=[]), "stories/1/article_ids"),
    (lambda d: d.pop("quotes"), "(root)"),
    (lambda d: d.update(version=2), "version"),
    (lambda d: d.update(generated_at="today"), "generated_at"),
], ids=["missing-text", "bad-article-id", "bad-copy-of", "no-story", "bad-date",
        "bad-story-id", "story-without-articles", "missing-list", "wrong-version",
        "bad-timestamp"])
def test_broken_export_fails_validation(export_data: dict[str, Any],
                                        change: Callable[[dict[str, Any]], object],
                                        where: str) -> None:
    errors = validation_errors(broken(export_data, change))
    assert errors
    assert any(e.startswith(f"{where}:") for e in errors), errors


def test_schema_is_draft_2020_12() -> None:
    assert export_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
