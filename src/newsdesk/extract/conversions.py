"""Conversions stated next to a figure ("$2.4 billion (US$1.5 billion)", "eight miles (18
kilometers)", "€660m, or roughly £550m") checked against ECB rates and pint, and compound
quantities ("34 hours and 20 minutes") joined into one figure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache

import pint

from newsdesk.extract.currency import rate
from newsdesk.model import Figure
from newsdesk.settings import FigureSettings

# What may stand between a figure and its conversion: "(", ", or", " – ", ", " (the last only
# before a hedged figure: "150 million euros, about $164 million").
PAIRED = re.compile(r"\s*(?:\(|,?\s+or\s+|\s[-–—]\s)\s*$")
LISTED = re.compile(r"\s*,\s*$")
_AND = re.compile(r"\s+and\s+$")


@lru_cache(maxsize=1)
def units() -> pint.UnitRegistry[float]:
    return pint.UnitRegistry()


def convert(value: float, unit: str, target: str) -> float | None:
    """``value`` ``unit`` in ``target`` units; None when the dimensions differ."""
    registry = units()
    try:
        return float(registry.Quantity(value, unit).to(target).magnitude)
    except (pint.errors.DimensionalityError, pint.errors.UndefinedUnitError):
        return None


def paired(first: Figure, second: Figure, text: str) -> bool:
    """True when ``second`` is written as a conversion of ``first``."""
    between = text[first.end:second.start]
    if first.kind != second.kind or first.kind not in ("money", "quantity"):
        return False
    if len(between) > 12:
        return False
    return bool(PAIRED.fullmatch(between) or (second.approximate and LISTED.fullmatch(between)))


def check_conversions(figures: Sequence[Figure], text: str, day: date | None,
                      cfg: FigureSettings) -> list[Figure]:
    """``figures`` with each conversion marked: which figure it converts, right or not."""
    checked = list(figures)
    for i in range(1, len(checked)):
        first, second = checked[i - 1], checked[i]
        if not paired(first, second, text) or first.value is None or second.value is None:
            continue
        expected = _expected(first, second, day)
        if expected is None:
            continue
        tolerance = (cfg.conversion_tolerance if first.kind == "money"
                     else cfg.unit_conversion_tolerance)
        ok = abs(float(second.value) - expected) <= tolerance * expected
        checked[i] = replace(second, conversion_of=first.id, conversion_ok=ok,
                             expected_value=round(expected, 6))
    return checked


def _expected(first: Figure, second: Figure, day: date | None) -> float | None:
    if not first.unit or not second.unit or first.unit == second.unit:
        return None
    if first.kind == "money":
        r = rate(first.unit, second.unit, day) if day else None
        return None if r is None else float(first.value or 0) * r
    return convert(float(first.value or 0), first.unit, second.unit)


def merge_compounds(figures: Sequence[Figure], text: str) -> list[Figure]:
    """"34 hours and 20 minutes" as one quantity in the first unit."""
    merged: list[Figure] = []
    for figure in figures:
        last = merged[-1] if merged else None
        if last is not None and _compound(last, figure, text):
            extra = convert(float(figure.value or 0), figure.unit or "", last.unit or "")
            merged[-1] = replace(last, end=figure.end, text=text[last.start:figure.end],
                                 value=round(float(last.value or 0) + (extra or 0), 6))
        else:
            merged.append(figure)
    return merged


def _compound(first: Figure, second: Figure, text: str) -> bool:
    if first.kind != "quantity" or second.kind != "quantity" or not first.unit:
        return False
    if not _AND.fullmatch(text[first.end:second.start]) or second.approximate:
        return False
    smaller = convert(1.0, second.unit or "", first.unit)
    return smaller is not None and smaller < 1.0
