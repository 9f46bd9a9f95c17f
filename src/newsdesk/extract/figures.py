"""Figures of one article: money, percentages, counts, quantities and dates, normalised.

``find_figures(article, mentions, nlp, cfg)`` is a pure function of the article (its text,
outlet domain and publication date), its stored NER mentions and a spaCy pipeline. Money,
percentages and quantities come from regular expressions (``patterns.py``), counts from the
parse of the sentences that hold numbers ("12 long-range drones", "a crew of 58"), dates from
``dates.py``. Then "$" is resolved (``currency.py``), "X (Y)" conversions are checked, and each
figure gets the phrase it measures (``subjects.py``). Only sentences holding a figure are
parsed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsdesk.extract.conversions import check_conversions, merge_compounds
from newsdesk.extract.dates import find_dates, local_day
from newsdesk.extract.dollars import resolve_currencies
from newsdesk.extract.numbers import NUMBER, parse_number, scale
from newsdesk.extract.patterns import hedged, scan
from newsdesk.extract.sentences import Sentence, split_sentences
from newsdesk.extract.subjects import subject_of
from newsdesk.model import Article, Figure, Mention
from newsdesk.settings import FigureSettings

PRODUCER = "extract.figures@2"  # @2: back-references, periods, votes, splits, holders
# The parse needs these; NER is not re-run (its spans come from the store).
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
# NER labels the stage reads: numbers inside dates, times, ordinals are not counts; GPE/NORP
# name the countries whose currency "in their own currencies" means.
MENTION_LABELS = ("DATE", "TIME", "ORDINAL", "GPE", "NORP", "MONEY", "PERCENT", "QUANTITY",
                  "CARDINAL", "PRODUCT", "FAC", "LAW", "EVENT", "WORK_OF_ART")
# Numbers inside these name a day, a time, a rank, a product ("737 MAX 9"), a place, a law
# or an event; they count nothing.
_NOT_COUNTS = {"DATE", "TIME", "ORDINAL", "PRODUCT", "FAC", "LAW", "EVENT", "WORK_OF_ART"}
_CANDIDATE = re.compile(rf"(?<![\w.,:$£€/-])(?P<num>{NUMBER})"
                        r"(?P<scale>\s(?:thousand|million|billion|trillion))?(?![\w%:]|[.,]\d|-\w)")
# "Boeing 737", "Flight 370", "Chapter 11", "Article 5": a number right after a capitalised
# word inside a sentence names something; it counts nothing.
_NAMED_NUMBER = re.compile(r"(?<=[a-z,;] )[A-Z][A-Za-z&]+ $|(?<=\w )[A-Z][A-Za-z&]+ $")
_NOT_NAMES = {"About", "Some", "Nearly", "Almost", "Around", "Roughly", "Only", "The", "All",
              "Over", "Under", "At", "Up", "More", "Fewer", "Less", "Another", "Those", "These",
              "Its", "Their", "His", "Her", "Our", "With", "And", "Of", "In", "By", "For"}
# Page furniture that reads like a figure: reading time, comment counts, clock times.
FURNITURE = re.compile(
    r"^\s*\d+\s+mins?\.?\s+(?:to\s+)?read\s*$|^\s*(?:\d+\s+)?Comments?\s*(?:\(\d+\))?\s*$|"
    r"\b\d{1,2}:\d{2}(?:\s?(?:[ap]\.?m\.?|[A-Z]{2,4}))?|"
    r"\b\d{1,2}\.\d{2}\s?(?:[ap]\.?m\.?|GMT|BST|UTC|AEDT|AEST|NZDT|NZST|ET|EDT|EST|PT|CET)\b",
    re.M | re.I)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_MONTH_AFTER = re.compile(
    r"\s*(?:(?:and|or|to|-|–)\s*\d{1,2}\s*)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_RATE = re.compile(r"\s+(?:a|per|each)\s+(day|week|month|year)\b")
_PEOPLE = {"people", "persons", "workers", "staff"}
_PERIODS = {"day", "week", "month", "year"}
# "the two countries", "all three ministers": a spelled-out number after a definite
# determiner points back at things already named; it states no amount. Digits ("the 380
# workers") and "the first two aircraft" still count. (Annotation guideline, bench/figures.py.)
_POINTS_BACK = re.compile(r"\b(?:the|these|those|all|both)\s+$", re.I)
_MULTIPLIES = {"as", "more", "less", "fewer", "the", "that", "higher", "larger", "bigger",
               "greater", "faster", "over", "what", "a", "its", "their"}
_NOT_COUNTED = {"per", "cent", "percent", "%", "time", "times", "of", "point", "points"}


def find_figures(article: Article, mentions: Sequence[Mention], nlp: Language,
                 cfg: FigureSettings) -> list[Figure]:
    """Every figure in ``article``'s text, in text order, with subjects and checks."""
    text = article.text[: cfg.max_chars]
    day = local_day(article.published, article.outlet_domain, text)
    dates = find_dates(article.id, text, day)
    furniture = [(m.start(), m.end()) for m in FURNITURE.finditer(text)]
    found = [f for f in scan(article.id, text)
             if not _inside_any(f, dates) and not _overlaps(f.start, f.end, furniture)]
    sentences = split_sentences(text)
    candidates = _count_candidates(text, [*found, *dates], mentions)
    docs = _parse(nlp, sentences, [*found, *candidates])
    counts = _apart([hedged(c, text) for c in _counts(article.id, text, docs, candidates)],
                    found)
    figures = merge_compounds(sorted([*found, *counts], key=lambda f: f.start), text)
    figures = resolve_currencies(figures, text, article.outlet_domain, day,
                                 cfg.conversion_tolerance)
    figures = check_conversions(figures, text, day, cfg)
    figures = _with_subjects(figures, docs, dates)
    return sorted([*figures, *dates], key=lambda f: f.start)


