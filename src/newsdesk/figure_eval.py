"""Scoring figures against a labelled set (the sample corpus's gold, tests/data/*.jsonl).

Used by ``bench/figures.py`` and the quality-floor tests. One labelled *case* is an article
text with its publication context and its expected figures, conversions and relative dates.
(value, unit) matching:
- money and percentages: same unit, value within 0.5%;
- quantities: the predicted value converted to the labelled unit by pint within 0.5%
  ("an hour and a half" = 90 minutes);
- counts: same value and the same counted word (the last word before "per", plural folded);
  the labelled set names the thing counted in its own words ("240 people" -> "employees"), so
  the exact-unit rate is printed beside it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsdesk.extract.conversions import convert
from newsdesk.goldset import GoldKey, gold_key
from newsdesk.model import Article, Figure
from newsdesk.scoring import PRF

# Relative gap under which two values are the same figure (rounding in the labels).
VALUE_TOLERANCE = 0.005
_GOLD_UNITS = {"km": "kilometer", "nmi": "nautical_mile", "mi": "mile", "m": "meter",
               "ft": "foot", "hours": "hour", "minutes": "minute", "years": "year",
               "months": "month", "days": "day", "weeks": "week", "seconds": "second"}
_STOP = {"the", "of", "a", "an", "in", "on", "for", "to", "and", "by", "at", "per", "as",
         "with", "from", "its", "their", "s"}


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled text and what a figure extractor should find in it."""

    name: str
    text: str
    figures: tuple[dict[str, Any], ...]
    conversions: tuple[dict[str, Any], ...] = ()
    relative_dates: tuple[dict[str, Any], ...] = ()


@dataclass
class Tally:
    """Counts over many cases, turned into the benchmark's table."""

    tp: int = 0
    predicted: int = 0
    expected: int = 0
    unit_exact: int = 0
    subject_any: int = 0
    subject_half: int = 0
    subject_total: int = 0
    currency_right: int = 0
    currency_total: int = 0
    conversions: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("wrong", "wrong_flagged", "right", "right_flagged", "missed"), 0))
    dates_right: int = 0
    dates_total: int = 0
    misses: list[str] = field(default_factory=list)

    def plus(self, other: Tally) -> Tally:
        """The counts of both tallies together (one table row over several labelled sets)."""
        summed = Tally(misses=[*self.misses, *other.misses])
        for name in ("tp", "predicted", "expected", "unit_exact", "subject_any", "subject_half",
                     "subject_total", "currency_right", "currency_total", "dates_right",
                     "dates_total"):
            setattr(summed, name, getattr(self, name) + getattr(other, name))
        summed.conversions = {k: v + other.conversions[k] for k, v in self.conversions.items()}
        return summed

    def value_unit(self) -> PRF:
        return PRF(self.tp / self.predicted if self.predicted else 0.0,
                   self.tp / self.expected if self.expected else 0.0)


def same_figure(pred: Figure, gold: dict[str, Any]) -> bool:
    if pred.value is None or isinstance(pred.value, str) or gold.get("value") is None:
        return False
    value, unit = float(pred.value), gold.get("unit")
    if gold["kind"] == "quantity" and pred.kind == "quantity" and pred.unit and unit:
        converted = convert(value, pred.unit, _GOLD_UNITS.get(unit, unit))
        return converted is not None and _close(converted, gold["value"])
    if gold["kind"] == "count":
        return (pred.kind == "count" and _close(value, gold["value"])
                and counted_word(pred.unit) == counted_word(unit))
    return pred.unit == unit and _close(value, gold["value"])


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= VALUE_TOLERANCE * max(abs(b), 1e-9)


def counted_word(unit: str | None) -> str:
    words = (unit or "").lower().split(" per ")[0].split()
    word = words[-1] if words else ""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def content_words(phrase: str | None) -> set[str]:
    words = re.findall(r"[a-z0-9]+", (phrase or "").lower())
    return {w[:-1] if w.endswith("s") else w for w in words if w not in _STOP}


def distinct(figures: Sequence[Figure]) -> list[Figure]:
    """One figure per (value, unit): a figure repeated in an article is one stated figure."""
    seen: set[tuple[object, object]] = set()
    kept = []
    for f in figures:
        if (f.value, f.unit) not in seen:
            seen.add((f.value, f.unit))
            kept.append(f)
    return kept


def distinct_gold(figures: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[object, object]] = set()
    kept = []
    for g in figures:
        if (g["value"], g["unit"]) not in seen:
            seen.add((g["value"], g["unit"]))
            kept.append(g)
    return kept


def score_case(case: Case, predicted: Sequence[Figure], tally: Tally) -> None:
    """Add what ``predicted`` got right and wrong on ``case`` to ``tally``. (value, unit)
    pairs are scored once per article, however often the article repeats them."""
    figures = [f for f in predicted if f.kind != "date"]
    unique, expected = distinct(figures), distinct_gold(case.figures)
    tally.predicted += len(unique)
    tally.expected += len(expected)
    unmatched = list(unique)
    for gold in expected:
        match = next((f for f in unmatched if same_figure(f, gold)), None)
        if match is None:
            tally.misses.append(f"{case.name}: missed {gold['text']!r} {gold['value']} "
                                f"{gold['unit']}")
            continue
        unmatched.remove(match)
        _score_match(match, gold, tally)
    tally.misses.extend(f"{case.name}: extra {f.text!r} {f.value} {f.unit}" for f in unmatched)
    _score_currencies(case, figures, tally)
    _score_conversions(case, figures, tally)
    _score_dates(case, predicted, tally)


