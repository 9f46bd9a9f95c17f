"""Plain text (a scraped page): kept as given, one paragraph per line.

Two precise rules only: a ``Source: https://…`` line names the page's own address, and the
headline is taken to be the first line long enough to be one.
"""

from __future__ import annotations

import re

from newsdesk.clean.metadata import ArticleFields, build_article, is_too_short, no_text
from newsdesk.clean.paragraphs import as_paragraphs
from newsdesk.model import Article, RawDocument, Rejected
from newsdesk.settings import CleanSettings

_SOURCE_LINE = re.compile(r"^(?:source|url|canonical|link)\s*:\s*(https?://\S+)\s*$", re.I)
# Menus, "Skip to content" and section labels run to three words; headlines are longer.
_MIN_HEADLINE_WORDS = 4
# A headline does not end a sentence the way a body paragraph does.
_SENTENCE_END = (".", "!", "?", ":", ";")
# Accessibility links scrapers keep at the top of a page ("Skip to main content").
_SKIP_LINK = re.compile(r"^skip to\b", re.I)


def clean_text(doc: RawDocument, cfg: CleanSettings, producer: str) -> list[Article] | Rejected:
    paragraphs = as_paragraphs(doc.content)
    text = "\n\n".join(paragraphs)
    if is_too_short(text, cfg.min_article_chars):
        return no_text(doc, text)
    fields = ArticleFields(text=text, title=_headline(paragraphs), url=_source_url(paragraphs))
    return [build_article(doc, fields, producer)]


def _source_url(paragraphs: list[str]) -> str | None:
    for line in paragraphs:
        match = _SOURCE_LINE.match(line)
        if match:
            return match.group(1)
    return None


def _headline(paragraphs: list[str]) -> str | None:
    for line in paragraphs:
        if (len(line.split()) >= _MIN_HEADLINE_WORDS and not line.endswith(_SENTENCE_END)
                and not _SKIP_LINK.match(line)):
            return line
    return None
