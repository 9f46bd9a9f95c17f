"""What a figure measures: a short phrase from its sentence's parse.

"Germany's 2026 defence budget rose to €86bn" -> "Germany's 2026 defence budget rose";
"a $2.4 billion contract for 12 drones" -> "contract for 12 drones"; "12 long-range drones"
-> "long-range drones". The holder and the measured thing, in the sentence's own words.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsdesk.model import Figure

# Longest subject phrase, in tokens: past this the phrase is a clause, not a subject.
MAX_SUBJECT_TOKENS = 10
_MODIFIER_DEPS = {"nummod", "quantmod", "compound", "amod", "nmod", "poss"}
_OBJECT_DEPS = {"dobj", "attr", "npadvmod", "oprd", "acomp", "advmod", "conj", "appos",
                "nsubj", "nsubjpass", "ROOT", "dep", "ccomp", "xcomp"}
_DROP_DEPS = {"det", "relcl", "acl", "appos", "punct", "cc", "advcl", "predet"}
_PLAIN_VERBS = {"be", "have"}
_SCALES = {"m", "bn", "b", "k", "million", "billion"}
_POSSESSIVE = {"'s", "’s", "'", "’"}


def subject_of(figure: Figure, docs: Sequence[tuple[int, Doc]],
               others: Sequence[Figure] = ()) -> str | None:
    """The phrase ``figure`` measures; words of ``others`` (the article's other figures) are
    left out of it."""
    located = _tokens(figure, docs)
    if not located:
        return None
    inside = {t.i for t in located}
    root = next((t for t in located if t.head.i not in inside), located[-1])
    noun = _measured(root, inside, figure)
    elsewhere = {t.i for other in others if other is not figure
                 for t in _tokens(other, docs) if t.doc is root.doc}
    if noun is None or (noun.i in elsewhere and figure.kind != "count"):
        return None  # "wiping £300m ... on 13 March": a date is not what money measures
    if figure.kind == "count":
        inside = {t.i for t in located if t.i != noun.i}
    taken = inside | (elsewhere - {noun.i})
    phrase = _phrase(_antecedent(noun), inside, taken)
    of = _of_object(root, inside) if figure.kind in ("percent", "quantity") else None
    if of is not None:
        whole = _phrase(of, inside, taken)
        if figure.kind == "percent":
            holder = phrase if noun.i not in inside else None
            return f"{holder} share of {whole}" if holder else f"share of {whole}"
        return whole
    verb = _governing_verb(noun, root) if figure.kind != "count" else None
    return f"{phrase} {verb}" if phrase and verb else phrase


def _of_object(root: Token, inside: set[int]) -> Token | None:
    """The whole a part is of: "60 percent of the programme", "five hours of talks"."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i not in inside:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _governing_verb(noun: Token, root: Token) -> str | None:
    """The verb between a subject and its figure, unless it says nothing ("be", "have"):
    "Shares in Allerton rose" (6.2%)."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return None
    if verb.lemma_ in _PLAIN_VERBS or root not in list(verb.subtree) or verb.i < noun.i:
        return None
    return verb.text


def _antecedent(noun: Token) -> Token:
    """"which" in "the programme, which will cost €1.2bn" stands for "the programme"."""
    if noun.lower_ in ("which", "that", "who") and noun.head.dep_ == "relcl":
        return noun.head.head
    return noun


def _tokens(figure: Figure, docs: Sequence[tuple[int, Doc]]) -> list[Token]:
    for offset, doc in docs:
        if offset <= figure.start < offset + len(doc.text):
            return [t for t in doc if figure.start <= offset + t.idx < figure.end]
    return []


def _measured(root: Token, inside: set[int], figure: Figure) -> Token | None:
    """The token heading the phrase the figure measures."""
    if figure.kind == "count":
        counted = (figure.unit or "").split(" per ")[0].split()[-1:]
        nouns = [t for t in root.doc if t.i in inside and t.lower_ in counted]
        return nouns[0] if nouns else None
    head = root.head
    if root.dep_ in _MODIFIER_DEPS and head.pos_ in ("NOUN", "PROPN") and head.i not in inside:
        return head
    if root.dep_ == "pobj":
        return _through_preposition(head)
    if root.dep_ in _OBJECT_DEPS:
        return _verb_subject(head if root.dep_ != "ROOT" else root) or _noun_before(root)
    return _noun_before(root)


def _through_preposition(prep: Token) -> Token | None:
    holder = prep.head
    if holder.pos_ in ("NOUN", "PROPN"):
        return holder
    if holder.lower_ == "worth" and holder.head.pos_ in ("NOUN", "PROPN"):
        return holder.head
    return _verb_subject(holder)


def _verb_subject(verb: Token) -> Token | None:
    """Who or what the verb governing a figure is about: "a program estimated at €1.2bn" and
    "a program that officials estimate at €1.2bn" describe the program; otherwise the verb's
    subject ("Shares rose 6%")."""
    if verb.lower_ == "worth" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    for candidate in (verb, verb.head):
        subjects = [c for c in candidate.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.pos_ != "PRON" and not c.like_num and c.lower_ not in _SCALES]
        if subjects:
            return subjects[0]
    return None


def _noun_before(token: Token) -> Token | None:
    before = [c for c in token.doc.noun_chunks if c.end <= token.i]
    return before[-1].root if before else None


def _phrase(noun: Token, inside: set[int], taken: set[int]) -> str | None:
    kept = [t for t in _collect(noun, inside) if t.i not in taken or t.i == noun.i]
    while kept and (kept[0].dep_ in ("det", "prep", "cc") or kept[0].is_punct):
        kept.pop(0)
    while kept and (kept[-1].dep_ in ("prep", "cc", "det") or kept[-1].is_punct):
        kept.pop()
    if not kept:
        return None
    kept = _nearest(kept, noun)
    return "".join(t.text_with_ws for t in kept).strip() or None


def _collect(token: Token, inside: set[int]) -> list[Token]:
    """``token`` and its dependants, less clauses, punctuation and the branch holding the
    figure itself."""
    tokens = [token]
    for child in token.children:
        dropped = child.dep_ in _DROP_DEPS and child.text not in _POSSESSIVE
        if dropped or any(t.i in inside for t in child.subtree):
            continue
        tokens.extend(_collect(child, inside))
    return sorted(tokens, key=lambda t: t.i)


def _nearest(tokens: list[Token], noun: Token) -> list[Token]:
    """At most ``MAX_SUBJECT_TOKENS``, keeping the noun and its closest words."""
    if len(tokens) <= MAX_SUBJECT_TOKENS:
        return tokens
    ranked = sorted(tokens, key=lambda t: (abs(t.i - noun.i), t.i))[:MAX_SUBJECT_TOKENS]
    return sorted(ranked, key=lambda t: t.i)
