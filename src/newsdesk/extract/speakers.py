"""Roles and pronouns: the titles the corpus gives people, and who "he"/"she" is.

Roles come from appositions ("Helen Marsh, the Foreign Secretary,"), titles before a name
("Defence Minister Daniel Trevaskis") and speaker phrases holding a name; a pronoun speaker
goes to the nearest earlier person of its gender named outside quotations (gender from Mr/Ms
and kin nouns in apposition anywhere in the corpus: "her father, Doug Morrow").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from newsdesk.extract.names import HONORIFICS, fold
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
HONORIFIC_GENDER = {"mr": "m", "sir": "m", "lord": "m", "ms": "f", "mrs": "f", "miss": "f",
                     "dame": "f", "lady": "f"}
_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Sir|Lord|Ms|Mrs|Miss|Dame|Lady)\.?\s+$")
_HONORIFIC_FIRST = re.compile(r"(Mr|Sir|Lord|Ms|Mrs|Miss|Dame|Lady)\.?\s")
# Nouns that give a person's sex when set in apposition to the name ("her father, Doug
# Morrow," / "Jenna Morrow, his daughter,"): English marks it on kin and a few roles.
_GENDERED_NOUNS = {
    **dict.fromkeys(("father", "son", "husband", "brother", "grandfather", "grandson", "uncle",
                     "nephew", "boyfriend", "stepfather", "spokesman", "chairman",
                     "congressman", "businessman", "king", "prince", "actor"), "m"),
    **dict.fromkeys(("mother", "daughter", "wife", "sister", "grandmother", "granddaughter",
                     "aunt", "niece", "girlfriend", "stepmother", "spokeswoman", "chairwoman",
                     "congresswoman", "businesswoman", "queen", "princess", "actress"), "f")}
_NOUN_BEFORE = re.compile(r"\b(\w+),?\s+$")
_NOUN_AFTER = re.compile(r"^,\s+(?:(?:his|her|their|the|a|an)\s+)?(?:[\w-]+\s+){0,2}?(\w+)[,.]")


def is_pronoun(quote: Quote) -> bool:
    return quote.source is not None and quote.source.text.lower() in PRONOUN_GENDER


def nearest_compatible(source: Span, named: list[tuple[int, Entity]],
                       people: list[tuple[int, Entity]],
                       known: dict[str, str]) -> Entity | None:
    """The speaker "he"/"she" points to: the nearest earlier named speaker or person
    mentioned (outside quotations) of a compatible gender. A speaker does not outrank a
    nearer person: in "Mr Trevaskis would not say …. “…,” he said." he is Trevaskis."""
    wanted = PRONOUN_GENDER[source.text.lower()]
    earlier = [(at, e) for at, e in (*named, *people) if at < source.start
               and e.label == "PERSON" and known.get(e.id, wanted) == wanted]
    return max(earlier, key=lambda pair: pair[0])[1] if earlier else None


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
                    votes[e.id].add(HONORIFIC_GENDER[found.group(1).lower()])
                noun = _gendered_apposition(texts[m.article_id], m)
                if noun:
                    votes[e.id].add(noun)
    for found_quotes in quotes.values():
        for q in found_quotes:
            if q.id in speakers and q.source is not None:
                match = _HONORIFIC_FIRST.match(q.source.text)
                if match:
                    votes[speakers[q.id].id].add(HONORIFIC_GENDER[match.group(1).lower()])
    return {eid: next(iter(g)) for eid, g in votes.items() if len(g) == 1}


def _gendered_apposition(text: str, m: Mention) -> str | None:
    """"m"/"f" when a kin or gendered role noun stands in apposition to the mention."""
    before = _NOUN_BEFORE.search(text[max(0, m.start - 30):m.start])
    after = _NOUN_AFTER.match(text[m.end:m.end + 40])
    for found in (before, after):
        if found and found.group(1).lower() in _GENDERED_NOUNS:
            return _GENDERED_NOUNS[found.group(1).lower()]
    return None


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
    line = text[max(0, m.start - 40): m.start].split("\n")[-1]
    if line.endswith(" ") and (ranks := _rank_words(line.split())):
        found.append(f"{' '.join(ranks)} {m.text}")  # "Dr Priya Nandakumar", as written
    return found


def _rank_words(words: list[str]) -> list[str]:
    """The honorifics and ranks that end ``words`` ("Lt.-Cmdr.", "Leading Seaman")."""
    ranks: list[str] = []
    for word in reversed(words):
        if not all(fold(part).strip(".") in HONORIFICS for part in word.split("-") if part):
            break
        ranks.insert(0, word)
    return ranks


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


# Bare role nouns that also name the other titles of one office: a British Secretary of State
# is a minister ("the minister said" after "Foreign Secretary Helen Marsh").
_ROLE_KIN = {"minister": ("secretary",)}


def role_kin(wanted: str) -> tuple[str, ...]:
    """The other roles a bare role noun may stand for (tried when none fits exactly)."""
    return _ROLE_KIN.get(wanted, ())
