"""Re-assignment at the end of a run: an article placed early in the wrong story moves to the
right one, is not split off alone, stored articles never move, and a story left empty is
recorded as absorbed."""

from __future__ import annotations

from collections import Counter

import numpy as np

from newsdesk.cluster.online import Rules, StoryIndex
from newsdesk.cluster.pair import PairModel
from newsdesk.cluster.profile import FEATURES, Profile, features
from newsdesk.cluster.refine import Policy, refine

RULES = Rules(join_probability=0.5, candidates=10, window_days=3)
POLICY = Policy(rounds=2, margin=0.1)


def meaning_model() -> PairModel:
    """A pair model reading only the centroid cosine: ``sigmoid(10 * (cosine - 0.5))``."""
    coef = np.zeros(len(FEATURES))
    coef[FEATURES.index("meaning_cosine")] = 10.0
    return PairModel(np.zeros(len(FEATURES)), np.ones(len(FEATURES)), coef, -5.0, "test@1")


def profile(*vector: float) -> Profile:
    unit = np.array(vector, dtype=np.float32) / float(np.linalg.norm(vector))
    return Profile({}, {}, unit, meaning=unit)


def indexed(stories: dict[str, list[tuple[str, Profile]]]) -> StoryIndex:
    index = StoryIndex()
    for story_id, members in stories.items():
        for article_id, item in members:
            index.load(story_id, article_id, item)
    index.fill()
    return index


def test_an_article_placed_in_the_wrong_story_moves_to_the_right_one() -> None:
    wrong = ("x", profile(0.6, 0.8, 0.0))
    index = indexed({"s-a": [("a1", profile(1, 0, 0)), wrong],
                     "s-b": [("b1", profile(0, 1, 0)), ("b2", profile(0.1, 1, 0))]})
    absorbed = refine(index, [wrong], meaning_model(), RULES, POLICY)
    assert index.members == {"s-a": ["a1"], "s-b": ["b1", "b2", "x"]}
    assert absorbed == {}
    assert index.profiles["s-a"].size == 1


def test_an_article_with_no_better_story_stays_even_when_its_own_fits_it_badly() -> None:
    """Splitting articles off alone cost recall on ECB+ train (the pair model's probability
    falls as a story grows), so only moves to a more probable story are made."""
    odd = ("x", profile(0, 0, 1))
    index = indexed({"s-a": [("a1", profile(1, 0, 0)), ("a2", profile(1, 0.1, 0)), odd]})
    refine(index, [odd], meaning_model(), RULES, POLICY)
    assert index.members == {"s-a": ["a1", "a2", "x"]}


def test_stored_articles_stay_and_an_emptied_story_is_recorded_as_absorbed() -> None:
    alone = ("x", profile(0.1, 1, 0))
    index = indexed({"s-a": [("a1", profile(1, 0, 0))], "s-x": [alone],
                     "s-b": [("b1", profile(0, 1, 0)), ("b2", profile(0, 1, 0.1))]})
    absorbed = refine(index, [alone], meaning_model(), RULES, POLICY)
    assert absorbed == {"s-x": "s-b"}
    assert index.members == {"s-a": ["a1"], "s-b": ["b1", "b2", "x"]}


def test_no_rounds_moves_nothing() -> None:
    wrong = ("x", profile(0.6, 0.8, 0.0))
    index = indexed({"s-a": [("a1", profile(1, 0, 0)), wrong], "s-b": [("b1", profile(0, 1, 0))]})
    refine(index, [wrong], meaning_model(), RULES, Policy(rounds=0, margin=0.1))
    assert index.members["s-a"] == ["a1", "x"]


def test_years_and_figures_that_differ_tell_look_alike_events_apart() -> None:
    def dated(*keys: str) -> Profile:
        return Profile({1: 1.0}, {}, np.ones(4, dtype=np.float32), specific=Counter(keys))
    row = dict(zip(FEATURES, features(dated("2008", "5.6"), dated("10 october 2011", "5.9")),
                   strict=True))
    assert row["year_overlap"] == 0.0 and row["number_overlap"] == 0.0
    same = dict(zip(FEATURES, features(dated("2011", "10"), dated("october 2011", "10", "80")),
                    strict=True))
    assert same["year_overlap"] == 1.0 and same["number_overlap"] == 1.0
    assert np.isnan(dict(zip(FEATURES, features(dated(), dated("2011")), strict=True))
                    ["year_overlap"])


def test_top_story_terms_shared_weighs_the_words_that_matter_most_in_the_story() -> None:
    def worded(body: dict[int, float]) -> Profile:
        return Profile(body, {}, np.ones(4, dtype=np.float32))
    row = dict(zip(FEATURES, features(worded({1: 3.0, 2: 1.0}), worded({1: 0.5, 9: 5.0})),
                   strict=True))
    assert row["top_story_terms_shared"] == 0.5 / 5.5