def _score_match(match: Figure, gold: dict[str, Any], tally: Tally) -> None:
    tally.tp += 1
    tally.unit_exact += match.unit == gold["unit"] or gold["kind"] == "quantity"
    if gold.get("subject"):
        expected, got = content_words(gold["subject"]), content_words(match.subject)
        tally.subject_total += 1
        tally.subject_any += bool(expected & got)
        tally.subject_half += len(expected & got) * 2 >= len(expected)


def _occurrences(text: str, needle: str) -> Iterable[tuple[int, int]]:
    start = text.find(needle)
    while start >= 0:
        yield start, start + len(needle)
        start = text.find(needle, start + 1)


def _at(figures: Sequence[Figure], span: tuple[int, int], kind: str | None = None
        ) -> list[Figure]:
    return [f for f in figures if f.start < span[1] and span[0] < f.end
            and (kind is None or f.kind == kind)]


def is_bare_dollar(text: str) -> bool:
    """A money text whose currency the text does not spell out ("$180 million")."""
    return bool(re.search(r"(?<![A-Z])\$|\bdollars?\b", text)) and not re.search(
        r"[A-Z]{1,2}\$|(?:Australian|Canadian|Zealand|US|U\.S\.|Hong Kong|Singapore) dollar",
        text)


def _score_currencies(case: Case, figures: Sequence[Figure], tally: Tally) -> None:
    for gold in case.figures:
        if gold["kind"] != "money" or not is_bare_dollar(gold["text"]):
            continue
        tally.currency_total += 1
        spans = list(_occurrences(case.text, gold["text"]))
        got = [f for span in spans for f in _at(figures, span, "money")]
        expected_candidates = tuple(gold.get("currency_candidates", ()))
        right = any(f.unit == gold["unit"] and (not expected_candidates or set(
            expected_candidates) <= set(f.currency_candidates)) for f in got)
        tally.currency_right += right
        if not right:
            tally.misses.append(f"{case.name}: currency {gold['text']!r} wanted {gold['unit']}"
                                f" got {[f.unit for f in got]}")


def _score_conversions(case: Case, figures: Sequence[Figure], tally: Tally) -> None:
    for gold in case.conversions:
        spans = list(_occurrences(case.text, gold["text"]))
        checked = [f for span in spans for f in _at(figures, span) if f.conversion_ok is not None]
        ok = bool(gold["ok"])
        tally.conversions["right" if ok else "wrong"] += 1
        if not checked:
            tally.conversions["missed"] += 1
            tally.misses.append(f"{case.name}: conversion not checked {gold['text']!r}")
            continue
        flagged = any(f.conversion_ok is False for f in checked)
        tally.conversions["right_flagged" if ok else "wrong_flagged"] += flagged
        if flagged == ok:
            tally.misses.append(f"{case.name}: conversion {gold['text']!r} ok={ok} but "
                                f"flagged={flagged}")


def _score_dates(case: Case, predicted: Sequence[Figure], tally: Tally) -> None:
    seen: dict[str, int] = {}
    for gold in case.relative_dates:
        tally.dates_total += 1
        nth = seen.get(gold["text"], 0)
        seen[gold["text"]] = nth + 1
        spans = list(_occurrences(case.text, gold["text"]))
        span = spans[min(nth, len(spans) - 1)] if spans else None
        got = _at(predicted, span, "date") if span else []
        if any(f.value == gold["date"] for f in got):
            tally.dates_right += 1
        else:
            tally.misses.append(f"{case.name}: date {gold['text']!r} wanted {gold['date']} "
                                f"got {[f.value for f in got]}")


def gold_cases(gold: Mapping[str, Any], articles: Mapping[GoldKey, Article]
               ) -> list[tuple[Case, Article]]:
    """One case per stored sample-corpus article, with its gold figures, conversions and
    relative dates (``articles`` keyed as gold names them)."""
    cases = []
    for key, article in sorted(articles.items(), key=lambda item: str(item[0])):
        def mine(entries: Iterable[dict[str, Any]], k: GoldKey = key) -> tuple[Any, ...]:
            return tuple(e for e in entries if gold_key(e) == k)
        name = f"{key[0]}#{key[1]}" + ("" if key[2] is None else f"@{key[2]}")
        cases.append((Case(name, article.text, mine(gold["figures"]),
                           mine(gold["conversions"]), mine(gold["relative_dates"])), article))
    return cases


def labelled_cases(path: Any, split: str = "all") -> list[tuple[Case, Article]]:
    """The cases of a JSON Lines labelled file (tests/data/figures_extra.jsonl); ``split`` is
    "dev", "test" or "all"."""
    cases = []
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line)
        if split not in ("all", row["split"]):
            continue
        article = Article(id=f"a-{row['id']}", document_id=f"d-{row['id']}", source=str(path),
                          segment=0, text=row["text"], producer="labelled",
                          outlet_domain=row.get("domain"), published=row.get("published"))
        cases.append((Case(row["id"], row["text"], tuple(row["figures"]),
                           tuple(row["conversions"]), tuple(row["relative_dates"])), article))
    return cases
