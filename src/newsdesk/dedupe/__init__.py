"""Dedupe: which articles are copies of which, and why.

Exact copies (the same text once case and white space are folded) and near-duplicates: a
wire text run by several outlets, lightly edited, trimmed or re-headlined. Near-duplicates are
found with MinHash LSH over word shingles (candidates), then checked on the exact shingle sets:
a pair is a copy when the shorter text's shingles are mostly in the longer one (containment,
so a trimmed copy still counts). Groups are closed transitively; the origin of a group is the
member from the outlet the others credit (a trailing "— Meridian Press Agency"), else the
earliest (undated last; ties by id, so runs are repeatable).
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Sequence

from datasketch import MinHash, MinHashLSH

from newsdesk.model import Article, CopyLink
from newsdesk.settings import DedupeSettings

PRODUCER = "dedupe.minhash@2"
EXACT = "exact"
NEAR = "minhash"
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"\w+")
_EXACT_SIMILARITY = 1.0
# Fixed seed: the same texts give the same signatures on every run and machine.
_MINHASH_SEED = 1


def dedupe(articles: Sequence[Article], cfg: DedupeSettings) -> list[CopyLink]:
    """A link from every copy to its origin."""
    ordered = sorted(articles, key=lambda a: a.arrival_key)
    groups = _groups(ordered, cfg)
    links: list[CopyLink] = []
    for group in groups:
        origin = _origin(group)
        for copy in group:
            if copy.id != origin.id:
                links.append(_link(copy, origin, cfg))
    return links


def text_fingerprint(text: str) -> str:
    """Equal for texts that differ only in case and white space."""
    folded = _SPACES.sub(" ", text).strip().casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def shingles(text: str, size: int) -> set[str]:
    """The word ``size``-grams of a text, case folded."""
    words = _WORDS.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the larger one (1.0 for a trimmed copy)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def shared_passages(copy: str, origin: str, min_words: int) -> list[str]:
    """The word runs of at least ``min_words`` words the two texts share, in the copy's order
    (the evidence ``newsdesk show`` prints for a copy)."""
    a, b = _WORDS.findall(copy), _WORDS.findall(origin)
    matcher = difflib.SequenceMatcher(None, [w.casefold() for w in a],
                                      [w.casefold() for w in b], autojunk=False)
    return [" ".join(a[m.a:m.a + m.size]) for m in matcher.get_matching_blocks()
            if m.size >= min_words]


def _groups(ordered: Sequence[Article], cfg: DedupeSettings) -> list[list[Article]]:
    parent = {a.id: a.id for a in ordered}
    by_fingerprint: dict[str, str] = {}
    for article in ordered:
        first = by_fingerprint.setdefault(text_fingerprint(article.text), article.id)
        _union(parent, first, article.id)
    sets = {a.id: shingles(a.text, cfg.shingle_words) for a in ordered}
    for left, right in _candidate_pairs(ordered, sets, cfg):
        if containment(sets[left], sets[right]) >= cfg.containment_threshold:
            _union(parent, left, right)
    groups: dict[str, list[Article]] = {}
    for article in ordered:
        groups.setdefault(_find(parent, article.id), []).append(article)
    return [g for g in groups.values() if len(g) > 1]


def _candidate_pairs(ordered: Sequence[Article], sets: dict[str, set[str]],
                     cfg: DedupeSettings) -> list[tuple[str, str]]:
    lsh = MinHashLSH(threshold=cfg.lsh_threshold, num_perm=cfg.num_perm)
    pairs: list[tuple[str, str]] = []
    for article in ordered:
        if len(sets[article.id]) < cfg.min_shingles:
            continue  # too short to tell a copy from a shared stock phrase
        signature = _minhash(sets[article.id], cfg.num_perm)
        pairs.extend((other, article.id) for other in lsh.query(signature))
        lsh.insert(article.id, signature)
    return pairs


def _minhash(items: set[str], num_perm: int) -> MinHash:
    signature = MinHash(num_perm=num_perm, seed=_MINHASH_SEED)
    signature.update_batch([s.encode("utf-8") for s in sorted(items)])
    return signature


def _origin(group: Sequence[Article]) -> Article:
    """The member whose outlet the others credit in their text, else the earliest."""
    for article in group:  # ``group`` is in arrival order: the earliest credited wins
        if article.outlet and _credited_by_others(article.outlet, article.id, group):
            return article
    return group[0]


def _credited_by_others(outlet: str, article_id: str, group: Sequence[Article]) -> bool:
    """True when every other outlet's copy credits ``outlet``: in the credit line the
    cleaner took off (``origin_outlet``) or, where none was taken off, in its text."""
    others = [a for a in group if a.id != article_id and a.outlet != outlet]
    needle = outlet.casefold()
    return bool(others) and all(
        needle in (a.origin_outlet or "").casefold() or needle in a.text.casefold()
        for a in others)


def _link(copy: Article, origin: Article, cfg: DedupeSettings) -> CopyLink:
    if text_fingerprint(copy.text) == text_fingerprint(origin.text):
        return CopyLink(copy.id, origin.id, _EXACT_SIMILARITY, EXACT)
    similarity = containment(shingles(copy.text, cfg.shingle_words),
                             shingles(origin.text, cfg.shingle_words))
    return CopyLink(copy.id, origin.id, round(similarity, 4), NEAR)


def _find(parent: dict[str, str], item: str) -> str:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def _union(parent: dict[str, str], a: str, b: str) -> None:
    root_a, root_b = _find(parent, a), _find(parent, b)
    if root_a != root_b:
        parent[max(root_a, root_b)] = min(root_a, root_b)
