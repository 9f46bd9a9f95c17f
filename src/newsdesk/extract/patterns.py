"""Money, percentages and quantities found by regular expressions over the article text.

spaCy's small model misses or mis-bounds many figures ("1.2bn" without its "€",
"$180-million"), so these forms are matched directly; counts need the parse and live in
``figures.py``. Each hit is a ``Figure`` with the hedge word ("about", "more than") inside its
span and ``approximate`` set.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsdesk.extract.currency import PREFIXES, SUFFIXES
from newsdesk.extract.numbers import DIGITS, NUMBER, SCALE, WORD_NUMBER, parse_number, scale
from newsdesk.model import Figure

HEDGES = (
    "about", "around", "roughly", "some", "nearly", "almost", "approximately", "close to",
    "more than", "over", "at least", "up to", "fewer than", "less than", "under", "just over",
    "just under", "an estimated", "upwards of", "as many as", "as much as", "in excess of",
    "at most", "almost exactly", "approx.", "c.", "an approximate",
)
_HEDGE = re.compile(
    r"(?:\b(?:" + "|".join(re.escape(h) for h in sorted(HEDGES, key=len, reverse=True))
    + r")\s+)$", re.I)

_PREFIX = "|".join(re.escape(p) + (r"\s?" if p.isalpha() else "")
                   for p in sorted(PREFIXES, key=len, reverse=True))
_SUFFIX = "|".join(re.escape(s) for s in sorted(SUFFIXES, key=len, reverse=True))
_RANGE = rf"(?:\s?(?:-|–|to)\s?(?:{_PREFIX})?(?P<high>{DIGITS}))?"
_RANGE_START = rf"\s?(?:-|–|to)\s?(?:{_PREFIX})?\d"  # "$2.1bn| to $2.3bn"

MONEY_PREFIX = re.compile(
    rf"(?<![\w$£€])(?P<cur>{_PREFIX})(?P<num>{DIGITS})(?:(?P<low_scale>{SCALE})(?={_RANGE_START}))?"
    rf"{_RANGE}(?P<scale>{SCALE})?(?!\w)")
MONEY_SUFFIX = re.compile(
    rf"(?<![\w$£€.,])(?P<num>{NUMBER})(?P<scale>{SCALE})?[ -](?P<cur>(?i:{_SUFFIX}))\b")
# German: "1,2 Mrd. Euro", "350 Mio. Euro"
MONEY_GERMAN = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:\.\d{3})*(?:,\d+)?)\s(?P<scale>Mrd\.|Mio\.|Milliarden|"
    r"Millionen)\s(?P<cur>Euro|Dollar|Pfund)\b")
_GERMAN_CURRENCY = {"Euro": "EUR", "Dollar": None, "Pfund": "GBP"}

PERCENT = re.compile(
    rf"(?<![\w.,])(?P<num>{NUMBER})(?:\s?(?:-|–|to)\s?(?P<high>{DIGITS}))?"
    r"(?P<unit>\s?%|[\s-]per[\s-]?cent\b|[\s-]percent\b|\spercentage[\s-]points?\b|\spc\b"
    r"|\sbasis[\s-]points?\b|\sbps\b)")

# Unit words -> pint unit names. Bare "m" and "yards" are left out: "12m" is usually money
# or people, and "three yards" shipyards.
UNITS = {
    "nautical miles": "nautical_mile", "nautical mile": "nautical_mile", "nmi": "nautical_mile",
    "kilometres": "kilometer", "kilometers": "kilometer", "kilometre": "kilometer",
    "kilometer": "kilometer", "km": "kilometer", "miles": "mile", "mile": "mile",
    "metres": "meter", "meters": "meter", "metre": "meter", "meter": "meter",
    "centimetres": "centimeter", "centimeters": "centimeter", "cm": "centimeter",
    "millimetres": "millimeter", "millimeters": "millimeter", "mm": "millimeter",
    "feet": "foot", "foot": "foot", "ft": "foot", "inches": "inch", "inch": "inch",
    "kilograms": "kilogram", "kilogram": "kilogram", "kg": "kilogram", "tonnes": "metric_ton",
    "tonne": "metric_ton", "tons": "metric_ton", "litres": "liter", "liters": "liter",
    "hectares": "hectare", "acres": "acre", "square kilometres": "kilometer ** 2",
    "square kilometers": "kilometer ** 2", "sq km": "kilometer ** 2", "knots": "knot",
    "km/h": "kilometer / hour", "mph": "mile / hour", "megawatts": "megawatt", "MW": "megawatt",
    "gigawatts": "gigawatt", "GW": "gigawatt", "hours": "hour", "hour": "hour", "hrs": "hour",
    "minutes": "minute", "minute": "minute", "mins": "minute", "min": "minute",
    "seconds": "second", "kilowatt-hours": "kilowatt_hour", "kWh": "kilowatt_hour",
    "kilowatts": "kilowatt", "kW": "kilowatt", "horsepower": "horsepower", "hp": "horsepower",
    "ounces": "ounce", "oz": "ounce", "lbs": "pound", "gallons": "gallon", "barrels": "barrel",
    "days": "day", "day": "day", "weeks": "week", "week": "week", "months": "month",
    "month": "month", "years": "year", "year": "year",
}
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
QUANTITY = re.compile(
    rf"(?<![\w.,$£€])(?P<num>{NUMBER}|(?i:an?)|half an?)"
    rf"(?:\s?(?:-|–|to)\s?(?P<high>{DIGITS}))?[\s-]?(?P<unit>{_UNIT})(?![\w/])"
    r"(?P<half>\sand\sa\shalf)?")
# A vote tally: "voted 11-5", "passed by 52 votes to 48", "a 6-3 ruling".
VOTES = re.compile(
    r"\b(?:(?:voted|vote of|votes? by|passed|approved|rejected)\s+(?:by\s+)?(?P<yes>\d{1,4})"
    r"\s?[-–]\s?(?P<no>\d{1,4})|by\s+(?P<yes2>\d{1,4})\s+votes?\s+to\s+(?P<no2>\d{1,4})"
    r"|(?<![\w.,-])(?P<yes3>\d{1,2})\s?[-–]\s?(?P<no3>\d{1,2})(?=\s+(?:ruling|decision|vote|"
    r"verdict|majority)\b))\b")
# A split of 100 ("split the cost 55-45", "a 60/40 share"): two percentages. The two numbers
# must add up to 100 and a word of sharing must stand in the same sentence, so scores and
# vote tallies are not read as shares.
SPLIT = re.compile(r"(?<![\w.,-])(?P<a>\d{1,2})\s?[-–/]\s?(?P<b>\d{1,2})(?![\w%-]|[.,]\d)")
_SHARING = re.compile(r"\b(?:split|share|shares|shared|cost|costs|pay|paying|divide|divided|"
                      r"ratio|settled on)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
# "a three-nation operation", "a 12-member panel": a hyphenated number before a collective
# noun counts that noun. A closed list: "two-way", "four-square", "three-point", "two-state
# solution", "two-party system" are no counts.
COMPOUND_COUNT = re.compile(
    rf"(?<![\w.,-])(?P<num>{NUMBER})-(?P<noun>nation|country|member|judge|seat|storey|story|bed|"
    r"vessel|ship|engine|person|man|woman)(?![\w-])")
_PLURALS = {"country": "countries", "storey": "storeys", "story": "stories", "man": "men",
            "woman": "women", "person": "people"}
# A duration that dates something ("10 days after", "a week ago") is a date, not a figure.
RELATIVE_AFTER = re.compile(r"\s+(?:ago|earlier|later|after|before|from now|since)\b", re.I)
_TIME_UNITS = {"hour", "minute", "second", "day", "week", "month", "year"}
# "cost €1.2bn over five years": "over" before a duration names the period, not a hedge —
# unless a word before it asks how long ("for over five hours", "lasted over an hour").
_LONGER_THAN = re.compile(
    r"\b(?:for|in|after|of|just|well|than|lasted|lasting|took|taking|spent|waited)\s+$", re.I)


def scan(article_id: str, text: str) -> list[Figure]:
    """Money, percentages and quantities in ``text``, in text order, without overlaps."""
    found = [*_money(article_id, text), *_percent(article_id, text),
             *_quantities(article_id, text), *_votes(article_id, text),
             *_splits(article_id, text), *_compound_counts(article_id, text)]
    return [hedged(f, text) for f in _without_overlaps(found)]


def hedged(figure: Figure, text: str) -> Figure:
    """``figure`` with a hedge word just before it taken into its span."""
    match = _HEDGE.search(text, max(0, figure.start - 20), figure.start)
    if not match or _names_period(figure, text, match.start()):
        return figure
    return Figure(figure.article_id, match.start(), figure.end, text[match.start():figure.end],
                  figure.kind, figure.value, figure.unit, True, value_high=figure.value_high,
                  currency_candidates=figure.currency_candidates)


def _names_period(figure: Figure, text: str, hedge_start: int) -> bool:
    """ "over five years" after an amount is the period it is spread over, exactly."""
    if figure.kind != "quantity" or figure.unit not in _TIME_UNITS:
        return False
    if text[hedge_start:figure.start].strip().lower() != "over":
        return False
    return not _LONGER_THAN.search(text, max(0, hedge_start - 12), hedge_start)


def _money(article_id: str, text: str) -> Iterator[Figure]:
    for m in MONEY_PREFIX.finditer(text):
        for part in _range_or_change(text, m):
            yield _money_figure(article_id, part, PREFIXES[part["cur"].strip()], ".")
    for m in MONEY_SUFFIX.finditer(text):
        if m["num"].lower() in ("a", "an"):
            continue
        yield _money_figure(article_id, m, SUFFIXES[m["cur"].lower()], ".")
    for m in MONEY_GERMAN.finditer(text):
        yield _money_figure(article_id, m, _GERMAN_CURRENCY[m["cur"]], ",")


def _range_or_change(text: str, m: re.Match[str]) -> list[re.Match[str]]:
    """ "$2.1bn to $2.3bn" is a range; "from $2.4 billion to $2.71 billion" and "$90 million to
    $1.97 billion" are two amounts, a change."""
    if not m["low_scale"] or not m["high"]:
        return [m]
    changed = text[max(0, m.start() - 5):m.start()].lower().strip() == "from"
    if not changed and scale(m["low_scale"]) == scale(m["scale"] or m["low_scale"]):
        return [m]
    low = MONEY_PREFIX.match(text, m.start(), m.end("low_scale"))
    high = MONEY_PREFIX.search(text, m.end("low_scale"), m.end())
    return [part for part in (low, high) if part is not None]


