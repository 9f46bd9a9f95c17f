"""Story clustering quality: one table over ECB+ train/dev, PolNeAR dev and the sample corpus.

    python bench/cluster.py

Each corpus is run as one stream in shuffled order, three seeds (ECB+ and the sample corpus
have few dates; dated articles arrive by date, ties shuffled). Reported against gold events:
B-cubed P/R/F1 and pairwise F1 (mean over seeds, and the lowest seed's B-cubed F1), and at
topic level (ECB+ topics; storylines for PolNeAR and the sample corpus) the B-cubed F1 of the
predicted storylines (a story outside any storyline counts as its own). Baselines in the same
run: every article alone, and TF-IDF cosine with average-link agglomerative clustering at its
best threshold on ECB+ train (swept here, on train only). The pair model and its thresholds
were fitted on ECB+ train by bench/train_pair_model.py; dev and PolNeAR are never tuned on.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable

import numpy as np
from rich.console import Console
from rich.table import Table
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from newsdesk.cluster import cluster
from newsdesk.scoring import bcubed, pairwise
from newsdesk.settings import ClusterSettings
from stories_data import SEEDS, Corpus, corpora

AGGLOMERATIVE_SWEEP = [round(0.05 + 0.05 * i, 2) for i in range(12)]  # cosine 0.05 … 0.60
Predict = Callable[[Corpus], tuple[dict[str, str], dict[str, str]]]


def ours(corpus: Corpus) -> tuple[dict[str, str], dict[str, str]]:
    """Story and storyline of each article (a story outside storylines is its own line)."""
    result = cluster(corpus.articles, corpus.mentions, ClusterSettings(),
                     meanings=corpus.meanings)
    stories = {aid: s.id for s in result.stories for aid in s.article_ids}
    lines = {aid: s.storyline_id or s.id for s in result.stories for aid in s.article_ids}
    return stories, lines


def alone(corpus: Corpus) -> tuple[dict[str, str], dict[str, str]]:
    single = {a.id: a.id for a in corpus.articles}
    return single, single


def agglomerative(threshold: float) -> Predict:
    def predict(corpus: Corpus) -> tuple[dict[str, str], dict[str, str]]:
        texts = [f"{a.title or ''}\n{a.text}" for a in corpus.articles]
        vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True,
                                  strip_accents="unicode").fit_transform(texts).toarray()
        labels = AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average",
            distance_threshold=1.0 - threshold).fit_predict(np.asarray(vectors))
        found = {a.id: f"c{label}" for a, label in zip(corpus.articles, labels, strict=True)}
        return found, found
    return predict


def measure(corpus: Corpus, predict: Predict) -> list[float]:
    """B3 P, R, F1, pair F1, topic B3 F1 (means over seeds), lowest seed's B3 F1."""
    runs = []
    for seed in SEEDS:
        stream = corpus.shuffled(seed)
        stories, lines = predict(stream)
        b3 = bcubed(stories, stream.gold)
        topic = bcubed(lines, stream.topics)
        runs.append([b3.precision, b3.recall, b3.f1, pairwise(stories, stream.gold).f1,
                     topic.f1, len(set(stories.values()))])
    means = [statistics.mean(column) for column in zip(*runs, strict=True)]
    return [*means, min(r[2] for r in runs)]


def best_agglomerative(train: Corpus, console: Console) -> float:
    table = _table("TF-IDF average-link agglomerative: threshold sweep on ECB+ train")
    scores = {}
    for threshold in AGGLOMERATIVE_SWEEP:
        row = measure(train, agglomerative(threshold))
        scores[threshold] = row[2]
        _row(table, train, f"agglomerative @{threshold}", row)
    console.print(table)
    return max(scores, key=lambda t: scores[t])


def main() -> int:
    console = Console(width=160)
    found = corpora()
    train = next((c for c in found if c.name == "ECB+ train"), None)
    best = best_agglomerative(train, console) if train else None
    table = _table(f"Story clustering, shuffled streams, {len(SEEDS)} seeds (mean)")
    for corpus in found:
        _row(table, corpus, "every article alone", measure(corpus, alone))
        if best is not None:
            _row(table, corpus, f"tfidf agglomerative @{best} (best on train)",
                 measure(corpus, agglomerative(best)))
        _row(table, corpus, "newsdesk (pair model, online)", measure(corpus, ours))
    console.print(table)
    if not found:
        print("no corpus found", file=sys.stderr)
    return 0


def _table(title: str) -> Table:
    table = Table(title=title)
    for column in ("corpus", "method", "stories", "gold", "B3 P", "B3 R", "B3 F1",
                   "B3 F1 min", "pair F1", "topic F1"):
        table.add_column(column, justify="left" if column in ("corpus", "method") else "right")
    return table


def _row(table: Table, corpus: Corpus, method: str, row: list[float]) -> None:
    precision, recall, f1, pair_f1, topic_f1, count, lowest = row
    table.add_row(corpus.name, method, f"{count:.0f}", str(len(set(corpus.gold.values()))),
                  f"{precision:.3f}", f"{recall:.3f}", f"{f1:.3f}", f"{lowest:.3f}",
                  f"{pair_f1:.3f}", f"{topic_f1:.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
