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
