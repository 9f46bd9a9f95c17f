"""Labelled lines of scraped pages, for training and scoring the plain-text cleaner.

Two sources:
- the Zyte article-extraction benchmark (../shared/data/article-extraction): each page's
  visible text (the published ``html-text`` rendering) split into lines; a line is content
  when its word sequence lies inside the ground-truth article body, furniture otherwise (a
  stretch of the body shown twice, as a teaser or a summary box, is content once:
  ``body_lines``);
- the sample corpus gold (examples/corpus/gold.json ``furniture``): its 14 text files, with
  the labelled furniture lines (every occurrence of a listed line); every other line is
  content.

Pages are split into train and test by a hash of the site (Zyte: the host; sample corpus: the
outlet), so no site has pages on both sides.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from urllib.parse import urlsplit

from newsdesk import sample_corpus
from newsdesk.clean.paragraphs import as_paragraphs
from newsdesk.clean.sequence import word_count

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ZYTE = DATA / "article-extraction"
_WORD = re.compile(r"\w+")
# Chinese and Japanese characters (as sequence.py counts them): text written without spaces.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Share of sites on the test side.
TEST_SHARE = 0.5
# Lines of at most this many words count as content only when the body has them as a line.
# (words as the line model counts them: Chinese and Japanese characters two to a word).
SHORT_WORDS = 4
# A line of at least this many words may render a body stretch with words of its own
# inserted (``_partial``) when the stretch holds this share of the line's words or a whole
# body paragraph, and the line's words cover this share of the stretch. Checked by reading
# every label these rules moved on all 181 pages (none chosen by a model score).
PARTIAL_WORDS = 8
PARTIAL_SHARE = 0.8
BODY_DENSITY = 0.9
# Runs of fewer common words than this are chance ("of the") in the alignment.
MIN_RUN = 3


@dataclass(frozen=True)
class Page:
    name: str
    site: str
    lines: list[str]
    furniture: list[bool]

    @property
    def split(self) -> str:
        digest = int(hashlib.sha256(self.site.encode()).hexdigest()[:8], 16)
        return "test" if digest / 0xFFFFFFFF < TEST_SHARE else "train"


def zyte_pages() -> list[Page]:
    if not ZYTE.is_dir():
        return []
    truth = json.loads((ZYTE / "ground-truth.json").read_text("utf-8"))
    rendered = json.loads((ZYTE / "output" / "html-text.json").read_text("utf-8"))
    rendered = rendered.get("output", rendered)
    pages = []
    for item, gold in sorted(truth.items()):
        lines = as_paragraphs(rendered[item]["articleBody"])
        content = body_lines(lines, gold["articleBody"])
        labels = [i not in content for i in range(len(lines))]
        pages.append(Page(item, urlsplit(gold["url"]).netloc, lines, labels))
    return pages


def body_lines(lines: list[str], body: str) -> set[int]:
    """The lines that render the ground-truth body, each stretch of it once.

    A line is a candidate where its words occur in the body, compared with the spaces
    between words taken out (a drop cap set apart, "H ong Kong", or a word split in the
    markup, "MacBook s", still matches; so does Chinese or Japanese text the page breaks
    into lines where the body does not). A short line, whose word or two occur anywhere by
    chance, is a candidate only where the body has it as a line of its own (a sub-heading).
    A longer line the body holds only in part (``_partial``: a "Click To Tweet" button after
    a sentence, a name's hover card inside a paragraph, a body cut short mid-paragraph) is a
    candidate for the stretch it renders. A page can show a stretch of the body twice: a
    teaser of the story in a "more from this newsletter" list, a summary box repeating the
    lede. Only one copy renders the body; the others are furniture. The copies kept are the
    heaviest chain of candidates (most body words) whose places in the body follow the page
    order without overlapping.
    """
    text = _BodyText(body)
    matcher = SequenceMatcher(None, [], text.words, autojunk=False)
    items = []  # (line, start, end) in body words
    for i, line in enumerate(lines):
        mine = _WORD.findall(line.casefold())
        if not mine:
            continue
        if word_count(line) <= SHORT_WORDS:
            places = text.line_spans.get("".join(mine), [])
        else:
            places = text.occurrences("".join(mine))
            if not places and len(mine) >= PARTIAL_WORDS:
                places = _partial(mine, text, matcher)
        items.extend((i, s, e) for s, e in places)
    return _heaviest_chain(items)


class _BodyText:
    """The body's words, and the same words joined without spaces (for matching a line
    whatever its spacing), with the word each character belongs to."""

    def __init__(self, body: str) -> None:
        self.words: list[str] = []
        self.line_spans: dict[str, list[tuple[int, int]]] = {}
        self.paragraphs: list[tuple[int, int]] = []
        for line in as_paragraphs(body):
            mine = _WORD.findall(line.casefold())
            span = (len(self.words), len(self.words) + len(mine))
            self.line_spans.setdefault("".join(mine), []).append(span)
            self.paragraphs.append(span)
            self.words.extend(mine)
        self.joined = "".join(self.words)
        self.word_of = [k for k, word in enumerate(self.words) for _ in word]
        offsets, at = [], 0
        for word in self.words:
            offsets.append(at)
            at += len(word)
        self.starts = set(offsets)
        self.ends = {o + len(w) for o, w in zip(offsets, self.words, strict=True)}

    def occurrences(self, needle: str) -> list[tuple[int, int]]:
        """Word spans of the body where ``needle`` (words joined without spaces) occurs,
        starting and ending at a word boundary (or inside a run of unspaced script)."""
        out, at = [], self.joined.find(needle)
        while at >= 0:
            end = at + len(needle)
            if self._boundary(at, self.starts) and self._boundary(end, self.ends):
                out.append((self.word_of[at], self.word_of[end - 1] + 1))
            at = self.joined.find(needle, at + 1)
        return out

    def _boundary(self, at: int, bounds: set[int]) -> bool:
        return at in bounds or bool(_UNSPACED.match(self.joined[min(at, len(self.joined) - 1)]))


def _partial(mine: list[str], text: _BodyText, matcher: SequenceMatcher[str]
             ) -> list[tuple[int, int]]:
    """The body stretch a longer line renders with words of its own inserted: its words
    aligned to the body near their longest common run, counting runs of at least
    ``MIN_RUN`` words. A candidate when the aligned body stretch is dense (few body words
    skipped) and holds most of the line's words or a whole body paragraph."""
    matcher.set_seq1(mine)
    a, b, size = matcher.find_longest_match(0, len(mine), 0, len(text.words))
    if size < MIN_RUN:
        return []
    slack = len(mine) // 10
    low = max(b - a - slack, 0)
    window = text.words[low:b - a + len(mine) + slack]
    runs = [r for r in SequenceMatcher(None, mine, window, autojunk=False).get_matching_blocks()
            if r.size >= MIN_RUN]
    start, end = low + runs[0].b, low + runs[-1].b + runs[-1].size
    matched = sum(r.size for r in runs)
    if matched < BODY_DENSITY * (end - start):
        return []
    whole = any(start <= s and e <= end and e - s >= PARTIAL_WORDS for s, e in text.paragraphs)
    return [(start, end)] if whole or matched >= PARTIAL_SHARE * len(mine) else []


