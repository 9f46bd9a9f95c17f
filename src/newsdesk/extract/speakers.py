"""Roles and pronouns: the titles the corpus gives people, and who "he"/"she" is.

Roles come from appositions ("Helen Marsh, the Foreign Secretary,"), titles before a name
("Defence Minister Daniel Trevaskis") and speaker phrases holding a name; a pronoun speaker
goes to the nearest earlier speaker of its gender (from Mr/Ms anywhere in the corpus).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from newsdesk.extract.names import fold
from newsdesk.model import Entity, Mention, Quote, Span

# Words that end a title set before a name ("Defence Minister", "Auditor-General").
_ROLE_HEADS_TEXT = """
minister secretary senator president spokesman spokeswoman spokesperson chancellor governor
mayor commander general chief director ambassador mp councillor auditor-general envoy
premier leader chairman chairwoman chair admiral marshal officer executive deputy
representative congressman congresswoman judge prosecutor attorney critic diplomat
"""
ROLE_HEADS = frozenset(_ROLE_HEADS_TEXT.split())
_APPOSITION = re.compile(r"^,\s+((?:the|a|an)\s+(?:[\w’'-]+\s+){0,5}?[\w’'-]+),")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+|\n")
_TITLE_BEFORE = re.compile(r"((?:[A-Z][\w’'.-]*\s+){1,5})$")
PRONOUN_GENDER = {"he": "m", "she": "f"}
_HONORIFIC_GENDER = {"mr": "m", "sir": "m", "lord": "m", "ms": "f", "mrs": "f", "miss": "f",
                     "dame": "f", "lady": "f"}
_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Sir|Lord|Ms|Mrs|Miss|Dame|Lady)\.?\s+$")
_HONORIFIC_FIRST = re.compile(r"(Mr|Sir|Lord|Ms|Mrs|Miss|Dame|Lady)\.?\s")


def is_pronoun(quote: Quote) -> bool:
    return quote.source is not None and quote.source.text.lower() in PRONOUN_GENDER


def nearest_compatible(source: Span, named: list[tuple[int, Entity]],
                       people: list[tuple[int, Entity]],
                       known: dict[str, str]) -> Entity | None:
    """The speaker "he"/"she" points to: the nearest earlier named speaker of a compatible
    gender, else the nearest such person mentioned."""
    wanted = PRONOUN_GENDER[source.text.lower()]
    for pool in (named, people):
        earlier = [(at, e) for at, e in pool if at < source.start and e.label == "PERSON"
                   and known.get(e.id, wanted) == wanted]
        if earlier:
            return max(earlier, key=lambda pair: pair[0])[1]
    return None


def genders(entities: list[Entity], texts: Mapping[str, str],
            quotes: Mapping[str, Sequence[Quote]], speakers: dict[str, Entity]) -> dict[str, str]:
    """Entity id -> "m"/"f" from the honorifics the corpus gives the person (Mr, Ms, …);
    a person given both gets none."""
    votes: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        if e.label == "PERSON":
            for m in e.mentions:
                found = (_HONORIFIC_BEFORE.search(texts[m.article_id][max(0, m.start - 6):m.start])
                         or _HONORIFIC_FIRST.match(m.text))
                if found:
                    votes[e.id].add(_HONORIFIC_GENDER[found.group(1).lower()])
    for found_quotes in quotes.values():
        for q in found_quotes:
            if q.id in speakers and q.source is not None:
                match = _HONORIFIC_FIRST.match(q.source.text)
                if match:
                    votes[speakers[q.id].id].add(_HONORIFIC_GENDER[match.group(1).lower()])
    return {eid: next(iter(g)) for eid, g in votes.items() if len(g) == 1}


def roles_around(text: str, m: Mention) -> list[str]:
    """Roles written beside a person's name: "X, the Foreign Secretary," or "Defence
    Minister X" (then also the titled name, "Defence Minister X", as written)."""
    found = []
    after = _APPOSITION.match(text[m.end: m.end + 100])
    if after and not any(ch.isdigit() for ch in after.group(1)):
        found.append(after.group(1))
    before = _SENTENCE_BREAK.split(text[max(0, m.start - 80): m.start])[-1]
    title = _TITLE_BEFORE.search(before)
    if title:
        words = title.group(1).split()
        if words and fold(words[-1]).strip(".") in ROLE_HEADS:
            found.extend((" ".join(words), f"{' '.join(words)} {m.text}"))
    return found


def role_in_source(source: str, name: str) -> str | None:
    """The words of a speaker phrase around the name in it, when they form a role."""
    where = source.find(name)
    if where < 0:
        return None
    rest = (source[:where] + " " + source[where + len(name):]).strip(" ,")
    words = rest.split()
    if not words or fold(words[-1]).strip(".,’'s") not in ROLE_HEADS:
        return None
    return rest


def role_key(role: str) -> str:
    words = fold(role).replace("defense", "defence").split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def role_fits(known: str, wanted: str) -> bool:
    """"the minister" fits "defence minister"; "the Foreign Secretary" fits "british
    foreign secretary"."""
    return bool(wanted) and (known == wanted or known.endswith(" " + wanted))
