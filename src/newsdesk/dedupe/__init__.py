"""Dedupe: which articles are copies of which.

Baseline: exact copies only: the same text once case and white space are folded. The origin
of a group is its earliest article (undated ones last; ties by id, so runs are repeatable).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from newsdesk.model import Article, CopyLink

PRODUCER = "dedupe.exact@1"
_SPACES = re.compile(r"\s+")
_EXACT = 1.0


def dedupe(articles: Sequence[Article]) -> list[CopyLink]:
    """A link from every copy to its origin."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(text_fingerprint(article.text), []).append(article)
    links: list[CopyLink] = []
    for group in groups.values():
        origin, *copies = sorted(group, key=lambda a: a.arrival_key)
        links.extend(CopyLink(c.id, origin.id, _EXACT, PRODUCER) for c in copies)
    return links


def text_fingerprint(text: str) -> str:
    """Equal for texts that differ only in case and white space."""
    folded = _SPACES.sub(" ", text).strip().casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
