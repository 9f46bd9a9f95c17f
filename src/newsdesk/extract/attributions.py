"""Attributions in the broad sense of attribution corpora (PolNeAR): every cue with its
source and content, the quotes among them.

A cue that quotations were attached to (``quotes``) has those quotations as its content (or
its reported clause, when a partial quotation stands inside one); any other cue outside
quotations keeps the clause or object the parse gives it ("called for a review"), which
the quote list leaves out because it is not a report of speech. Scored against PolNeAR by
``bench/quotes.py``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from spacy.language import Language

from newsdesk.extract.cue_gate import score
from newsdesk.extract.cues import Cue
from newsdesk.extract.marks import quoted
from newsdesk.extract.quotes import _parse, _Parsed, quotes_in
from newsdesk.model import Article, Attribution, Quote, QuoteKind, Span
from newsdesk.settings import QuoteSettings


def find_attributions(articles: Sequence[Article], nlp: Language,
                      cfg: QuoteSettings) -> dict[str, list[Attribution]]:
    """The attributions of every article, per article id, in text order of their cues."""
    parsed = _parse(articles, nlp, cfg)
    return {a.id: attributions_in(a, parsed[a.id], cfg) for a in articles}


def attributions_in(article: Article, parsed: _Parsed, cfg: QuoteSettings) -> list[Attribution]:
    by_cue: dict[tuple[int, int], list[Quote]] = defaultdict(list)
    for q in quotes_in(article, parsed, (), cfg):
        if q.cue is not None and not q.inherited:
            by_cue[(q.cue.start, q.cue.end)].append(q)
    found = []
    outer = [m for m in quoted(article.text[: cfg.max_chars]) if not m.nested]
    for cue in sorted(parsed.cues, key=lambda c: c.start):
        if any(m.start <= cue.start < m.end for m in outer):
            continue  # a cue inside a quotation: PolNeAR dev F1 lower when kept (all spans)
        quotes = by_cue.get((cue.start, cue.end), [])
        if not quotes and score(cue.features) < cfg.min_cue_score:
            continue
        attribution = _attribution(article, cue, quotes)
        if attribution is not None:
            found.append(attribution)
    return found


def _attribution(article: Article, cue: Cue, quotes: list[Quote]) -> Attribution | None:
    text = article.text
    indirect = [q for q in quotes if q.kind is QuoteKind.INDIRECT]
    if indirect:
        q = max(indirect, key=lambda q: q.end - q.start)
        content, marked = (Span(q.start, q.end, q.text),), False
    elif quotes:
        content = tuple(Span(q.start, q.end, q.text) for q in sorted(quotes, key=lambda q: q.start))
        marked = True
    elif cue.content is not None:
        content, marked = (_span(text, cue.content),), False
    else:
        return None
    source = None if cue.source is None else _span(text, cue.source)
    return Attribution(article.id, _span(text, (cue.start, cue.end)), source, content, marked)


def _span(text: str, where: tuple[int, int]) -> Span:
    return Span(where[0], where[1], text[where[0]:where[1]])
