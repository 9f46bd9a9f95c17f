"""Small pieces of markup the pages share: links, dates, bars, figures, highlights. Every
piece of content in them is escaped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from newsdesk.model import unit_label


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


def path_part(value: object) -> str:
    """``value`` quoted to sit inside one path segment of a link."""
    return quote(str(value), safe="")


def text(value: object) -> str:
    """``value`` escaped for HTML exactly as ``markupsafe.escape`` does, as a plain string: the
    rows built in Python (``fragments``) escape hundreds of values a page, and building a
    ``Markup`` for each cost more than the escaping."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return (str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


def when(value: str | None) -> Markup:
    """A date or time as a ``<time>`` element; "undated" when there is none."""
    return Markup(when_html(value))


def when_html(value: str | None) -> str:
    if not value:
        return '<span class="muted">undated</span>'
    shown = value[: len("2025-02-12T14:03")].replace("T", " ")
    return f'<time datetime="{text(value)}">{text(shown)}</time>'


def bar(value: float, top: float) -> Markup:
    """A horizontal bar, ``value`` out of ``top``, as inline SVG (no inline style: the CSP)."""
    return Markup(bar_html(value, top))


def bar_html(value: float, top: float) -> str:
    width = round(100 * float(value) / (float(top) or 1.0), 1)
    return ('<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" '
            'aria-hidden="true" focusable="false"><rect x="0" y="0" height="10" '
            f'width="{width}"></rect></svg>')


def figure_value(record: Mapping[str, Any]) -> str:
    """A figure's value as people read it: ``2,100,000,000 EUR``, ``3.5–4 %``, a date."""
    value, high, unit = record.get("value"), record.get("value_high"), record.get("unit")
    shown = _number(value)
    if high is not None and high != value:
        shown += f"–{_number(high)}"
    return f"{shown} {unit_label(unit, value, high)}" if unit else shown


def _number(value: object) -> str:
    if isinstance(value, float | int) and not isinstance(value, bool):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"
    return str(value)


def article_link(article_id: str, label: str | None = None) -> Markup:
    """A link to an article's page, labelled with ``label`` or its id."""
    return Markup(article_link_html(article_id, label))


def article_link_html(article_id: str, label: str | None = None) -> str:
    return f'<a href="/articles/{text(path_part(article_id))}">{text(label or article_id)}</a>'


def source_label(source: str) -> str:
    """Where an article came from, as a page shows it: a web address in full, a file by its
    name only. The folders of the machine the desk runs on (a home folder, often the one the
    database sits in) are no business of a reader; the API and the export keep the whole
    path for the desk's owner."""
    if source.strip().lower().startswith(("http://", "https://")):
        return source
    return PurePath(source).name or source
