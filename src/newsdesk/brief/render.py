"""Briefings of a story or a storyline as Markdown, self-contained HTML, or JSON.

The three render one context (``brief.context``): summary, timeline, coverage chart, key
quotes, wording differences with their diffs, figures with conflicts, what only one outlet
says. The HTML page carries its CSS and its SVG chart inline: no script, no CDN.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape

from newsdesk.brief.chart import coverage_chart
from newsdesk.brief.context import safe_link, story_context
from newsdesk.model import Article, BriefMaterial, Story, Storyline, unit_label

BRIEF_FORMATS = ("md", "html", "json")

__all__ = ["BRIEF_FORMATS", "render_brief", "render_storyline_brief", "safe_link"]


def render_brief(story: Story, articles: Sequence[Article], fmt: str,
                 material: BriefMaterial | None = None) -> str:
    """The briefing of ``story`` in ``fmt`` (one of ``BRIEF_FORMATS``); ``material`` adds
    quotes, figures, timeline and comparisons to the articles."""
    found = material or BriefMaterial(story, tuple(articles))
    context = story_context(dataclasses.replace(found, story=story, articles=tuple(articles)))
    if fmt == "json":
        return _json(_story_json(context))
    return _environment(fmt).get_template(f"story.{fmt}.j2").render(**context, c=context)


def render_storyline_brief(storyline: Storyline, materials: Sequence[BriefMaterial],
                           fmt: str) -> str:
    """One briefing of a whole storyline: its coverage over time, then each story's."""
    stories = [story_context(m) for m in materials]
    articles = [a for m in materials for a in m.articles]
    context = {"storyline": storyline, "stories": stories, "chart": coverage_chart(
        sorted(articles, key=lambda a: a.arrival_key)),
        "outlets": sorted({a.outlet for a in articles if a.outlet}), "articles": len(articles)}
    if fmt == "json":
        return _json({"storyline": _plain(storyline), "outlets": context["outlets"],
                      "chart": _plain(context["chart"]),
                      "stories": [_story_json(s) for s in stories]})
    return _environment(fmt).get_template(f"storyline.{fmt}.j2").render(**context)


def _story_json(context: dict[str, Any]) -> dict[str, Any]:
    story: Story = context["story"]
    plain = {key: _plain(value) for key, value in context.items()
             if key not in ("story", "rows", "unknown_outlets")}
    return {
        "story": {"id": story.id, "title": story.title, "storyline_id": story.storyline_id,
                  "first_seen": story.first_seen, "last_seen": story.last_seen},
        "articles": [{"id": r.id, "published": r.published, "outlet": r.outlet,
                      "title": r.title, "url": r.link, "copy_of": r.copy_of}
                     for r in context["rows"]],
        **plain,
    }


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _environment(fmt: str) -> Environment:
    env = Environment(
        loader=PackageLoader("newsdesk.brief", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["md"] = _markdown_text
    env.filters["md_url"] = _markdown_url
    env.filters["number"] = _number
    env.filters["unit"] = unit_label
    return env


def _number(value: Any) -> str:
    """A figure's value for people: 12 not 12.0, 2,400,000,000 with separators."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
    return str(value)


def _markdown_url(url: str) -> str:
    """A link target that cannot end early: spaces, brackets and angle marks encoded."""
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")


def _markdown_text(value: str) -> str:
    """Text safe inside Markdown: characters that would start markup are escaped."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in str(value))
