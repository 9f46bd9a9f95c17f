"""Clean stage quality: HTML main text, plain-text furniture lines, glued-page splitting.

    python bench/clean.py [--quick] [--html | --text]

``--html`` prints only the HTML rows (the Zyte pages, default options), ``--text`` only the
plain-text line rows, ``--quick`` uses only the first 40 Zyte pages.

Prints one table, each figure beside its baseline measured in the same run:
- HTML main text on the Zyte article-extraction benchmark (../shared/data/article-extraction):
  F1 over 4-word shingles as its README defines (per-page normalised TP/FP/FN, precision and
  recall are means over pages), and mean milliseconds per page. Baseline: plain trafilatura
  (``trafilatura.extract`` with default options).
- Plain-text lines: furniture-line recall and content-line retention on the *test* side (by
  site) of bench/linedata.py (Zyte visible-text lines + sample-corpus gold); the line model
  was trained on the other side. Baseline: no cleaning (nothing removed).
- Splitting: synthetic glued pages from ECB+ dev (2-5 articles of different topics, furniture
  lines between them): boundary F1 at exact paragraph; false splits on single articles (ECB+
  dev and the Zyte test-side ground-truth bodies, which hold real sub-headings). Baseline:
  never split. Thresholds were swept on ECB+ train pages only (``--sweep``).
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import trafilatura
from rich.console import Console
from rich.table import Table

from linedata import DATA, ZYTE, Page, sample_pages, zyte_pages
from newsdesk.clean import clean
from newsdesk.clean.classify import label_lines
from newsdesk.clean.header import MAX_HEADLINE_WORDS
from newsdesk.clean.paragraphs import as_paragraphs
from newsdesk.clean.text import final_labels, story_starts
from newsdesk.ingest.decode import content_hash
from newsdesk.model import DocumentKind, RawDocument
from newsdesk.settings import CleanSettings

ECBPLUS = DATA / "clustering" / "ecbplus"
_TOKEN = re.compile(r"\w+")
SEED = 20261121
WARM_UP_PAGES = 3  # untimed pages before the HTML timing (start-up costs are per process)
GLUED_PAGES = 200  # synthetic glued pages per ECB+ split
FALSE_SPLIT_TARGET = 0.02  # the target for false splits of single articles
FURNITURE_BETWEEN = ("Advertisement", "Read more: {title}", "Share this article",
                     "More from {outlet}", "Sign up to our newsletter", "Comments (4)",
                     "Related Topics", "3 min read")


# --- HTML ---------------------------------------------------------------------------------

def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i:i + 4]) for i in range(max(len(tokens) - 3, 0)))


def zyte_scores(predicted: dict[str, str], truth: dict[str, str]) -> tuple[float, float, float]:
    precisions, recalls = [], []
    for item, gold in truth.items():
        pred, ref = shingles(predicted.get(item, "")), shingles(gold)
        tp = sum((pred & ref).values())
        fp = sum(pred.values()) - tp
        fn = sum(ref.values()) - tp
        total = tp + fp + fn
        if total == 0:
            continue
        tp, fp, fn = tp / total, fp / total, fn / total
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
    p = sum(precisions) / len(precisions)
    r = sum(recalls) / len(recalls)
    return p, r, 2 * p * r / (p + r)


def zyte_html() -> tuple[dict[str, str], dict[str, str]]:
    truth = json.loads((ZYTE / "ground-truth.json").read_text("utf-8"))
    pages = {item: gzip.decompress((ZYTE / "html" / f"{item}.html.gz").read_bytes())
             .decode("utf-8", errors="replace") for item in truth}
    return pages, {item: v["articleBody"] for item, v in truth.items()}


def run_newsdesk(pages: dict[str, str], cfg: CleanSettings) -> dict[str, str]:
    """newsdesk's cleaner alone (for the quality-floor test: no timing, no baseline)."""
    out = {}
    for item, html in pages.items():
        doc = RawDocument(source=item, kind=DocumentKind.HTML, content=html,
                          content_hash=content_hash(html))
        found = clean(doc, cfg)
        out[item] = "" if not isinstance(found, list) else "\n\n".join(a.text for a in found)
    return out