def _with_subjects(figures: Sequence[Figure], docs: Sequence[tuple[int, Doc]],
                   dates: Sequence[Figure]) -> list[Figure]:
    """Each figure's subject, in words of no other figure or date; a conversion measures
    what the figure it converts measures."""
    found: list[Figure] = []
    others = [*figures, *dates]
    for figure in figures:
        converted = next((f for f in found if f.id == figure.conversion_of), None)
        spread = _spread_over(figure, found, docs)
        subject = (converted.subject if converted else
                   f"period of {spread.subject}" if spread and spread.subject else
                   subject_of(figure, docs, others))
        found.append(replace(figure, subject=subject))
    return found


def _spread_over(period: Figure, before: Sequence[Figure],
                 docs: Sequence[tuple[int, Doc]]) -> Figure | None:
    """The amount an exact "over five years" spreads: the last money figure of its sentence
    before it ("will spend $240 million over four years")."""
    if period.kind != "quantity" or period.approximate or period.unit not in _PERIODS:
        return None
    if not re.search(r"\bover\s+$", period_text_before(period, docs)):
        return None
    sentence = next(((off, doc) for off, doc in docs if off <= period.start < off + len(doc.text)),
                    None)
    if sentence is None:
        return None
    off, doc = sentence
    money = [f for f in before if f.kind == "money" and off <= f.start < period.start]
    if not money or not money[-1].subject:
        return None
    last = money[-1].subject.split()[-1]
    verbs = {t.text for t in doc if t.pos_ in ("VERB", "AUX")}
    return None if last in verbs else money[-1]  # "Its contribution brings": no noun phrase


def period_text_before(figure: Figure, docs: Sequence[tuple[int, Doc]]) -> str:
    for off, doc in docs:
        if off <= figure.start < off + len(doc.text):
            return doc.text[max(0, figure.start - off - 12):figure.start - off]
    return ""


def _apart(counts: Sequence[Figure], found: Sequence[Figure]) -> list[Figure]:
    """Counts that share no character with a figure found before them, or with each other
    (a count reaches to its noun, which may sit inside another figure)."""
    kept: list[Figure] = []
    for count in counts:
        if not _overlaps(count.start, count.end, [(f.start, f.end) for f in [*found, *kept]]):
            kept.append(count)
    return kept


def _inside_any(figure: Figure, others: Sequence[Figure]) -> bool:
    return any(o.start <= figure.start and figure.end <= o.end for o in others)


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < s_end and s_start < end for s_start, s_end in spans)


def _count_candidates(text: str, taken: Sequence[Figure],
                      mentions: Sequence[Mention]) -> list[Figure]:
    """Numbers not already part of a figure, a date, a time or an ordinal."""
    blocked = [(f.start, f.end) for f in taken]
    blocked += [(m.start(), m.end()) for m in FURNITURE.finditer(text)]
    blocked += [(m.start, m.end) for m in mentions
                if m.label in _NOT_COUNTS and not _bare_number(m.text, text[m.end:m.end + 20])]
    found = []
    for m in _CANDIDATE.finditer(text):
        if _overlaps(m.start(), m.end(), blocked) or _YEAR.fullmatch(m["num"]):
            continue
        value = parse_number(m["num"])
        if value is not None and not _names_something(text, m.start()):
            value *= scale(m["scale"].strip()) if m["scale"] else 1.0
            found.append(Figure("", m.start(), m.end(), m.group(0), "count", value, None))
    return found


def _names_something(text: str, start: int) -> bool:
    named = _NAMED_NUMBER.search(text, max(0, start - 30), start)
    return named is not None and named.group(0).strip() not in _NOT_NAMES


def _bare_number(text: str, after: str) -> bool:
    """A DATE/TIME mention that is a lone number and no year ("a crew of 58" tagged DATE by
    the small model) dates nothing: the number may still count something — unless a month
    follows ("on 3 and 4 March")."""
    return text.isdigit() and _YEAR.fullmatch(text) is None and not _MONTH_AFTER.match(after)


