"""Labelled lines of scraped pages, for training and scoring the plain-text cleaner.

Two sources:
- the Zyte article-extraction benchmark (../shared/data/article-extraction): each page's
  visible text (the published ``html-text`` rendering) split into lines; a line is content
  when its word sequence lies inside the ground-truth article body, furniture otherwise;
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
        body = " " + " ".join(_WORD.findall(gold["articleBody"].casefold())) + " "
        whole = {_folded(line) for line in as_paragraphs(gold["articleBody"])}
        labels = [not _is_content(line, body, whole) for line in lines]
        pages.append(Page(item, urlsplit(gold["url"]).netloc, lines, labels))
    return pages


def _is_content(line: str, body: str, whole: set[str]) -> bool:
    """Inside the body; a short line (a word or two occur anywhere by chance) only when the
    ground truth has it as a line of its own (a sub-heading)."""
    words = _WORD.findall(line.casefold())
    if len(words) <= SHORT_WORDS:
        return _folded(line) in whole
    return (" " + " ".join(words) + " ") in body


def _folded(line: str) -> str:
    return " ".join(_WORD.findall(line.casefold()))


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
