"""Attributions in the broad sense of attribution corpora (PolNeAR): every cue with its
source and content, the quotes among them.

A cue that quotations were attached to (``quotes``) has those quotations as its content (or
its clause or object, when the quotations stand inside it); any other cue outside
quotations keeps the clause or object the parse gives it ("called for a review"; the quote
list leaves such objects out: they are not reports of speech). Scored against PolNeAR by
``bench/quotes.py``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from newsdesk.extract import content_choice, span_tagger
from newsdesk.extract.cue_gate import score
from newsdesk.extract.cues import Cue, cue_forms
from newsdesk.extract.marks import quoted
from newsdesk.extract.quotes import _parse, _Parsed, quotes_in
from newsdesk.model import Article, Attribution, Quote, QuoteKind, Span
from newsdesk.settings import QuoteSettings

# A headline's speaker before a colon: at most this many words (PolNeAR train headlines).
_HEADLINE_WORDS = 4
_HEADLINE = re.compile(r"([A-Z][^:\n]{1,40}): ([^\n]+)")
# Raising verbs: "Sanders appeared to dismiss …", "Trump is expected to win …". PolNeAR takes
# the writer as the source (none written) and the subject with the infinitive as the content,
# in two parts around the cue (train: 233 of 366 such cues; 60 have a source).
_RAISING = frozenset(("appear", "appears", "appeared", "seem", "seems", "seemed", "expected"))
_WORD = re.compile(r"\w+")


def find_attributions(articles: Sequence[Article], nlp: Language,
                      cfg: QuoteSettings) -> dict[str, list[Attribution]]:
    """The attributions of every article, per article id, in text order of their cues."""
    docs: dict[str, list[tuple[int, Doc]]] = {}
    parsed = _parse(articles, nlp, cfg, wide=True, docs_out=docs if cfg.span_tagger else None)
    found = {a.id: attributions_in(a, parsed[a.id], cfg) for a in articles}
    if not cfg.span_tagger:
        return found
    forms = cue_forms(min(cfg.min_candidate_rate, cfg.min_cue_rate))
    return {a.id: tagged_attributions(a, nlp, docs.get(a.id, []), found[a.id], forms,
                                      cfg.max_chars) for a in articles}


def tagged_attributions(article: Article, nlp: Language, docs: Sequence[tuple[int, Doc]],
                        rules: Sequence[Attribution], forms: frozenset[str],
                        max_chars: int) -> list[Attribution]:
    """The span tagger's attributions (``span_tagger``), reading the rules' ones and taking
    their content where both found a cue."""
    paragraphs = span_tagger.sequences(article, nlp, docs, rules, forms, max_chars)
    tags, odds = [], {}
    for paragraph in paragraphs:
        found, cue_odds = span_tagger.tag_with_cue_odds(paragraph, [r.cue for r in rules])
        tags.append((paragraph, found))
        odds.update(cue_odds)
    tagged = span_tagger.attributions(article, tags)
    return content_choice.combined(article.text, rules, tagged, odds)


def attributions_in(article: Article, parsed: _Parsed, cfg: QuoteSettings) -> list[Attribution]:
    by_cue: dict[tuple[int, int], list[Quote]] = defaultdict(list)
    for q in quotes_in(article, parsed, (), cfg):
        if q.cue is not None and not q.inherited:
            by_cue[(q.cue.start, q.cue.end)].append(q)
    found = [] if (headline := _headline(article)) is None else [headline]
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


def _headline(article: Article) -> Attribution | None:
    """A headline "Speaker: what they said." ("John McCain: Republican anger appeals to …"):
    the name (a few words, not "The Latest", not a shouted tag like "EXCLUSIVE") is the source,
    the colon the cue, the rest of the line the content (PolNeAR train: 76 of 114 such
    first lines are annotated so)."""
    found = _HEADLINE.match(article.text)
    if found is None:
        return None
    name = found.group(1)
    words = name.split()
    if len(words) > _HEADLINE_WORDS or words[0] in ("The", "A", "An") or name.isupper():
        return None
    text, start, end = article.text, found.start(2), found.end(2)
    end -= text[end - 1] == "."
    return Attribution(article.id, _span(text, (found.end(1), found.end(1) + 1)),
                       _span(text, (0, found.end(1))), (_span(text, (start, end)),), False)


def _attribution(article: Article, cue: Cue, quotes: list[Quote]) -> Attribution | None:
    """The cue's content: its clause or object when that holds every quotation attached to
    it ("called the plan “a disaster”"), else those quotations, else the clause or object."""
    text, marked = article.text, [q for q in quotes if q.kind is not QuoteKind.INDIRECT]
    content: tuple[Span, ...]
    if cue.content is not None and _clause_holds(cue.content, marked):
        content, is_marked = _around(text, cue, cue.content), False
    elif marked:
        content = tuple(Span(q.start, q.end, q.text) for q in sorted(marked, key=lambda q: q.start))
        is_marked = True
    else:
        return None
    source = None if cue.source is None else _span(text, cue.source)
    if _raising(text, cue) and source is not None and not is_marked and \
            content[0].start > cue.end:
        content, source = (source, *content), None
    return Attribution(article.id, _span(text, (cue.start, cue.end)), source, content, is_marked)


def _raising(text: str, cue: Cue) -> bool:
    """A raising verb whose object is an infinitive ("appeared to", "is expected to") or,
    for "seem" and "appear", a noun phrase ("the returns seemed a reminder that …")."""
    word = _WORD.match(text, cue.head)
    if word is None or word.group().lower() not in _RAISING or cue.content is None:
        return False
    return not word.group().lower().startswith("expect") or \
        text[cue.content[0]:cue.content[0] + 3].lower() == "to "


def _around(text: str, cue: Cue, where: tuple[int, int]) -> tuple[Span, ...]:
    """The content, in two parts when the cue and its source stand inside it ("the weapons,
    he added, are …"): the words before and after them, without the commas around them."""
    start, end = where
    inner = [cue.start, cue.end, *(cue.source or ())]
    first, last = min(inner), max(inner)
    if not start < first or not last < end:
        return (_span(text, where),)
    before = len(text[start:first].rstrip(" ,—–-"))
    after = len(text[last:end]) - len(text[last:end].lstrip(" ,—–-"))
    parts = [(start, start + before), (last + after, end)]
    return tuple(_span(text, p) for p in parts if p[1] > p[0])


def _clause_holds(where: tuple[int, int], marked: list[Quote]) -> bool:
    """True when the cue's clause or object is its content: no quotation is attached to the
    cue, or all attached ones lie inside it, or some partial quotations do (those outside
    then belong to another, uncued report in the paragraph: "Japan branded it an “outlaw
    nation”. Russia insisted that Pyongyang “stop …”")."""
    inside = [q for q in marked if _inside(q, where)]
    return len(inside) == len(marked) or \
        (bool(inside) and all(q.kind is QuoteKind.PARTIAL for q in inside))


def _inside(quote: Quote, where: tuple[int, int]) -> bool:
    return where[0] < quote.start and quote.end < where[1]


def _span(text: str, where: tuple[int, int]) -> Span:
    return Span(where[0], where[1], text[where[0]:where[1]])
