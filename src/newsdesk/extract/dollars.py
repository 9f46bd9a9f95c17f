"""Which dollar a bare "$" (or "dollars") means, decided from context or left open.

In order: (1) a conversion next to it whose implied rate fits exactly one dollar on the
publication day; (2) "in their own currencies" after amounts each led by a country name;
(3) the outlet's country (domain suffix). When none decides, ``unit`` stays None and
``currency_candidates`` lists every dollar it could be: never a silent guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from newsdesk.extract.conversions import paired
from newsdesk.extract.currency import (
    COUNTRY_DOLLAR,
    DOLLARS,
    OWN_CURRENCIES,
    domain_dollar,
    fitting_dollars,
)
from newsdesk.model import Figure

_COUNTRY = re.compile(r"\b(" + "|".join(re.escape(c) for c in sorted(
    COUNTRY_DOLLAR, key=len, reverse=True) if c != "us") + r")\b", re.I)


def resolve_currencies(figures: Sequence[Figure], text: str, domain: str | None,
                       day: date | None, tolerance: float) -> list[Figure]:
    """``figures`` with every money figure's currency decided, or its candidates listed."""
    resolved = list(figures)
    for i, figure in enumerate(resolved):
        if figure.kind != "money":
            continue
        if figure.unit is not None:
            resolved[i] = replace(figure, currency_basis="explicit")
            continue
        unit, basis, fits = _decide(resolved, i, text, domain, day, tolerance)
        resolved[i] = replace(figure, unit=unit, currency_basis=basis,
                              currency_candidates=() if unit else fits)
    return resolved


def _decide(figures: Sequence[Figure], i: int, text: str, domain: str | None,
            day: date | None, tolerance: float
            ) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(unit, basis, candidates): a conversion that fits several dollars narrows the
    candidates to those, and then no weaker clue overrides it."""
    fits = _by_conversion(figures, i, text, day, tolerance)
    if len(fits) == 1:
        return fits[0], "conversion", ()
    if fits:
        return None, None, tuple(fits)
    named = _by_named_country(figures[i], text)
    if named:
        return named, "country named", ()
    outlet = domain_dollar(domain)
    if outlet:
        return outlet, "outlet country", ()
    return None, None, DOLLARS


def _by_conversion(figures: Sequence[Figure], i: int, text: str, day: date | None,
                   tolerance: float) -> list[str]:
    """The dollars whose ECB rate on ``day`` makes the stated conversion next to the amount
    come out right (empty when there is no conversion or none fits)."""
    if day is None or figures[i].value is None:
        return []
    partners = []
    if i > 0 and paired(figures[i - 1], figures[i], text):
        partners.append(figures[i - 1])
    if i + 1 < len(figures) and paired(figures[i], figures[i + 1], text):
        partners.append(figures[i + 1])
    for partner in partners:
        if partner.unit and partner.value is not None:
            fits = fitting_dollars(float(figures[i].value or 0), float(partner.value),
                                   partner.unit, day, tolerance)
            if fits:
                return fits
    return []


def _by_named_country(figure: Figure, text: str) -> str | None:
    """"Canada is contributing $180 million and New Zealand $95 million in their own
    currencies": the country named last before the amount, in the same sentence."""
    sentence_start = max(text.rfind(". ", 0, figure.start), text.rfind("\n", 0, figure.start))
    sentence_end = min(_find(text, ". ", figure.end), _find(text, "\n", figure.end))
    if not OWN_CURRENCIES.search(text, sentence_start + 1, sentence_end):
        return None
    named = list(_COUNTRY.finditer(text, sentence_start + 1, figure.start))
    return COUNTRY_DOLLAR[named[-1].group(1).lower()] if named else None


def _find(text: str, needle: str, start: int) -> int:
    found = text.find(needle, start)
    return len(text) if found < 0 else found
