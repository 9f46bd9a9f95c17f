"""Quotation and attribution quality: PolNeAR dev (span F1 + throughput) and the sample gold.

    python bench/quotes.py [--split dev|train] [--limit N]

PolNeAR (../shared/data/quotes/polnear, skipped when absent): every attribution's Source,
Cue and Content spans; a predicted span counts under "exact" when its character ranges equal
a gold span's of that type, under "first token" when its first range starts where a gold
span's does. Micro P/R/F1 over the first annotator's file of each article (README).
Predictions are ``find_attributions`` (extract/attributions.py: every cue the gate keeps,
with the quotations attached to it or its clause/object, then re-tagged by the span tagger
learnt on train, extract/span_tagger.py; ``--rules-only`` leaves the tagger out), written
in PolNeAR's span conventions, each checked on train (the tagger's spans already follow
them, so these change nothing there):
- content keeps the quotation marks, one range per paragraph, and a "that" before it;
- a cue takes a colon right after it ("said:");
- a source holding an apposition takes the comma that closes it (863 of 962 in train).
The cue's words themselves (auxiliaries and adverbs before the verb, "called for", "said in
an interview") are the stage's own convention, also PolNeAR's.
Throughput: the quote stage alone (sentences with a cue word parsed), and with NER, in the
same run; wall seconds depend on the machine's load, CPU seconds much less.

Sample corpus: every gold quote found (indirect: the gold clause inside the predicted one),
with the gold speaker; every name variant on the gold person's entity; no two gold people
merged.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsdesk import Desk, Settings, sample_corpus, sample_inputs
from newsdesk.extract import (
    NER_COMPONENTS,
    QUOTE_PARSE_COMPONENTS,
    english,
    find_mentions,
)
from newsdesk.extract.attributions import find_attributions
from newsdesk.goldset import article_key, load_gold, quote_scores
from newsdesk.model import Article, Attribution
from newsdesk.scoring import PRF, precision_recall

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
POLNEAR = DATA / "quotes" / "polnear"
SPAN_TYPES = ("Content", "Source", "Cue")
Ranges = tuple[tuple[int, int], ...]
_THAT = re.compile(r"\b[Tt]hat[ ,]{1,3}$")


@dataclass(frozen=True)
class Annotated:
    article: Article
    gold: dict[str, set[Ranges]]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--rules-only", action="store_true",
                        help="without the span tagger (QuoteSettings.span_tagger off)")
    args = parser.parse_args()
    console = Console()
    if (POLNEAR / args.split).is_dir():
        console.print(_polnear_table(load(args.split, args.limit), args.split,
                                     tagger=not args.rules_only))
    else:
        console.print(f"PolNeAR not found under {POLNEAR}: skipped")
    console.print(_sample_table())
    return 0


def load(split: str, limit: int | None = None) -> list[Annotated]:
    texts = sorted((POLNEAR / split / "text").glob("*.txt"))[:limit]
    found = []
    for path in texts:
        annotations = sorted((POLNEAR / split / "attributions").glob(f"{path.stem}_*.ann"))
        if not annotations:
            continue
        text = path.read_text("utf-8")
        article = Article(f"a-{path.stem}"[:24] + str(len(found)), "d-0", str(path), 0, text,
                          "bench")
        found.append(Annotated(article, _gold_spans(annotations[0])))
    return found


def _gold_spans(path: Path) -> dict[str, set[Ranges]]:
    spans: dict[str, set[Ranges]] = defaultdict(set)
    for line in path.read_text("utf-8").splitlines():
        fields = line.split("\t")
        if not line.startswith("T") or len(fields) < 2:
            continue
        kind, _, where = fields[1].partition(" ")
        if kind in SPAN_TYPES:
            spans[kind].add(_ranges(where))
    return spans


def _ranges(where: str) -> Ranges:
    return tuple((int(a), int(b)) for a, b in (part.split() for part in where.split(";")))


@dataclass(frozen=True)
class PolnearRun:
    """Span scores on a PolNeAR split and the throughput measured in the same run."""

    exact: dict[str, PRF]
    first_token: dict[str, PRF]
    gold: dict[str, int]
    predicted: dict[str, int]
    articles: int
    words: int
    seconds: float
    cpu_seconds: float
    ner_seconds: float
    ner_cpu_seconds: float


def polnear_run(corpus: list[Annotated], with_ner: bool = True,
                tagger: bool = True) -> PolnearRun:
    """Our attributions on ``corpus``, scored, with the time the quote stage took (and NER,
    which ``newsdesk analyze`` runs too, for the whole-extraction figure, unless not
    ``with_ner``); ``tagger``: with the span tagger (else the rules alone)."""
    articles = [a.article for a in corpus]
    settings = Settings()
    settings = replace(settings, quotes=replace(settings.quotes, span_tagger=tagger))
    nlp, ner = english(QUOTE_PARSE_COMPONENTS), english(NER_COMPONENTS)
    started, cpu = time.perf_counter(), time.process_time()
    found = find_attributions(articles, nlp, settings.quotes)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    if with_ner:
        find_mentions(articles, ner, settings.extract)
    ner_seconds, ner_cpu = time.perf_counter() - started, time.process_time() - cpu
    predicted = {a.article.id: _attributions(a.article.text, found[a.article.id])
                 for a in corpus}
    return PolnearRun(
        {k: _score(corpus, predicted, k, lambda r: r) for k in SPAN_TYPES},
        {k: _score(corpus, predicted, k, lambda r: r[0][0]) for k in SPAN_TYPES},
        {k: sum(len(a.gold[k]) for a in corpus) for k in SPAN_TYPES},
        {k: sum(len(p[k]) for p in predicted.values()) for k in SPAN_TYPES},
        len(articles), sum(len(a.text.split()) for a in articles),
        seconds, cpu_seconds, ner_seconds, ner_cpu)


def _polnear_table(corpus: list[Annotated], split: str, tagger: bool) -> Table:
    run = polnear_run(corpus, tagger=tagger)
    how = "rules + span tagger" if tagger else "rules only"
    table = Table("PolNeAR " + split, "exact P", "exact R", "exact F1", "first-token F1",
                  "gold", "predicted", title=f"Attribution spans, PolNeAR {split} "
                  f"({run.articles} articles, {run.words:,} words; {how})")
    for kind in SPAN_TYPES:
        table.add_row(kind, *run.exact[kind].row()[:3], f"{run.first_token[kind].f1:.3f}",
                      str(run.gold[kind]), str(run.predicted[kind]))
    n, load = run.articles, os.getloadavg()[0]
    table.add_row("articles/s (wall)", f"{n / run.seconds:.1f}",
                  f"+NER {n / (run.seconds + run.ner_seconds):.1f}", "", "", "",
                  f"load {load:.1f}, {os.cpu_count()} cores")
    table.add_row("articles/CPU-s", f"{n / run.cpu_seconds:.1f}",
                  f"+NER {n / (run.cpu_seconds + run.ner_cpu_seconds):.1f}", "", "", "",
                  "1 process")
    return table


def _score(corpus: list[Annotated], predicted: dict[str, dict[str, set[Ranges]]],
           kind: str, key: object) -> PRF:
    keyed = key if callable(key) else (lambda r: r)
    found = expected = correct = 0
    for a in corpus:
        gold = {keyed(r) for r in a.gold[kind]}
        mine = {keyed(r) for r in predicted[a.article.id][kind]}
        found, expected, correct = found + len(mine), expected + len(gold), \
            correct + len(gold & mine)
    return precision_recall(found, expected, correct)


def _attributions(text: str, found: Iterable[Attribution]) -> dict[str, set[Ranges]]:
    """PolNeAR spans from our attributions, in PolNeAR's conventions (below)."""
    spans: dict[str, set[Ranges]] = {kind: set() for kind in SPAN_TYPES}
    for a in found:
        colon = text[a.cue.end:a.cue.end + 1] == ":"  # PolNeAR: "said:" before a quotation
        spans["Cue"].add(((a.cue.start, a.cue.end + colon),))
        if a.source is not None:
            end = _source_end(text, a.source.start, a.source.end)
            spans["Source"].add(((a.source.start, end),))
        if a.content:  # the span tagger may find a cue with no content
            spans["Content"].add(_content(text, a))
    return spans


