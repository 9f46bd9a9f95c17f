"""Labelled lines of scraped pages, for training and scoring the plain-text cleaner.

Two sources:
- the Zyte article-extraction benchmark (../shared/data/article-extraction): each page's
  visible text (the published ``html-text`` rendering) split into lines; a line is content
  when its word sequence lies inside the ground-truth article body, furniture otherwise (a
  stretch of the body shown twice, as a teaser or a summary box, is content once:
  ``body_lines``);
- the sample corpus gold (examples/corpus/gold.json ``furniture``): its 14 text files, with
  the labelled furniture lines; every other line is content.

Pages are split into train and test by a hash of the site (Zyte: the host; sample corpus: the
outlet), so no site has pages on both sides.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from newsdesk import sample_corpus
from newsdesk.clean.paragraphs import as_paragraphs

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ZYTE = DATA / "article-extraction"
_WORD = re.compile(r"\w+")
# Share of sites on the test side.
TEST_SHARE = 0.5
# Lines of at most this many words count as content only when the body has them as a line.
SHORT_WORDS = 4


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

    A line is a candidate where its words occur in the body (a short line, whose word or two
    occur anywhere by chance, only where the body has it as a line of its own: a
    sub-heading). A page can show a stretch of the body twice: a teaser of the story in a
    "more from this newsletter" list, a summary box repeating the lede. Only one copy renders
    the body; the others are furniture. The copies kept are the heaviest chain of candidates
    (most words) whose places in the body follow the page order without overlapping.
    """
    words = _WORD.findall(body.casefold())
    starts = _line_starts(body)
    items = []  # (line, start, end) in body words
    for i, line in enumerate(lines):
        mine = _WORD.findall(line.casefold())
        places = (starts.get(tuple(mine), []) if len(mine) <= SHORT_WORDS
                  else _occurrences(mine, words))
        items.extend((i, s, s + len(mine)) for s in places)
    return _heaviest_chain(items)


def _line_starts(body: str) -> dict[tuple[str, ...], list[int]]:
    out: dict[tuple[str, ...], list[int]] = {}
    at = 0
    for line in as_paragraphs(body):
        mine = tuple(_WORD.findall(line.casefold()))
        out.setdefault(mine, []).append(at)
        at += len(mine)
    return out


def _occurrences(needle: list[str], words: list[str]) -> list[int]:
    n = len(needle)
    return [s for s in range(len(words) - n + 1)
            if words[s] == needle[0] and words[s:s + n] == needle]


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
    corpus = sample_corpus()
    gold = json.loads((corpus / "gold.json").read_text("utf-8"))
    wanted: dict[str, Counter[str]] = {}
    for entry in gold["furniture"]:
        wanted.setdefault(entry["file"], Counter())[entry["line"]] += 1
    pages = []
    for name, counts in sorted(wanted.items()):
        lines = as_paragraphs((corpus / name).read_text("utf-8"))
        left = Counter(counts)
        labels = []
        for line in lines:
            labels.append(left[line] > 0)
            left[line] -= 1
        pages.append(Page(name, name.split("/")[-1].split("-")[0], lines, labels))
    return pages
