"""Figures benchmark: (value, unit) precision/recall, subjects, currencies, conversions, dates.

    python bench/figures.py [--split dev|test|all] [--misses]

Labelled sets: the sample corpus's gold.json (examples/corpus; 240 figures, 27 conversions,
86 relative dates), and tests/data/figures_extra.jsonl (hand-written news sentences; each row
says its split: "dev" rows were looked at while building the extractor, "test" rows were
written before and scored only for the report). Timings are printed per article.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from newsdesk import Desk
from newsdesk.desk import sample_corpus, sample_inputs
from newsdesk.extract import PARSE_COMPONENTS, english, find_figures
from newsdesk.figure_eval import Case, Tally, score_case
from newsdesk.goldset import article_key, gold_key, load_gold
from newsdesk.model import Article
from newsdesk.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXTRA = ROOT / "tests" / "data" / "figures_extra.jsonl"


def corpus_cases(db: Path) -> list[tuple[Case, Article, list]]:
    corpus = sample_corpus()
    gold = load_gold(corpus)
    with Desk(db) as desk:
        if not desk.articles():
            desk.ingest(sample_inputs())
            desk.analyze()
        keyed = {article_key(a, desk.raw(a.id).record, corpus): a for a in desk.articles()}
        mentions = desk.mentions()
    cases = []
    for key, article in keyed.items():
        figures = tuple(f for f in gold["figures"] if gold_key(f) == key)
        conversions = tuple(c for c in gold["conversions"] if gold_key(c) == key)
        dates = tuple(d for d in gold["relative_dates"] if gold_key(d) == key)
        name = f"{key[0]}#{key[1]}" + ("" if key[2] is None else f"@{key[2]}")
        cases.append((Case(name, article.text, figures, conversions, dates), article,
                      mentions.get(article.id, [])))
    return cases


def extra_cases(split: str) -> list[tuple[Case, Article, list]]:
    nlp = english()
    cases = []
    for line in EXTRA.read_text("utf-8").splitlines():
        row = json.loads(line)
        if split != "all" and row["split"] != split:
            continue
        article = Article(id=f"a-{row['id']}", document_id=row["id"], source="extra", segment=0,
                          text=row["text"], producer="bench", outlet_domain=row.get("domain"),
                          published=row.get("published"))
        doc = nlp(row["text"])
        from newsdesk.model import Mention
        mentions = [Mention(article.id, e.start_char, e.end_char, e.text, e.label_)
                    for e in doc.ents]
        cases.append((Case(row["id"], row["text"], tuple(row.get("figures", ())),
                           tuple(row.get("conversions", ())),
                           tuple(row.get("relative_dates", ()))), article, mentions))
    return cases


def run(cases: list, title: str, show_misses: bool) -> Tally:
    nlp = english(PARSE_COMPONENTS)
    cfg = Settings().figures
    tally = Tally()
    started = time.perf_counter()
    for case, article, mentions in cases:
        score_case(case, find_figures(article, mentions, nlp, cfg), tally)
    seconds = time.perf_counter() - started
    print_table(title, tally, len(cases), seconds)
    if show_misses:
        print("\n".join(tally.misses))
    return tally


def print_table(title: str, t: Tally, n: int, seconds: float) -> None:
    vu = t.value_unit()
    conv = t.conversions
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
    print(f"| {'measure':<36} | {'value':>8} | {'detail':<12} |")
    print(f"|{'-' * 38}|{'-' * 10}|{'-' * 14}|")
    for name, value, detail in rows:
        print(f"| {name:<36} | {value:>8} | {detail:<12} |")


def _rate(right: int, total: int) -> str:
    return f"{right / total:.3f} ({right}/{total})" if total else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="all", choices=("dev", "test", "all"))
    parser.add_argument("--db", type=Path, help="reuse this analysed sample-corpus database")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        corpus = corpus_cases(db)
    run(corpus, "sample corpus gold (examples/corpus/gold.json)", args.misses)
    if EXTRA.is_file():
        run(extra_cases(args.split), f"hand-written sentences ({EXTRA.name}, split={args.split})",
            args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
