"""Which sentences of a story are counterparts, held per content class so that a story whose
wire text hundreds of outlets carry costs work in its distinct sentences, not their copies.

Two sentences are counterparts when they come from different articles, share a word that is
not one of the story's most common ones, and most of the shorter one's content words are in
the other. All three tests but the first depend only on the sentences' content-word sets, so
the sentences are grouped into classes of one content set, the classes are compared, and
a sentence's counterparts are the members of its linked classes from other articles.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

# A word in more than this share of a story's sentences (and more than the floor) finds no
# counterpart candidates alone: a big story's main names are everywhere. Set by hand.
COMMON_WORD_SHARE, COMMON_WORD_FLOOR = 0.3, 200


@dataclass(frozen=True, slots=True)
class Links:
    """Sentence ``i`` is in class ``classes[i]``; a class's counterpart classes (itself
    included when its sentences are each other's counterparts) are ``linked[class]``."""

    classes: tuple[int, ...]
    members: tuple[tuple[int, ...], ...]
    linked: tuple[tuple[int, ...], ...]
    contents: tuple[frozenset[str], ...]
    articles: tuple[str, ...]

    def of(self, i: int) -> list[int]:
        """The counterparts of sentence ``i``, in order."""
        article = self.articles[i]
        return sorted(j for d in self.linked[self.classes[i]] for j in self.members[d]
                      if self.articles[j] != article)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    shorter = min(len(a), len(b))
    return len(a & b) / shorter if shorter else 0.0


def counterparts(contents: Sequence[frozenset[str]], articles: Sequence[str],
                 share: float) -> Links:
    """The counterpart classes of the sentences with these content words and articles."""
    classes, members, distinct = _classes(contents)
    counts: dict[str, int] = {}
    for content in contents:
        for word in content:
            counts[word] = counts.get(word, 0) + 1
    common = max(COMMON_WORD_FLOOR, COMMON_WORD_SHARE * len(contents))
    rare = [frozenset(w for w in c if counts[w] <= common) for c in distinct]
    index: dict[str, list[int]] = {}
    for c, words in enumerate(rare):
        for word in words:
            index.setdefault(word, []).append(c)
    linked = _all_linked(rare, index, distinct, share)
    return Links(tuple(classes), tuple(tuple(m) for m in members), linked, tuple(distinct),
                 tuple(articles))


def _classes(contents: Sequence[frozenset[str]]
             ) -> tuple[list[int], list[list[int]], list[frozenset[str]]]:
    number: dict[frozenset[str], int] = {}
    classes: list[int] = []
    members: list[list[int]] = []
    for i, content in enumerate(contents):
        c = number.setdefault(content, len(number))
        if c == len(members):
            members.append([])
        members[c].append(i)
        classes.append(c)
    return classes, members, list(number)


def _all_linked(rare: Sequence[frozenset[str]], index: dict[str, list[int]],
                distinct: Sequence[frozenset[str]], share: float) -> tuple[tuple[int, ...], ...]:
    """Each class's linked classes: each two classes are measured once (the link is
    symmetric), from the class that comes first."""
    found: list[list[int]] = [[] for _ in distinct]
    for c in range(len(distinct)):
        for d in _later_linked(c, rare, index, distinct, share):
            found[c].append(d)
            if d != c:
                found[d].append(c)
    return tuple(tuple(sorted(f)) for f in found)


def _later_linked(c: int, rare: Sequence[frozenset[str]], index: dict[str, list[int]],
                  distinct: Sequence[frozenset[str]], share: float) -> list[int]:
    """Classes from ``c`` on sharing a rare word with ``c`` whose content overlaps it enough.
    The rare words shared, plus every common word of ``c``, bound the overlap from above:
    only classes within that bound have their overlap measured."""
    shared = Counter(chain.from_iterable(
        index[word][bisect_left(index[word], c):] for word in rare[c]))
    common = len(distinct[c]) - len(rare[c])
    size = len(distinct[c])
    return [d for d, n in shared.items()
            if (n + common) / min(size, len(distinct[d])) >= share
            and overlap(distinct[c], distinct[d]) >= share]
