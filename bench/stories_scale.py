"""Story assignment at scale: timing only (synthetic text says nothing about quality).

    python bench/stories_scale.py 10000 100000 [1000000]

Makes N synthetic articles across N/8 events by recombining sentences of real ones (ECB+
train and dev, one source document pool per event), dated over a year, arriving in date
order; then runs the online assignment (candidate search in the ANN index, pair model on the
candidates) and prints, per N: vectorising time, per-article assignment time (mean, and over
the last tenth of the stream, when the index is fullest), throughput and peak memory.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from collections.abc import Iterator

import numpy as np

from newsdesk.cluster import Vectors, bundled_model
from newsdesk.cluster.embed import DIMS, unit_rows
from newsdesk.cluster.online import Rules, StoryIndex, assign
from newsdesk.cluster.summary import sentences
from newsdesk.model import Article
from newsdesk.settings import ClusterSettings
from stories_data import corpora

ARTICLES_PER_EVENT = 8
SENTENCES_PER_ARTICLE = 6
DAYS = 365
SEED = 7
# Spread of a synthetic article's embedding around its event's direction (cosine ≈ 0.5-0.6).
NOISE = 0.06


def synthetic(count: int, pool: list[list[str]]) -> list[Article]:
    rng = random.Random(SEED)
    events = max(1, count // ARTICLES_PER_EVENT)
    found = []
    for i in range(count):
        event = rng.randrange(events)
        event_rng = random.Random(event)
        sources = [pool[event_rng.randrange(len(pool))] for _ in range(2)]
        lines = [rng.choice(rng.choice(sources)) for _ in range(SENTENCES_PER_ARTICLE)]
        day = 1 + (event * DAYS) // events + rng.randrange(3)
        published = f"2025-{1 + (day - 1) // 31 % 12:02d}-{1 + (day - 1) % 28:02d}"
        found.append(Article(id=f"a-{i:08d}", document_id=f"e-{event}-{i:08d}", source="synthetic",
                             segment=0, text=" ".join(lines), producer="bench",
                             title=lines[0][:100], published=published))
    return sorted(found, key=lambda a: a.arrival_key)


def synthetic_meanings(articles: list[Article]) -> np.ndarray:
    """Stand-ins for sentence embeddings (embedding 1M articles would take a day here): each
    event a random direction, each article that direction plus noise. Timing only."""
    rng = np.random.default_rng(SEED)
    of = [int(a.document_id.split("-")[1]) for a in articles]  # the event, set by synthetic()
    centres = unit_rows(rng.standard_normal((max(of) + 1, DIMS), dtype=np.float32))
    noise = rng.standard_normal((len(articles), DIMS), dtype=np.float32) * NOISE
    return unit_rows(centres[of] + noise)


def run(count: int, pool: list[list[str]]) -> None:
    articles = synthetic(count, pool)
    cfg = ClusterSettings()
    started = time.perf_counter()
    vectors = Vectors(articles, cfg)
    meanings = synthetic_meanings(articles)
    profiles = [vectors.profile(row, a, (), meanings[row]) for row, a in enumerate(articles)]
    vectorised = time.perf_counter() - started
    index = StoryIndex()
    rules = Rules(cfg.join_probability, cfg.candidates, cfg.window_days)
    model = bundled_model()
    tail = max(1, count // 10)
    started = time.perf_counter()
    assign(index, _pairs(articles[: count - tail], profiles), model, rules)
    middle = time.perf_counter()
    assign(index, _pairs(articles[count - tail:], profiles[count - tail:]), model, rules)
    ended = time.perf_counter()
    per_article = (ended - started) / count
    per_tail = (ended - middle) / tail
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| {count:>9,} | {len(index.profiles):>8,} | {vectorised:8.1f} s | "
          f"{per_article * 1000:7.2f} ms | {per_tail * 1000:7.2f} ms | "
          f"{1 / per_article:8.0f} /s | {peak_mb:8.0f} MB |", flush=True)


def _pairs(articles: list[Article], profiles: list[object]) -> Iterator[tuple[str, object]]:
    return zip((a.id for a in articles), profiles, strict=False)  # type: ignore[return-value]


def main(argv: list[str]) -> int:
    counts = [int(n) for n in argv] or [10_000, 100_000]
    pool = [[s for s in sentences(a.text) if len(s) > 40]
            for c in corpora(("ECB+ train", "ECB+ dev")) for a in c.articles]
    pool = [p for p in pool if p]
    if not pool:
        print("ECB+ is absent: nothing to recombine", file=sys.stderr)
        return 0
    print("|         N |  stories | vectorise  | assign/art | last 10%  | throughput |  peak RSS |")
    print("|-----------|----------|------------|------------|-----------|------------|-----------|")
    for count in counts:
        run(count, pool)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
