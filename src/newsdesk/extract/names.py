"""Name strings: folding accents and case, honorifics, possessives, small edit distances."""

from __future__ import annotations

import re
import unicodedata

_HONORIFICS_TEXT = """
mr mrs ms miss dr prof sir dame lord lady senator sen rep president minister secretary
general gen col colonel capt captain cmdr commander lt lieutenant adm admiral mayor
councillor judge justice rev father sister brother mp
"""
HONORIFICS = frozenset(_HONORIFICS_TEXT.split())
_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case without accents: "Tāwhiri" -> "tawhiri"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def clean_name(text: str, person: bool = True) -> str:
    """A mention as a bare name: no leading "the", possessive ending, or (for a person)
    honorifics."""
    words = _LEADING_THE.sub("", " ".join(text.split())).split()
    while person and len(words) > 1 and fold(words[0]).rstrip(".") in HONORIFICS:
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    return " ".join(w for w in words if w)


def name_parts(text: str, person: bool = True) -> list[str]:
    """The folded words of a bare name."""
    return [w.strip(".,") for w in fold(clean_name(text, person)).split() if w.strip(".,")]


def edits(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def close(a: str, b: str, limit: int, min_chars: int) -> bool:
    """Same folded word, or at most ``limit`` edits apart when both are long enough."""
    if a == b:
        return True
    if min(len(a), len(b)) < min_chars or a[0] != b[0]:
        return False
    return edits(a, b, limit) <= limit
