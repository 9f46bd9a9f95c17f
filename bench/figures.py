"""Figures benchmark: (value, unit) precision/recall, subjects, currencies, conversions, dates.

    python bench/figures.py [--split dev|test|all] [--misses] [--db FILE]

Labelled sets:
- the sample corpus's gold.json (examples/corpus; 240 figures, 27 conversions, 86 relative
  dates). Its figure list is selective ("figures inside quotations are included where
  useful"), so precision against it counts real but unlabelled figures as errors; recall,
  currencies, conversions and dates are the measures that matter there. It was looked at
  while building: a development set.
- tests/data/figures_extra.jsonl: hand-written news sentences, labelled exhaustively. Rows
  with "split": "test" were written before the extractor was run on them and are scored only
  for the report; "dev" rows were looked at while building.
Timings are per text, parse included.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from newsdesk import Desk
from newsdesk.desk import sample_corpus, sample_inputs
from newsdesk.extract import FIGURE_PARSE_COMPONENTS, english, find_figures
from newsdesk.figure_eval import Case, Tally, gold_cases, labelled_cases, score_case
from newsdesk.goldset import article_key, load_gold
from newsdesk.model import Article, Mention
from newsdesk.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXTRA = ROOT / "tests" / "data" / "figures_extra.jsonl"
Cases = list[tuple[Case, Article, list[Mention]]]


def corpus_cases(db: Path) -> Cases:
    corpus = sample_corpus()
    with Desk(db) as desk:
        if not desk.articles():
            desk.ingest(sample_inputs())
            desk.analyze()
        keyed = {article_key(a, desk.raw(a.id).record, corpus): a for a in desk.articles()}
        mentions = desk.mentions()
    return [(case, article, mentions.get(article.id, []))
            for case, article in gold_cases(load_gold(corpus), keyed)]


def extra_cases(split: str) -> Cases:
    nlp = english()
    found: Cases = []
    for case, article in labelled_cases(EXTRA, split):
        mentions = [Mention(article.id, e.start_char, e.end_char, e.text, e.label_)
                    for e in nlp(article.text).ents]
        found.append((case, article, mentions))
    return found


def run(cases: Cases, title: str, show_misses: bool) -> Tally:
    nlp = english(FIGURE_PARSE_COMPONENTS)
    cfg = Settings().figures
    tally = Tally()
    started = time.perf_counter()
    for case, article, mentions in cases:
        score_case(case, find_figures(article, mentions, nlp, cfg), tally)
    print_table(title, tally, len(cases), time.perf_counter() - started)
    if show_misses:
        print("\n".join(tally.misses))
    return tally


def print_table(title: str, t: Tally, n: int, seconds: float) -> None:
    vu, conv = t.value_unit(), t.conversions
    rows = [
        ("(value, unit) precision", f"{vu.precision:.3f}", f"{t.tp}/{t.predicted}"),
        ("(value, unit) recall", f"{vu.recall:.3f}", f"{t.tp}/{t.expected}"),
        ("unit exactly as labelled (matched)", _rate(t.unit_exact, t.tp), ""),
        ("subject shares a content word", _rate(t.subject_any, t.subject_total), ""),
        ("subject has >= half the words", _rate(t.subject_half, t.subject_total), ""),
        ("bare-$ currency resolved right", _rate(t.currency_right, t.currency_total), ""),
        ("wrong conversions flagged", _rate(conv["wrong_flagged"], conv["wrong"]), ""),
        ("right conversions flagged (false)", f"{conv['right_flagged']}/{conv['right']}", ""),
        ("conversions not paired", f"{conv['missed']}", ""),
        ("relative dates resolved right", _rate(t.dates_right, t.dates_total), ""),
        ("ms per text", f"{1000 * seconds / max(n, 1):.1f}", f"{n} texts"),
    ]
    print(f"\n## {title}\n")
    print(f"| {'measure':<36} | {'value':>15} | {'detail':<10} |")
    print(f"|{'-' * 38}|{'-' * 17}|{'-' * 12}|")
    for name, value, detail in rows:
        print(f"| {name:<36} | {value:>15} | {detail:<10} |")


def _rate(right: int, total: int) -> str:
    return f"{right / total:.3f} ({right}/{total})" if total else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Figures benchmark.")
    parser.add_argument("--split", default="all", choices=("dev", "test", "all"),
                        help="which rows of figures_extra.jsonl to score")
    parser.add_argument("--db", type=Path, help="reuse this analysed sample-corpus database")
    parser.add_argument("--misses", action="store_true", help="list every miss and extra")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = corpus_cases(args.db or Path(tmp) / "bench.db")
    run(corpus, "sample corpus gold (examples/corpus/gold.json; development set)", args.misses)
    if EXTRA.is_file():
        run(extra_cases(args.split), f"hand-written sentences ({EXTRA.name}, split={args.split})",
            args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
