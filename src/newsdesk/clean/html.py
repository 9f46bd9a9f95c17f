"""HTML pages: trafilatura for the main text and metadata, htmldate when it finds no date."""

from __future__ import annotations

from typing import Any

import htmldate
import trafilatura
from trafilatura.settings import Document

from newsdesk.clean.context import context_labels
from newsdesk.clean.furniture import rule_reason
from newsdesk.clean.jsonld import structured_data
from newsdesk.clean.metadata import ArticleFields, build_article, is_too_short, no_text, pick
from newsdesk.clean.paragraphs import as_paragraphs, drop_repeated_headline
from newsdesk.model import Article, RawDocument, Rejected, Removed
from newsdesk.settings import CleanSettings


def clean_html(doc: RawDocument, cfg: CleanSettings, producer: str) -> list[Article] | Rejected:
    # Only the input's own address goes to trafilatura: given a --url default it would
    # invent a site name from that host, which would then beat --outlet.
    extracted = trafilatura.bare_extraction(
        doc.content, url=doc.hints.url, with_metadata=True, include_comments=False,
        include_tables=cfg.html_tables, favor_recall=cfg.favor_recall, fast=cfg.html_fast,
    )
    found: dict[str, Any] = extracted.as_dict() if isinstance(extracted, Document) else {}
    body = _precise(doc.content, found.get("text") or "", cfg)
    if is_too_short(body, cfg.min_article_chars):
        return no_text(doc, body)
    ld = structured_data(doc.content)
    paragraphs, removed = drop_repeated_headline(as_paragraphs(body), found.get("title"))
    paragraphs, again = drop_repeated_headline(paragraphs, ld.title)
    paragraphs, furniture = drop_furniture(paragraphs)
    if is_too_short("\n\n".join(paragraphs), cfg.min_article_chars):
        return no_text(doc, body)
    fields = ArticleFields(
        text="\n\n".join(paragraphs), removed=removed + again + furniture,
        title=pick(ld.title, found.get("title")), url=pick(ld.url, found.get("url")),
        outlet=pick(ld.outlet, found.get("sitename")), author=pick(ld.author, found.get("author")),
        published=pick(ld.published, found.get("date")) or _htmldate(doc.content),
    )
    return [build_article(doc, fields, producer)]


def _precise(content: str, body: str, cfg: CleanSettings) -> str:
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
    labels = [rule_reason(p) for p in paragraphs]
    labels = [lab if lab is not None else ctx for lab, ctx in
              zip(labels, _captions(paragraphs, labels), strict=True)]
    kept = [p for p, lab in zip(paragraphs, labels, strict=True) if lab is None]
    removed = tuple(Removed(p, lab) for p, lab in zip(paragraphs, labels, strict=True)
                    if lab is not None)
    return kept, removed


def _captions(paragraphs: list[str], labels: list[str | None]) -> list[str | None]:
    found = context_labels(paragraphs, labels)
    return [lab if lab == "caption" else None for lab in found]
