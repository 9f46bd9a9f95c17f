"""Figures of one story about the same thing: which agree across outlets, which conflict.

Two figures are about the same thing when they are of one kind and unit (money in any
currency, converted at the ECB reference rate of the article's day; quantities in pint base
units; counts of the same noun) and their subjects share most content words (or, for counts
with no subject, count the same noun). They agree when their values lie within the rounding
tolerance (wider when either is approximate or was converted); else they conflict.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from compare_rules_v1.claims import content_words
from newsdesk.compare.wording import words
from newsdesk.model import (
    NUMERIC_FIGURE_KINDS,
    Claim,
    CompareArticle,
    Figure,
    FigureConflict,
    Passage,
)
from newsdesk.settings import CompareSettings


@dataclass(frozen=True, slots=True)
class Measured:
    """A figure with its value on a common scale and where it stands in the story."""

    figure: Figure
    value: float
    high: float
    scale: str
    subject: frozenset[str]
    key: str
    outlet: str | None
    converted: bool
    names: frozenset[str] = frozenset()
    context: str = ""


def measured(figures: Sequence[Figure], articles: Mapping[str, CompareArticle]
             ) -> list[Measured]:
    found = []
    for figure in figures:
        article = articles.get(figure.article_id)
        if article is None or article.primary or figure.kind not in NUMERIC_FIGURE_KINDS:
            continue
        if figure.conversion_of or not isinstance(figure.value, float | int):
            continue
        scaled = _scaled(figure, article.published)
        if scaled is not None:
            value, high, scale, converted = scaled
            found.append(Measured(figure, value, high, scale, _subject(figure),
                                  article.independent_key, article.outlet, converted,
                                  _subject_names(figure),
                                  _sentence(article.text, figure).lower()))
    return found


def _subject_names(figure: Figure) -> frozenset[str]:
    """Capitalised words of the subject: the names that pin down what is measured."""
    return frozenset(w.lower() for w in words(figure.subject or "") if w[:1].isupper())


def _sentence(text: str, figure: Figure) -> str:
    """The figure's sentence (from the previous full stop to the next), for context."""
    start = max(text.rfind(". ", 0, figure.start), text.rfind("\n", 0, figure.start)) + 1
    ends = [i for i in (text.find(". ", figure.end), text.find("\n", figure.end)) if i >= 0]
    return text[start: min(ends) if ends else len(text)]


def _subject(figure: Figure) -> frozenset[str]:
    return content_words(figure.subject or "")


def _scaled(figure: Figure, published: str | None) -> tuple[float, float, str, bool] | None:
    value = float(figure.value or 0.0)
    high = float(figure.value_high) if figure.value_high is not None else value
    if figure.kind == "money":
        return _in_euros(value, high, figure.unit, published)
    if figure.kind == "quantity":
        return _in_base_units(value, high, figure.unit)
    if figure.kind == "count":
        noun = _singular(figure.unit or "")
        return (value, high, f"count:{noun}", False) if noun else None
    return value, high, "percent", False


def _in_euros(value: float, high: float, unit: str | None, published: str | None
              ) -> tuple[float, float, str, bool] | None:
    if not unit:
        return None
    if unit == "EUR":
        return value, high, "money", False
    rate = _rate(unit, (published or "")[:10])
    return None if rate is None else (value * rate, high * rate, "money", True)


@lru_cache(maxsize=4096)
def _rate(unit: str, day: str) -> float | None:
    try:
        when = date.fromisoformat(day) if day else None
        return float(_converter().convert(1.0, unit, "EUR", date=when))
    except (ValueError, KeyError, RuntimeError):
        return None


@lru_cache(maxsize=1)
def _converter() -> Any:
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def _in_base_units(value: float, high: float, unit: str | None
                   ) -> tuple[float, float, str, bool] | None:
    if not unit:
        return None
    try:
        registry = _units()
        factor = registry.Quantity(1.0, unit).to_base_units()
    except Exception:
        return None
    return value * factor.magnitude, high * factor.magnitude, f"qty:{factor.units}", False


@lru_cache(maxsize=1)
def _units() -> Any:
    import pint

    return pint.UnitRegistry()


def _singular(noun: str) -> str:
    words = noun.lower().split()
    if not words:
        return ""
    last = words[-1]
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return " ".join([*words[:-1], last])


def same_thing(a: Measured, b: Measured, cfg: CompareSettings) -> bool:
    """One kind and scale; no name in one subject that the other figure's sentence lacks
    ("jobs at its Filton site" is not "jobs" in Adelaide); subjects sharing most words
    (counts of one noun need no more)."""
    if a.scale != b.scale or not _names_shared(a, b) or not _names_shared(b, a):
        return False
    if not a.subject or not b.subject:
        return a.scale.startswith("count:")
    shared = len(a.subject & b.subject) / min(len(a.subject), len(b.subject))
    return shared >= cfg.subject_similarity or a.scale.startswith("count:")


def _names_shared(a: Measured, b: Measured) -> bool:
    return all(name in b.context for name in a.names)


