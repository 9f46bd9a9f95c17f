"""The export format (``shared/contract/export-v1.md``): build, validate, write.

Formats: ``json`` (one object, as the contract shows), ``jsonl`` (a header line, then one
line per item, each with a ``type``), ``csv`` (the articles, one row each).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any, TextIO

from jsonschema import Draft202012Validator

from newsdesk.errors import UsageError
from newsdesk.model import Article, Entity, Figure, Quote, Story

EXPORT_FORMATS = ("json", "jsonl", "csv")
FORMAT_NAME, FORMAT_VERSION = "newsdesk-export", 1
_ARTICLE_FIELDS = ("id", "source", "segment", "outlet", "url", "title", "published", "text",
                   "removed", "copy_of", "story_id", "origin_outlet")
_STORY_FIELDS = ("id", "title", "storyline_id", "article_ids", "first_seen", "last_seen",
                 "summary")
_CSV_FIELDS = ("id", "source", "segment", "outlet", "url", "title", "published", "story_id",
               "copy_of", "removed_count", "text")
# Item lists of the export and the name each item has in a JSONL line's "type".
_ITEM_TYPES = {"articles": "article", "stories": "story", "entities": "entity",
               "quotes": "quote", "figures": "figure"}


def build_export(articles: Sequence[Article], stories: Sequence[Story],
                 generated_at: str, *, entities: Sequence[Entity] = (),
                 quotes: Sequence[Quote] = (), figures: Sequence[Figure] = (),
                 comparisons: Mapping[str, list[dict[str, Any]]] | None = None
                 ) -> dict[str, Any]:
    """The whole export as plain data. Lists no stage fills yet are empty, never invented."""
    return {
        "format": FORMAT_NAME, "version": FORMAT_VERSION, "generated_at": generated_at,
        "articles": [_article(a) for a in articles],
        "stories": [{name: _plain(getattr(s, name)) for name in _STORY_FIELDS} for s in stories],
        "entities": [_entity(e) for e in entities], "quotes": [quote_item(q) for q in quotes],
        "figures": [figure_item(f) for f in figures],
        "comparisons": {"quote_groups": [], "figure_conflicts": [], "corroboration": [],
                        **(comparisons or {})},
    }


def figure_item(figure: Figure) -> dict[str, Any]:
    """A figure as the contract has it, plus the added fields (``value_high``, the currency
    candidates and basis, the conversion check)."""
    return {
        "id": figure.id, "article_id": figure.article_id, "text": figure.text,
        "kind": figure.kind, "value": figure.value, "unit": figure.unit,
        "approximate": figure.approximate, "subject": figure.subject,
        "start": figure.start, "end": figure.end, "value_high": figure.value_high,
        "currency_candidates": list(figure.currency_candidates),
        "currency_basis": figure.currency_basis, "conversion_of": figure.conversion_of,
        "conversion_ok": figure.conversion_ok, "expected_value": figure.expected_value,
    }


def export_schema() -> dict[str, Any]:
    text = resources.files("newsdesk.schema").joinpath("export-v1.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validation_errors(data: dict[str, Any]) -> list[str]:
    """Every way ``data`` breaks the schema, as readable lines (empty when valid)."""
    found = _validator().iter_errors(data)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in found]


def write_export(data: dict[str, Any], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "jsonl":
        _write_jsonl(data, out)
    elif fmt == "csv":
        _write_csv(data, out)
    else:
        raise UsageError(f"unknown export format '{fmt}' (choose from {', '.join(EXPORT_FORMATS)})")


def _article(article: Article) -> dict[str, Any]:
    row = {name: _plain(getattr(article, name)) for name in _ARTICLE_FIELDS}
    row["removed"] = [dataclasses.asdict(r) for r in article.removed]
    return row


def _entity(entity: Entity) -> dict[str, Any]:
    return {"id": entity.id, "name": entity.name, "type": entity.label,
            "aliases": list(entity.aliases),
            "mentions": [{"article_id": m.article_id, "start": m.start, "end": m.end,
                          "text": m.text} for m in entity.mentions]}


def quote_item(quote: Quote) -> dict[str, Any]:
    """A quote as the export contract has it."""
    return {"id": quote.id, "article_id": quote.article_id, "text": quote.text,
            "kind": quote.kind.value, "speaker": quote.speaker,
            "speaker_entity_id": quote.speaker_entity_id,
            "speaker_mention": quote.source.text if quote.source else None,
            "cue": quote.cue.text if quote.cue else None,
            "start": quote.start, "end": quote.end}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _write_jsonl(data: dict[str, Any], out: TextIO) -> None:
    header = {"type": "header", "format": data["format"], "version": data["version"],
              "generated_at": data["generated_at"]}
    out.write(json.dumps(header, ensure_ascii=False) + "\n")
    for key, type_name in _ITEM_TYPES.items():
        for item in data[key]:
            out.write(json.dumps({"type": type_name, **item}, ensure_ascii=False) + "\n")
    out.write(json.dumps({"type": "comparisons", **data["comparisons"]}, ensure_ascii=False))
    out.write("\n")


def _write_csv(data: dict[str, Any], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=_CSV_FIELDS, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    for article in data["articles"]:
        writer.writerow({**article, "removed_count": len(article["removed"])})


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(export_schema())


def export_text(data: dict[str, Any], fmt: str) -> str:
    buffer = io.StringIO()
    write_export(data, fmt, buffer)
    return buffer.getvalue()
