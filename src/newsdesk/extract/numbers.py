"""Numbers as news text writes them: digits with separators, words, scale words.

``parse_number("1,100")`` -> 1100.0; ``parse_number("six hundred")`` -> 600.0;
``scale("bn")`` -> 1e9. The regular expressions here are the building blocks of the figure
patterns in ``figures.py``; every one is anchored on word boundaries so "P-8A" or "F-35" are
never numbers.
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {
    "trillion": 1e12, "tn": 1e12, "trn": 1e12,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "mrd": 1e9, "milliarden": 1e9,
    "million": 1e6, "mn": 1e6, "m": 1e6, "mio": 1e6, "millionen": 1e6,
    "thousand": 1e3, "k": 1e3,
}

_WORD_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_WORD_TENS = "|".join(_TENS)
# "twenty-four", "six hundred", "fourteen", "a dozen", "two dozen", "a hundred"
WORD_NUMBER = (
    rf"(?:(?:{_WORD_TENS})(?:[- ](?:{_WORD_UNIT}))?|{_WORD_UNIT}"
    r"|an?(?=\s+(?:hundred|dozen|thousand)))"
    rf"(?:\s+(?:hundred|dozen))?(?:\s+(?:thousand))?"
)
# "1,100", "2.4", "300,000", "74", "0.5"; German "1,2" is read by ``parse_number(decimal=",")``
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
NUMBER = rf"(?:{DIGITS}|(?i:\b{WORD_NUMBER}\b))"
# Scale words after a number: "2.7bn", "$180-million", "1,2 Mrd.", "EUR 1.2m"
SCALE = r"(?:[ -]?(?:trillion|billion|million|thousand|bn|tn|trn|mn|m|b|k)\b|[ -]?(?:mrd|mio)\b\.?)"


def scale(word: str | None) -> float:
    """The multiplier of a scale word ("bn" -> 1e9); 1.0 for none."""
    if not word:
        return 1.0
    return _SCALES[word.strip(" -.").lower()]


def parse_number(text: str, decimal: str = ".") -> float | None:
    """The value of a number written in digits or words; None when it is not one."""
    cleaned = text.strip().lower()
    if not cleaned:
        return None
    if cleaned[0].isdigit():
        return _parse_digits(cleaned, decimal)
    return _parse_words(cleaned)


def _parse_digits(text: str, decimal: str) -> float | None:
    if decimal == ",":
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d{1,2}", text):
        return None  # "1,2" in English text is a list, not a number
    else:
        text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def _parse_words(text: str) -> float | None:
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", text):
        if word in ("a", "an"):
            current = max(current, 1.0)
        elif word in _UNITS or word in _TENS:
            current += _UNITS.get(word, 0) + _TENS.get(word, 0)
        elif word == "dozen":
            current = max(current, 1.0) * 12
        elif word == "hundred":
            current = max(current, 1.0) * 100
        elif word == "thousand":
            total, current = (total + max(current, 1.0)) * 1000, 0.0
        else:
            return None
    value = total + current
    return value if value > 0 or text == "zero" else None