def agree(a: Measured, b: Measured, cfg: CompareSettings) -> bool:
    """Within rounding: ranges that overlap, or values within the named tolerance."""
    if a.value <= b.high and b.value <= a.high:
        return True
    loose = a.figure.approximate or b.figure.approximate or a.converted or b.converted
    tolerance = cfg.approximate_tolerance if loose else cfg.figure_tolerance
    top = max(abs(a.value), abs(b.value))
    return top > 0 and abs(a.value - b.value) / top <= tolerance


def subjects(found: Sequence[Measured], cfg: CompareSettings) -> list[list[Measured]]:
    """Figures grouped by what they measure (connected through ``same_thing``)."""
    groups: list[list[Measured]] = []
    for item in found:
        home = next((g for g in groups if any(same_thing(item, m, cfg) for m in g)), None)
        if home is None:
            groups.append([item])
        else:
            home.append(item)
    return groups


def value_classes(group: Sequence[Measured], cfg: CompareSettings) -> list[list[Measured]]:
    """The group's figures split into values that agree with each other."""
    classes: list[list[Measured]] = []
    for item in sorted(group, key=lambda m: m.value):
        if classes and agree(classes[-1][0], item, cfg):
            classes[-1].append(item)
        else:
            classes.append([item])
    return classes


def conflicts_and_agreements(story_id: str, found: Sequence[Measured],
                             passages: Mapping[str, Passage], cfg: CompareSettings
                             ) -> tuple[list[FigureConflict], list[Claim]]:
    conflicts, agreements = [], []
    for group in subjects(found, cfg):
        if len({m.key for m in group}) < 2:
            continue
        classes = value_classes(group, cfg)
        disputed = _comparable(_disputed(classes), cfg)
        if len(disputed) > 1:
            conflicts.append(_conflict(story_id, group, disputed))
        for members in classes:
            if len({m.key for m in members}) >= 2:
                agreements.append(_agreement(story_id, members, passages))
    return conflicts, agreements


def _disputed(classes: Sequence[Sequence[Measured]]) -> list[Sequence[Measured]]:
    """The values some independent source gives that the others contradict.

    A value given only by sources that also give another value of the group is a different
    fact to them (a part, a step, an earlier state: "two of the six vessels"), not a
    disagreement; the values left each have a source giving no other, and conflict."""
    keys = [{m.key for m in c} for c in classes]
    kept = [i for i, own in enumerate(keys)
            if not own <= set().union(*(k for j, k in enumerate(keys) if j != i))]
    return [classes[i] for i in kept] if len(kept) > 1 else []


def _comparable(classes: list[Sequence[Measured]], cfg: CompareSettings
                ) -> list[Sequence[Measured]]:
    """Disputed values that can be one number reported differently: in one currency (an
    amount in two currencies hangs on an exchange rate) and within ``max_conflict_ratio``."""
    if len(classes) < 2:
        return []
    units = {m.figure.unit for c in classes for m in c}
    low = min(abs(c[0].value) for c in classes)
    high = max(abs(c[-1].value) for c in classes)
    if len(units) > 1 or low <= 0 or high / low > cfg.max_conflict_ratio:
        return []
    return classes


def _conflict(story_id: str, group: Sequence[Measured],
              classes: Sequence[Sequence[Measured]]) -> FigureConflict:
    ids = tuple(m.figure.id for c in classes for m in c)
    values = tuple(_label(c) for c in classes)
    first = group[0].figure
    what = first.subject or first.unit or first.kind
    note = f"{what}: " + " vs ".join(
        f"{_label(c)} ({', '.join(sorted({m.outlet or m.key for m in c}))})" for c in classes)
    digest = hashlib.sha256(":".join([story_id, *sorted(ids)]).encode()).hexdigest()[:16]
    return FigureConflict("x-" + digest, story_id, ids,
                          tuple(dict.fromkeys(m.figure.article_id for c in classes for m in c)),
                          first.kind, first.unit, first.subject, values, note,
                          len({m.key for m in group}))


def _label(members: Sequence[Measured]) -> str:
    return " / ".join(dict.fromkeys(m.figure.text for m in members))


def _agreement(story_id: str, members: Sequence[Measured],
               passages: Mapping[str, Passage]) -> Claim:
    first = members[0].figure
    found = tuple(passages.get(m.figure.id) or Passage(m.figure.article_id, m.figure.start,
                                                        m.figure.end, m.figure.text)
                  for m in members)
    claim = f"{first.text}" + (f" ({first.subject})" if first.subject else "")
    keys = tuple(sorted({m.key for m in members}))
    digest = hashlib.sha256(":".join([story_id, *sorted(m.figure.id for m in members)]
                                     ).encode()).hexdigest()[:16]
    return Claim("c-" + digest, story_id, "figure", claim, found,
                 tuple(dict.fromkeys(m.figure.article_id for m in members)),
                 tuple(dict.fromkeys(m.outlet for m in members if m.outlet)), len(keys), keys)
