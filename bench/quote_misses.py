"""Where find_attributions misses PolNeAR attributions: held-out train, by kind and cue word.

    python bench/quote_misses.py [--model PATH] [--held 210] [--top 40]

The span tagger is learnt on the first 630 train articles (``bench/train_span_tagger.py
--limit 630 --out PATH``) and scored here on the other 210 (never dev, never test). Every
gold attribution (an ``E`` line: Cue, Source, Content) falls in one class, by its content:
- ``exact``: a predicted content equals it;
- ``no attribution``: no predicted content or cue overlaps its content or cue;
- ``cue only``: a predicted cue overlaps its cue, but no predicted content overlaps its content;
- ``start`` / ``end`` / ``both``: a predicted content overlaps it with the wrong first / last
  character / both (PolNeAR conventions as bench/quotes.py writes them);
and its cue and source are exact or not. Misses are also counted by the gold cue's head word
(first word not an auxiliary, as bench/train_cues.py reads it).

Measured 2026-11-22 (4,724 gold attributions in the 210 held-out articles):

| class | before (issue-5-recall-6 base) | after (joins, marginals, choices) |
|---|---|---|
| exact | 2339 (0.495) | 2549 (0.540) |
| no attribution | 1042 (0.221) | 890 (0.188) |
| start wrong | 555 (0.117; cue exact in 42 %) | 522 (0.110) |
| end wrong | 501 (0.106; cue exact in 87 %) | 483 (0.102) |
| both wrong | 196 (0.041) | 173 (0.037) |
| cue only (no content) | 86 (0.018) | 102 (0.022) |

The misses are a long tail: "said" leads with 228 (end 139: a quotation joined with the
object of a second cue after it, "“…,” Labott said to Reines in compliments over Clinton's
performance"; a reported clause cut at a conjoined one), then "according" 49 (start: "But
according to X, …" leaves "But" out, a clause before the source), "asked" 34, "wrote" 33,
"called" 29; the "no attribution" class has no head word above 25 ("the"/"a"/"in": nominal
cues, "the report", "a poll", "in an interview"), 682 of its 1,042 cues lie in sentences the
stage parses, 362 outside. Held-out exact F1 content/source/cue: .546/.752/.688 before,
.573/.758/.702 after (bench/train_content_choice.py --limit 630, tagger learnt on the
first 630 articles; the shipped choices are learnt on all of train, so this script then
scores them on articles they saw).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from newsdesk.extract import QUOTE_PARSE_COMPONENTS, english, span_tagger
from newsdesk.extract.attributions import tagged_attributions
from newsdesk.extract.cues import cue_forms
from quotes import POLNEAR, Annotated, Ranges, _attributions, load
from train_cues import NOT_HEAD, WORD
from train_span_tagger import SETTINGS, parsed

TRAIN_PART = 630
GoldAttribution = dict[str, Ranges]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, default=None, help="tagger learnt on the rest")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    if args.model is not None:
        span_tagger.MODEL = str(args.model.resolve())
        span_tagger.tagger.cache_clear()
    corpus = load("train")[TRAIN_PART:]
    predicted = predict(corpus)
    report(corpus, predicted, args.top)
    return 0


def predict(corpus: list[Annotated]) -> dict[str, dict[str, set[Ranges]]]:
    nlp = english(QUOTE_PARSE_COMPONENTS)
    forms = cue_forms(min(SETTINGS.min_candidate_rate, SETTINGS.min_cue_rate))
    found = {}
    for a, rules, docs in parsed("train", corpus, nlp):
        mine = tagged_attributions(a.article, nlp, docs, rules, forms, SETTINGS.max_chars)
        found[a.article.id] = _attributions(a.article.text, mine)
    return found


def gold_attributions(a: Annotated) -> list[GoldAttribution]:
    path = sorted((POLNEAR / "train" / "attributions").glob(
        f"{Path(a.article.source).stem}_*.ann"))[0]
    spans, found = {}, []
    lines = path.read_text("utf-8").splitlines()
    for line in lines:
        fields = line.split("\t")
        if line.startswith("T") and len(fields) > 1:
            _, _, where = fields[1].partition(" ")
            spans[fields[0]] = tuple((int(s), int(e)) for s, e in
                                     (p.split() for p in where.split(";")))
    for line in lines:
        if line.startswith("E"):
            parts = dict(p.split(":") for p in line.split("\t")[1].split() if ":" in p)
            found.append({k: spans[v] for k, v in parts.items() if k != "Attribution"})
    return found


def _overlap(a: Ranges, b: Ranges) -> bool:
    return any(s < e2 and s2 < e for s, e in a for s2, e2 in b)


def classify(gold: GoldAttribution, mine: dict[str, set[Ranges]]) -> str:
    content = gold.get("Content")
    if content is None:
        return "no content in gold"
    if content in mine["Content"]:
        return "exact"
    near = [c for c in mine["Content"] if _overlap(c, content)]
    if not near:
        cue = gold.get("Cue")
        if cue is not None and any(_overlap(c, cue) for c in mine["Cue"]):
            return "cue only"
        return "no attribution"
    best = min(near, key=lambda c: abs(c[0][0] - content[0][0]) + abs(c[-1][1] - content[-1][1]))
    start, end = best[0][0] == content[0][0], best[-1][1] == content[-1][1]
    return "end" if start else "start" if end else "both"


def head(text: str, cue: Ranges | None) -> str:
    if cue is None:
        return "-"
    words = [w.lower() for s, e in cue for w in WORD.findall(text[s:e])]
    return next((w for w in words if w not in NOT_HEAD), words[0] if words else "-")


def report(corpus: list[Annotated], predicted: dict[str, dict[str, set[Ranges]]],
           top: int) -> None:
    kinds: Counter[str] = Counter()
    cue_right, source_right, sources = Counter(), Counter(), Counter()
    by_word: dict[str, Counter[str]] = {}
    for a in corpus:
        mine = predicted[a.article.id]
        for gold in gold_attributions(a):
            kind = classify(gold, mine)
            kinds[kind] += 1
            cue_right[kind] += gold.get("Cue") in mine["Cue"]
            if "Source" in gold:
                sources[kind] += 1
                source_right[kind] += gold["Source"] in mine["Source"]
            by_word.setdefault(head(a.article.text, gold.get("Cue")), Counter())[kind] += 1
    total = sum(kinds.values())
    print(f"{len(corpus)} held-out train articles, {total} gold attributions")
    print(f"{'class':20} {'n':>6} {'share':>6} {'cue exact':>10} {'source exact':>13}")
    for kind, n in kinds.most_common():
        print(f"{kind:20} {n:6d} {n / total:6.3f} {cue_right[kind] / n:10.3f} "
              f"{source_right[kind] / max(1, sources[kind]):9.3f} of {sources[kind]}")
    print(f"\ncue words by misses (not exact content), top {top}")
    rows = sorted(by_word.items(), key=lambda kv: -(sum(kv[1].values()) - kv[1]["exact"]))
    for word, counts in rows[:top]:
        n = sum(counts.values())
        print(f"{word:16} {n:5d} missed {n - counts['exact']:4d}  " + ", ".join(
            f"{k} {v}" for k, v in counts.most_common() if k != "exact"))


if __name__ == "__main__":
    sys.exit(main())