def _source_end(text: str, start: int, end: int) -> int:
    """PolNeAR closes a source that holds an apposition with its comma ("Justin Bamberg, a
    family attorney, said"): 863 of 962 such sources in train take the comma after them."""
    return end + 1 if "," in text[start:end] and text[end:end + 1] == "," else end


def _content(text: str, a: Attribution) -> Ranges:
    """PolNeAR's content: the marks kept, one range per paragraph, a "that" before it kept."""
    if not a.marked:
        first, *rest = a.content
        return ((_with_that(text, first.start), first.end), *((c.start, c.end) for c in rest))
    ranges: list[tuple[int, int]] = []
    for q in a.content:
        start, end = q.start - _mark_width(text, q.start - 2), q.end + _mark_width(text, q.end)
        ranges.extend(_per_paragraph(text, start, end))
    if ranges:
        ranges[0] = (_with_that(text, ranges[0][0]), ranges[0][1])
    return tuple(ranges)


def _mark_width(text: str, at: int) -> int:
    return 2 if text[max(0, at):at + 2] == "''" else 1


def _with_that(text: str, start: int) -> int:
    """PolNeAR's content takes the "that" introducing a reported clause ("said that, …")."""
    found = _THAT.search(text, max(0, start - 8), start)
    return found.start() if found else start


def _per_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    found = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        piece = match.group()
        if piece.strip():
            at = start + match.start()
            found.append((at + len(piece) - len(piece.lstrip()), at + len(piece.rstrip())))
    return found


def _sample_table() -> Table:
    with tempfile.TemporaryDirectory() as folder, Desk(Path(folder) / "sample.db") as desk:
        desk.ingest(sample_inputs())
        desk.analyze()
        corpus = sample_corpus()
        keyed = {article_key(a, desk.raw(a.id).record, corpus): a for a in desk.articles()}
        scores = quote_scores(load_gold(corpus), keyed, desk.quotes(), desk.people())
    table = Table("sample corpus gold", "value", title="Quotes, speakers and people")
    for name, value in scores.items():
        table.add_row(name, f"{value:.3f}" if isinstance(value, float) else str(value))
    return table


if __name__ == "__main__":
    sys.exit(main())
