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
# Longest holder put before a count's noun ("the force's patrol vessels"); past this the
# holder is a clause and the noun alone reads better (a judgement call, not tuned).
HOLDER_MAX_WORDS = 5
_MODIFIER_DEPS = {"nummod", "quantmod", "compound", "amod", "nmod", "poss"}
_OBJECT_DEPS = {"dobj", "attr", "npadvmod", "oprd", "acomp", "advmod", "conj", "appos",
                "nsubj", "nsubjpass", "ROOT", "dep", "ccomp", "xcomp"}
_DROP_DEPS = {"det", "relcl", "acl", "appos", "punct", "cc", "advcl", "predet", "conj"}
_RELATIVE = {"which", "that", "who"}
_PLAIN_VERBS = {"be", "have"}
_SCALES = {"m", "bn", "b", "k", "million", "billion"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
# What a holder does with an amount, named as the thing the amount measures: "Canada will
# spend $180m" -> "Canada's spending". Common verbs of money in news; others keep the verb.
MONEY_ACTS = {"spend": "spending", "contribute": "contribution", "put": "contribution",
              "invest": "investment", "pay": "payment", "give": "contribution",
              "lend": "loan", "borrow": "borrowing", "earn": "earnings", "raise": "fundraising",
              "save": "savings", "lose": "loss", "owe": "debt", "receive": "receipts",
              "offer": "offer", "bid": "bid", "charge": "charge", "allocate": "allocation",
              "budget": "budget", "pledge": "pledge", "donate": "donation"}


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
    if figure.kind == "count" and noun is not None and noun.dep_ == "compound" and any(
            t.text == "-" for t in located):
        whole = _phrase(noun.head, {t.i for t in located}, set())
        return f"{figure.unit} in {whole}" if whole else None  # "a three-nation operation"
    if noun is None or (noun.i in elsewhere and figure.kind != "count"):
        return None  # "wiping £300m ... on 13 March": a date is not what money measures
    if figure.kind == "count":
        inside = {t.i for t in located if t.i != noun.i and not _modifies(t, noun)}
    taken = inside | (elsewhere - {noun.i})
    phrase = _phrase(_antecedent(noun), inside, taken)
    if figure.kind == "count" and phrase:
        return _with_holder(noun, phrase, inside, taken)
    of = _of_object(root, inside) if figure.kind in ("percent", "quantity") else None
    if of is not None:
        whole = _phrase(of, inside, taken)
        if figure.kind == "percent":
            holder = phrase if noun.i not in inside else None
            return f"{holder} share of {whole}" if holder else f"share of {whole}"
        return whole
    verb = _governing_verb(noun, root) if figure.kind != "count" else None
    if phrase and verb and figure.kind == "money" and verb.lemma_ in MONEY_ACTS:
        return f"{phrase}'s {MONEY_ACTS[verb.lemma_]}"  # "Canada will spend $180m"
    return f"{phrase} {verb.text}" if phrase and verb else phrase


def _with_holder(noun: Token, phrase: str, inside: set[int], taken: set[int]) -> str:
    """ "The force will have six patrol vessels" -> "force's patrol vessels"."""
    holder = _clause_holder(noun)
    held = _phrase(holder, inside, taken | {noun.i}) if holder is not None else None
    if not held or len(held.split()) > HOLDER_MAX_WORDS:
        return phrase
    mark = "'" if held.endswith("s") else "'s"
    return f"{held}{mark} {phrase}"


def _clause_holder(noun: Token) -> Token | None:
    """Who has, runs or carries out the things counted: the subject of the verb whose object
    they are ("The contract covers four ground control stations"); a relative pronoun stands
    for its antecedent; other pronouns name no one."""
    while noun.dep_ == "conj":  # "covers 12 drones and four ground control stations"
        noun = noun.head
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ not in ("VERB", "AUX"):
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return _relative_antecedent(verb) if verb.dep_ == "relcl" else None
    if subjects[0].lower_ in _RELATIVE:
        return _relative_antecedent(verb)
    return None if subjects[0].pos_ == "PRON" else subjects[0]


def _of_object(root: Token, inside: set[int]) -> Token | None:
    """The whole a part is of: "60 percent of the programme", "five hours of talks"."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i not in inside:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _governing_verb(noun: Token, root: Token) -> Token | None:
    """The verb between a subject and its figure, unless it says nothing ("be", "have"):
    "Shares in Allerton rose" (6.2%)."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return None
    if verb.lemma_ in _PLAIN_VERBS or root not in list(verb.subtree) or verb.i < noun.i:
        return None
    return verb


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
        nouns = [t for t in root.doc if t.i in inside
                 and (t.lower_ in counted or t.lower_ + "s" in counted)]
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
                    and not c.like_num and c.lower_ not in _SCALES]
        if any(c.lower_ in _RELATIVE for c in subjects):
            return _relative_antecedent(candidate)
        subjects = [c for c in subjects if c.pos_ != "PRON"]
        if subjects:
            return subjects[0]
    return None


def _relative_antecedent(verb: Token) -> Token | None:
    """ "the programme, which officials estimate will cost €1.2bn": the programme."""
    for ancestor in [verb, *verb.ancestors]:
        if ancestor.dep_ == "relcl" and ancestor.head.pos_ in ("NOUN", "PROPN"):
            return ancestor.head
    return None


def _modifies(token: Token, noun: Token) -> bool:
    """A word of a count's span that describes the counted noun ("ground control" stations,
    "power and data" cables), not the number or its hedge."""
    if token.like_num or token.pos_ in ("NUM", "ADP", "ADV", "DET", "PUNCT"):
        return False
    return noun in token.ancestors and token.i < noun.i


def _noun_before(token: Token) -> Token | None:
    """The last noun phrase before ``token``, not a dateline ("COPENHAGEN —")."""
    before = [c for c in token.doc.noun_chunks if c.end <= token.i and not _dateline(c.root)]
    return before[-1].root if before else None


def _dateline(noun: Token) -> bool:
    return noun.is_upper and len(noun.text) > 3


def _phrase(noun: Token, inside: set[int], taken: set[int]) -> str | None:
    kept = [t for t in _collect(noun, inside) if t.i not in taken or t.i == noun.i]
    while kept and (kept[0].dep_ in ("det", "prep", "cc") or kept[0].is_punct):
        kept.pop(0)
    while kept and (kept[-1].dep_ in ("prep", "cc", "det") or kept[-1].is_punct):
        kept.pop()
    if not kept:
        return None
    kept = _nearest(kept, noun)
    return _joined(kept)


def _joined(tokens: list[Token]) -> str | None:
    """The tokens' text, with a space where dropped words stood between two of them."""
    parts = []
    for token, after in zip(tokens, [*tokens[1:], None], strict=True):
        parts.append(token.text_with_ws)
        if after is None or after.i == token.i + 1 or token.whitespace_:
            continue
        skipped = token.doc[token.i + 1:after.i]
        hyphens = all(t.text in ("-", "–") and not t.whitespace_ for t in skipped)
        parts.append(skipped.text if hyphens else " ")  # "long-range", "vessels, drones"
    return "".join(parts).strip() or None


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
