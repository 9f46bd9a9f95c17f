"""Online assignment: each new article joins its most probable candidate story or starts one.

Candidates come from an approximate-nearest-neighbour index (usearch, cosine) over each
story's summed sentence embeddings, filtered to stories active within a time window; only
those few are scored by the pair model. The index is kept beside the database between runs.
A story keeps its id as articles join; a new story's id is "s-" + a hash of its first article's id.

Only stories inside the time window stay in the index: as dated articles arrive, a story whose
last report is more than ``window_days`` before the newest article is retired to a ``Shelf``
(and its index entry dropped), so time and memory per article depend on how many stories are
active at once, not on how many came before. An article older than that (a late batch) or
undated brings the stories it may join back from the shelf first.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
from usearch.index import Index

from newsdesk.cluster.pair import PairModel
from newsdesk.cluster.profile import Profile, feature_rows

_ID_HEX_CHARS = 16
# Entries fetched per wanted candidate: a story refreshed in the index (at sizes 2, 4, 8, …)
# leaves its old entries in the graph unread, since removing from the HNSW graph fragments the
# heap (peak memory grew as N² in bench/stories_scale.py); the old entries lie near the new
# one, so twice the count still yields `candidates` live stories.
_STALE_FACTOR = 2
# Candidates examined per inserted entry in the HNSW graph (usearch's default is 128). At 32 an
# insert into a 20k-entry graph took 0.5 ms instead of 2.2 ms on this machine, while a search
# still examines expansion_search (64, the default) >= the entries it fetches.
_EXPANSION_ADD = 32
# The index is rebuilt from the active stories when it holds more dead entries (retired or
# refreshed stories) than live ones, and at least this many: rebuilding costs one batch insert
# of the live stories, so each dead entry is paid for once.
_REBUILD_MIN_DEAD = 1024
# Single inserts and searches run on the calling thread: a thread pool per call cost more
# than the work on a busy 2-core machine.
_ONE_THREAD = 1


def new_story_id(first_article_id: str) -> str:
    return "s-" + hashlib.sha256(first_article_id.encode()).hexdigest()[:_ID_HEX_CHARS]


@dataclass(frozen=True)
class Rules:
    """The numbers assignment runs by (from ``ClusterSettings``)."""

    join_probability: float
    candidates: int
    window_days: int


class Shelf(Protocol):
    """Where stories that left the time window go, and whence they come back."""

    def put(self, story_id: str, members: list[str], profile: Profile) -> None:
        """Keep a retired story."""

    def take_within(self, first: int | None, last: int | None,
                    window_days: int) -> list[tuple[str, list[str], Profile]]:
        """Remove and return the stories active within the window of days ``first``-``last``
        (every story when ``first`` or ``last`` is None: an undated article)."""
        ...


@dataclass
class MemoryShelf:
    """Retired stories kept in memory, by the day of their last report."""

    stories: dict[str, tuple[list[str], Profile]] = field(default_factory=dict)
    by_last: dict[int, list[str]] = field(default_factory=dict)

    def put(self, story_id: str, members: list[str], profile: Profile) -> None:
        assert profile.last is not None  # undated stories are never retired
        self.stories[story_id] = (members, profile)
        self.by_last.setdefault(profile.last, []).append(story_id)

    def take_within(self, first: int | None, last: int | None,
                    window_days: int) -> list[tuple[str, list[str], Profile]]:
        if first is None or last is None:
            days = sorted(self.by_last)
        else:
            days = sorted(d for d in self.by_last if d >= first - window_days)
        found = []
        for day in days:
            kept = []
            for story_id in self.by_last.pop(day):
                members, profile = self.stories[story_id]
                if last is None or profile.first is None or profile.first - window_days <= last:
                    found.append((story_id, members, profile))
                    del self.stories[story_id]
                else:
                    kept.append(story_id)
            if kept:
                self.by_last[day] = kept
        return found


@dataclass
class StoryIndex:
    """Stories by id with their profiles, and the ANN index that finds candidates.

    The ANN index holds one unit vector per story: the sum of its articles' sentence
    embeddings (the TF-IDF projection when a corpus has none), which do not change when the
    corpus grows, so the index can be kept beside the database (``save``/``restore``).
    """

    profiles: dict[str, Profile] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)
    keys: dict[str, int] = field(default_factory=dict)
    ids: dict[int, str] = field(default_factory=dict)
    ann: Index | None = None
    restored: bool = False  # the ANN index came from a saved file, not rebuilt
    next_key: int = 1  # keys are never reused: a refreshed story gets a new one
    shelf: Shelf = field(default_factory=MemoryShelf)  # stories retired from the window
    horizon: int | None = None  # the day of the newest dated article assigned

    def advance(self, profile: Profile, window_days: int) -> None:
        """Before ``profile`` is assigned: retire the stories that can no longer be in the
        window of this or any later article, and bring back from the shelf those in its window
        (it is older than the newest, or undated)."""
        if profile.first is None or (self.horizon is not None and profile.first < self.horizon):
            self.revive(self.shelf.take_within(profile.first, profile.last, window_days))
        elif self.horizon is None or profile.first > self.horizon:
            self.horizon = profile.first
            self.retire(profile.first - window_days)

    def retire(self, before: int) -> None:
        """Move every story last reported before day ``before`` to the shelf."""
        old = [sid for sid, p in self.profiles.items() if p.last is not None and p.last < before]
        for story_id in old:
            self.shelf.put(story_id, self.members.pop(story_id), self.profiles.pop(story_id))
            self.ids.pop(self.keys.pop(story_id), None)
        self._compact()

    def revive(self, stories: Iterable[tuple[str, list[str], Profile]]) -> None:
        """Put stories back into the window (and the index)."""
        for story_id, members, profile in stories:
            self.profiles[story_id], self.members[story_id] = profile, members
        self.fill()

    def revive_all(self) -> None:
        """Bring every retired story back (merging and summaries look at all of them)."""
        self.revive(self.shelf.take_within(None, None, 0))

    def add(self, story_id: str, article_id: str, profile: Profile) -> None:
        """Put an article into a story (created when new) and refresh its index entry."""
        self.load(story_id, article_id, profile)
        if _size_doubled(self.profiles[story_id].size):
            self._reindex(story_id)  # else the indexed vector is close enough

    def load(self, story_id: str, article_id: str, profile: Profile) -> None:
        """Put an article into a story without touching the ANN index (see ``fill``)."""
        if story_id in self.profiles:
            self.profiles[story_id].absorb(profile)
            self.members[story_id].append(article_id)
        else:
            self.profiles[story_id] = profile.copy()
            self.members[story_id] = [article_id]

    def fill(self) -> None:
        """Index every loaded story the ANN index does not hold yet, in one batch."""
        missing = [sid for sid in self.profiles if sid not in self.keys]
        if not missing:
            return
        for story_id in missing:
            self._new_key(story_id)
        self._insert(missing)

    def merge(self, absorbed: str, into: str) -> None:
        """Move every article of story ``absorbed`` into story ``into``."""
        self.profiles[into].absorb(self.profiles[absorbed])
        self.members[into].extend(self.members[absorbed])
        self._reindex(into)
        self.drop(absorbed)

    def drop(self, story_id: str) -> None:
        """Forget a story (it was merged into another)."""
        del self.profiles[story_id], self.members[story_id]
        self.ids.pop(self.keys.pop(story_id))

    def nearest(self, profile: Profile, count: int, window_days: int) -> list[str]:
        """Up to ``count`` stories nearest ``profile`` and active within the window."""
        if not self.profiles or self.ann is None:
            return []
        found = self.ann.search(search_vector(profile), count * _STALE_FACTOR,
                                threads=_ONE_THREAD)
        ids = [self.ids[int(k)] for k in np.atleast_1d(found.keys) if int(k) in self.ids][:count]
        return [i for i in ids if _within(profile, self.profiles[i], window_days)]

    def save(self, path: Path, fingerprint: str) -> None:
        """Write the ANN index to ``path`` and its story keys beside it."""
        if self.ann is None:
            return
        self.ann.save(str(path))
        _sidecar(path).write_text(json.dumps(
            {"fingerprint": fingerprint, "dims": int(self.ann.ndim), "keys": self.keys,
             "entries": len(self.ann), "next_key": self.next_key}),
            "utf-8")

    @classmethod
    def restore(cls, path: Path, fingerprint: str) -> StoryIndex:
        """The index saved at ``path`` when it was saved for ``fingerprint``; else empty."""
        try:
            saved = json.loads(_sidecar(path).read_text("utf-8"))
            if saved.get("fingerprint") != fingerprint:
                return cls()
            ann = Index.restore(str(path))
        except (OSError, ValueError, RuntimeError):
            return cls()  # missing or unreadable: rebuilt from the store
        if ann is None or int(ann.ndim) != int(saved["dims"]) \
                or len(ann) != int(saved.get("entries", -1)):
            return cls()
        keys = {str(k): int(v) for k, v in saved["keys"].items()}
        return cls(keys=keys, ids={v: k for k, v in keys.items()}, ann=ann, restored=True,
                   next_key=int(saved["next_key"]))

    def _new_key(self, story_id: str) -> None:
        key = self.next_key
        self.next_key += 1
        self.keys[story_id], self.ids[key] = key, story_id

    def _reindex(self, story_id: str) -> None:
        vector = search_vector(self.profiles[story_id])
        ann = self._ann(vector.shape[0])
        if story_id in self.keys:
            self.ids.pop(self.keys[story_id])  # its old entry stays in the graph, unread
        self._new_key(story_id)
        ann.add(self.keys[story_id], vector, threads=_ONE_THREAD)
        self._compact()

    def _insert(self, story_ids: list[str]) -> None:
        vectors = np.vstack([search_vector(self.profiles[s]) for s in story_ids])
        self._ann(vectors.shape[1]).add(np.array([self.keys[s] for s in story_ids]), vectors)

    def _compact(self) -> None:
        """Rebuild the ANN index from the live stories when dead entries outnumber them."""
        if self.ann is None:
            return
        dead = len(self.ann) - len(self.ids)
        if dead < max(_REBUILD_MIN_DEAD, len(self.ids)):
            return
        dims = int(self.ann.ndim)
        self.ann = None
        if self.ids:
            live = list(self.ids.values())
            self._ann(dims)
            self._insert(live)

    def _ann(self, dims: int) -> Index:
        if self.ann is None:
            self.ann = Index(ndim=dims, metric="cos", dtype="f32", expansion_add=_EXPANSION_ADD)
        return self.ann


def search_vector(profile: Profile) -> np.ndarray:
    """What the ANN index compares: the summed sentence embeddings, else the projection."""
    source = profile.meaning if profile.meaning is not None else profile.dense
    norm = float(np.linalg.norm(source))
    return (source / norm if norm else source + 1e-6).astype(np.float32)


def fingerprint(assignments: Iterable[tuple[str, int]]) -> str:
    """Names the stories an index was saved for: each story id with its article count."""
    text = "\n".join(f"{story}:{count}" for story, count in sorted(assignments))
    return hashlib.sha256(text.encode()).hexdigest()


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def assign(index: StoryIndex, pending: Iterable[tuple[str, Profile]], model: PairModel,
           rules: Rules) -> None:
    """Put each pending article, in the order given, into a story of ``index``."""
    for article_id, profile in pending:
        index.advance(profile, rules.window_days)
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
