"""The compare stage collapses repeated sentences, quotes and figures before comparing them (a
syndicated wire text in hundreds of articles): its results must stay exactly those of the
all-pairs rules it replaced, kept frozen in ``compare_rules_v1`` as the reference."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from typing import Any

import compare_rules_v1 as reference
import pytest

from newsdesk.compare import compare_articles, compare_story
from newsdesk.compare.claims import story_sentences
from newsdesk.compare.links import COMMON_WORD_FLOOR, COMMON_WORD_SHARE
from newsdesk.model import Article, CompareArticle, Comparison, Figure, Quote, QuoteKind
from newsdesk.settings import CompareSettings
from newsdesk.store import Store

CFG = CompareSettings()

# Hand-written paragraphs: (text, [(quoted words, speaker)], [(figure text, value, unit,
# kind, subject)]). Variants differ on a number, a name's spelling, a quoted word, a
# casualty claim, an outlet's own sourcing, and a quote whose speaker is unknown.
PARAGRAPHS: list[tuple[str, list[tuple[str, str | None]], list[tuple[str, float, str, str,
                                                                      str | None]]]] = [
    ("Minister Ann Lee said: “We have paused this contract, not cancelled it, and I want to "
     "be very clear about that.” The frigate contract is worth 2.1 billion euros.",
     [("We have paused this contract, not cancelled it, and I want to be very clear about "
       "that.", "Ann Lee")], [("2.1 billion euros", 2.1e9, "EUR", "money", "frigate contract")]),
    ("“We have halted this contract, not cancelled it, and I want to be very clear about "
     "that,” Ann Lee said. The frigate contract is worth 2.4 billion euros.",
     [("We have halted this contract, not cancelled it, and I want to be very clear about "
       "that,", "Ann Lee")], [("2.4 billion euros", 2.4e9, "EUR", "money", "frigate contract")]),
    ("“We have paused this contract, not cancelled it,” said a spokesman for the yard. "
     "Twelve drones circled the frigate near Townsville on Monday.",
     [("We have paused this contract, not cancelled it,", None)],
     [("Twelve drones", 12.0, "drones", "count", None)]),
    ("Fourteen drones circled the frigate near Townsville on Monday, witnesses said. "
     "Nobody was injured in the incident at the naval base, the navy said.",
     [], [("Fourteen drones", 14.0, "drones", "count", None)]),
    ("Two sailors were injured in the incident at the naval base, the navy said later. "
     "Captain Joan Smyth ordered the crew below deck as the drones approached.",
     [], [("Two sailors", 2.0, "sailors", "count", None)]),
    ("Captain Joan Smith ordered the crew below deck as the drones approached the ship. "
     "The Courier understands the base at Townsville will also host the aircraft.",
     [], []),
    ("People familiar with the talks said the yard in Adelaide had asked for 600 more "
     "workers before the contract was paused.",
     [], [("600 more workers", 600.0, "workers", "count", "the yard in Adelaide")]),
    ("The opposition said the minister had “misled the parliament about the contract” and "
     "demanded an inquiry into the frigate programme this week.",
     [("misled the parliament about the contract", "Ben Ode")], []),
    ("The opposition said the minister had “deceived the parliament about the contract” and "
     "demanded an inquiry into the frigate programme this week.",
     [("deceived the parliament about the contract", "Ben Ode")], []),
]
OUTLETS = ["Wire", "Post", "Herald", "Courier", "Gazette", "Times", "Echo", "Star",
           *(f"Outlet {k}" for k in range(60))]

# What one outlet alone reports, on its own sourcing (an only-here claim).
SCOOPS = dict(zip(OUTLETS, [
    "the navy will review its drone defences at Garden Island next month",
    "Defence Minister Ann Lee offered her resignation to the Prime Minister last night",
    "Navantia submitted a revised bid worth 1.8 billion euros on Friday",
    "auditors flagged payroll irregularities at the Henderson shipyard",
    "three senior engineers quit the programme after a safety dispute",
    "Canberra paid a 40 million euro penalty to the French builder",
    "submarine crews were recalled from leave in Darwin",
    "the coast guard tracked the drones back to a fishing trawler"], strict=False))


def synthetic_story(n: int, seed: int = 7) -> tuple[list[CompareArticle], list[Quote],
                                                     list[Figure]]:
    """``n`` articles of 2-5 of the paragraphs each (some copies of an earlier article)."""
    rng = random.Random(seed)
    made: list[Article] = []
    quotes: list[Quote] = []
    figures: list[Figure] = []
    for number in range(n):
        chosen = rng.sample(PARAGRAPHS, rng.randint(2, 5))
        copy_of = made[rng.randrange(len(made))].id if made and rng.random() < 0.2 else None
        outlet = rng.choice(OUTLETS)
        own = [f"The {outlet} has learned that {SCOOPS[outlet]}."] \
            if outlet in SCOOPS and rng.random() < 0.3 else []
        article = Article(f"a-{number}", f"d-{number}", "synthetic", 0,
                          "\n".join([*(p[0] for p in chosen), *own]), "test", outlet=outlet,
                          published="2025-03-10", copy_of=copy_of)
        made.append(article)
        quotes += _quotes(article, chosen, rng)
        figures += _figures(article, chosen)
    return list(compare_articles(made).values()), quotes, figures


def _quotes(article: Article, chosen: Sequence[Any], rng: random.Random) -> list[Quote]:
    found = []
    for _, said, _ in chosen:
        for words, speaker in said:
            start = article.text.index(words)
            entity = f"e-{speaker.split()[0].lower()}" if speaker and rng.random() < 0.8 else None
            found.append(Quote(article.id, start, start + len(words), words, QuoteKind.DIRECT,
                               speaker=speaker, speaker_entity_id=entity))
    return found


def _figures(article: Article, chosen: Sequence[Any]) -> list[Figure]:
    found = []
    for _, _, stated in chosen:
        for text, value, unit, kind, subject in stated:
            start = article.text.index(text)
            found.append(Figure(article.id, start, start + len(text), text, kind, value, unit,
                                subject=subject))
    return found


def both(story_id: str, articles: Sequence[CompareArticle], quotes: Sequence[Quote],
         figures: Sequence[Figure], primaries: Sequence[CompareArticle] = ()
         ) -> tuple[Comparison, Comparison]:
    new = compare_story(story_id, articles, quotes, figures, CFG, primaries)
    old = reference.compare_story(story_id, articles, quotes, figures, CFG, primaries)
    return new, old


@pytest.mark.parametrize("n", [2, 40, 250])
def test_a_story_of_repeated_paragraphs_compares_as_the_all_pairs_rules_did(n: int) -> None:
    new, old = both("s-1", *synthetic_story(n))
    assert new == old
    if n >= 40:
        assert new.quote_groups and new.claim_conflicts and new.figure_conflicts
        assert {c.kind for c in new.corroboration} >= {"quote", "claim", "only-here"}


def test_repeats_past_the_common_word_bar_compare_as_before() -> None:
    """Enough copies that the story's main words are in more sentences than the common-word
    bar (and find no counterparts alone), while the rest stay rare."""
    articles, quotes, figures = synthetic_story(COMMON_WORD_FLOOR + 60, seed=3)
    found = story_sentences(articles, CFG)
    counts = Counter(w for s in found for w in s.content)
    bar = max(COMMON_WORD_FLOOR, COMMON_WORD_SHARE * len(found))
    assert min(counts.values()) <= bar < max(counts.values())
    new, old = both("s-2", articles, quotes, figures)
    assert new == old


def test_a_primary_source_checks_repeated_quotes_as_before() -> None:
    articles, quotes, figures = synthetic_story(30, seed=5)
    primary = articles[0]
    primaries = [CompareArticle(primary.id, primary.text, primary.outlet, primary.published,
                                primary.independent_key, None, True)]
    new, old = both("s-3", [primaries[0], *articles[1:]], quotes, figures, primaries)
    assert new == old
    assert new.primary_checks


def test_every_sample_story_compares_as_the_all_pairs_rules_did(sample_run: Any) -> None:
    store = Store.open(str(sample_run.db))
    try:
        primary = store.primary_article_ids()
        known = compare_articles(store.articles(), primary)
        primaries = [known[i] for i in sorted(primary) if i in known]
        quotes: dict[str, list[Quote]] = {}
        for q in store.quotes():
            quotes.setdefault(q.article_id, []).append(q)
        figures = store.figures()
        stories = store.stories()
    finally:
        store.close()
    assert stories
    for story in stories:
        members = [known[i] for i in story.article_ids if i in known]
        said = [q for i in story.article_ids for q in quotes.get(i, [])]
        stated = [f for i in story.article_ids for f in figures.get(i, [])]
        new, old = both(story.id, members, said, stated, primaries)
        assert new == old, story.id
