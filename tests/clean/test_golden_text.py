"""Golden files: what the text cleaner makes of scraped pages, line by line.

Hand-written cases in ``tests/golden/text/*.txt`` cover every furniture class, a glued page
(split) and a long story with sub-headings (no split); the sample corpus's 14 text pages are
checked too. Regenerate with ``pytest --update-golden`` after an intended change, then review
the diff of ``tests/golden/text/`` like code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsdesk import sample_corpus
from newsdesk.clean import clean
from newsdesk.ingest import read_path
from newsdesk.model import Article, Hints, RawDocument
from newsdesk.settings import CleanSettings, IngestSettings

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "text"
CASES = sorted(GOLDEN.glob("*.txt")) + sorted((sample_corpus() / "text").glob("*.txt"))
# Every reason the text cleaner gives on its own (repeated-line needs corpus counts and has
# its own test in test_furniture.py).
REASONS = {"caption", "credit", "read-more", "related", "share", "comment-prompt",
           "newsletter", "subscription", "video", "cookie-wall", "reading-time", "copyright",
           "about", "navigation", "advertisement", "headline-repeat", "byline", "dateline",
           "source-line", "syndication-credit"}


def articles_of(page: Path) -> list[Article]:
    doc = next(iter(read_path(page, Hints(), IngestSettings())))
    assert isinstance(doc, RawDocument)
    found = clean(doc, CleanSettings())
    assert isinstance(found, list)
    return found


@pytest.mark.parametrize("page", CASES, ids=lambda p: p.stem)
def test_text_cleaning_matches_its_golden_file(page: Path, request: pytest.FixtureRequest) -> None:
    extracted = [_golden_view(a) for a in articles_of(page)]
    golden = GOLDEN / f"{page.stem}.json"
    if request.config.getoption("--update-golden"):
        golden.write_text(json.dumps(extracted, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert golden.is_file(), f"no golden file for {page.name}: run pytest --update-golden"
    assert extracted == json.loads(golden.read_text("utf-8"))


def test_golden_cases_cover_every_furniture_class() -> None:
    found = {r.reason for page in sorted(GOLDEN.glob("*.txt")) for a in articles_of(page)
             for r in a.removed}
    assert found >= REASONS


def test_glued_page_splits_into_its_three_stories_with_their_titles() -> None:
    found = articles_of(GOLDEN / "glued-more-news.txt")
    assert [(a.segment, a.title) for a in found] == [
        (0, "Council approves new library for Eastfield"),
        (1, "Storm knocks out power to 4,000 homes along the coast"),
        (2, "Local cricket club celebrates first title in forty years"),
    ]


def test_long_story_with_sub_headings_stays_whole_and_keeps_them() -> None:
    [article] = articles_of(GOLDEN / "long-story-with-subheadings.txt")
    assert "Why the cost is disputed" in article.text.split("\n\n")


def test_nothing_is_lost_every_input_line_is_kept_or_removed_with_a_reason() -> None:
    for page in CASES:
        lines = [line.strip() for line in page.read_text("utf-8").splitlines() if line.strip()]
        found = articles_of(page)
        out = [p for a in found for p in a.text.split("\n\n")] + [
            r.text for a in found for r in a.removed]
        assert sorted(" ".join(x.split()) for x in out) == sorted(" ".join(x.split())
                                                                  for x in lines), page.name


def _golden_view(article: Article) -> dict[str, Any]:
    return {
        "segment": article.segment, "title": article.title, "url": article.url,
        "author": article.author, "published": article.published,
        "origin_outlet": article.origin_outlet,
        "removed": [[r.reason, r.text] for r in article.removed],
        "paragraphs": article.text.split("\n\n"),
    }
