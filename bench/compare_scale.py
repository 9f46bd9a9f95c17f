"""Compare stage at scale: timing only (recombined text says nothing about quality).

    python bench/compare_scale.py [300 1000 3000] [--before-max 1000] [--db COPY.db]

Analyses the sample corpus (examples/corpus) into a temporary database, splits its articles
into paragraphs (each with the quotes and figures inside it), and makes one synthetic story
of N articles of 3-8 paragraphs each, drawn at random with a fixed seed: every paragraph is
repeated in many articles, as one wire text syndicated by hundreds of outlets is. Prints the
seconds ``compare_story`` takes per N with the current rules ("after") and, for N up to
``--before-max``, with the all-pairs rules of compare.rules@1 kept in
tests/compare/compare_rules_v1 ("before"), checking both give the same comparison. The
currency and unit registries are loaded once before timing (and that load timed apart); the
rules' other caches are emptied before each timing. With ``--db`` (an analysed database: pass
a copy, the store migrates it) the story is instead the database's biggest, cut to its first
N articles.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from newsdesk import Desk, sample_inputs
from newsdesk.compare import compare_articles, compare_story
from newsdesk.compare import figures as figure_rules
from newsdesk.compare.claims import content_words
from newsdesk.model import Article, CompareArticle, Figure, Quote
from newsdesk.settings import CompareSettings
from newsdesk.store import Store

SEED = 7
PARAGRAPHS_PER_ARTICLE = (3, 8)


@dataclasses.dataclass(frozen=True)
class Paragraph:
    text: str
    source: Article
    quotes: tuple[Quote, ...]
    figures: tuple[Figure, ...]


def paragraphs(store: Store) -> list[Paragraph]:
    quotes: dict[str, list[Quote]] = {}
    for q in store.quotes():
        quotes.setdefault(q.article_id, []).append(q)
    figures = store.figures()
    found = []
    for article in store.articles():
        start = 0
        for text in article.text.split("\n"):
            end = start + len(text)
            if text.strip():
                found.append(Paragraph(
                    text, article,
                    tuple(_shift(q, -start) for q in quotes.get(article.id, [])
                          if start <= q.start and q.end <= end),
                    tuple(_shift(f, -start) for f in figures.get(article.id, [])
                          if start <= f.start and f.end <= end)))
            start = end + 1
    return found


def _shift(item: Any, by: int, article_id: str | None = None) -> Any:
    return dataclasses.replace(item, article_id=article_id or item.article_id,
                               start=item.start + by, end=item.end + by)


def synthetic(n: int, pool: Sequence[Paragraph]
              ) -> tuple[list[CompareArticle], list[Quote], list[Figure]]:
    rng = random.Random(SEED)
    outlets = sorted({p.source.outlet for p in pool if p.source.outlet})
    made, quotes, figures = [], [], []
    for number in range(n):
        chosen = rng.sample(list(pool), rng.randint(*PARAGRAPHS_PER_ARTICLE))
        article_id = f"syn-{number}"
        offset = 0
        for p in chosen:
            quotes += [_shift(q, offset, article_id) for q in p.quotes]
            figures += [_shift(f, offset, article_id) for f in p.figures]
            offset += len(p.text) + 1
        made.append(dataclasses.replace(
            chosen[0].source, id=article_id, text="\n".join(p.text for p in chosen),
            outlet=rng.choice(outlets), copy_of=None, origin_outlet=None, story_id=None))
    return list(compare_articles(made).values()), quotes, figures


# Caches that hold a one-off load (stop words, exchange rates, unit registry), kept warm;
# every other cache of the compare rules is emptied before each timing, so a size does not
# profit from the wordings an earlier size met.
_LOADS = frozenset(["_stop_words", "_converter", "_units"])


def _clear_caches() -> None:
    for name, module in list(sys.modules.items()):
        if name.startswith(("newsdesk.compare", "compare_rules_v1")):
            for attr, value in vars(module).items():
                if attr not in _LOADS and hasattr(value, "cache_clear"):
                    value.cache_clear()


def timed(rules: Any, story: tuple[list[CompareArticle], list[Quote], list[Figure]],
          cfg: CompareSettings) -> tuple[float, Any]:
    _clear_caches()
    started = time.perf_counter()
    found = rules(f"s-{len(story[0])}", *story, cfg)
    return time.perf_counter() - started, found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", type=int, nargs="*", default=[300, 1000, 3000])
    parser.add_argument("--before-max", type=int, default=1000,
                        help="largest N also timed with the old all-pairs rules")
    parser.add_argument("--db", type=Path, default=None,
                        help="time the biggest story of this analysed database instead")
    args = parser.parse_args()
    cfg = CompareSettings()
    started = time.perf_counter()
    figure_rules.load_registries()
    loaded = time.perf_counter() - started
    if args.db is not None:
        story_of = _biggest_story(args.db)
        title = f"compare_story on the biggest story of {args.db.name}, first N articles"
    else:
        pool = _sample_paragraphs()
        title = f"compare_story on a synthetic story of recombined sample paragraphs " \
                f"({len(pool)} distinct)"

        def story_of(n: int) -> tuple[list[CompareArticle], list[Quote], list[Figure]]:
            return synthetic(n, pool)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "compare"))
    import compare_rules_v1 as before

    content_words(""), before.claims.content_words("")  # spaCy's stop words: a one-off load

    table = Table("N articles", "quotes", "figures", "after s", "before s",
                  "same result", title=title)
    for n in args.sizes:
        story = story_of(n)
        after, found = timed(compare_story, story, cfg)
        old: tuple[float, Any] | None = timed(before.compare_story, story, cfg) \
            if n <= args.before_max else None
        table.add_row(str(len(story[0])), str(len(story[1])), str(len(story[2])), f"{after:.2f}",
                      f"{old[0]:.2f}" if old else "-",
                      ("yes" if old[1] == found else "NO") if old else "-")
    Console().print(table)
    print(f"currency/unit registries loaded once: {loaded:.2f} s", file=sys.stderr)
    return 0


def _sample_paragraphs() -> list[Paragraph]:
    with tempfile.TemporaryDirectory() as folder:
        with Desk(Path(folder) / "sample.db") as desk:
            desk.ingest(sample_inputs())
            desk.analyze()
        store = Store.open(str(Path(folder) / "sample.db"))
        found = paragraphs(store)
        store.close()
    return found


def _biggest_story(db: Path) -> Any:
    store = Store.open(str(db))
    known = compare_articles(store.articles(), store.primary_article_ids())
    quotes: dict[str, list[Quote]] = {}
    for q in store.quotes():
        quotes.setdefault(q.article_id, []).append(q)
    figures = store.figures()
    story = max(store.stories(), key=lambda s: len(s.article_ids))
    store.close()

    def story_of(n: int) -> tuple[list[CompareArticle], list[Quote], list[Figure]]:
        ids = story.article_ids[:n]
        return ([known[i] for i in ids if i in known],
                [q for i in ids for q in quotes.get(i, [])],
                [f for i in ids for f in figures.get(i, [])])
    return story_of


if __name__ == "__main__":
    sys.exit(main())
