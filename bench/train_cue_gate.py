"""Learn the cue gate (src/newsdesk/extract/cue_gate.py) on PolNeAR train.

    python bench/train_cue_gate.py [--c 0.3]

Every cue candidate the quote stage finds in a train article (a cue word with a subject or a
content in the parse) is an example; it is positive when the head word lies inside a gold
Cue span of the article's first annotation file. Logistic regression (scikit-learn,
L2, C from --c) over the binary features of ``cue_gate.features``; the weights are written to
src/newsdesk/extract/data/cue_gate.tsv. Train only; the printed dev scores are for choosing
C and the threshold (QuoteSettings.min_cue_score); the test split is held back.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from newsdesk import Settings
from newsdesk.extract import QUOTE_PARSE_COMPONENTS, english
from newsdesk.extract.quotes import _parse
from newsdesk.model import Article

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes" / "polnear"
OUT = Path(__file__).resolve().parents[1] / "src" / "newsdesk" / "extract" / "data" / \
    "cue_gate.tsv"
# Weights smaller than this are left out of the file (they change no decision).
MIN_WEIGHT = 1e-3
SETTINGS = Settings().quotes


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--c", type=float, default=0.3, help="inverse L2 strength")
    args = parser.parse_args()
    if not (POLNEAR / "train").is_dir():
        print(f"PolNeAR train not found under {POLNEAR}: nothing learnt")
        return 1
    nlp = english(QUOTE_PARSE_COMPONENTS)
    train = candidates("train", nlp)
    write(fit(train, args.c))
    print(f"{len(train)} train candidates, {sum(y for _, y in train)} positive -> {OUT}")
    if (POLNEAR / "dev").is_dir():
        report(candidates("dev", nlp))
    return 0


def candidates(split: str, nlp: object) -> list[tuple[tuple[str, ...], int]]:
    """(features, label) for every cue candidate in ``split``."""
    articles, gold = [], {}
    for path in sorted((POLNEAR / split / "text").glob("*.txt")):
        annotations = sorted((POLNEAR / split / "attributions").glob(f"{path.stem}_*.ann"))
        if annotations:
            articles.append(Article(path.stem, "d-0", str(path), 0, path.read_text("utf-8"),
                                    "bench"))
            gold[path.stem] = _cue_ranges(annotations[0])
    parsed = _parse(articles, nlp, SETTINGS, wide=True)  # type: ignore[arg-type]
    return [(c.features, int(any(a <= c.head < b for a, b in gold[key])))
            for key, p in parsed.items() for c in p.cues]


def _cue_ranges(path: Path) -> list[tuple[int, int]]:
    found = []
    for line in path.read_text("utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) > 1 and fields[1].startswith("Cue "):
            for part in fields[1][len("Cue "):].split(";"):
                a, b = part.split()
                found.append((int(a), int(b)))
    return found


def fit(rows: Sequence[tuple[Sequence[str], int]], c: float) -> dict[str, float]:
    """A logistic regression over binary features; weights under MIN_WEIGHT left out."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(f, 1) for f, _ in rows])
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, [y for _, y in rows])
    found = {"": float(model.intercept_[0])}
    for name, weight in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True):
        if abs(weight) >= MIN_WEIGHT:
            found[str(name)] = float(weight)
    return found


def write(table: dict[str, float]) -> None:
    lines = ["feature\tweight"] + [f"{name}\t{weight:.4f}" for name, weight in
                                   sorted(table.items())]
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    from newsdesk.extract.cue_gate import weights

    weights.cache_clear()


def report(rows: list[tuple[tuple[str, ...], int]]) -> None:
    from newsdesk.extract.cue_gate import score

    positives = sum(y for _, y in rows)
    print(f"dev: {len(rows)} candidates, {positives} positive")
    for threshold in (0.2, 0.3, 0.4, 0.5, 0.6):
        kept = [y for f, y in rows if score(f) >= threshold]
        hit = sum(kept)
        p, r = hit / max(1, len(kept)), hit / max(1, positives)
        print(f"  threshold {threshold:.1f}: candidate P {p:.3f} R {r:.3f} "
              f"F1 {2 * p * r / max(1e-9, p + r):.3f}")


if __name__ == "__main__":
    sys.exit(main())
