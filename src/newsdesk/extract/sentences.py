"""Sentence spans of an article, by rule, so only the sentences that hold figures are parsed."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (and any closing quote or bracket) before a space and a capital,
# digit or opening quote, and at every line break. Common abbreviations do not end one.
_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9£$€])|\n+")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Gov|Sen|Rep|St|Jr|Sr|No|vs|"
    r"Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Ont|approx)\.|"
    r"\b(?:[A-Z]\.){1,3}|\b[ap]\.m\.)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` with their offsets; blank stretches are left out."""
    found: list[Sentence] = []
    start = 0
    for m in _END.finditer(text):
        if "\n" not in m.group(0) and _ABBREVIATIONS.search(text, max(0, m.start() - 8), m.start()):
            continue
        _add(found, text, start, m.start())
        start = m.end()
    _add(found, text, start, len(text))
    return found


def _add(found: list[Sentence], text: str, start: int, end: int) -> None:
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        found.append(Sentence(start, end, text[start:end]))
