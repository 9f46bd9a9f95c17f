"""One story's briefing as Markdown, self-contained HTML, or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape

from newsdesk.model import Article, Story

BRIEF_FORMATS = ("md", "html", "json")


@dataclass(frozen=True, slots=True)
class _Row:
    """One article as a briefing lists it."""

    id: str
    published: str
    outlet: str
    title: str
    link: str | None
    copy_of: str | None


def render_brief(story: Story, articles: Sequence[Article], fmt: str) -> str:
    """The briefing of ``story`` in ``fmt`` (one of ``BRIEF_FORMATS``)."""
    context = _context(story, articles)
    if fmt == "json":
        return json.dumps(_as_json(context), ensure_ascii=False, indent=2) + "\n"
    template = _environment(fmt).get_template(f"story.{fmt}.j2")
    return template.render(**context)


def _context(story: Story, articles: Sequence[Article]) -> dict[str, Any]:
    ordered = sorted(articles, key=lambda a: a.arrival_key)
    outlets = sorted({a.outlet for a in ordered if a.outlet})
    return {"story": story, "rows": [_row(a) for a in ordered], "outlets": outlets,
            "unknown_outlets": sum(1 for a in ordered if not a.outlet)}


def _row(article: Article) -> _Row:
    return _Row(id=article.id, published=article.published or "undated",
                outlet=article.outlet or "unknown outlet",
                title=article.title or article.text.split("\n", 1)[0],
                link=safe_link(article.url), copy_of=article.copy_of)


def safe_link(url: str | None) -> str | None:
    """Only web addresses become links: a ``javascript:`` URL in hostile input never runs."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def _as_json(context: dict[str, Any]) -> dict[str, Any]:
    story: Story = context["story"]
    return {
        "story": {"id": story.id, "title": story.title, "storyline_id": story.storyline_id,
                  "first_seen": story.first_seen, "last_seen": story.last_seen},
        "outlets": context["outlets"],
        "articles": [{"id": r.id, "published": r.published, "outlet": r.outlet,
                      "title": r.title, "url": r.link, "copy_of": r.copy_of}
                     for r in context["rows"]],
    }


def _environment(fmt: str) -> Environment:
    env = Environment(
        loader=PackageLoader("newsdesk.brief", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["md"] = _markdown_text
    env.filters["md_url"] = _markdown_url
    return env


def _markdown_url(url: str) -> str:
    """A link target that cannot end early: spaces, brackets and angle marks encoded."""
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")


def _markdown_text(value: str) -> str:
    """Text safe inside Markdown: characters that would start markup are escaped."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in str(value))