def _money_figure(article_id: str, m: re.Match[str], unit: str | None,
                  decimal: str) -> Figure:
    number = parse_number(m["num"], decimal)
    factor = scale(m["scale"] or m.groupdict().get("low_scale"))
    high = m.groupdict().get("high")
    high_value = parse_number(high) if high else None
    return Figure(article_id, m.start(), m.end(), m.group(0), "money",
                  None if number is None else number * factor, unit,
                  value_high=None if high_value is None else high_value * factor)


def _percent(article_id: str, text: str) -> Iterator[Figure]:
    for m in PERCENT.finditer(text):
        number = parse_number(m["num"])
        if number is None:
            continue
        unit = ("basis points" if "basis" in m["unit"] or "bps" in m["unit"] else
                "percentage points" if "point" in m["unit"] else "%")
        high = parse_number(m["high"]) if m["high"] else None
        yield Figure(article_id, m.start(), m.end(), m.group(0), "percent", number, unit,
                     value_high=high)


def _quantities(article_id: str, text: str) -> Iterator[Figure]:
    for m in QUANTITY.finditer(text):
        unit = UNITS[m["unit"]]
        number = _quantity_number(m["num"], unit, bool(m["half"]))
        if number is None or _dates_something(text, m, unit):
            continue
        if m["half"]:
            number += 0.5
        high = parse_number(m["high"]) if m["high"] else None
        yield Figure(article_id, m.start(), m.end(), m.group(0), "quantity", number, unit,
                     value_high=high)


