"""Rendering: one Jinja2 environment (autoescape always on), the error shape, text marks."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, PackageLoader
from starlette.responses import Response

from newsdesk.web import fragments
from newsdesk.web.markup import (
    article_link,
    bar,
    figure_value,
    highlight,
    path_part,
    query_link,
    safe_url,
    source_label,
    when,
)

STATIC_DIR = Path(__file__).parent / "static"

ENV = Environment(loader=PackageLoader("newsdesk.web", "templates"), autoescape=True,
                  trim_blocks=True, lstrip_blocks=True)


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = ENV.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status)


def error_response(request: Request, status: int, code: str, message: str,
                   headers: Mapping[str, str] | None = None) -> Response:
    """The API's one error shape, ``{"error": {"status", "code", "message"}}``; a friendly
    page for the UI."""
    body = {"status": status, "code": code, "message": message}
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": body}, status_code=status, headers=headers)
    return page(request, "error.html.j2", status, error=body)


def as_json(value: Any) -> Any:
    """A dataclass (or list of them) as JSON-ready data: the values the HTML page shows."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    return jsonable_encoder(value)


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of article text: plain (no ``kinds``) or inside a quote and/or on a figure or a
    name; ``note`` says what (speaker, value, canonical name); ``person`` links a person."""

    text: str
    kinds: tuple[str, ...] = ()
    note: str | None = None
    person: str | None = None

    @property
    def kind(self) -> str | None:
        return self.kinds[-1] if self.kinds else None


@dataclass(frozen=True, slots=True, order=True)
class _Mark:
    start: int
    end: int
    kind: str
    note: str | None = None
    person: str | None = None


def marked_paragraphs(text: str, analysis: Mapping[str, list[dict[str, Any]]]
                      ) -> list[list[Piece]]:
    """The article's paragraphs, each cut into pieces at the quotes (an outer layer) and the
    figures and entity mentions (an inner layer, inside or outside quotes) the analyses found.
    Within a layer, overlapping marks: the earlier-starting one wins, a figure over a name."""
    quotes, inner = _layers(analysis, len(text))
    paragraphs, start = [], 0
    for block in text.split("\n\n"):
        end = start + len(block)
        paragraphs.append(_pieces(text, start, end, quotes, inner))
        start = end + 2
    return paragraphs


def _layers(analysis: Mapping[str, list[dict[str, Any]]], size: int
            ) -> tuple[list[_Mark], list[_Mark]]:
    quotes = [m for r in analysis.get("quotes", ()) for m in _span(r, "quote", size)]
    figures = [m for r in analysis.get("figures", ()) for m in _span(r, "figure", size)]
    names = [m for e in analysis.get("entities", ()) for r in e.get("mentions") or ()
             for m in _span(r, "entity", size, e)]
    inner = _without_overlaps(names, figures)
    return _without_overlaps(sorted(quotes)), inner


def _without_overlaps(marks: list[_Mark], first: list[_Mark] | None = None) -> list[_Mark]:
    """``marks`` in text order without overlaps; marks in ``first`` win over the others."""
    kept: list[_Mark] = []
    preferred = list(first or [])
    for mark in sorted(preferred) + [m for m in marks if m not in preferred]:
        if all(mark.end <= k.start or mark.start >= k.end for k in kept):
            kept.append(mark)
    return sorted(kept)


def _span(record: Mapping[str, Any], kind: str, size: int,
          entity: Mapping[str, Any] | None = None) -> Iterable[_Mark]:
    start, end = record.get("start"), record.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= size:
        yield _Mark(start, end, kind, *_about(kind, entity or record))


def _about(kind: str, record: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(note, person to link) of one mark."""
    if kind == "quote":
        return str(record.get("speaker") or "speaker unknown"), None
    if kind == "entity":
        name = str(record.get("name") or "")
        return f"{name} ({record.get('type')})", name if record.get("type") == "PERSON" else None
    if record.get("value") is None:
        return None, None
    return figure_value(record), None


def _pieces(text: str, start: int, end: int, quotes: list[_Mark], inner: list[_Mark]
            ) -> list[Piece]:
    """``text[start:end]`` cut at every mark boundary; each piece knows the marks over it."""
    cuts = {start, end}
    for mark in (*quotes, *inner):
        cuts |= {c for c in (mark.start, mark.end) if start < c < end}
    ordered = sorted(cuts)
    return [_piece(text, a, b, quotes, inner) for a, b in pairwise(ordered)]


def _piece(text: str, a: int, b: int, quotes: list[_Mark], inner: list[_Mark]) -> Piece:
    over = [m for m in (*quotes, *inner) if m.start <= a and b <= m.end]
    if not over:
        return Piece(text[a:b])
    top = over[-1]
    return Piece(text[a:b], tuple(m.kind for m in over), top.note, top.person)


def index_by_id(records: Iterable[Mapping[str, Any]],
                also: Mapping[str, Mapping[str, Any]] | None = None
                ) -> dict[str, Mapping[str, Any]]:
    """``records`` by id, plus the records in ``also`` (already by id)."""
    return {**(also or {}), **{str(r["id"]): r for r in records if "id" in r}}


def pick(ids: Iterable[object], by_id: Mapping[str, Mapping[str, Any]]
         ) -> list[Mapping[str, Any]]:
    """The records of ``by_id`` named in ``ids``, in that order (unknown ids left out)."""
    return [by_id[str(i)] for i in ids if str(i) in by_id]


ENV.globals.update(pick=pick, person_link=fragments.person_link, quote_list=fragments.quote_list,
                   figure_table=fragments.figure_table, timeline_rows=fragments.timeline_rows,
                   coverage_rows=fragments.coverage_rows, article_items=fragments.article_items)
ENV.filters["safe_url"] = safe_url
ENV.filters["source_label"] = source_label
ENV.globals.update(when=when, bar=bar, article_link=article_link, figure_value=figure_value)
ENV.filters["path_part"] = path_part
ENV.globals["index_by_id"] = index_by_id
ENV.filters["highlight"] = highlight
ENV.globals["query_link"] = query_link
