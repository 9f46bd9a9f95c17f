"""Learn the attribution span tagger (src/newsdesk/extract/span_tagger.py) on PolNeAR train.

    python bench/train_span_tagger.py --c1 1.0 --c2 0.1 --min-freq 5  # the shipped model

Every paragraph of a train article (first annotation file, as bench/quotes.py scores) is one
sequence; a token's BIO tag says which gold Cue, Source or Content span covers it (PolNeAR's
spans never overlap across kinds in train). Features: ``span_tagger.sequences``, with the
rules' own attributions as features (the tagger corrects and widens them). Linear-chain CRF
(python-crfsuite, L-BFGS with L1 ``c1`` and L2 ``c2``); the model is written to
src/newsdesk/extract/data/span_tagger.crfsuite. Train only; the settings are chosen among a
few by the dev scores of bench/quotes.py (c1 0.1 / min-freq 2: 14.7 MB; c1 0.3 / 3: 7.5 MB,
content/source/cue .518/.730/.673; c1 1.0 / 5: 3.7 MB, .524/.745/.687); c2 is chosen on
train alone: learnt on its first 630 articles, scored on the other 210, content/source/cue
.545/.749/.687 at c2 0.1 against .543/.748/.683 at 0.01 (shipped: c1 1.0, c2 0.1,
min-freq 5, 3.6 MB; dev .540/.747/.689); the test split is held back. The parse of a split
is cached in the temporary folder.

Tried on the last 210 train articles held out (learnt on the first 630) and left out:
300 L-BFGS iterations instead of 100 (content/source/cue .574/.760/.697 against
.573/.758/.700, 2.5x the training time); parse features for cue words no list holds (the
relations a token heads, "kids=ccomp+nsubj", and the branch below the nearest word taking a
clausal complement): .572/.762/.700 against .573/.758/.700, for more feature time;
posterior decoding biased against O (a token takes its likeliest non-O label when the
marginal of O times 0.8 / 0.6 / 0.4 is below it): content .557 / .551 / .542 against .573
(recall up by .6-1.0 points, precision down by 4-8); rule cues below the cue gate (0.2,
0.1) kept when the tagger's cue marginal reaches 0.2-0.35: .571/.757/.699 at best, no gain;
the rules' source where the tagger found none: source .757 against .758.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pycrfsuite
from spacy.tokens import Doc

from newsdesk import Settings
from newsdesk.extract import QUOTE_PARSE_COMPONENTS, english
from newsdesk.extract.attributions import attributions_in
from newsdesk.extract.cues import cue_forms, find_cues
from newsdesk.extract.quotes import _parse, _Parsed, _shift
from newsdesk.extract.span_tagger import char_labels, gold_tags, sequences

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quotes import POLNEAR, load

OUT = Path(__file__).resolve().parents[1] / "src" / "newsdesk" / "extract" / "data" / \
    "span_tagger.crfsuite"
SETTINGS = Settings().quotes


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--c1", type=float, default=1.0, help="L1 strength")
    parser.add_argument("--c2", type=float, default=0.1, help="L2 strength")
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--min-freq", type=float, default=5, help="rarest feature kept")
    parser.add_argument("--limit", type=int, default=None, help="first N train articles")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not (POLNEAR / "train").is_dir():
        print(f"PolNeAR train not found under {POLNEAR}: nothing learnt")
        return 1
    started = time.perf_counter()
    count = train(load("train", args.limit), args.out, {
        "c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
        "feature.minfreq": args.min_freq})
    print(f"{count} train paragraphs; trained in {time.perf_counter() - started:.0f} s -> "
          f"{args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


def train(corpus: list[Any], out: Path, params: dict[str, float]) -> int:
    """Learn the tagger on ``corpus`` (``Annotated`` articles of train) into ``out``; the
    number of paragraphs learnt from."""
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for features, tags in examples("train", corpus):
        trainer.append(pycrfsuite.ItemSequence(features), tags)
        count += 1
    trainer.set_params({**params, "feature.possible_transitions": True})
    trainer.train(str(out))
    return count


def examples(split: str, corpus: list[Any]) -> list[tuple[list[tuple[str, ...]], list[str]]]:
    """(features, gold tags) of every paragraph of ``corpus`` (articles of ``split``)."""
    nlp = english(QUOTE_PARSE_COMPONENTS)
    forms = cue_forms(min(SETTINGS.min_candidate_rate, SETTINGS.min_cue_rate))
    found = []
    for a, rules, docs in parsed(split, corpus, nlp):
        text = a.article.text[:SETTINGS.max_chars]
        gold = [(kind, s, e) for kind in ("Content", "Source", "Cue")
                for ranges in a.gold[kind] for s, e in ranges]
        labels = char_labels(len(text), gold)
        for sequence in sequences(a.article, nlp, docs, rules, forms, SETTINGS.max_chars):
            found.append((list(sequence.features), gold_tags(sequence, labels)))
    return found


def parsed(split: str, corpus: list[Any], nlp: Any) -> list[tuple[Any, Any, Any]]:
    """Each article with the rules' attributions and its parsed runs; the parse is kept in
    the temporary folder (keyed by the articles and the cue words) so that trying features
    is quick. The rules run on the kept parse each time (a change to them is read)."""
    cache = Path(tempfile.gettempdir()) / f"newsdesk-span-tagger-{split}-{_key(corpus)}.pickle"
    if not cache.is_file():
        found = []
        for start in range(0, len(corpus), 64):
            part = corpus[start:start + 64]
            docs: dict[str, list[Any]] = {}
            _parse([a.article for a in part], nlp, SETTINGS, wide=True, docs_out=docs)
            found.extend(docs.get(a.article.id, []) for a in part)
        cache.write_bytes(pickle.dumps([(None, [(o, d.to_bytes()) for o, d in docs])
                                        for docs in found]))
    stored = pickle.loads(cache.read_bytes())
    return [(a, attributions_in(a.article, _reparsed(runs), SETTINGS), runs)
            for a, runs in ((a, [(o, Doc(nlp.vocab).from_bytes(d)) for o, d in docs])
                            for a, (_, docs) in zip(corpus, stored, strict=True))]


def _key(corpus: list[Any]) -> str:
    """The kept parse's name: which articles, and which words get their sentences parsed."""
    forms = cue_forms(min(SETTINGS.min_candidate_rate, SETTINGS.min_cue_rate))
    what = "|".join([*(a.article.source for a in corpus), *sorted(forms)])
    return hashlib.sha1(what.encode()).hexdigest()[:12]


def _reparsed(runs: list[tuple[int, Doc]]) -> _Parsed:
    """The quote stage's reading of kept parsed runs (as ``_parse`` gives it)."""
    speech = cue_forms(SETTINGS.min_cue_rate)
    forms = cue_forms(min(SETTINGS.min_candidate_rate, SETTINGS.min_cue_rate))
    cues = [_shift(c, offset) for offset, doc in runs for c in find_cues(doc, forms, speech)]
    sentences = [(offset + s.start_char, offset + s.end_char) for offset, doc in runs
                 for s in doc.sents]
    return _Parsed(tuple(cues), tuple(sentences))


if __name__ == "__main__":
    sys.exit(main())