def _votes(article_id: str, text: str) -> Iterator[Figure]:
    for m in VOTES.finditer(text):
        suffix = "" if m["yes"] else "2" if m["yes2"] else "3"
        for group, unit in (("yes" + suffix, "votes in favour"), ("no" + suffix, "votes against")):
            yield Figure(article_id, m.start(group), m.end(group), m[group], "count",
                         float(m[group]), unit)


def _splits(article_id: str, text: str) -> Iterator[Figure]:
    for m in SPLIT.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if a + b != 100 or not _SHARING.search(_sentence_around(text, m.start(), m.end())):
            continue
        for group in ("a", "b"):
            yield Figure(article_id, m.start(group), m.end(group), m[group], "percent",
                         float(m[group]), "%")


def _sentence_around(text: str, start: int, end: int) -> str:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0:after.start() if after else len(text)]


def _compound_counts(article_id: str, text: str) -> Iterator[Figure]:
    for m in COMPOUND_COUNT.finditer(text):
        number = parse_number(m["num"])
        if number is None or number == 1:
            continue
        noun = m["noun"].lower()
        yield Figure(article_id, m.start(), m.end(), m.group(0), "count", number,
                     _PLURALS.get(noun, noun + "s"))


def _quantity_number(word: str, unit: str, half: bool) -> float | None:
    lowered = word.lower()
    if lowered in ("a", "an"):  # "an hour and a half", "an hour"; not "a week", "a year"
        return 1.0 if half or unit in ("hour", "minute") else None
    if lowered.startswith("half"):
        return 0.5
    return parse_number(word)


def _dates_something(text: str, m: re.Match[str], unit: str) -> bool:
    """ "10 days after the audit" dates; "suspended for 24 hours after the incident" lasts."""
    if unit not in _TIME_UNITS or RELATIVE_AFTER.match(text, m.end()) is None:
        return False
    return not text[max(0, m.start() - 4):m.start()].lower().endswith("for ")


def _without_overlaps(found: list[Figure]) -> list[Figure]:
    """Longest first wins; money beats quantity on a tie ("5m euros" is money)."""
    rank = {"money": 0, "percent": 1, "quantity": 2, "count": 3}
    ordered = sorted(found, key=lambda f: (-(f.end - f.start), rank.get(f.kind, 3)))
    kept: list[Figure] = []
    for figure in ordered:
        if all(figure.end <= k.start or figure.start >= k.end for k in kept):
            kept.append(figure)
    return sorted(kept, key=lambda f: f.start)


__all__ = ["HEDGES", "NUMBER", "WORD_NUMBER", "hedged", "scan"]
