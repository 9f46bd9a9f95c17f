"""Story assignment at scale: timing only (synthetic text says nothing about quality).

    python bench/stories_scale.py 10000 100000 [1000000]

Makes N synthetic articles across N/8 events by recombining sentences of real ones (ECB+
train and dev, one source document pool per event). They arrive as one stream in date order,
ARTICLES_PER_DAY a day (so 1M articles make a year, 10k the first four days of it), and go
through the online assignment ``cluster()`` runs (``newsdesk.cluster.online``: the candidate
index restricted to the time window, the pair model on the candidates) in chunks: neither the
articles nor the stories that have left the window are held (a deployment has them in the
store). Each N runs in a process of its own, so its peak memory is its own.

Prints, per N: stories made, per-article assignment time (mean, and over the last tenth of
the stream), throughput, and peak resident memory of the process that assigns and of the one
that makes and vectorises the next chunk meanwhile (TF-IDF weights of the first FIT_ARTICLES).
Assignment times are CPU time of the assigning process (the index searches on the calling
thread): wall time on a machine shared with other work says more about the others than about
this code. "wall thr." is articles per wall-clock second of the whole stream, making included.
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from newsdesk.cluster import Vectors, bundled_model
from newsdesk.cluster.embed import DIMS, unit_rows
from newsdesk.cluster.online import Rules, StoryIndex, assign
from newsdesk.cluster.profile import Profile
from newsdesk.cluster.summary import sentences
from newsdesk.model import Article
from newsdesk.settings import ClusterSettings
from stories_data import corpora

ARTICLES_PER_EVENT = 8
SENTENCES_PER_ARTICLE = 6
# Articles a day: a million make a year (what the 1M stream of the earlier generator, spread
# over 365 days at every N, had). A fixed rate makes N the length of the stream, not its density.
ARTICLES_PER_DAY = 2_740
# Days over which one event's articles are dated.
EVENT_DAYS = 3
START = date(2025, 1, 1)
SEED = 7
# Spread of a synthetic article's embedding around its event's direction (cosine ≈ 0.5-0.6).
NOISE = 0.06
# Articles read, vectorised and assigned at a time.
CHUNK = 5_000
# The TF-IDF vocabulary and weights come from the stream's first this many articles.
FIT_ARTICLES = 10_000
# Articles between progress lines (on stderr).
PROGRESS_EVERY = 50_000


@dataclass(frozen=True)
class Stream:
    """The stream's articles in arrival order: each one's number, event and day."""

    numbers: np.ndarray
    events: np.ndarray
    days: np.ndarray

    @classmethod
    def of(cls, count: int) -> Stream:
        rng = np.random.default_rng(SEED)
        events = max(1, count // ARTICLES_PER_EVENT)
        span = max(1, -(-count // ARTICLES_PER_DAY))
        event = rng.integers(0, events, count)
        day = event * span // events + rng.integers(0, EVENT_DAYS, count)
        order = np.lexsort((np.arange(count), day))  # date, then id: Article.arrival_key
        return cls(order, event[order], day[order])

    def articles(self, start: int, end: int, pool: list[list[str]]) -> list[Article]:
        return [_article(int(self.numbers[i]), int(self.events[i]), int(self.days[i]), pool)
                for i in range(start, end)]

    def meanings(self, start: int, end: int) -> np.ndarray:
        """Stand-ins for sentence embeddings (embedding 1M articles would take a day here):
        each event a random direction, each article that direction plus noise."""
        rng = np.random.default_rng((SEED, start))
        centres = np.vstack([_centre(int(e)) for e in self.events[start:end]])
        noise = rng.standard_normal((end - start, DIMS), dtype=np.float32) * NOISE
        return unit_rows(centres + noise)


def _centre(event: int) -> np.ndarray:
    return unit_rows(np.random.default_rng((SEED, event)).standard_normal((1, DIMS),
                                                                          dtype=np.float32))


def _article(number: int, event: int, day: int, pool: list[list[str]]) -> Article:
    rng = random.Random(SEED * 10_000_019 + number)
    event_rng = random.Random(event)
    sources = [pool[event_rng.randrange(len(pool))] for _ in range(2)]
    lines = [rng.choice(rng.choice(sources)) for _ in range(SENTENCES_PER_ARTICLE)]
    return Article(id=f"a-{number:08d}", document_id=f"e-{event}-{number:08d}",
                   source="synthetic", segment=0, text=" ".join(lines), producer="bench",
                   title=lines[0][:100], published=(START + timedelta(days=day)).isoformat())


@dataclass
class Gone:
    """The shelf of the benchmark: stories that left the window are counted and let go (a
    deployment has them in the store). The stream is in date order, so none comes back."""

    stories: int = 0

    def put(self, story_id: str, members: list[str], profile: Profile) -> None:
        self.stories += 1

    def take_within(self, first: int | None, last: int | None,
                    window_days: int) -> list[tuple[str, list[str], Profile]]:
        raise RuntimeError("an article older than the window in a date-ordered stream")


@dataclass
class Clock:
    assign: float = 0.0  # CPU seconds assigning
    tail: float = 0.0  # CPU seconds assigning the last tenth
    wall: float = 0.0  # wall seconds of the stream, making and assigning


def run(count: int, pool: list[list[str]]) -> None:
    cfg = ClusterSettings()
    stream = Stream.of(count)
    clock = Clock()
    fitted = Vectors(stream.articles(0, min(count, FIT_ARTICLES), pool), cfg)
    shelf = Gone()
    index = StoryIndex(shelf=shelf)
    rules = Rules(cfg.join_probability, cfg.candidates, cfg.window_days)
    model = bundled_model()
    tail_from = count - max(1, count // 10)
    started = time.perf_counter()
    # The next chunk is made and vectorised in a second process while this one assigns.
    with ProcessPoolExecutor(1, initializer=_setup, initargs=(stream, fitted, pool)) as maker:
        coming = maker.submit(_prepare, 0, min(count, CHUNK))
        for start in range(0, count, CHUNK):
            pending = coming.result()
            if start + CHUNK < count:
                coming = maker.submit(_prepare, start + CHUNK, min(count, start + 2 * CHUNK))
            cut = min(max(0, tail_from - start), len(pending))
            for part, is_tail in ((pending[:cut], False), (pending[cut:], True)):
                cpu = time.process_time()
                assign(index, part, model, rules)
                spent = time.process_time() - cpu
                clock.assign += spent
                clock.tail += spent if is_tail else 0.0
            _progress(start + len(pending), clock)
    clock.wall = time.perf_counter() - started
    _report(count, len(index.profiles) + shelf.stories, clock)


_MADE: dict[str, object] = {}


def _setup(stream: Stream, fitted: Vectors, pool: list[list[str]]) -> None:
    _MADE.update(stream=stream, fitted=fitted, pool=pool)


def _prepare(start: int, end: int) -> list[tuple[str, Profile]]:
    """Articles ``start``-``end`` of the stream as (id, profile), in the worker process."""
    stream, fitted, pool = _MADE["stream"], _MADE["fitted"], _MADE["pool"]
    assert isinstance(stream, Stream) and isinstance(fitted, Vectors)
    articles = stream.articles(start, end, pool)  # type: ignore[arg-type]
    vectors = fitted.following(articles)
    meanings = stream.meanings(start, end)
    return [(a.id, vectors.profile(row, a, (), meanings[row])) for row, a in enumerate(articles)]


def _progress(done: int, clock: Clock) -> None:
    if done % PROGRESS_EVERY == 0:
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  {done:>9,} assigned: {clock.assign / done * 1000:.2f} ms/article, "
              f"peak {peak_mb:.0f} MB", file=sys.stderr, flush=True)


def _report(count: int, stories: int, clock: Clock) -> None:
    per_article = clock.assign / count
    per_tail = clock.tail / max(1, count // 10)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    maker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"| {count:>9,} | {stories:>9,} | {per_article * 1000:7.2f} ms | "
          f"{per_tail * 1000:7.2f} ms | {1 / per_article:8.0f} /s | {count / clock.wall:8.0f} /s "
          f"| {peak_mb:6.0f} MB | {maker_mb:6.0f} MB |", flush=True)


HEADER = """\
|         N |   stories | assign/art |  last 10% | throughput | wall thr. |  peak RSS | maker RSS |
|-----------|-----------|------------|-----------|------------|-----------|-----------|-----------|"""


def _pool() -> list[list[str]]:
    pool = [[s for s in sentences(a.text) if len(s) > 40]
            for c in corpora(("ECB+ train", "ECB+ dev")) for a in c.articles]
    return [p for p in pool if p]


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"]:
        run(int(argv[1]), _pool())
        return 0
    counts = [int(n) for n in argv] or [10_000, 100_000]
    if not _pool():
        print("ECB+ is absent: nothing to recombine", file=sys.stderr)
        return 0
    print(HEADER, flush=True)
    for count in counts:  # a process each: the peak memory of one N is not another's
        subprocess.run([sys.executable, __file__, "--one", str(count)], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
