"""A story's timeline: the days its articles' date expressions name, with the sentences."""

from __future__ import annotations

import re
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
            if not _dates_a_happening(figure):
                continue
            day = str(figure.value)
            sentence = next((s.text for s in sentences if s.start <= figure.start < s.end),
                            figure.text)
            if (day, sentence) not in seen and not _dateline(sentence):
                seen.add((day, sentence))
                entries.append(TimelineEntry(day, article.id, article.outlet,
                                             sentence, figure.id))
    return sorted(entries, key=lambda e: (e.date, e.article_id))


# "12 days after an audit" dates the audit, not what its sentence tells: left out.
_ANCHORED = re.compile(r"\b(?:after|before|earlier|later)\b", re.I)
# A dateline ("Fri 14 Mar 2025 11.20 GMT", "Published: 14 March 2025") is page metadata.
_DATELINE = re.compile(r"^(?:\w+:\s*)?[\w ,.:/]{0,40}\b(?:19|20)\d\d\b[\w ,.:/—-]{0,30}$")


def _dates_a_happening(figure: Figure) -> bool:
    return (figure.kind == "date" and isinstance(figure.value, str)
            and len(figure.value) == len("2025-03-11") and not figure.approximate
            and not _ANCHORED.search(figure.text))


def _dateline(sentence: str) -> bool:
    return len(sentence) <= 60 and _DATELINE.match(sentence) is not None
