"""HTML pages: the tree pruned of marked furniture (``html_prune.py``), trafilatura for the
main text and metadata (JSON-LD first; htmldate when nothing gives a date), then the furniture
rules and sign-off rules (``html_lines.py``) over its paragraphs."""

from __future__ import annotations

from typing import Any

import htmldate
import trafilatura
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.utils import load_html

from newsdesk.clean.context import context_labels
from newsdesk.clean.furniture import rule_reason
from newsdesk.clean.header import HEAD_LINES, byline_author
from newsdesk.clean.html_lines import signoff_reason
from newsdesk.clean.html_prune import prune
from newsdesk.clean.jsonld import StructuredData, structured_data
from newsdesk.clean.metadata import ArticleFields, build_article, is_too_short, no_text, pick
from newsdesk.clean.paragraphs import as_paragraphs, drop_repeated_headline
from newsdesk.model import Article, RawDocument, Rejected, Removed
from newsdesk.settings import CleanSettings


def clean_html(doc: RawDocument, cfg: CleanSettings, producer: str) -> list[Article] | Rejected:
    # Only the input's own address goes to trafilatura: given a --url default it would
    # invent a site name from that host, which would then beat --outlet.
    ld = structured_data(doc.content)
    tree = load_html(doc.content)
    pruned = prune(tree) if tree is not None else []
    extracted = trafilatura.bare_extraction(
        tree if tree is not None else doc.content, url=doc.hints.url,
        with_metadata=not _complete(ld), include_comments=False, include_tables=cfg.html_tables,
        favor_recall=cfg.favor_recall, fast=cfg.html_fast,
    )
    found: dict[str, Any] = extracted.as_dict() if isinstance(extracted, Document) else {}
    body = _precise(tree if tree is not None else doc.content, found.get("text") or "", cfg)
    if is_too_short(body, cfg.min_article_chars):
        return no_text(doc, body)
    title = found.get("title") or (_page_title(tree) if tree is not None else None)
    paragraphs, removed = drop_repeated_headline(as_paragraphs(body), title)
    paragraphs, again = drop_repeated_headline(paragraphs, ld.title)
    paragraphs, furniture = drop_furniture(paragraphs)
    if is_too_short("\n\n".join(paragraphs), cfg.min_article_chars):
        return no_text(doc, body)
    fields = ArticleFields(
        text="\n\n".join(paragraphs), removed=tuple(pruned) + removed + again + furniture,
        title=pick(ld.title, found.get("title")), url=pick(ld.url, found.get("url")),
        outlet=pick(ld.outlet, found.get("sitename")), author=pick(ld.author, found.get("author")),
        published=pick(ld.published, found.get("date")) or _htmldate(doc.content),
    )
    return [build_article(doc, fields, producer)]


def _complete(ld: StructuredData) -> bool:
    """The page's JSON-LD gives every field trafilatura's metadata would (JSON-LD wins each
    of them), so that pass (a quarter of trafilatura's time) can be skipped."""
    return None not in (ld.title, ld.url, ld.outlet, ld.author, ld.published)


# The page's own title when trafilatura's metadata pass did not run: Open Graph, else <title>.
_PAGE_TITLE = XPath("string((//head/meta[@property='og:title']/@content | //head/title)[1])")


def _page_title(tree: HtmlElement) -> str | None:
    return str(_PAGE_TITLE(tree)).strip() or None


def _precise(content: str | HtmlElement, body: str, cfg: CleanSettings) -> str:
    """The text of trafilatura's precision mode, unless it lost too much of ``body`` (then
    precision mode cut into the story itself, and the first extraction stands)."""
    if cfg.html_precision_min_share >= 1.0 or not body:
        return body
    extracted = trafilatura.bare_extraction(
        content, with_metadata=False, include_comments=False, include_tables=cfg.html_tables,
        favor_precision=True,
    )
    precise = (extracted.as_dict().get("text") or "") if isinstance(extracted, Document) else ""
    return precise if len(precise) >= cfg.html_precision_min_share * len(body) else body


def _htmldate(content: str) -> str | None:
    found = htmldate.find_date(content, extensive_search=True, original_date=True)
    return found if isinstance(found, str) else None


def drop_furniture(paragraphs: list[str]) -> tuple[list[str], tuple[Removed, ...]]:
    """The paragraphs trafilatura kept, less those the furniture rules remove (kept aside).

    Only the precise and caption rules run here: trafilatura already judged the page's
    layout, so menu runs and the learned line model (made for markup-free text) do not."""
    labels = [rule_reason(p) or signoff_reason(p) or _byline(i, p)
              for i, p in enumerate(paragraphs)]
    labels = [lab if lab is not None else ctx for lab, ctx in
              zip(labels, _captions(paragraphs, labels), strict=True)]
    kept = [p for p, lab in zip(paragraphs, labels, strict=True) if lab is None]
    removed = tuple(Removed(p, lab) for p, lab in zip(paragraphs, labels, strict=True)
                    if lab is not None)
    return kept, removed


def _byline(index: int, paragraph: str) -> str | None:
    """"By Kezia Lund and Patrick Doyle" at the top of the text trafilatura kept: the byline
    (metadata gives the author), not the story's first paragraph."""
    if index < HEAD_LINES and paragraph.startswith("By ") and byline_author(paragraph):
        return "byline"
    return None


def _captions(paragraphs: list[str], labels: list[str | None]) -> list[str | None]:
    found = context_labels(paragraphs, labels)
    return [lab if lab == "caption" else None for lab in found]
