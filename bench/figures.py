"""Figures benchmark: (value, unit) precision/recall, subjects, currencies, conversions, dates.

    python bench/figures.py [--split dev|test|all] [--misses] [--db FILE]

Labelled sets:
- the sample corpus's gold.json (examples/corpus; 325 figures, 27 conversions, 86 relative
  dates). Its figure list is exhaustive under the guideline below: every number in every
  article was read, and each one the extractor or the first annotation pass had was decided
  by that guideline. Reading the extractor's output while annotating makes it a development
  set: its precision is an upper bound.
- tests/data/figures_extra.jsonl: hand-written news sentences, labelled exhaustively. Rows
  with "split": "test" were written before the extractor was run on them and are scored only
  for the report; "dev" rows were looked at while building.
Timings are per text, parse included.

Annotation guideline (what is a figure; the contract's kinds money|percent|count|quantity):
- Money: every amount with a currency, ranges once ("$2.1bn to $2.3bn", value = the low end),
  "from $2.4bn to $2.71bn" as two amounts. Unit ISO 4217; a bare "$" the text and outlet
  cannot decide is unit null with ``currency_candidates``.
- Percentages: "5%", "2.5 per cent", "percentage points" (unit "percentage points"), and
  shares written as a split of 100 ("split the cost 55-45": 55 % and 45 %).
- Quantities: an amount in a pint unit, durations included ("for five hours", "a five-year
  programme", "a 24-metre wingspan", "every two years"). "cost €1.2bn over five years": the
  period is a figure and not approximate ("over" names the period; "for over five hours" is
  a hedge).
- Counts: a number counting a noun ("13 people", "more than 20 protesters", "two of the
  aircraft", "a crew of 58", "a three-nation force", "redesigned four times", vote tallies
  "voted 11-5" as votes in favour / against). Unit = the counted noun as the text names it
  ("three yards", not "shipyards"); a pronoun's or ellipsis's noun is taken from the text
  ("six British and Danish [patrol vessels]").
- Not figures: a spelled-out number after a definite determiner that points back at things
  already named ("the two countries", "all three ministers", "the two sides"; "the first two
  aircraft" and digits such as "the 380 workers" stay counts); "one" as a determiner; years,
  calendar dates and clock times (they are dates: kind "date", scored as relative dates);
  ordinals; ages in apposition ("Jordan Pene, 24,"); identifiers and model numbers ("P-8A",
  "F-35", "Flight 370"); bare numbers repeating a figure already stated ("34 is not 36").
- approximate: true when a hedge stands before the number ("about", "more than", "nearly",
  "up to", "at least", "under", "well under").
- subject: the holder and the measured thing, in the sentence's words where possible
  ("cost of the North Sea patrol programme", "UK share of cost demanded by Denmark").

Subject accuracy: gold subjects are paraphrases, so word overlap is only a proxy. Every 6th
distinct figure of the sample corpus (53) was judged by hand (tests/data/
figure_subjects_judged.jsonl) by this rule: a subject is right when, read beside its figure,
it names the thing measured or counted (the contract, the programme's cost, a share of what,
the patrol vessels, the length of the pause) and, when the sentence states a holder of it (a
possessive, an "of" phrase, the subject of the clause: "The force will have six patrol
vessels"), that holder too. An actor with a bare verb that says nothing of the thing
("Allerton said", "They lost", "It suspended"), a place, or the holder without the thing
("bulk carrier" for a distance from it) is wrong. A subject that changed since it was judged
is reported as not judged yet (``--misses`` lists it, to judge and append).
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
from newsdesk.extract import FIGURE_PARSE_COMPONENTS, english, find_figures
from newsdesk.figure_eval import Case, Tally, distinct, gold_cases, labelled_cases, score_case
from newsdesk.goldset import article_key, load_gold
from newsdesk.model import Article, Mention
from newsdesk.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXTRA = ROOT / "tests" / "data" / "figures_extra.jsonl"
SUBJECTS = ROOT / "tests" / "data" / "figure_subjects_judged.jsonl"
SUBJECT_SAMPLE_EVERY = 6  # every 6th distinct figure of the sample corpus: 53 of 322
Judged = tuple[str, str, str | None]
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


def run(cases: Cases, subjects: list[Judged] | None = None) -> tuple[Tally, float]:
    """The tally over ``cases`` and the milliseconds per text; each distinct figure's subject
    is appended to ``subjects`` when given."""
    nlp = english(FIGURE_PARSE_COMPONENTS)
    cfg = Settings().figures
    tally = Tally()
    started = time.perf_counter()
    for case, article, mentions in cases:
        found = find_figures(article, mentions, nlp, cfg)
        score_case(case, found, tally)
        if subjects is not None:
            subjects.extend((case.name, f.text, f.subject)
                            for f in distinct([f for f in found if f.kind != "date"]))
    return tally, 1000 * (time.perf_counter() - started) / max(len(cases), 1)


def judged_subjects(found: list[Judged]) -> tuple[int, int, list[str]]:
    """(right, judged, unjudged) over every ``SUBJECT_SAMPLE_EVERY``-th figure, judged by
    hand in SUBJECTS (rule in this module's docstring). A subject that changed since it was
    judged is listed as unjudged, to be judged again."""
    judged = {(r["case"], r["text"], r["subject"]): r["right"] for r in
              (json.loads(line) for line in SUBJECTS.read_text("utf-8").splitlines())}
    right = seen = 0
    unjudged = []
    for key in found[SUBJECT_SAMPLE_EVERY - 1::SUBJECT_SAMPLE_EVERY]:
        if key not in judged:
            unjudged.append(json.dumps({"case": key[0], "text": key[1], "subject": key[2]},
                                       ensure_ascii=False))
            continue
        seen += 1
        right += judged[key]
    return right, seen, unjudged


def print_table(columns: list[tuple[str, Tally]], ms: dict[str, float]) -> None:
    """One table: a row per measure, a column per labelled set, the issue's target beside."""
    rows = [
        ("(value, unit) precision", ">= 0.97", lambda t: _share(t.tp, t.predicted)),
        ("(value, unit) recall", ">= 0.97", lambda t: _share(t.tp, t.expected)),
        ("unit exactly as labelled (matched)", "", lambda t: _share(t.unit_exact, t.tp)),
        ("subject shares a content word", "", lambda t: _share(t.subject_any, t.subject_total)),
        ("subject has >= half the words", "", lambda t: _share(t.subject_half, t.subject_total)),
        ("bare-$ currency resolved right", "all", lambda t: _share(t.currency_right,
                                                                 t.currency_total)),
        ("wrong conversions flagged", "all", lambda t: _share(t.conversions["wrong_flagged"],
                                                            t.conversions["wrong"])),
        ("right conversions flagged (false)", "0", lambda t: _share(
            t.conversions["right_flagged"], t.conversions["right"])),
        ("conversions not paired", "", lambda t: str(t.conversions["missed"])),
        ("relative dates resolved right", ">= 0.95", lambda t: _share(t.dates_right,
                                                                     t.dates_total)),
    ]
    width = 22
    header = f"| {'measure':<34} | {'target':<7} | " + " | ".join(
        f"{title:>{width}}" for title, _ in columns) + " |"
    print("\n" + header)
    print("|" + "|".join("-" * len(cell) for cell in header.split("|")[1:-1]) + "|")
    for name, target, cell in rows:
        print(f"| {name:<34} | {target:<7} | " + " | ".join(
            f"{cell(t):>{width}}" for _, t in columns) + " |")
    print(f"| {'ms per text (parse included)':<34} | {'':<7} | " + " | ".join(
        f"{ms.get(title, 0.0):>{width}.1f}" if title in ms else f"{'':>{width}}"
        for title, _ in columns) + " |")


def _share(right: int, total: int) -> str:
    return f"{right / total:.3f} ({right}/{total})" if total else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Figures benchmark.")
    parser.add_argument("--split", default="all", choices=("dev", "test", "all"),
                        help="which rows of figures_extra.jsonl to score")
    parser.add_argument("--db", type=Path, help="reuse this analysed sample-corpus database")
    parser.add_argument("--misses", action="store_true", help="list every miss and extra")
    args = parser.parse_args(argv)
    subjects: list[Judged] = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus, corpus_ms = run(corpus_cases(args.db or Path(tmp) / "bench.db"), subjects)
    extra, extra_ms = run(extra_cases(args.split))
    columns = [("sample corpus (dev)", corpus), (f"extra ({args.split} rows)", extra),
               ("all labelled", corpus.plus(extra))]
    print(f"figures: sample corpus gold.json + {EXTRA.name}")
    print_table(columns, {"sample corpus (dev)": corpus_ms, f"extra ({args.split} rows)": extra_ms})
    right, judged, unjudged = judged_subjects(subjects)
    print(f"\nsubject right (hand-judged sample, every {SUBJECT_SAMPLE_EVERY}th corpus figure): "
          + _share(right, judged) + (f"; {len(unjudged)} not judged yet" if unjudged else ""))
    if args.misses:
        print("\n".join(["", *corpus.misses, *extra.misses, *unjudged]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
