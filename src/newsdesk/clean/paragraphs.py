"""Paragraph handling shared by the cleaners."""

from __future__ import annotations

import re

from newsdesk.model import Removed

_SPACES = re.compile(r"[ \t\u00a0]+")


def as_paragraphs(text: str) -> list[str]:
    """One paragraph per non-blank line, inner runs of spaces folded."""
    return [_SPACES.sub(" ", line).strip() for line in text.split("\n") if line.strip()]


def drop_repeated_headline(
    paragraphs: list[str], title: str | None
) -> tuple[list[str], tuple[Removed, ...]]:
    """The body without a first line that only repeats the headline (kept as removed)."""
    if title and paragraphs and _folded(paragraphs[0]) == _folded(title):
        return paragraphs[1:], (Removed(text=paragraphs[0], reason="headline-repeat"),)
    return paragraphs, ()


def _folded(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()
