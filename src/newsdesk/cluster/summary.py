"""Titles and extractive summaries of stories and storylines.

The title is the headline of the member nearest the story's centroid (an original before a
copy). The summary is two or three sentences from the members' leads, those nearest the
centroid, no two saying nearly the same, in the order they were published.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from newsdesk.cluster.profile import Profile, Terms, cosine
from newsdesk.model import Article

# An untitled story is named by the start of its first paragraph, cut to headline length.
UNTITLED_CHARS = 120
# Sentences in a summary: at most, and at least when the members hold that many.
SUMMARY_SENTENCES = 3
# Paragraphs of each article read for summary sentences: news puts the event first.
LEAD_PARAGRAPHS = 3
# Two summary sentences this similar (TF-IDF cosine) say the same thing: keep the first.
REDUNDANT_COSINE = 0.5
# Sentences shorter than this many characters are datelines or fragments, not summaries.
MIN_SENTENCE_CHARS = 40
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    """The sentences of a text, paragraph by paragraph (a simple, rule-based splitter)."""
    found: list[str] = []
    for paragraph in text.split("\n\n"):
        found.extend(s.strip() for s in _SENTENCE_END.split(paragraph.strip()) if s.strip())
    return found


class Summariser:
    """Picks titles and summary sentences by TF-IDF similarity to a centroid."""

    def __init__(self, vectorizer: TfidfVectorizer | None) -> None:
        self.vectorizer = vectorizer

    def title_and_summary(self, group: Sequence[Article],
                          profile: Profile | None) -> tuple[str, str]:
        headlines = {_folded(a.title) for a in group if a.title}
        return self.title(group, profile), self.summary(
            [s for a in group for s in sentences(_lead(a.text))
             if _folded(s) not in headlines], profile)

    def title(self, group: Sequence[Article], profile: Profile | None) -> str:
        titled = [a for a in group if a.title] or list(group)
        scores = self._scores(self._rows([a.text for a in titled]), profile)
        best = max(range(len(titled)), key=lambda i: (titled[i].copy_of is None, scores[i], -i))
        chosen = titled[best]
        return chosen.title or chosen.text.split("\n", 1)[0][:UNTITLED_CHARS]

    def summary(self, pool: Sequence[str], profile: Profile | None) -> str:
        pool = [s for s in dict.fromkeys(pool) if len(s) >= MIN_SENTENCE_CHARS]
        if not pool:
            return ""
        rows = self._rows(pool)
        scores = self._scores(rows, profile)
        picked: list[int] = []
        for i in sorted(range(len(pool)), key=lambda i: (-scores[i], i)):
            if all(cosine(rows[i], rows[j], 1.0, 1.0) < REDUNDANT_COSINE for j in picked):
                picked.append(i)
            if len(picked) == SUMMARY_SENTENCES:
                break
        return " ".join(pool[i] for i in sorted(picked))

    def _scores(self, rows: list[Terms], profile: Profile | None) -> list[float]:
        if profile is None:
            return [0.0] * len(rows)
        norm = profile.norms()[0]
        return [cosine(row, profile.body, 1.0, norm) for row in rows]

    def _rows(self, texts: Sequence[str]) -> list[Terms]:
        """L2-normalised TF-IDF rows (empty when there is no vocabulary)."""
        if self.vectorizer is None:
            return [{} for _ in texts]
        matrix = sparse.csr_matrix(self.vectorizer.transform(list(texts)))
        return [dict(zip(matrix.indices[matrix.indptr[i]:matrix.indptr[i + 1]].tolist(),
                         matrix.data[matrix.indptr[i]:matrix.indptr[i + 1]].tolist(),
                         strict=True)) for i in range(len(texts))]


def _folded(sentence: str) -> str:
    """A sentence compared with headlines: case, spacing and a closing stop do not count (a
    page scraped to text often repeats its headline as its first line, which the summary
    must not say again under the title)."""
    return " ".join(sentence.lower().split()).rstrip(".!?")


def _lead(text: str) -> str:
    return "\n\n".join(text.split("\n\n")[:LEAD_PARAGRAPHS])
