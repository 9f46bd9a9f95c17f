"""Cluster: articles into stories, one online pass.

Baseline: TF-IDF (title and text) cosine against each story's centroid. Articles are taken
oldest first; an article already in a story stays there (story ids are stable); a new one
joins the most similar story when the similarity reaches ``similarity_threshold``, or starts
a story. A copy goes where its origin goes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from newsdesk.model import Article, Story
from newsdesk.settings import ClusterSettings

PRODUCER = "cluster.tfidf@1"
_ID_HEX_CHARS = 16
# An untitled story is named by the start of its first paragraph, cut to headline length.
_UNTITLED_CHARS = 120


def cluster(articles: Sequence[Article], cfg: ClusterSettings) -> list[Story]:
    """Every story, existing and new, with its articles."""
    ordered = sorted(articles, key=lambda a: a.arrival_key)
    originals = [a for a in ordered if a.copy_of is None]
    members = _assign(originals, _vectors(originals, cfg), cfg.similarity_threshold)
    story_of = {aid: sid for sid, ids in members.items() for aid in ids}
    for article in ordered:
        if article.copy_of is not None:
            sid = story_of.get(article.copy_of) or _new_story_id(article.id)
            members.setdefault(sid, []).append(article.id)
    by_id = {a.id: a for a in ordered}
    return [_story(sid, [by_id[i] for i in ids]) for sid, ids in members.items()]


def _vectors(articles: Sequence[Article], cfg: ClusterSettings) -> sparse.csr_matrix:
    if not articles:
        return sparse.csr_matrix((0, 0))
    vectorizer = TfidfVectorizer(
        max_features=cfg.max_features, stop_words="english", sublinear_tf=True,
        strip_accents="unicode",
    )
    try:
        return vectorizer.fit_transform([f"{a.title or ''}\n{a.text}" for a in articles])
    except ValueError:  # no word outside the stop list: nothing to compare, all stand alone
        return sparse.csr_matrix((len(articles), 1))


def _assign(articles: Sequence[Article], vectors: sparse.csr_matrix,
            threshold: float) -> dict[str, list[str]]:
    members: dict[str, list[str]] = {}
    centroids: dict[str, sparse.csr_matrix] = {}
    pending = []
    for row, article in enumerate(articles):
        if article.story_id is not None:
            _join(members, centroids, article.story_id, article.id, vectors[row])
        else:
            pending.append(row)
    for row in pending:
        sid = _best_story(centroids, vectors[row], threshold) or _new_story_id(articles[row].id)
        _join(members, centroids, sid, articles[row].id, vectors[row])
    return members


def _join(members: dict[str, list[str]], centroids: dict[str, sparse.csr_matrix],
          sid: str, article_id: str, vector: sparse.csr_matrix) -> None:
    members.setdefault(sid, []).append(article_id)
    centroids[sid] = centroids[sid] + vector if sid in centroids else vector


def _best_story(centroids: dict[str, sparse.csr_matrix], vector: sparse.csr_matrix,
                threshold: float) -> str | None:
    if not centroids:
        return None
    ids = list(centroids)
    stacked = sparse.vstack([centroids[i] for i in ids])
    norms = np.sqrt(np.asarray(stacked.multiply(stacked).sum(axis=1))).ravel()
    sims = np.asarray((stacked @ vector.T).todense()).ravel() / np.maximum(norms, 1e-12)
    best = int(np.argmax(sims))
    return ids[best] if sims[best] >= threshold else None


def _story(sid: str, members: Sequence[Article]) -> Story:
    dated = sorted(a.published for a in members if a.published)
    return Story(
        id=sid, title=_title(members), article_ids=tuple(a.id for a in members),
        producer=PRODUCER, first_seen=dated[0] if dated else None,
        last_seen=dated[-1] if dated else None,
    )


def _title(members: Sequence[Article]) -> str:
    """The earliest article's headline (baseline choice of representative headline)."""
    for article in sorted(members, key=lambda a: a.arrival_key):
        if article.title:
            return article.title
    return members[0].text.split("\n", 1)[0][:_UNTITLED_CHARS]


def _new_story_id(first_article_id: str) -> str:
    return "s-" + hashlib.sha256(first_article_id.encode()).hexdigest()[:_ID_HEX_CHARS]
