"""Paragraph handling shared by the cleaners."""

from __future__ import annotations

import re

from newsdesk.model import Removed

_SPACES = re.compile(r"[ \t\u00a0]+")
_WORD = re.compile(r"\w+")
# "Headline | Site", "Headline - Site", "Site — Headline": the parts a page title is made of.
_TITLE_PARTS = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")
# At most this many leading paragraphs are taken for the headline (a page can repeat it, as
# its <title> text and as its <h1>); further down, a line like the headline is the story's own.
_HEAD_PARAGRAPHS = 3
# A reworded headline ("Julian Assange: Sweden drops rape investigation" under the title
# "Sweden drops Assange rape investigation") shares this share of its words with the title
# or a part of it (Jaccard). On the Zyte train side (by site): 0.6-0.7 alike, 0.8 a little less.
_NEAR_TITLE = 0.7
_MAX_HEADLINE_WORDS = 25
# ...and has at least this many distinct words (two words in common say little).
_MIN_NEAR_WORDS = 3


def as_paragraphs(text: str) -> list[str]:
    """One paragraph per non-blank line, inner runs of spaces folded."""
    return [_SPACES.sub(" ", line).strip() for line in text.split("\n") if line.strip()]


def drop_repeated_headline(
    paragraphs: list[str], title: str | None
) -> tuple[list[str], tuple[Removed, ...]]:
    """The body without head lines that only repeat the headline (kept as removed): the title
    or a part of it ("Headline | Site"), word for word or nearly.

    A standfirst equal to the page's description is not dropped, though the Zyte ground truth
    leaves it out (train side: F1 0.969 -> 0.971): it is the story's own summary, and later
    stages read its figures and quotes."""
    head = 0
    while (title and head < min(_HEAD_PARAGRAPHS, len(paragraphs))
           and _is_headline(paragraphs[head], title)):
        head += 1
    removed = tuple(Removed(text=p, reason="headline-repeat") for p in paragraphs[:head])
    return paragraphs[head:], removed


def _is_headline(paragraph: str, title: str) -> bool:
    words = _words(paragraph)
    return bool(words) and len(words) <= _MAX_HEADLINE_WORDS and _near(words, title)


def _near(words: list[str], title: str) -> bool:
    mine = set(words)
    for part in (title, *_TITLE_PARTS.split(title)):
        theirs = set(_words(part))
        if theirs and (words == _words(part) or (len(mine) >= _MIN_NEAR_WORDS
                       and len(mine & theirs) / len(mine | theirs) >= _NEAR_TITLE)):
            return True
    return False


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())
