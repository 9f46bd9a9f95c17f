"""Train the pair model on ECB+ train and pick its thresholds there (train only).

    python bench/train_pair_model.py          # writes src/newsdesk/cluster/pair_model.json

Labelled pairs come from replaying ECB+ train as a stream (three shuffled orders): each
article is compared, as the clusterer would, with the candidate stories the index returns
among the gold stories so far; the label says whether it belongs to that story. A logistic
regression is fitted on the standardised features. Then the join and merge probabilities are
swept together by clustering the same shuffled train streams; among the settings within TIE
of the best mean B-cubed F1 the most precise wins. Dev is never read here.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from newsdesk.cluster import Vectors, _merge, cluster
from newsdesk.cluster.online import Rules, StoryIndex, assign
from newsdesk.cluster.pair import MODEL_FILE, PairModel
from newsdesk.cluster.profile import FEATURES, Profile, feature_rows
from newsdesk.scoring import bcubed
from newsdesk.settings import ClusterSettings
from stories_data import SEEDS, Corpus, corpora

OUT = Path(__file__).resolve().parents[1] / "src" / "newsdesk" / "cluster" / MODEL_FILE
VERSION = "pair@2"
JOIN_SWEEP = [0.2, 0.3, 0.4, 0.5, 0.6]
MERGE_SWEEP = [0.4, 0.5, 0.7, 1.0]
# Settings whose train F1 is within this of the best are ties, and the most precise of them
# wins: a wrong join (a singleton swallowed, look-alike events joined) costs a reader more than
# a story split in two, which the merge pass can still mend.
TIE = 0.005
# Inverse regularisation strength (sklearn default); the features are few and dense.
REGULARISATION = 1.0


def pairs(corpus: Corpus, cfg: ClusterSettings) -> tuple[list[list[float]], list[int]]:
    ordered = sorted(corpus.articles, key=lambda a: a.arrival_key)
    vectors = Vectors(ordered, cfg)
    index = StoryIndex()
    rows, labels = [], []
    for row, article in enumerate(ordered):
        profile = vectors.profile(row, article, corpus.mentions.get(article.id, ()),
                                  corpus.meanings.get(article.id))
        found = index.nearest(profile, cfg.candidates, cfg.window_days)
        rows.extend(feature_rows(profile, [index.profiles[s] for s in found]).tolist())
        labels.extend(int(story == corpus.gold[article.id]) for story in found)
        index.add(corpus.gold[article.id], article.id, profile)
    return rows, labels


def fit(rows: list[list[float]], labels: list[int]) -> PairModel:
    data = np.array(rows)
    mean, scale = np.nanmean(data, axis=0), np.nanstd(data, axis=0)
    mean[np.isnan(mean)] = 0.0
    scale[np.isnan(scale) | (scale == 0)] = 1.0
    unfitted = PairModel(mean, scale, np.zeros(len(mean)), 0.0, VERSION)
    regression = LogisticRegression(C=REGULARISATION, max_iter=1000)
    regression.fit(unfitted.standardise(data), np.array(labels))
    return PairModel(mean, scale, regression.coef_[0], float(regression.intercept_[0]), VERSION)


Stream = tuple[Corpus, list[tuple[str, Profile]]]


def prepare(corpus: Corpus, cfg: ClusterSettings) -> Stream:
    """A stream's articles with their profiles, made once for the whole sweep."""
    ordered = sorted(corpus.articles, key=lambda a: a.arrival_key)
    vectors = Vectors(ordered, cfg)
    return corpus, [(a.id, vectors.profile(row, a, corpus.mentions.get(a.id, ()),
                                           corpus.meanings.get(a.id)))
                    for row, a in enumerate(ordered)]


def score(streams: list[Stream], model: PairModel, cfg: ClusterSettings) -> tuple[float, float]:
    """Mean B-cubed F1 and precision over the streams of assignment and merging as
    ``cluster`` runs them (titles, summaries and storylines left out: they move nothing)."""
    found = []
    for corpus, profiles in streams:
        index = StoryIndex()
        rules = Rules(cfg.join_probability, cfg.candidates, cfg.window_days)
        assign(index, [(aid, profile.copy()) for aid, profile in profiles], model, rules)
        index.revive_all()  # as cluster() does: merging looks at every story
        _merge(index, model, rules, cfg.merge_probability)
        predicted = {aid: sid for sid, ids in index.members.items() for aid in ids}
        b3 = bcubed(predicted, corpus.gold)
        found.append((b3.f1, b3.precision))
    return statistics.mean(f for f, _ in found), statistics.mean(p for _, p in found)


def full_score(streams: list[Corpus], model: PairModel, cfg: ClusterSettings) -> float:
    """Mean B-cubed F1 of ``cluster`` itself (a check on the sweep's shortcut)."""
    found = []
    for corpus in streams:
        result = cluster(corpus.articles, corpus.mentions, cfg, model, corpus.meanings)
        predicted = {aid: s.id for s in result.stories for aid in s.article_ids}
        found.append(bcubed(predicted, corpus.gold).f1)
    return statistics.mean(found)


def choose(grid: dict[tuple[float, float], tuple[float, float]]) -> tuple[float, float]:
    """Among the settings within ``TIE`` of the best F1, the most precise one."""
    best = max(f1 for f1, _ in grid.values())
    near = [k for k, (f1, _) in grid.items() if f1 >= best - TIE]
    return max(near, key=lambda k: (grid[k][1], grid[k][0]))


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
    prepared = [prepare(stream, cfg) for stream in streams]
    grid = {(join, merge): _report(join, merge, score(
        prepared, model, replace(cfg, join_probability=join, merge_probability=merge)))
        for join in JOIN_SWEEP for merge in MERGE_SWEEP}
    best_join, best_merge = choose(grid)
    chosen = replace(cfg, join_probability=best_join, merge_probability=best_merge)
    print(f"cluster() itself at the chosen setting: B-cubed F1 "
          f"{full_score(streams, model, chosen):.4f}")
    print(f"best on ECB+ train: join_probability={best_join} merge_probability={best_merge}")
    data = model.to_json("ECB+ train, 3 shuffled streams (bench/train_pair_model.py)")
    data["thresholds"] = {"join_probability": best_join, "merge_probability": best_merge}
    OUT.write_text(json.dumps(data, indent=1) + "\n", "utf-8")
    print(f"wrote {OUT}")
    return 0


def _report(join: float, merge: float, scores: tuple[float, float]) -> tuple[float, float]:
    print(f"  join {join:.2f} merge {merge:.2f}: B-cubed F1 {scores[0]:.4f} P {scores[1]:.4f} "
          f"(ECB+ train, mean of {len(SEEDS)} streams)", flush=True)
    return scores


if __name__ == "__main__":
    raise SystemExit(main())
