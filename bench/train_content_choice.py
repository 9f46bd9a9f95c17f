"""Learn the choice between the rules' content and the span tagger's
(src/newsdesk/extract/content_choice.py) on PolNeAR train.

    python bench/train_content_choice.py [--limit N] [--folds 2] [--c 0.3] [--models DIR]

Where the rules and the tagger found one cue with different contents, one example: positive
when the tagger's content is a gold Content span (PolNeAR conventions, as bench/quotes.py
writes them), negative when the rules' is, left out when neither is; likewise for two
different spans of one cue (weights in cue_choice.tsv). The tagger's spans must
be those it gives on text it has not learnt from: the articles are cut in ``--folds`` blocks
and each block is tagged by a tagger learnt on the others (shipped settings; the parse is
kept as bench/train_span_tagger.py keeps it; the fold taggers are kept in ``--models``, by
fold and corpus size, and reused: delete them after changing the tagger's features).
Logistic regression (scikit-learn, L2, ``--c``) over ``content_choice.features``; the
weights go to src/newsdesk/extract/data/content_choice.tsv. Train only; ``--limit 630``
leaves the last 210 train articles out for bench/quote_misses.py to score the choice on.

Held out so (choices and tagger learnt on the first 630 articles, 2 folds): content exact F1
.554 -> .569 with the content choice, cue .700 -> .702 with the cue choice; a threshold
other than 0 on the log-odds (-0.5: .569, 0.5: .568) does no better. The shipped weights:
all 840 train articles, 2 folds (3,293 content choices, the tagger right in 1,089; 1,032 cue
choices, the tagger right in 617).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from newsdesk.extract import QUOTE_PARSE_COMPONENTS, content_choice, english, span_tagger
from newsdesk.extract.cues import cue_forms
from newsdesk.model import Attribution

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quotes import POLNEAR, _content, load
from train_cue_gate import fit
from train_span_tagger import SETTINGS, parsed, train

DATA_DIR = Path(__file__).resolve().parents[1] / "src" / "newsdesk" / "extract" / "data"
OUT = DATA_DIR / "content_choice.tsv"
CUE_OUT = DATA_DIR / "cue_choice.tsv"
TAGGER = {"c1": 1.0, "c2": 0.1, "max_iterations": 100, "feature.minfreq": 5}
MIN_WEIGHT = 1e-3
Example = tuple[tuple[str, ...], int]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None, help="first N train articles")
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--c", type=float, default=0.3, help="inverse L2 strength")
    parser.add_argument("--models", type=Path, default=Path(tempfile.gettempdir()),
                        help="where the fold taggers are kept (reused when there)")
    args = parser.parse_args()
    if not (POLNEAR / "train").is_dir():
        print(f"PolNeAR train not found under {POLNEAR}: nothing learnt")
        return 1
    corpus = load("train", args.limit)
    rows: list[Example] = []
    cue_rows: list[Example] = []
    size = -(-len(corpus) // args.folds)
    for k in range(args.folds):
        held = corpus[k * size:(k + 1) * size]
        rest = corpus[:k * size] + corpus[(k + 1) * size:]
        model = args.models / f"fold-{k + 1}-of-{args.folds}-{len(corpus)}.crfsuite"
        if not model.is_file():
            train(rest, model, TAGGER)
        span_tagger.MODEL = str(model)
        span_tagger.tagger.cache_clear()
        rows.extend(examples(held, cue_rows))
        span_tagger.tagger.cache_clear()
        print(f"fold {k + 1}: {len(rows)} examples so far")
    write(fit(rows, args.c), OUT)
    write(fit(cue_rows, args.c), CUE_OUT)
    print(f"{len(rows)} content choices, tagger right in {sum(y for _, y in rows)} -> {OUT}")
    print(f"{len(cue_rows)} cue choices, tagger right in {sum(y for _, y in cue_rows)} -> "
          f"{CUE_OUT}")
    return 0


def examples(corpus: list[Any], cues: list[Example]) -> list[Example]:
    """One example per cue where the rules' content and the tagger's differ and one is
    gold; likewise for the cue spans, into ``cues``."""
    nlp = english(QUOTE_PARSE_COMPONENTS)
    forms = cue_forms(min(SETTINGS.min_candidate_rate, SETTINGS.min_cue_rate))
    found = []
    for a, rules, docs in parsed("train", corpus, nlp):
        text, gold = a.article.text, a.gold["Content"]
        paragraphs = span_tagger.sequences(a.article, nlp, docs, rules, forms,
                                           SETTINGS.max_chars)
        tagged = span_tagger.attributions(
            a.article, [(p, span_tagger.tag(p)) for p in paragraphs])
        for mine in tagged:
            rule = next((r for r in rules if content_choice._overlaps(r.cue, mine.cue)), None)
            if rule is not None and (rule.cue.start, rule.cue.end) != (mine.cue.start,
                                                                      mine.cue.end):
                right = (_cue(text, mine.cue) in a.gold["Cue"], _cue(text, rule.cue) in
                         a.gold["Cue"])
                if right[0] != right[1]:
                    cues.append((content_choice.cue_features(text, rule.cue, mine.cue),
                                 int(right[0])))
            if rule is None or not content_choice.contents_differ(text, mine, rule):
                continue
            as_tagged = Attribution(mine.article_id, mine.cue, None, mine.content, mine.marked)
            right = (_content(text, as_tagged) in gold, _content(text, rule) in gold)
            if right[0] != right[1]:
                found.append((content_choice.features(text, mine.cue, rule.content,
                                                      mine.content), int(right[0])))
    return found


def write(table: dict[str, float], out: Path) -> None:
    lines = ["feature\tweight"] + [f"{name}\t{weight:.4f}" for name, weight in
                                   sorted(table.items())]
    out.write_text("\n".join(lines) + "\n", "utf-8")
    content_choice.weights.cache_clear()


def _cue(text: str, cue: Any) -> tuple[tuple[int, int], ...]:
    """The cue span as PolNeAR writes it (a colon right after it taken)."""
    return ((cue.start, cue.end + (text[cue.end:cue.end + 1] == ":")),)


if __name__ == "__main__":
    sys.exit(main())
