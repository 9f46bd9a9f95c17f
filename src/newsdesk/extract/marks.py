"""Quotation marks: which stretches of an article's text stand between a pair of them.

Handles curly and straight double marks (and two apostrophes for one), « », „ “ (and „ ”),
quotations running over several paragraphs (an opening mark on each paragraph, a closing
mark only on the last), and single marks nested inside a double-marked quotation. An
opening mark with no partner in its paragraph is a stray: it is skipped, never allowed to
swallow the rest of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Opening mark -> the closing marks that can end it.
_CLOSERS = {"“": "”", "«": "»", "„": "“”", '"': '"'}
_NESTED_CLOSERS = {"‘": "’", "'": "'", "‹": "›", "‚": "‘’"}
_PARAGRAPH = re.compile(r"[^\n]+")
# Characters after which a straight or single mark opens rather than closes a quotation.
_OPEN_AFTER = " \t\n([{—–-:;/"
_WORD_CHAR = re.compile(r"\w")
_TWO_APOSTROPHES = re.compile("''")


@dataclass(frozen=True, slots=True)
class Marked:
    """Quoted words: ``pieces`` are (start, end) ranges inside the marks, one per paragraph."""

    pieces: tuple[tuple[int, int], ...]
    nested: bool = False

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def text(self, source: str) -> str:
        return " ".join(source[s:e].strip() for s, e in self.pieces)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line of ``text``."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def quoted(text: str) -> list[Marked]:
    """Every double-marked quotation of ``text`` and the single-marked ones nested in them,
    in text order."""
    text = _TWO_APOSTROPHES.sub(_as_double_mark, text)
    found: list[Marked] = []
    paras = paragraphs(text)
    index = 0
    while index < len(paras):
        marked, index = _scan_paragraph(text, paras, index)
        found.extend(marked)
    nested = [inner for outer in found for inner in _nested(text, outer)]
    trimmed = (_trimmed(text, m) for m in found + nested)
    return sorted((m for m in trimmed if m is not None), key=lambda m: (m.start, -m.end))


def _as_double_mark(match: re.Match[str]) -> str:
    """Two apostrophes standing for a double mark (''So,'' he said), as the New York Times
    writes them: one double mark where the word is, a space on the other side, so offsets
    stay those of the article."""
    text, at = match.string, match.start()
    before = text[at - 1] if at > 0 else " "
    return ' "' if before in _OPEN_AFTER else '" '


def _trimmed(text: str, marked: Marked) -> Marked | None:
    """``marked`` without the spaces just inside its marks (« Nous … »); None when blank."""
    pieces = []
    for start, end in marked.pieces:
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            pieces.append((start + lead, start + len(chunk.rstrip())))
    return Marked(tuple(pieces), marked.nested) if pieces else None


def _scan_paragraph(text: str, paras: list[tuple[int, int]],
                    index: int) -> tuple[list[Marked], int]:
    """The quotations starting in paragraph ``index``, and the next paragraph to scan."""
    start, end = paras[index]
    found: list[Marked] = []
    pos = start
    while (opening := _next_opener(text, pos, end, _CLOSERS)) is not None:
        close = _closer(text, opening + 1, end, _CLOSERS[text[opening]])
        if close is not None:
            if close > opening + 1:
                found.append(Marked(((opening + 1, close),)))
            pos = close + 1
            continue
        run = _continued(text, paras, index, opening)
        if run is not None:
            found.append(run[0])
            return found, run[1] + 1
        pos = opening + 1
    return found, index + 1


def _continued(text: str, paras: list[tuple[int, int]], index: int,
               opening: int) -> tuple[Marked, int] | None:
    """A quotation from ``opening`` to the paragraph end, continued by following paragraphs
    that each open with the same mark, up to the one that closes it."""
    mark = text[opening]
    pieces = [(opening + 1, paras[index][1])]
    for following in range(index + 1, len(paras)):
        start, end = paras[following]
        first = start + len(text[start:end]) - len(text[start:end].lstrip())
        if text[first] != mark or _opens_in_middle(text, pieces[-1]):
            return None
        close = _closer(text, first + 1, end, _CLOSERS[mark])
        if close is not None:
            pieces.append((first + 1, close))
            return Marked(tuple(pieces)), following
        pieces.append((first + 1, end))
    return None


def _opens_in_middle(text: str, piece: tuple[int, int]) -> bool:
    """True when a paragraph of a running quotation holds another opening mark: then its
    open mark was a stray, not a continued quotation."""
    return any(ch in "“«„" for ch in text[piece[0]:piece[1]])


def _next_opener(text: str, pos: int, end: int, closers: dict[str, str]) -> int | None:
    for i in range(pos, end):
        ch = text[i]
        if ch in closers and _can_open(text, i):
            return i
    return None


def _can_open(text: str, i: int) -> bool:
    ch = text[i]
    if ch in "“«„‹‚":
        return True
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch == "‘":
        return not _WORD_CHAR.match(before)
    return before in _OPEN_AFTER and not after.isspace()


def _closer(text: str, pos: int, end: int, closers: str) -> int | None:
    for i in range(pos, end):
        ch = text[i]
        if ch in closers and _can_close(text, i):
            return i
    return None


def _can_close(text: str, i: int) -> bool:
    ch = text[i]
    if ch in "”»“›":
        return True
    after = text[i + 1] if i + 1 < len(text) else " "
    before = text[i - 1] if i > 0 else " "
    if ch in "'’":
        # An apostrophe inside a word ("don't", "ship's") is not a closing mark.
        return not _WORD_CHAR.match(after) and not before.isspace()
    return not _WORD_CHAR.match(after) and not before.isspace()


def _nested(text: str, outer: Marked) -> Iterator[Marked]:
    for start, end in outer.pieces:
        pos = start
        while (opening := _next_opener(text, pos, end, _NESTED_CLOSERS)) is not None:
            close = _closer(text, opening + 1, end, _NESTED_CLOSERS[text[opening]])
            if close is None:
                pos = opening + 1
                continue
            if close > opening + 1:
                yield Marked(((opening + 1, close),), nested=True)
            pos = close + 1
