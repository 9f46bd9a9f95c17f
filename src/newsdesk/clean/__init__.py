"""Clean: main text and metadata out of a ``RawDocument``, as ``Article`` values.

HTML: trafilatura for the main text and metadata (htmldate for the date), then the furniture
rules over its paragraphs. Plain text: every line labelled by precise rules, context rules
and a learned line model; glued pages split into their stories; byline, dateline, ``Source:``
line and a trailing syndication credit turned into metadata. Every removed line is kept with
its reason.
"""

from __future__ import annotations

from newsdesk.clean.html import clean_html
from newsdesk.clean.text import clean_text
from newsdesk.model import Article, DocumentKind, OutletLineStats, RawDocument, Rejected
from newsdesk.settings import CleanSettings

PRODUCERS = {DocumentKind.HTML: "clean.trafilatura@3", DocumentKind.TEXT: "clean.text@4"}


def clean(doc: RawDocument, cfg: CleanSettings,
          repeated: OutletLineStats | None = None) -> list[Article] | Rejected:
    """The articles in ``doc``, or why it holds none. ``repeated`` holds the lines the
    document's outlet repeats across many articles (furniture), when the caller knows them."""
    if doc.kind is DocumentKind.HTML:
        return clean_html(doc, cfg, PRODUCERS[doc.kind])
    return clean_text(doc, cfg, PRODUCERS[doc.kind], repeated)


__all__ = ["PRODUCERS", "clean"]
