"""Paragraph handling shared by the cleaners."""

from __future__ import annotations

import re

from newsdesk.model import Removed

_SPACES = re.compile(r"[ \t\u00a0]+")
_WORD = re.compile(r"\w+")
# "Headline | Site", "Headline - Site", "Site — Headline": the parts a page title is made of.
_TITLE_PARTS = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")
# A headline sits at the very top: at most this many leading paragraphs are compared with the
# title (a page can repeat it, as its <title> text and as its <h1>).
_HEAD_PARAGRAPHS = 2


def as_paragraphs(text: str) -> list[str]:
    """One paragraph per non-blank line, inner runs of spaces folded."""
    return [_SPACES.sub(" ", line).strip() for line in text.split("\n") if line.strip()]


def drop_repeated_headline(
    paragraphs: list[str], title: str | None
) -> tuple[list[str], tuple[Removed, ...]]:
    """The body without leading lines that only repeat the headline (kept as removed).

    The title is compared word for word (punctuation and case aside), whole or by the parts
    a page title joins with "|" or a dash ("Headline | Site")."""
    if not title:
        return paragraphs, ()
    parts = {_words(part) for part in _TITLE_PARTS.split(title)} | {_words(title)}
    parts.discard("")
    head = 0
    while head < min(_HEAD_PARAGRAPHS, len(paragraphs)) and _words(paragraphs[head]) in parts:
        head += 1
    removed = tuple(Removed(text=p, reason="headline-repeat") for p in paragraphs[:head])
    return paragraphs[head:], removed


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))
