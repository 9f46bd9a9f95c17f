"""The sample corpus's answer key (``examples/corpus/gold.json``), matched to stored articles.

Used by benchmarks and quality-floor tests. Gold names an article by its file (relative to
the corpus), its segment, and for JSON Lines its 0-based record; stored articles carry their
source path, segment, and the 1-based record number of their raw document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsdesk.model import Article

GoldKey = tuple[str, int, int | None]


def load_gold(corpus: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((corpus / "gold.json").read_text("utf-8"))
    return loaded


def gold_key(entry: dict[str, Any]) -> GoldKey:
    """The key of a gold entry (an article, quote or figure reference)."""
    record = entry.get("record")
    return str(entry["file"]), int(entry.get("segment", 0)), None if record is None else int(record)


def article_key(article: Article, record: int | None, corpus: Path) -> GoldKey:
    """The gold key of a stored article; ``record`` is its raw document's record number."""
    relative = Path(article.source).resolve().relative_to(corpus.resolve()).as_posix()
    return relative, article.segment, None if record is None else record - 1


def events_by_key(gold: dict[str, Any]) -> dict[GoldKey, str]:
    return {gold_key(entry): entry["event"] for entry in gold["articles"]}
