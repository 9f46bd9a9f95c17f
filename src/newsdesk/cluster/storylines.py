"""Storylines: stories linked into threads, one developing situation over weeks.

Two stories are linked when their centroids are similar enough (TF-IDF cosine at least
``similarity_threshold``), they share a
named entity, and they lie within ``storyline_days`` of each other; a storyline is a connected
group of two or more linked stories. Its id is "l-" + a hash of its earliest story's id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from newsdesk.cluster.online import StoryIndex
from newsdesk.cluster.profile import Profile, cosine
from newsdesk.cluster.summary import Summariser
from newsdesk.model import Story, Storyline
from newsdesk.settings import ClusterSettings

_ID_HEX_CHARS = 16


def link_storylines(stories: Sequence[Story], index: StoryIndex, cfg: ClusterSettings,
                    summariser: Summariser) -> list[Storyline]:
    parent = {s.id: s.id for s in stories}
    for story in stories:
        profile = index.profiles.get(story.id)
        if profile is None:
            continue
        for other in index.nearest(profile, cfg.candidates, cfg.storyline_days):
            if other != story.id and _linked(profile, index.profiles[other], cfg):
                _union(parent, story.id, other)
    groups: dict[str, list[Story]] = {}
    for story in stories:
        groups.setdefault(_find(parent, story.id), []).append(story)
    return [_storyline(group, index, summariser) for group in groups.values() if len(group) > 1]


def _linked(a: Profile, b: Profile, cfg: ClusterSettings) -> bool:
    shared = any(key in b.named for key in a.named)
    return shared and cosine(a.body, b.body, a.norms()[0], b.norms()[0]) >= cfg.similarity_threshold


def _storyline(group: list[Story], index: StoryIndex, summariser: Summariser) -> Storyline:
    ordered = sorted(group, key=lambda s: (s.first_seen is None, s.first_seen or "", s.id))
    main = max(ordered, key=lambda s: len(s.article_ids))
    profile = None
    for story in ordered:
        part = index.profiles.get(story.id)
        if part is not None:
            profile = _sum(profile, part)
    pool = [sentence for s in ordered for sentence in s.summary.split(". ") if sentence]
    dated = sorted(d for s in ordered for d in (s.first_seen, s.last_seen) if d)
    digest = hashlib.sha256(ordered[0].id.encode()).hexdigest()[:_ID_HEX_CHARS]
    return Storyline(id="l-" + digest, title=main.title,
                     story_ids=tuple(s.id for s in ordered),
                     summary=summariser.summary([_sentence(p) for p in pool], profile),
                     first_seen=dated[0] if dated else None,
                     last_seen=dated[-1] if dated else None)


def _sentence(piece: str) -> str:
    return piece if piece.endswith((".", "!", "?", "\"", "”")) else piece + "."


def _sum(total: Profile | None, part: Profile) -> Profile:
    if total is None:
        return part.copy()
    total.absorb(part)
    return total


def _find(parent: dict[str, str], item: str) -> str:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def _union(parent: dict[str, str], a: str, b: str) -> None:
    root_a, root_b = _find(parent, a), _find(parent, b)
    if root_a != root_b:
        parent[max(root_a, root_b)] = min(root_a, root_b)
