"""Whether a name the recogniser tagged PERSON is a person at all.

The small English model tags capitalised words in a person's slots as people: "Analysts
said", "Officials", "People", a ship ("Port Aurora"), a firm ("Hebburn Marine"), a river or a
town ("the Tyne", "in Dunedin"), a bare title ("the Foreign Secretary"). Each test below reads
evidence the corpus itself holds, so it works for names no list knows:

- a common noun is a word the corpus also writes in lower case ("analysts", "officials"),
  unless the corpus uses it as a surname (after Mr/Ms/Dr, or ending a full name: "May");
- a title alone is common words ending in a role ("Foreign Secretary", "Auditor-General");
- an organisation or a place is named by its head word ("… Marine", "… Street", "Port …");
- a place is what the text puts after "in", "at", "near" … or "the" ("in Jarrow").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from newsdesk.extract.names import HONORIFICS, fold
from newsdesk.extract.speakers import ROLE_HEADS
from newsdesk.model import Mention

_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]*[a-z](?![\w’'-])")
_AFTER_TITLE = re.compile(r"\b(?:Mr|Ms|Mrs|Miss|Dr|Sir|Dame)\.?\s+([A-ZÀ-Þ][\w’'-]+)")
# Last words that make a name an organisation's (firms, papers, ministries, bodies).
_ORG_HEADS_TEXT = """
dynamics marine maritime gazette herald times post news press agency group holdings
industries systems technologies defence defense ministry department office council institute
university college union party bank airlines airways corporation corp inc ltd plc company
forces force navy army command commission committee authority association foundation
"""
_ORG_HEADS = frozenset(_ORG_HEADS_TEXT.split())
# Last words and first words that make a name a place or a building.
_PLACE_LAST_TEXT = """
street road avenue square castle palace house hall bridge airport harbour harbor island
islands strait sea ocean river bay coast base barracks station
"""
_PLACE_LAST = frozenset(_PLACE_LAST_TEXT.split())
_PLACE_FIRST = frozenset(("port", "fort", "mount", "lake", "cape", "base", "hmcs", "hms", "hmnzs",
                          "hmas", "uss", "rfa", "mv"))
# Words before a mention that make it a place: "in Dunedin", "at Jarrow", "the Tyne".
_PLACE_BEFORE = frozenset(("in", "at", "near", "off", "outside", "across", "around", "into",
                           "through", "the"))
# Words after a name that make it a place: "Jarrow MP", "Dunedin's mayor", "Otago residents".
_PLACE_AFTER = frozenset(("mp", "mps", "mayor", "council", "councillors", "residents", "city",
                          "electorate", "constituency", "region", "airport", "harbour"))
# What a family calls its own ("'Dad, we're fine'"): capitalised in speech, never a name alone.
_KIN_WORDS = frozenset(("dad", "daddy", "mum", "mummy", "mom", "mommy", "mother", "father",
                        "grandma", "grandpa", "granny", "nana", "papa", "mama"))
# Nouns for a business, set before its name ("the broker Pennant Stiles"); a person is never
# introduced so.
FIRM_NOUNS = frozenset(("company", "firm", "manufacturer", "operator", "carrier", "insurer",
                        "bank", "airline", "shipbuilder", "contractor", "broker", "lender",
                        "retailer", "supplier", "shipowner", "conglomerate", "consultancy",
                        "brokerage", "publisher", "startup", "start-up"))
# Share of a name's mentions with a place word before it that make the name a place: people
# are almost never "in" or "the" anything; set by hand (a town named in half its mentions).
PLACE_CONTEXT_SHARE = 0.5


def lower_words(texts: Iterable[str]) -> frozenset[str]:
    """Folded words the texts write in lower case: common words, not names."""
    return frozenset(fold(w) for text in texts for w in _LOWER_WORD.findall(text))


def titled(texts: Iterable[str]) -> frozenset[str]:
    """Folded words the corpus writes after a title (Mr, Ms, Dr …): surnames for sure."""
    return frozenset(fold(m.group(1)) for text in texts for m in _AFTER_TITLE.finditer(text))


def name_endings(mentions: Iterable[Mention]) -> frozenset[str]:
    """Folded last words of the names of two or more words tagged PERSON."""
    return frozenset(fold(m.text.split()[-1]).strip(".,’'") for m in mentions
                     if m.label == "PERSON" and len(m.text.split()) > 1)


def not_a_name(parts: Sequence[str], common: frozenset[str], known: frozenset[str]) -> bool:
    """A common noun ("Analysts") or a title alone ("Foreign Secretary") tagged as a name
    (``parts``: the folded words of the mention)."""
    if not parts or parts[-1] in known:
        return False
    if len(parts) == 1:
        return parts[0] in _KIN_WORDS or (parts[0] in common and parts[0] not in HONORIFICS)
    return all(p in common for p in parts) and _role_word(parts[-1])


def _role_word(word: str) -> bool:
    return word in ROLE_HEADS or word in HONORIFICS or word.split("-")[-1] in ROLE_HEADS


def kind_by_name(parts: Sequence[str]) -> str | None:
    """"ORG" or "FAC" when the name's head word says so, else None."""
    if len(parts) < 2:
        return "ORG" if parts and parts[0] in _ORG_HEADS else None
    if parts[-1] in _ORG_HEADS:
        return "ORG"
    if parts[-1] in _PLACE_LAST or parts[0] in _PLACE_FIRST:
        return "FAC"
    return None


def named_as_place(mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """Most mentions follow a place word ("in Jarrow", "the Tyne") or come before one
    ("Jarrow MP", "Dunedin's mayor")."""
    placed = [_place_around(m, texts[m.article_id]) for m in mentions]
    return sum(placed) >= PLACE_CONTEXT_SHARE * len(placed) > 0


def named_as_firm(mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """Most mentions follow a noun for a business ("the broker Pennant Stiles", "the
    shipbuilder Hebburn"): an organisation's name, not a person's."""
    firm = [_word_before(texts[m.article_id], m.start) in FIRM_NOUNS for m in mentions]
    return sum(firm) >= PLACE_CONTEXT_SHARE * len(firm) > 0


def _place_around(m: Mention, text: str) -> bool:
    before = (fold(m.text.split()[0]) if len(m.text.split()) > 1
              else _word_before(text, m.start))
    after = text[m.end:m.end + 24].removeprefix("’s").removeprefix("'s").split()
    return before in _PLACE_BEFORE or (bool(after)
                                       and fold(after[0]).strip(".,;:") in _PLACE_AFTER)


def _word_before(text: str, start: int) -> str:
    words = text[max(0, start - 24):start].split()
    return fold(words[-1]) if words else ""
