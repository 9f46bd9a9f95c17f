"""What the pair model compares: an article, or a story taken as a whole, as a ``Profile``.

A profile holds summed TF-IDF vectors of body and title, the named entities and "specifics"
(numbers, dates, money) it mentions, its date range and its size. An article is a profile of
size one; a story's profile is the sum of its members', grown as articles join.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from newsdesk.model import Mention

# spaCy labels that name who and where: the entity-overlap signal.
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"})
# spaCy labels that pin one event down among look-alikes: counts, dates, sums.
SPECIFIC_LABELS = frozenset({"CARDINAL", "DATE", "MONEY", "QUANTITY", "PERCENT", "TIME"})
ENTITY_LABELS = tuple(sorted(NAMED_LABELS | SPECIFIC_LABELS))
# Days beyond which a gap in time says nothing more (one event's reports span days).
MAX_GAP_DAYS = 30.0
FEATURES = ("body_cosine", "title_cosine", "named_overlap", "specific_overlap",
            "log_gap_days", "undated", "log_size", "best_member_cosine", "meaning_cosine",
            "best_member_meaning", "mean_member_meaning", "named_cosine", "top_named_shared",
            "top_story_named_shared", "top_story_terms_shared", "year_overlap",
            "number_overlap")
# Names per side compared by ``top_named_shared``: an event's main actors and places.
TOP_NAMED = 3
# Body terms of a story checked by ``top_story_terms_shared``: the words that weigh most in it
# (rare names, places, figures) tell look-alike events apart where a whole-text cosine,
# dominated by the shared topic vocabulary, does not. (The same share taken the other way, of
# the article's top terms, got a negative weight beside the cosines on ECB+ train: left out.)
TOP_TERMS = 10
# A year as written in a date or text ("2008", "10 October 2011").
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DIGIT = re.compile(r"\d")
# Members of a story kept for the best-member similarity (the latest ones): bounds the cost of
# comparing with a big story while keeping its newest developments.
MAX_MEMBERS = 32


Terms = dict[int, float]  # a sparse vector: term index -> weight


@dataclass
class Profile:
    """An article, or the running sum of a story's articles."""

    body: Terms
    title: Terms
    dense: np.ndarray  # random projection of ``body``: what the nearest-neighbour index sees
    named: Counter[str] = field(default_factory=Counter)
    specific: Counter[str] = field(default_factory=Counter)
    first: int | None = None
    last: int | None = None
    size: int = 1
    members: np.ndarray | None = None  # unit-length ``dense`` of the latest members, by row
    meaning: np.ndarray | None = None  # sum of the members' unit sentence embeddings
    meanings: np.ndarray | None = None  # the latest members' unit sentence embeddings, by row
    _norms: tuple[float, float] | None = None
    _top: tuple[int, ...] | None = None  # the top body terms (cached until the profile grows)
    _figures: tuple[frozenset[str], frozenset[str]] | None = None  # years, other figures (same)

    def __post_init__(self) -> None:
        if self.members is None:
            length = float(np.linalg.norm(self.dense))
            self.members = (self.dense / length if length else self.dense).reshape(1, -1)
        if self.meanings is None and self.meaning is not None:
            self.meanings = self.meaning.reshape(1, -1)

    def absorb(self, other: Profile) -> None:
        """Add ``other`` to this profile (an article joins, or a story is merged in)."""
        _add(self.body, other.body)
        _add(self.title, other.title)
        self.dense = self.dense + other.dense
        self.named.update(other.named)
        self.specific.update(other.specific)
        self.first = _least(self.first, other.first)
        self.last = _most(self.last, other.last)
        self.size += other.size
        self.members = np.vstack([self.rows(), other.rows()])[-MAX_MEMBERS:]
        if self.meaning is not None and other.meaning is not None \
                and self.meanings is not None and other.meanings is not None:
            self.meaning = self.meaning + other.meaning
            self.meanings = np.vstack([self.meanings, other.meanings])[-MAX_MEMBERS:]
        self._norms = None
        self._top = None
        self._figures = None

    def copy(self) -> Profile:
        return Profile(dict(self.body), dict(self.title), self.dense.copy(), self.named.copy(),
                       self.specific.copy(), self.first, self.last, self.size,
                       self.rows().copy(), _copied(self.meaning), _copied(self.meanings))

    def rows(self) -> np.ndarray:
        """The members' unit-length projected vectors."""
        assert self.members is not None  # set in __post_init__
        return self.members

    def norms(self) -> tuple[float, float]:
        """Euclidean lengths of body and title (cached until the profile grows)."""
        if self._norms is None:
            self._norms = (_length(self.body), _length(self.title))
        return self._norms


