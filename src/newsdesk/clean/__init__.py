"""Clean: main text and metadata out of a ``RawDocument``, as ``Article`` values.

Baseline: trafilatura (with htmldate for the date) for HTML; plain text is kept as given,
one paragraph per line. A later stage version removes furniture and splits glued pages.
"""

from __future__ import annotations

from newsdesk.clean.html import clean_html
from newsdesk.clean.text import clean_text
from newsdesk.model import Article, DocumentKind, RawDocument, Rejected
from newsdesk.settings import CleanSettings

PRODUCERS = {DocumentKind.HTML: "clean.trafilatura@1", DocumentKind.TEXT: "clean.text@1"}


def clean(doc: RawDocument, cfg: CleanSettings) -> list[Article] | Rejected:
    """The articles in ``doc``, or why it holds none."""
    if doc.kind is DocumentKind.HTML:
        return clean_html(doc, cfg, PRODUCERS[doc.kind])
    return clean_text(doc, cfg, PRODUCERS[doc.kind])


__all__ = ["PRODUCERS", "clean"]
