"""Rendering: one Jinja2 environment (autoescape always on), the error shape, text marks."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape
from starlette.responses import Response

STATIC_DIR = Path(__file__).parent / "static"
# The analyses whose records carry offsets into an article's text, and how each is marked.
_MARKED = (("quotes", "quote"), ("figures", "figure"))

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


def safe_url(url: object) -> str | None:
    """Only web addresses become links: a ``javascript:`` URL in hostile input never runs."""
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def highlight(text: str, spans: Iterable[Sequence[int]]) -> Markup:
    """``text`` escaped, with each (start, end) span inside ``<mark>``."""
    out, at = [], 0
    for start, end in sorted((int(s), int(e)) for s, e in spans):
        if start < at or end > len(text) or start >= end:
            continue
        out += [escape(text[at:start]), Markup("<mark>"), escape(text[start:end]),
                Markup("</mark>")]
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


def query_link(path: str, params: Mapping[str, object]) -> str:
    """``path?…`` with the non-empty ``params``."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of article text: plain (``kind`` None) or marked as a quote, figure or name."""

    text: str
    kind: str | None = None
    note: str | None = None


def marked_paragraphs(text: str, analysis: Mapping[str, list[dict[str, Any]]]
                      ) -> list[list[Piece]]:
    """The article's paragraphs, each cut into pieces at the quotes, figures and entity
    mentions the analyses found (overlapping marks: the earlier-starting one wins)."""
    marks = _without_overlaps(sorted(_marks(analysis, len(text))))
    paragraphs, start = [], 0
    for block in text.split("\n\n"):
        end = start + len(block)
        paragraphs.append(_pieces(text, start, end, marks))
        start = end + 2
    return paragraphs


def _marks(analysis: Mapping[str, list[dict[str, Any]]], size: int
           ) -> Iterable[tuple[int, int, str, str | None]]:
    for name, kind in _MARKED:
        for record in analysis.get(name, ()):
            yield from _span(record, kind, _note(kind, record), size)
    for entity in analysis.get("entities", ()):
        for mention in entity.get("mentions") or ():
            yield from _span(mention, "entity", str(entity.get("name") or ""), size)


def _without_overlaps(marks: list[tuple[int, int, str, str | None]]
                      ) -> list[tuple[int, int, str, str | None]]:
    kept: list[tuple[int, int, str, str | None]] = []
    for mark in marks:
        if not kept or mark[0] >= kept[-1][1]:
            kept.append(mark)
    return kept


def _note(kind: str, record: Mapping[str, Any]) -> str | None:
    if kind == "quote":
        return str(record.get("speaker") or "speaker unknown")
    value, unit = record.get("value"), record.get("unit")
    return f"{value} {unit or ''}".strip() if value is not None else None


def _span(record: Mapping[str, Any], kind: str, note: str | None, size: int
          ) -> Iterable[tuple[int, int, str, str | None]]:
    start, end = record.get("start"), record.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= size:
        yield start, end, kind, note


def _pieces(text: str, start: int, end: int,
            marks: list[tuple[int, int, str, str | None]]) -> list[Piece]:
    pieces, at = [], start
    for m_start, m_end, kind, note in marks:
        m_start, m_end = max(m_start, at), min(m_end, end)
        if m_start >= m_end:
            continue
        if m_start > at:
            pieces.append(Piece(text[at:m_start]))
        pieces.append(Piece(text[m_start:m_end], kind, note))
        at = m_end
    if at < end:
        pieces.append(Piece(text[at:end]))
    return pieces


def path_part(value: object) -> str:
    """``value`` quoted to sit inside one path segment of a link."""
    return quote(str(value), safe="")


def index_by_id(records: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    return {str(r["id"]): r for r in records if "id" in r}


def when(value: str | None) -> Markup:
    """A date or time as a ``<time>`` element; "undated" when there is none."""
    if not value:
        return Markup('<span class="muted">undated</span>')
    shown = value[: len("2025-02-12T14:03")].replace("T", " ")
    return Markup(f'<time datetime="{escape(value)}">{escape(shown)}</time>')


def bar(value: float, top: float) -> Markup:
    """A horizontal bar, ``value`` out of ``top``, as inline SVG (no inline style: the CSP)."""
    width = round(100 * float(value) / (float(top) or 1.0), 1)
    return Markup('<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" '
                  'aria-hidden="true" focusable="false"><rect x="0" y="0" height="10" '
                  f'width="{width}"></rect></svg>')


def article_link(article_id: str, label: str | None = None) -> Markup:
    text = escape(label or article_id)
    return Markup(f'<a href="/articles/{escape(path_part(article_id))}">{text}</a>')


ENV.filters["safe_url"] = safe_url
ENV.globals.update(when=when, bar=bar, article_link=article_link)
ENV.filters["path_part"] = path_part
ENV.globals["index_by_id"] = index_by_id
ENV.filters["highlight"] = highlight
ENV.globals["query_link"] = query_link
