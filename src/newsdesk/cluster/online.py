"""Online assignment: each new article joins its most probable candidate story or starts one.

Candidates come from an approximate-nearest-neighbour index (usearch, cosine) over a dense
random projection of each story's summed TF-IDF vector, filtered to stories active within a
time window; only those few are scored by the pair model. A story keeps its id as articles
join; a new story's id is "s-" + a hash of its first article's id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from usearch.index import Index

from newsdesk.cluster.pair import PairModel
from newsdesk.cluster.profile import Profile, feature_rows

_ID_HEX_CHARS = 16


def new_story_id(first_article_id: str) -> str:
    return "s-" + hashlib.sha256(first_article_id.encode()).hexdigest()[:_ID_HEX_CHARS]


@dataclass(frozen=True)
class Rules:
    """The numbers assignment runs by (from ``ClusterSettings``)."""

    join_probability: float
    candidates: int
    window_days: int


@dataclass
class StoryIndex:
    """Stories by id with their profiles, and the ANN index that finds candidates."""

    dims: int
    profiles: dict[str, Profile] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)
    keys: dict[str, int] = field(default_factory=dict)
    ids: dict[int, str] = field(default_factory=dict)
    dense: dict[str, np.ndarray] = field(default_factory=dict)
    ann: Index | None = None

    def add(self, story_id: str, article_id: str, profile: Profile) -> None:
        """Put an article into a story (created when new) and refresh its index entry."""
        if story_id in self.profiles:
            self.profiles[story_id].absorb(profile)
            self.members[story_id].append(article_id)
            if not _size_doubled(self.profiles[story_id].size):
                return  # the indexed vector is close enough; scoring uses the full profile
        else:
            self.profiles[story_id] = profile.copy()
            self.members[story_id] = [article_id]
        self._reindex(story_id)

    def merge(self, absorbed: str, into: str) -> None:
        """Move every article of story ``absorbed`` into story ``into``."""
        self.profiles[into].absorb(self.profiles[absorbed])
        self.members[into].extend(self.members[absorbed])
        self._reindex(into)
        self.drop(absorbed)

    def drop(self, story_id: str) -> None:
        """Forget a story (it was merged into another)."""
        self._ann().remove(self.keys[story_id])
        del self.profiles[story_id], self.members[story_id], self.dense[story_id]
        self.ids.pop(self.keys.pop(story_id))

    def nearest(self, profile: Profile, count: int, window_days: int) -> list[str]:
        """Up to ``count`` stories nearest ``profile`` and active within the window."""
        if not self.profiles:
            return []
        found = self._ann().search(self._vector(profile), count)
        ids = [self.ids[int(k)] for k in np.atleast_1d(found.keys)]
        return [i for i in ids if _within(profile, self.profiles[i], window_days)]

    def _reindex(self, story_id: str) -> None:
        ann = self._ann()
        if story_id not in self.keys:
            key = len(self.ids) + len(self.keys) + 1
            while key in self.ids:
                key += 1
            self.keys[story_id], self.ids[key] = key, story_id
        else:
            ann.remove(self.keys[story_id])
        self.dense[story_id] = self._vector(self.profiles[story_id])
        ann.add(self.keys[story_id], self.dense[story_id])

    def _vector(self, profile: Profile) -> np.ndarray:
        norm = float(np.linalg.norm(profile.dense))
        return (profile.dense / norm if norm else profile.dense + 1e-6).astype(np.float32)

    def _ann(self) -> Index:
        if self.ann is None:
            self.ann = Index(ndim=self.dims, metric="cos", dtype="f32")
        return self.ann


def assign(index: StoryIndex, pending: Iterable[tuple[str, Profile]], model: PairModel,
           rules: Rules) -> None:
    """Put each pending article, in the order given, into a story of ``index``."""
    for article_id, profile in pending:
        best, chance = best_story(index, profile, model, rules)
        story_id = best if best is not None and chance >= rules.join_probability else None
        index.add(story_id or new_story_id(article_id), article_id, profile)


def best_story(index: StoryIndex, profile: Profile, model: PairModel,
               rules: Rules, exclude: str | None = None) -> tuple[str | None, float]:
    """The most probable candidate story for ``profile`` and its probability."""
    candidates = [c for c in index.nearest(profile, rules.candidates, rules.window_days)
                  if c != exclude]
    if not candidates:
        return None, 0.0
    rows = feature_rows(profile, [index.profiles[c] for c in candidates])
    chances = model.probability(rows)
    best = int(np.argmax(chances))
    return candidates[best], float(chances[best])


def _size_doubled(size: int) -> bool:
    """True at sizes 1, 2, 4, 8, …: when a story's index entry is refreshed. Each refresh is
    a delete and an insert in the HNSW graph, whose deleted entries slow every later search;
    refreshing at doublings keeps the entry near the centroid at log(size) updates."""
    return size & (size - 1) == 0


def _within(item: Profile, story: Profile, window_days: int) -> bool:
    if item.first is None or story.first is None or item.last is None or story.last is None:
        return True
    return story.first - window_days <= item.last and item.first <= story.last + window_days