def run_both(pages: dict[str, str], cfg: CleanSettings
             ) -> tuple[dict[str, str], float, dict[str, str], float]:
    """Plain trafilatura and newsdesk's cleaner on each page in turn (interleaved, so load
    from other processes weighs on both alike): outputs and mean ms per page.

    Both first run untimed on a few pages: one-time start-up work (the public-suffix lists
    that tldextract and courlan load on first use, ~0.4 s in all) is a cost per process,
    not per page, and would otherwise add ~2 ms to each of the 181 pages."""
    for html in list(pages.values())[:WARM_UP_PAGES]:
        trafilatura.extract(html)
        clean(RawDocument(source="warm-up", kind=DocumentKind.HTML, content=html,
                          content_hash=content_hash(html)), cfg)
    base, ours, base_s, ours_s = {}, {}, 0.0, 0.0
    for item, html in pages.items():
        started = time.perf_counter()
        base[item] = trafilatura.extract(html) or ""
        middle = time.perf_counter()
        doc = RawDocument(source=item, kind=DocumentKind.HTML, content=html,
                          content_hash=content_hash(html))
        found = clean(doc, cfg)
        ours[item] = "" if not isinstance(found, list) else "\n\n".join(a.text for a in found)
        ended = time.perf_counter()
        base_s += middle - started
        ours_s += ended - middle
    return base, base_s / len(pages) * 1000, ours, ours_s / len(pages) * 1000


# --- plain-text lines ---------------------------------------------------------------------

@dataclass
class LineScore:
    furniture: int = 0
    furniture_removed: int = 0
    content: int = 0
    content_kept: int = 0

    def add(self, page: Page, labels: list[str | None]) -> None:
        """Count one page's lines by the reason each was removed for (None: kept). A
        furniture line is removed when it is out of the text, a content line is lost when it
        is out of the text and not moved to a metadata field (``METADATA_REASONS``)."""
        for is_furniture, label in zip(page.furniture, labels, strict=True):
            if is_furniture:
                self.furniture += 1
                self.furniture_removed += label is not None
            else:
                self.content += 1
                self.content_kept += label is None or label in METADATA_REASONS

    @property
    def recall(self) -> float:
        return self.furniture_removed / max(self.furniture, 1)

    @property
    def retention(self) -> float:
        return self.content_kept / max(self.content, 1)


# Lines the text cleaner turns into metadata: out of the text, but moved to the article's
# fields. A content line moved there is not lost; a furniture line (a Zyte page's byline or
# date, outside the ground-truth body) is out of the text, so removed. Until 2026-11-22 both
# counted as kept, which left 94 test-side byline and date lines as "furniture kept".
METADATA_REASONS = {"source-line", "byline", "dateline", "syndication-credit"}


def score_lines(pages: Iterable[Page], cfg: CleanSettings) -> tuple[LineScore, LineScore]:
    ours, none = LineScore(), LineScore()
    for page in pages:
        labels = final_labels(page.lines, cfg)
        ours.add(page, labels)
        none.add(page, [None] * len(page.lines))
    return ours, none


# --- splitting ----------------------------------------------------------------------------

def ecb_articles(split: str) -> list[dict[str, str]]:
    path = ECBPLUS / f"{split}.jsonl"
    if not path.is_file():
        return []
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in rows if len(r["text"].split()) >= 60]


