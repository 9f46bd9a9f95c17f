"""Name strings: folding accents and case, honorifics, possessives, small edit distances."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict

from newsdesk.model import Mention

_HONORIFICS_TEXT = """
mr mrs ms miss dr prof sir dame lord lady senator sen rep president minister secretary
general gen col colonel capt captain cmdr commander lt lieutenant adm admiral mayor
councillor judge justice rev father sister brother mp
air vice rear marshal brigadier major sergeant sgt commodore
seaman leading able petty corporal cpl private pte warrant flight squadron wing lance
trooper
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


def looks_personal(m: Mention, surnames: set[str]) -> bool:
    """A two- or three-word name tagged as something else whose last word the corpus uses
    as a surname ("Anders Vestergaard" tagged ORG, while "Mr Vestergaard" appears)."""
    words = m.text.split()
    return (m.label in ("ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART")
            and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
            and fold(words[-1]) in surnames)


def last_line(m: Mention) -> Mention:
    """A mention the recogniser ran across a paragraph break, cut to its last line."""
    if "\n" not in m.text:
        return m
    cut = m.text.rindex("\n") + 1
    return Mention(m.article_id, m.start + cut, m.end, m.text[cut:], m.label)


def canonical(mentions: list[Mention], person: bool) -> str:
    """The fullest form, then the one most articles use, then the one keeping accents."""
    articles: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        articles[clean_name(m.text, person)].add(m.article_id)
    return max(articles, key=lambda form: (len(form.split()), len(articles[form]),
                                           form != fold(form), form))


def entity_id(label: str, name: str, used: set[str]) -> str:
    base = "e-" + hashlib.sha256(f"{label}:{fold(name)}".encode()).hexdigest()[:16]
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base[:-2]}{n:02d}"
    used.add(candidate)
    return candidate