def _copied(vector: np.ndarray | None) -> np.ndarray | None:
    return None if vector is None else vector.copy()


def cosine(a: Terms, b: Terms, norm_a: float, norm_b: float) -> float:
    if not norm_a or not norm_b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return sum(w * large.get(t, 0.0) for t, w in small.items()) / (norm_a * norm_b)


def _add(total: Terms, more: Terms) -> None:
    for term, weight in more.items():
        total[term] = total.get(term, 0.0) + weight


def _length(terms: Terms) -> float:
    return math.sqrt(sum(w * w for w in terms.values()))


def day_number(published: str | None) -> int | None:
    """Days since year 1 of an ISO date or date-time, or None when absent or unreadable."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def entity_keys(found: Iterable[Mention]) -> tuple[Counter[str], Counter[str]]:
    """Named entities and specifics of an article, folded so spelling variants meet."""
    named: Counter[str] = Counter()
    specific: Counter[str] = Counter()
    for mention in found:
        key = " ".join(mention.text.casefold().removeprefix("the ").split())
        if mention.label in NAMED_LABELS:
            named[key] += 1
        elif mention.label in SPECIFIC_LABELS:
            specific[key] += 1
    return named, specific


def features(item: Profile, story: Profile) -> list[float]:
    """The pair model's inputs, in the order of ``FEATURES``."""
    return [float(x) for x in feature_rows(item, [story])[0]]


def feature_rows(item: Profile, stories: Sequence[Profile]) -> np.ndarray:
    """One row of features per story, comparing ``item`` with each. A signal one side lacks
    (no title, no names, no numbers or dates, no embedding) is NaN: "unknown", which the pair
    model reads as its training average rather than as "nothing in common"."""
    rows = np.zeros((len(stories), len(FEATURES)), dtype=np.float64)
    body_norm, title_norm = item.norms()
    for i, story in enumerate(stories):
        story_body, story_title = story.norms()
        gap = _gap_days(item, story)
        rows[i, 0] = cosine(item.body, story.body, body_norm, story_body)
        rows[i, 1] = cosine(item.title, story.title, title_norm, story_title) \
            if title_norm and story_title else np.nan
        rows[i, 3] = _overlap(item.specific, story.specific) \
            if item.specific and story.specific else np.nan
        rows[i, 4] = math.log1p(min(gap, MAX_GAP_DAYS)) if gap is not None else 0.0
        rows[i, 5] = 1.0 if gap is None else 0.0
        rows[i, 6] = math.log(story.size)
        rows[i, 7] = _best_member(item, story)
        rows[i, 8:11] = _meaning_similarity(item, story)
        rows[i, [2, 11, 12, 13]] = _named_similarity(item, story)
        rows[i, 14] = _top_terms_shared(story, item)
        rows[i, 15:17] = _figures_shared(item, story)
    return rows


def top_terms(profile: Profile) -> tuple[int, ...]:
    """The ``TOP_TERMS`` body terms that weigh most in ``profile`` (cached until it grows)."""
    if profile._top is None:
        best = heapq.nlargest(TOP_TERMS, profile.body.items(), key=lambda kv: kv[1])
        profile._top = tuple(t for t, _ in best)
    return profile._top