def as_story(article: dict[str, str], rng: random.Random) -> list[str]:
    """Headline (the ECB+ title, which is often the first sentence: its final stop dropped,
    as a headline has none) and the text cut into paragraphs of 1-3 sentences."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", article["text"].strip())
    paragraphs, i = [], 0
    while i < len(sentences):
        size = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[i:i + size]))
        i += size
    return [article["title"].strip().rstrip("."), *paragraphs]


def glued_page(articles: list[dict[str, str]], rng: random.Random) -> tuple[list[str], set[str]]:
    lines: list[str] = ["Skip to content", "Menu"]
    starts = set()
    for k, article in enumerate(articles):
        story = as_story(article, rng)
        if k:
            starts.add(story[0])
            for template in rng.sample(FURNITURE_BETWEEN, rng.randint(1, 3)):
                lines.append(template.format(title=story[0], outlet="The Daily"))
        lines.extend(story)
    lines += ["Comments (3)", "© 2025 The Daily. All rights reserved."]
    return lines, starts


def split_of(lines: list[str], cfg: CleanSettings) -> list[str]:
    """The line each story after the first starts at, as the text cleaner splits the page."""
    lines = as_paragraphs("\n".join(lines))
    labels = label_lines(lines, cfg.furniture_threshold)
    return [lines[i] for i in story_starts(lines, labels, cfg)[1:]]


@dataclass
class SplitScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    singles: int = 0
    false_splits: int = 0
    missed_long_titles: int = 0  # missed boundaries whose ECB+ "title" is a long sentence

    @property
    def f1(self) -> float:
        return 2 * self.tp / max(2 * self.tp + self.fp + self.fn, 1)

    @property
    def false_split_rate(self) -> float:
        return self.false_splits / max(self.singles, 1)


def score_split(articles: list[dict[str, str]], singles: list[list[str]],
                cfg: CleanSettings) -> SplitScore:
    rng = random.Random(SEED)
    score = SplitScore()
    by_topic: dict[str, list[dict[str, str]]] = {}
    for article in articles:
        by_topic.setdefault(str(article["topic"]), []).append(article)
    topics = sorted(by_topic)
    for _ in range(GLUED_PAGES if len(topics) >= 5 else 0):
        chosen = rng.sample(topics, rng.randint(2, 5))
        lines, starts = glued_page([rng.choice(by_topic[t]) for t in chosen], rng)
        found = set(split_of(lines, cfg))
        score.tp += len(found & starts)
        score.fp += len(found - starts)
        score.fn += len(starts - found)
        score.missed_long_titles += sum(len(s.split()) > MAX_HEADLINE_WORDS
                                        for s in starts - found)
    for lines in singles:
        score.singles += 1
        score.false_splits += bool(split_of(lines, cfg))
    return score


def single_pages(articles: list[dict[str, str]], zyte: list[str]) -> list[list[str]]:
    """Unglued articles framed as scraped pages, with furniture above, below and once in the
    middle of the body (an advertisement or a read-more line, as real pages have)."""
    rng = random.Random(SEED + 1)
    pages = [["Menu", *_with_mid_furniture(as_story(a, rng), rng), "Comments (2)"]
             for a in articles]
    return pages + [["Skip to content", *_with_mid_furniture(body.split("\n"), rng),
                     "Share this article"] for body in zyte]


def _with_mid_furniture(lines: list[str], rng: random.Random) -> list[str]:
    if len(lines) < 4:
        return lines
    at = rng.randint(2, len(lines) - 2)
    line = rng.choice(("Advertisement", "Read more: Council approves new library for Eastfield"))
    return [*lines[:at], line, *lines[at:]]


def sweep() -> None:
    """Split thresholds on ECB+ *train* glued pages and Zyte train-side single bodies."""
    articles = ecb_articles("train")
    zyte = [p for p in zyte_pages() if p.split == "train"]
    truth = json.loads((ZYTE / "ground-truth.json").read_text("utf-8")) if zyte else {}
    rng = random.Random(SEED)
    by_topic: dict[str, list[dict[str, str]]] = {}
    for article in articles:
        by_topic.setdefault(str(article["topic"]), []).append(article)
    topics = sorted(by_topic)
    glued = []
    for _ in range(GLUED_PAGES):
        chosen = rng.sample(topics, rng.randint(2, 5))
        glued.append(glued_page([rng.choice(by_topic[t]) for t in chosen], rng))
    singles = single_pages(rng.sample(articles, 150), [truth[p.name]["articleBody"] for p in zyte])
    cfg = CleanSettings()
    prepared = [(_labelled(lines, cfg), starts) for lines, starts in glued]
    single_prepared = [_labelled(lines, cfg) for lines in singles]
    console = Console(width=160)
    rows = []
    grid = [(plain, furn, head, body) for plain in (0.02, 0.05)
            for furn in (0.15, 0.2, 0.25, 0.3, 0.35) for head in (0.1, 0.15, 0.2, 0.3)
            for body in (1, 2, 3)]
    for plain, furn, head, body in grid:
                rule = replace(cfg, split_max_overlap=plain, split_max_overlap_after_furniture=furn,
                               split_max_overlap_with_head=head, split_min_body_lines=body)
                score = SplitScore()
                for (lines, labels), starts in prepared:
                    found = {lines[i] for i in story_starts(lines, labels, rule)[1:]}
                    score.tp += len(found & starts)
                    score.fp += len(found - starts)
                    score.fn += len(starts - found)
                for lines, labels in single_prepared:
                    score.singles += 1
                    score.false_splits += len(story_starts(lines, labels, rule)) > 1
                rows.append((score.false_split_rate <= FALSE_SPLIT_TARGET, score.f1,
                             score.false_split_rate, (plain, furn, head, body)))
    table = Table(title="Split sweep on ECB+ train + Zyte train side (tuning data), best first "
                        f"among those with false splits <= {FALSE_SPLIT_TARGET}")
    for column in ("max_overlap", "after_furniture", "with_head", "min_body_lines",
                   "boundary F1", "false splits"):
        table.add_column(column)
    for _, f1, rate, values in sorted(rows, reverse=True)[:15]:
        table.add_row(*map(str, values), f"{f1:.3f}", f"{rate:.3f}")
    console.print(table)


def _labelled(lines: list[str], cfg: CleanSettings) -> tuple[list[str], list[str | None]]:
    lines = as_paragraphs("\n".join(lines))
    return lines, label_lines(lines, cfg.furniture_threshold)


# --- table --------------------------------------------------------------------------------

def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    html_only = "--html" in argv
    if "--sweep" in argv:
        sweep()
        return 0
    cfg = CleanSettings()
    table = Table(title="Clean stage (bench/clean.py)")
    for column in ("task", "data", "metric", "newsdesk", "baseline", "target"):
        table.add_column(column)
    text_only = "--text" in argv
    if ZYTE.is_dir():
        if not text_only:
            _html_rows(table, cfg, quick, html_only)
        if not html_only:
            _line_rows(table, cfg)
    else:
        table.add_row("HTML / text", "Zyte", "skipped: ../shared/data absent", "", "", "")
    if not (html_only or text_only):
        _split_rows(table, cfg)
    Console(width=160).print(table)
    return 0


def _html_rows(table: Table, cfg: CleanSettings, quick: bool, default_only: bool) -> None:
    pages, truth = zyte_html()
    if quick:
        keep = sorted(pages)[:40]
        pages, truth = {k: pages[k] for k in keep}, {k: truth[k] for k in keep}
    test_side = {k for k in truth if _zyte_side(k) == "test"}
    variants = [("default", cfg),
                ("precision pass 0.6", replace(cfg, html_precision_min_share=0.6))]
    for name, variant in variants[:1] if default_only else variants:
        base, base_ms, ours, ours_ms = run_both(pages, variant)
        bp, br, bf = zyte_scores(base, truth)
        p, r, f = zyte_scores(ours, truth)
        data = f"Zyte {len(pages)} pages, {name}"
        table.add_row("HTML main text", data, "F1", f"{f:.3f}", f"{bf:.3f} trafilatura",
                      ">= 0.975")
        table.add_row("", data, "precision / recall", f"{p:.3f} / {r:.3f}",
                      f"{bp:.3f} / {br:.3f}", "")
        side_truth = {k: v for k, v in truth.items() if k in test_side}
        table.add_row("", f"{len(side_truth)} test-side pages (options chosen on the rest)",
                      "F1", f"{zyte_scores(ours, side_truth)[2]:.3f}",
                      f"{zyte_scores(base, side_truth)[2]:.3f} trafilatura", "")
        table.add_row("", data, "ms per page", f"{ours_ms:.0f} ({ours_ms / base_ms:.2f}x)",
                      f"{base_ms:.0f}", "<= 1.2x")


def _zyte_side(item: str) -> str:
    url = json.loads((ZYTE / "ground-truth.json").read_text("utf-8"))[item]["url"]
    return Page(item, urlsplit(url).netloc, [], []).split


def _line_rows(table: Table, cfg: CleanSettings) -> None:
    test = [p for p in zyte_pages() + sample_pages() if p.split == "test"]
    for name, pages in (("Zyte+sample test side", test),
                        ("sample corpus text (all 14)", sample_pages())):
        ours, none = score_lines(pages, cfg)
        data = f"{name}, {ours.furniture + ours.content} lines"
        table.add_row("Text lines", data, "furniture recall", f"{ours.recall:.3f}",
                      f"{none.recall:.3f} no cleaning", ">= 0.95")
        table.add_row("", data, "content retention", f"{ours.retention:.3f}",
                      f"{none.retention:.3f} no cleaning", ">= 0.99")


def _split_rows(table: Table, cfg: CleanSettings) -> None:
    articles = ecb_articles("dev")
    if not articles:
        table.add_row("Splitting", "ECB+", "skipped: ../shared/data absent", "", "", "")
        return
    zyte = [p for p in zyte_pages() if p.split == "test"]
    truth = json.loads((ZYTE / "ground-truth.json").read_text("utf-8")) if zyte else {}
    bodies = [truth[p.name]["articleBody"] for p in zyte]
    singles = single_pages(articles, bodies)
    ours = score_split(articles, singles, cfg)
    never = score_split(articles, [], replace(cfg, split_glued=False))
    table.add_row("Splitting", f"ECB+ dev, {GLUED_PAGES} glued pages", "boundary F1",
                  f"{ours.f1:.3f}", f"{never.f1:.3f} never split", ">= 0.95")
    table.add_row("", f"{ours.fn} boundaries missed", "of which title > 30 words",
                  str(ours.missed_long_titles), "", "")
    table.add_row("", f"{ours.singles} single articles", "false splits",
                  f"{ours.false_split_rate:.3f}", "0.000 never split", "<= 0.02")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