def _heaviest_chain(items: list[tuple[int, int, int]]) -> set[int]:
    """Weighted longest chain: lines strictly increasing, body spans in order, no overlap."""
    best: list[tuple[int, int]] = []  # (total words, previous item) per item
    for k, (line, start, end) in enumerate(items):
        total, prev = end - start, -1
        for j in range(k):
            if items[j][0] < line and items[j][2] <= start and best[j][0] + end - start > total:
                total, prev = best[j][0] + end - start, j
        best.append((total, prev))
    chosen: set[int] = set()
    k = max(range(len(items)), key=lambda j: best[j][0], default=-1)
    while k >= 0:
        chosen.add(items[k][0])
        k = best[k][1]
    return chosen


def sample_pages() -> list[Page]:
    """The 14 text files, each line furniture when gold.json lists it for that file. The gold
    lists each distinct furniture line once (examples/corpus/README.md), so every occurrence
    of a listed line is furniture (a glued page's second "2 mins to read" too)."""
    corpus = sample_corpus()
    gold = json.loads((corpus / "gold.json").read_text("utf-8"))
    wanted: dict[str, set[str]] = {}
    for entry in gold["furniture"]:
        wanted.setdefault(entry["file"], set()).add(entry["line"])
    pages = []
    for name, listed in sorted(wanted.items()):
        lines = as_paragraphs((corpus / name).read_text("utf-8"))
        pages.append(Page(name, name.split("/")[-1].split("-")[0], lines,
                          [line in listed for line in lines]))
    return pages