def _top_terms_shared(first: Profile, second: Profile) -> float:
    """Share, by weight, of the body terms weighing most in ``first`` that ``second`` has."""
    top = top_terms(first)
    if not top or not second.body:
        return np.nan
    weights = [first.body[t] for t in top]
    return sum(w for t, w in zip(top, weights, strict=True) if t in second.body) / sum(weights)


def _figures_shared(item: Profile, story: Profile) -> tuple[float, float]:
    """year_overlap and number_overlap: the share of the years, and of the other figures
    (counts, sums, magnitudes), the item mentions that the story mentions too; NaN when a side
    has none. Look-alike events differ in when (the year) and in how much."""
    item_years, item_numbers = figures(item)
    story_years, story_numbers = figures(story)
    years = _share(item_years, story_years) if item_years and story_years else np.nan
    numbers = _share(item_numbers, story_numbers) if item_numbers and story_numbers else np.nan
    return years, numbers


def figures(profile: Profile) -> tuple[frozenset[str], frozenset[str]]:
    """The years a profile's specifics mention, and its other specifics written with digits
    (cached until the profile grows)."""
    if profile._figures is None:
        keys = profile.specific
        profile._figures = (
            frozenset(y for key in keys for y in _YEAR.findall(key)),
            frozenset(k for k in keys if _DIGIT.search(k) and not _YEAR.search(k)))
    return profile._figures


def _share(first: frozenset[str], second: frozenset[str]) -> float:
    return len(first & second) / len(first)


def _named_similarity(item: Profile, story: Profile) -> tuple[float, ...]:
    """named_overlap, named_cosine, top_named_shared, top_story_named_shared."""
    if not item.named or not story.named:
        return (np.nan,) * 4
    return (_overlap(item.named, story.named), _counter_cosine(item.named, story.named),
            _top_shared(item.named, story.named), _top_shared(story.named, item.named))


def _meaning_similarity(item: Profile, story: Profile) -> tuple[float, float, float]:
    """Sentence-embedding cosine of the two centroids, and the highest and the mean cosine
    between a member of ``item`` and a recent member of ``story``."""
    if item.meaning is None or story.meaning is None or item.meanings is None \
            or story.meanings is None:
        return np.nan, np.nan, np.nan
    lengths = float(np.linalg.norm(item.meaning) * np.linalg.norm(story.meaning))
    centroid = float(item.meaning @ story.meaning) / lengths if lengths else 0.0
    links = item.meanings @ story.meanings.T
    return centroid, float(np.max(links)), float(np.mean(links))


def _counter_cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine of two mention-count vectors (who and where, weighted by how often named)."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(n * large.get(k, 0) for k, n in small.items())
    return dot / math.sqrt(sum(n * n for n in a.values()) * sum(n * n for n in b.values()))


def _top_shared(first: Counter[str], second: Counter[str]) -> float:
    """Share of the ``TOP_NAMED`` names ``first`` mentions most that ``second`` mentions too:
    look-alike events differ in their main actors and places (who entered rehab, where the
    quake struck), which a share of all names blurs."""
    if not first or not second:
        return 0.0
    top = [key for key, _ in first.most_common(TOP_NAMED)]
    return sum(1 for key in top if key in second) / len(top)


def _best_member(item: Profile, story: Profile) -> float:
    """Highest cosine (in the index's random projection, which keeps TF-IDF cosine within a
    few hundredths) between a member of ``item`` and a recent member of ``story``."""
    return float(np.max(item.rows() @ story.rows().T))


def _overlap(item: Counter[str], story: Counter[str]) -> float:
    """Share of the item's distinct keys that the story mentions too."""
    if not item or not story:
        return 0.0
    return sum(1 for key in item if key in story) / len(item)


def _gap_days(item: Profile, story: Profile) -> float | None:
    if item.first is None or story.first is None or item.last is None or story.last is None:
        return None
    if item.last < story.first:
        return float(story.first - item.last)
    if item.first > story.last:
        return float(item.first - story.last)
    return 0.0


def _least(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


def _most(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)
