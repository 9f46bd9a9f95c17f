"""Golden files: what the cleaner extracts from each sample HTML page.

Regenerate with ``pytest --update-golden`` after an intended change, then review the diff of
``tests/golden/html/`` like code.
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

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "html"
PAGES = sorted((sample_corpus() / "html").glob("*.html"))


def test_there_are_golden_pages() -> None:
    assert len(PAGES) >= 20


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_html_extraction_matches_its_golden_file(
        page: Path, request: pytest.FixtureRequest) -> None:
    doc = next(iter(read_path(page, Hints(), IngestSettings())))
    assert isinstance(doc, RawDocument)
    found = clean(doc, CleanSettings())
    assert isinstance(found, list)
    extracted = [_golden_view(a) for a in found]
    golden = GOLDEN / f"{page.stem}.json"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(extracted, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert golden.is_file(), f"no golden file for {page.name}: run pytest --update-golden"
    assert extracted == json.loads(golden.read_text("utf-8"))


def _golden_view(article: Article) -> dict[str, Any]:
    return {
        "segment": article.segment, "title": article.title, "outlet": article.outlet,
        "outlet_domain": article.outlet_domain, "url": article.url, "author": article.author,
        "published": article.published, "removed": [[r.reason, r.text] for r in article.removed],
        "paragraphs": article.text.split("\n\n"),
    }
