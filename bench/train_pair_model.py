"""Train the pair model on ECB+ train and pick its thresholds there (train only).

    python bench/train_pair_model.py          # writes src/newsdesk/cluster/pair_model.json

Labelled pairs come from replaying ECB+ train as a stream (three shuffled orders): each
article is compared, as the clusterer would, with the candidate stories the index returns
among the gold stories so far; the label says whether it belongs to that story. A logistic
regression is fitted on the standardised features. Then the join and merge probabilities are
swept by clustering the same shuffled train streams; the best mean B-cubed F1 wins. Dev is
never read here.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from newsdesk.cluster import INDEX_DIMS, Vectors, cluster
from newsdesk.cluster.online import StoryIndex
from newsdesk.cluster.pair import MODEL_FILE, PairModel
from newsdesk.cluster.profile import FEATURES, feature_rows
from newsdesk.scoring import bcubed
from newsdesk.settings import ClusterSettings
from stories_data import SEEDS, Corpus, corpora

OUT = Path(__file__).resolve().parents[1] / "src" / "newsdesk" / "cluster" / MODEL_FILE
VERSION = "pair@1"
JOIN_SWEEP = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5]
MERGE_SWEEP = [0.5, 0.7, 0.9, 1.0]
# Inverse regularisation strength (sklearn default); the features are few and dense.
REGULARISATION = 1.0


def pairs(corpus: Corpus, cfg: ClusterSettings) -> tuple[list[list[float]], list[int]]:
    ordered = sorted(corpus.articles, key=lambda a: a.arrival_key)
    vectors = Vectors(ordered, cfg)
    index = StoryIndex(INDEX_DIMS)
    rows, labels = [], []
    for row, article in enumerate(ordered):
        profile = vectors.profile(row, article, corpus.mentions.get(article.id, ()))
        found = index.nearest(profile, cfg.candidates, cfg.window_days)
        rows.extend(feature_rows(profile, [index.profiles[s] for s in found]).tolist())
        labels.extend(int(story == corpus.gold[article.id]) for story in found)
        index.add(corpus.gold[article.id], article.id, profile)
    return rows, labels


def fit(rows: list[list[float]], labels: list[int]) -> PairModel:
    data = np.array(rows)
    mean, scale = data.mean(axis=0), data.std(axis=0)
    scale[scale == 0] = 1.0
    regression = LogisticRegression(C=REGULARISATION, max_iter=1000)
    regression.fit((data - mean) / scale, np.array(labels))
    return PairModel(mean, scale, regression.coef_[0], float(regression.intercept_[0]), VERSION)


def score(streams: list[Corpus], model: PairModel, cfg: ClusterSettings) -> float:
    found = []
    for corpus in streams:
        result = cluster(corpus.articles, corpus.mentions, cfg, model)
        predicted = {aid: s.id for s in result.stories for aid in s.article_ids}
        found.append(bcubed(predicted, corpus.gold).f1)
    return statistics.mean(found)


def main() -> int:
    (train,) = corpora(("ECB+ train",))
    streams = [train.shuffled(seed) for seed in SEEDS]
    cfg = ClusterSettings()
    rows: list[list[float]] = []
    labels: list[int] = []
    for stream in streams:
        more_rows, more_labels = pairs(stream, cfg)
        rows += more_rows
        labels += more_labels
    model = fit(rows, labels)
    print(f"{len(rows)} pairs, {sum(labels)} positive")
    for name, weight in zip(FEATURES, model.coef, strict=True):
        print(f"  {name:>18} {weight:+.3f}")
    best_join = max(JOIN_SWEEP, key=lambda p: _report("join", p, score(
        streams, model, replace(cfg, join_probability=p, merge_probability=1.0))))
    best_merge = max(MERGE_SWEEP, key=lambda p: _report("merge", p, score(
        streams, model, replace(cfg, join_probability=best_join, merge_probability=p))))
    print(f"best on ECB+ train: join_probability={best_join} merge_probability={best_merge}")
    data = model.to_json("ECB+ train, 3 shuffled streams (bench/train_pair_model.py)")
    data["thresholds"] = {"join_probability": best_join, "merge_probability": best_merge}
    OUT.write_text(json.dumps(data, indent=1) + "\n", "utf-8")
    print(f"wrote {OUT}")
    return 0


def _report(kind: str, value: float, f1: float) -> float:
    print(f"  {kind} {value:.2f}: B-cubed F1 {f1:.4f} (ECB+ train, mean of {len(SEEDS)} streams)")
    return f1


if __name__ == "__main__":
    raise SystemExit(main())
