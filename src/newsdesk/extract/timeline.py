"""A story's timeline: the days its articles' date expressions name, with the sentences."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsdesk.extract.sentences import split_sentences
from newsdesk.model import Article, Figure, TimelineEntry


def timeline(articles: Sequence[Article],
             figures: Mapping[str, Sequence[Figure]]) -> list[TimelineEntry]:
    """One entry per (day, sentence), earliest day first; a sentence repeated word for word by
    several articles (syndicated copies) is listed once, from the earliest article."""
    entries: list[TimelineEntry] = []
    seen: set[tuple[str, str]] = set()
    for article in sorted(articles, key=lambda a: a.arrival_key):
        sentences = split_sentences(article.text)
        for figure in figures.get(article.id, ()):
            if figure.kind != "date" or not isinstance(figure.value, str):
                continue
            sentence = next((s.text for s in sentences if s.start <= figure.start < s.end),
                            figure.text)
            if (figure.value, sentence) not in seen:
                seen.add((figure.value, sentence))
                entries.append(TimelineEntry(figure.value, article.id, article.outlet,
                                             sentence, figure.id))
    return sorted(entries, key=lambda e: (e.date, e.article_id))