def _parse(nlp: Language, sentences: Sequence[Sentence],
           figures: Sequence[Figure]) -> list[tuple[int, Doc]]:
    """(offset, parse) of each sentence holding a figure or a candidate number."""
    needed = [s for s in sentences if any(s.start <= f.start < s.end for f in figures)]
    return list(zip([s.start for s in needed], nlp.pipe(s.text for s in needed), strict=True))


def _counts(article_id: str, text: str, docs: Sequence[tuple[int, Doc]],
            candidates: Sequence[Figure]) -> list[Figure]:
    found = []
    for candidate in candidates:
        token = _last_token(docs, candidate)
        counted = _counted_noun(token) if token is not None else None
        if token is None or counted is None or candidate.value == 1:
            continue  # "one of the aircraft", "one official": a determiner, not a figure
        if _points_back(text, candidate) and not _defined_here(counted):
            continue
        offset = _offset(docs, candidate)
        found.append(_count_figure(article_id, text, candidate, counted, offset))
    return found


def _defined_here(noun: Token) -> bool:
    """ "the two central bankers who dissented": a defining clause says which ones; new
    information. After a comma ("the two founders, who own 15% each,") it only adds to
    things already named."""
    return any(child.dep_ in ("relcl", "acl") and child.left_edge.i > 0
               and noun.doc[child.left_edge.i - 1].text != "," for child in noun.children)


def _points_back(text: str, candidate: Figure) -> bool:
    spelled = candidate.text.isalpha()
    return spelled and _POINTS_BACK.search(text, max(0, candidate.start - 8),
                                           candidate.start) is not None


def _offset(docs: Sequence[tuple[int, Doc]], figure: Figure) -> int:
    return next(off for off, doc in docs if off <= figure.start < off + len(doc.text))


def _last_token(docs: Sequence[tuple[int, Doc]], figure: Figure) -> Token | None:
    for offset, doc in docs:
        if offset <= figure.start < offset + len(doc.text):
            inside = [t for t in doc if offset + t.idx < figure.end
                      and offset + t.idx + len(t) > figure.start]
            return inside[-1] if inside else None
    return None


def _counted_noun(token: Token) -> Token | None:
    """The noun a number counts: "12 drones", "crew of 58", "15 of the analysts"."""
    head = token.head
    of_noun = _noun_before_of(token)
    if of_noun is not None:
        return of_noun
    if token.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.i > token.i:
        return head if _countable(head) else None
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.i < token.i:
        return head.head if _countable(head.head) else None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj" and _countable(c)]
            if objects:
                return objects[0]
    return None


def _noun_before_of(token: Token) -> Token | None:
    """ "a crew of 58 and 12 missiles": a number after "<noun> of" and before a conjunction or
    punctuation counts that noun, whatever the parser attached it to."""
    doc = token.doc
    if token.i == 0 or doc[token.i - 1].lower_ != "of":
        return None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is not None and after.pos_ not in ("CCONJ", "PUNCT"):
        return None
    noun = doc[token.i - 1].head
    return noun if noun.i < token.i and _countable(noun) else None


def _countable(noun: Token) -> bool:
    if noun.lower_ == "times":
        return _how_often(noun)
    return noun.pos_ in ("NOUN", "PROPN") and noun.lower_ not in _NOT_COUNTED


def _how_often(times: Token) -> bool:
    """ "redesigned four times" counts occasions; "four times as many", "four times the
    cost" multiply."""
    after = times.doc[times.i + 1] if times.i + 1 < len(times.doc) else None
    return times.head.pos_ == "VERB" and (after is None or after.lower_ not in _MULTIPLIES)


def _count_figure(article_id: str, text: str, candidate: Figure, noun: Token,
                  offset: int) -> Figure:
    noun_start, noun_end = offset + noun.idx, offset + noun.idx + len(noun)
    start, end = min(candidate.start, noun_start), max(candidate.end, noun_end)
    unit = _unit_words(noun)
    if unit in _PEOPLE and noun.head.lemma_ in ("employ", "hire"):
        unit = "employees"  # "Hebburn Marine employs 380 people": its workforce
    rate = _RATE.match(text, end)
    if rate:
        unit, end = f"{unit} per {rate.group(1)}", rate.end()
    return Figure(article_id, start, end, text[start:end], "count", candidate.value, unit)


def _unit_words(noun: Token) -> str:
    """The counted noun with the nouns compounded onto it: "patrol vessels"."""
    words = [noun.lower_]
    for left in reversed(list(noun.lefts)):
        if left.dep_ != "compound" or left.pos_ != "NOUN" or left.i != noun.i - len(words):
            break
        if left.i > 0 and noun.doc[left.i - 1].text == "-":  # "long-range drones"
            break
        words.insert(0, left.lower_)
    return " ".join(words)
