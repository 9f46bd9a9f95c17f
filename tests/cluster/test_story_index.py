"""The candidate index of stories: kept beside the database, restored only for the stories it
was saved for, rebuilt when missing, stale or unreadable, with the same stories either way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from newsdesk.cluster import cluster
from newsdesk.cluster.embed import MiniLM, lead_text
from newsdesk.cluster.online import StoryIndex, fingerprint
from newsdesk.cluster.profile import Profile
from newsdesk.model import Article, Clustering
from newsdesk.settings import ClusterSettings

MakeArticle = Callable[..., Article]
CFG = ClusterSettings()
TEXTS = {
    "a-1": "The city council voted on Tuesday to approve a new bridge across the Avon river.",
    "a-2": "Councillors voted on Tuesday to approve the new Avon river bridge, the mayor said.",
    "a-3": "A powerful storm hit the coast on Wednesday night, cutting power to thousands.",
}


def profile(vector: list[float]) -> Profile:
    dense = np.array(vector, dtype=np.float32)
    return Profile({}, {}, dense, meaning=dense)


def test_index_restores_what_it_saved_for_the_same_stories(tmp_path: Path) -> None:
    index = StoryIndex()
    index.add("s-a", "a-1", profile([1.0, 0.0, 0.0]))
    index.add("s-b", "a-2", profile([0.0, 1.0, 0.0]))
    stamp = fingerprint([("s-a", 1), ("s-b", 1)])
    index.save(tmp_path / "x.ann", stamp)
    again = StoryIndex.restore(tmp_path / "x.ann", stamp)
    assert again.restored and again.keys == index.keys
    for story, vector in (("s-a", [1.0, 0.0, 0.0]), ("s-b", [0.0, 1.0, 0.0])):
        again.load(story, f"x-{story}", profile(vector))
    assert again.nearest(profile([0.1, 0.9, 0.0]), 1, 3) == ["s-b"]


def test_a_refreshed_story_is_found_once_and_keys_are_never_reused(tmp_path: Path) -> None:
    index = StoryIndex()
    index.add("s-a", "a-1", profile([1.0, 0.0, 0.0]))
    index.add("s-a", "a-2", profile([1.0, 0.1, 0.0]))  # size 2: refreshed under a new key
    index.add("s-b", "a-3", profile([0.0, 1.0, 0.0]))
    assert index.nearest(profile([1.0, 0.0, 0.0]), 2, 3) == ["s-a", "s-b"]
    assert len(set(index.keys.values())) == 2 and index.next_key == 4
    stamp = fingerprint([("s-a", 2), ("s-b", 1)])
    index.save(tmp_path / "x.ann", stamp)
    again = StoryIndex.restore(tmp_path / "x.ann", stamp)
    assert again.restored and again.next_key == 4
    again.load("s-a", "a-1", profile([1.0, 0.0, 0.0]))
    again.load("s-b", "a-3", profile([0.0, 1.0, 0.0]))
    again.add("s-c", "a-4", profile([0.0, 0.0, 1.0]))  # a fresh key, no clash with old entries
    assert again.nearest(profile([0.0, 0.1, 1.0]), 1, 3) == ["s-c"]


def test_index_is_rebuilt_when_stale_missing_or_unreadable(tmp_path: Path) -> None:
    index = StoryIndex()
    index.add("s-a", "a-1", profile([1.0, 0.0]))
    index.save(tmp_path / "x.ann", fingerprint([("s-a", 1)]))
    assert not StoryIndex.restore(tmp_path / "x.ann", fingerprint([("s-a", 2)])).restored
    assert not StoryIndex.restore(tmp_path / "none.ann", fingerprint([("s-a", 1)])).restored
    (tmp_path / "x.ann").write_bytes(b"not an index")
    assert not StoryIndex.restore(tmp_path / "x.ann", fingerprint([("s-a", 1)])).restored


def _articles(make_article: MakeArticle) -> list[Article]:
    return [make_article(aid, text, published="2025-02-11") for aid, text in TEXTS.items()]


def _meanings(articles: list[Article]) -> dict[str, np.ndarray]:
    vectors = MiniLM(CFG.embed_tokens).embed([lead_text(a.title, a.text, 600) for a in articles])
    return {a.id: vectors[row] for row, a in enumerate(articles)}


def _placed(articles: list[Article], found: Clustering) -> list[Article]:
    story_of = {aid: s.id for s in found.stories for aid in s.article_ids}
    return [replace(a, story_id=story_of[a.id]) for a in articles]


def test_cluster_keeps_its_index_beside_the_database_and_reuses_it(
        make_article: MakeArticle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _articles(make_article)
    meanings = _meanings(articles)
    path = tmp_path / "news.db.stories.ann"
    first = cluster(articles[:2], {}, CFG, meanings=meanings, index_path=path)
    assert path.is_file()
    restored: list[bool] = []
    original = StoryIndex.restore.__func__  # type: ignore[attr-defined]

    def spy(cls: type[StoryIndex], where: Path, stamp: str) -> StoryIndex:
        found: StoryIndex = original(cls, where, stamp)
        restored.append(found.restored)
        return found

    monkeypatch.setattr(StoryIndex, "restore", classmethod(spy))
    later = [*_placed(articles[:2], first), articles[2]]
    reused = cluster(later, {}, CFG, meanings=meanings, index_path=path)
    path.unlink()
    rebuilt = cluster(later, {}, CFG, meanings=meanings, index_path=path)
    assert restored == [True, False]
    assert {s.article_ids for s in reused.stories} == {s.article_ids for s in rebuilt.stories}
    assert len(reused.stories) == 2


def dated(vector: list[float], day: int) -> Profile:
    dense = np.array(vector, dtype=np.float32)
    return Profile({}, {}, dense, first=day, last=day, meaning=dense)


def test_a_story_past_the_window_leaves_the_index_and_an_older_article_brings_it_back() -> None:
    index = StoryIndex()
    index.add("s-old", "a-1", dated([1.0, 0.0, 0.0], 100))
    index.advance(dated([0.0, 1.0, 0.0], 104), 3)  # day 104: day 100 is 4 days behind
    assert "s-old" not in index.profiles and not index.ids
    assert index.nearest(dated([1.0, 0.0, 0.0], 104), 5, 3) == []
    index.advance(dated([1.0, 0.1, 0.0], 102), 3)  # a late report, within 3 days of day 100
    assert index.members["s-old"] == ["a-1"]
    assert index.nearest(dated([1.0, 0.1, 0.0], 102), 5, 3) == ["s-old"]


def test_a_story_within_the_window_stays_and_an_undated_article_brings_back_every_story() -> None:
    index = StoryIndex()
    index.add("s-a", "a-1", dated([1.0, 0.0, 0.0], 100))
    index.add("s-b", "a-2", dated([0.0, 1.0, 0.0], 102))
    index.advance(dated([0.0, 0.0, 1.0], 105), 3)
    assert set(index.profiles) == {"s-b"}
    index.advance(profile([1.0, 0.0, 0.0]), 3)  # undated: every story may be its story
    assert set(index.profiles) == {"s-a", "s-b"}
    assert index.nearest(profile([1.0, 0.0, 0.0]), 1, 3) == ["s-a"]


def test_the_index_is_rebuilt_from_live_stories_when_dead_entries_outnumber_them() -> None:
    index = StoryIndex()
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((2100, 8)).astype(np.float32)
    for i, vector in enumerate(vectors):
        index.add(f"s-{i}", f"a-{i}", dated(vector.tolist(), 100 if i < 2000 else 110))
    index.advance(dated(vectors[2099].tolist(), 110), 3)  # retires the 2,000 of day 100
    assert len(index.profiles) == 100 and index.ann is not None and len(index.ann) == 100
    assert index.nearest(dated(vectors[2050].tolist(), 110), 1, 3) == ["s-2050"]
