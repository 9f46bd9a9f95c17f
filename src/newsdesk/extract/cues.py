"""Speech cues in a dependency parse: the verb (or "according to"), who speaks, what is said.

Only sentences holding a cue word are parsed; the parse gives each cue its subject (the
source) and its clausal complement or its objects (the content).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from newsdesk.extract.cue_gate import features

# Word forms that report speech (and, as news writes it, statements and findings). Lower case;
# "according" only counts before "to".
_CUE_FORMS_TEXT = """
say says said saying tell tells told telling add adds added adding warn warns warned warning
insist insists insisted insisting state states stated stating write writes wrote writing
explain explains explained explaining argue argues argued arguing claim claims claimed
claiming note notes noted noting ask asks asked asking reply replies replied replying concede
concedes conceded conceding announce announces announced announcing confirm confirms
confirmed confirming acknowledge acknowledges acknowledged acknowledging admit admits
admitted admitting declare declares declared declaring describe describes described
describing call calls called calling report reports reported reporting predict predicts
predicted predicting promise promises promised promising vow vows vowed vowing urge urges
urged urging suggest suggests suggested suggesting stress stresses stressed stressing
insisted recalled recall recalls recalling told tweeted tweet tweets posted
complained complain complains complaining agreed agree agrees
according
"""
CUE_FORMS = frozenset(_CUE_FORMS_TEXT.split())


@lru_cache(maxsize=8)
def cue_forms(min_rate: float) -> frozenset[str]:
    """The hand-listed forms and those learnt from PolNeAR train (``bench/train_cues.py``)
    that head a cue at least ``min_rate`` of the times they occur there."""
    table = resources.files("newsdesk.extract").joinpath("data/cue_forms.tsv")
    learnt = set()
    for line in table.read_text("utf-8").splitlines()[1:]:
        form, cue, seen = line.split("\t")
        if int(cue) >= min_rate * int(seen):
            learnt.add(form)
    return CUE_FORMS | frozenset(learnt)


_SUBJECTS = ("nsubj", "nsubjpass")
_CONTENT_DEPS = ("ccomp",)
# A dateline: a place in capitals (a region after a comma, an agency in brackets) and a dash.
_DATELINE = re.compile(r"[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]*)*(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)*)?"
                       r"(?: \([A-Z][\w ]*\))? ?(?:—|–|--|-) ?")
_AUX_DEPS = ("aux", "auxpass", "neg")
# The parts of a cue with no reported clause that hold what is said (_object_content).
_OBJECT_DEPS = ("dobj", "xcomp", "oprd")
_OBJECT_PREPOSITIONS = frozenset(("for", "as", "about", "against", "of"))
_STRAIGHT_MARKS = frozenset(('"', "''"))
_CLOSING_MARKS = frozenset(("”", "»", "’"))
_OPENING_MARKS = frozenset(("“", "``", "«", "„", "‘"))
_LEFT_DEPS = ("aux", "auxpass", "neg", "advmod")
# What a cue takes after its verb (see _cue_edges).
_CUE_PREPOSITIONS = frozenset(("for", "as", "about", "against"))
_DAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                   "sunday", "today", "yesterday", "tonight", "week", "month", "year"))
_OCCASIONS = frozenset(("interview", "statement", "speech", "email", "e-mail", "letter",
                        "post", "tweet", "briefing", "conference", "call", "appearance",
                        "address", "message", "op-ed", "release", "remark", "debate"))
# Words opening a clause that the writer adds after a comma (see _aside).
_CONCESSIVE = frozenset(("though", "although", "while", "whereas"))
# Prepositions after a cue's object that say when or where it was said, not what.
_CIRCUMSTANCE = frozenset(("during", "after", "before", "amid", "since", "at", "while"))
_MARKS_ALL = _STRAIGHT_MARKS | _CLOSING_MARKS | _OPENING_MARKS
_DASHES = frozenset(("—", "--", "―", "–"))
# How far up the tree a cue without a subject of its own looks for one ("…, describing it as").
_SUBJECT_HOPS = 3


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech cue found in a parsed paragraph; offsets are into the paragraph."""

    start: int
    end: int
    head: int
    source: tuple[int, int] | None
    source_head: int | None
    appos: tuple[int, ...]
    content: tuple[int, int] | None
    clausal: bool = True
    features: tuple[str, ...] = ()
    # A word that reports speech (the quote list's cues), not only an attribution candidate
    # ("plans", "believes", "shows"), which only the attribution list takes, through the gate.
    speech: bool = True


def find_cues(doc: Doc, forms: frozenset[str],
              speech: frozenset[str] | None = None) -> list[Cue]:
    """Every cue token of ``doc`` (a word in ``forms``) with its source and content spans.
    With ``speech`` (the speech words), ``forms`` are the wider attribution candidates and a
    cue is ``speech`` when its word is a speech word. (Taking every word with a subject and
    a reported clause as a candidate too was tried: PolNeAR dev F1 no better, gate retrained.)"""
    found, strings = [], doc.vocab.strings
    for i, key in enumerate(doc.to_array("LOWER").tolist()):  # Token objects for cues only
        word = strings[key]
        if word in forms and (cue := _cue(doc[i])) is not None:
            if speech is not None and word not in speech:
                cue = replace(cue, speech=False)
            found.append(cue)
    return found


def _cue(token: Token) -> Cue | None:
    word = token.lower_
    if token.dep_ in ("amod", "compound", "nmod"):
        return None
    if word == "according":
        return _according(token)
    subject = _subject(token)
    content = _content(token)
    clausal = content is not None
    if content is None:
        content = _object_content(token)
    if subject is None and content is None:
        return None
    first, last = _cue_edges(token)
    return Cue(first.idx, last.idx + len(last.text), token.idx, _span(subject),
               subject.idx if subject is not None else None, _appositions(subject), content,
               clausal, features(token, subject, content, clausal))


def _cue_edges(token: Token) -> tuple[Token, Token]:
    """The words of a cue: its verb with the auxiliaries, negation and adverbs right before
    it ("has also said", "is once again questioning") and, right after it, a particle, a
    preposition that introduces what is said ("called for", "described as") or the occasion
    of speaking ("said in an interview"). PolNeAR's annotation guideline takes these into
    the cue; so do we, since they belong to how it was said."""
    doc, left = token.doc, token
    while left.i > 0 and (before := doc[left.i - 1]).head.i == token.i and \
            before.dep_ in _LEFT_DEPS:
        left = before
    right = token
    for child in token.rights:
        if child.i != right.i + 1 or not _cue_right(child):
            break
        right = child.right_edge if child.dep_ == "prep" and child.lower_ == "in" else child
    return left, right


def _object_part(child: Token, after_object: bool) -> bool:
    """An object of the cue, a preposition that introduces one, or (after an object) a
    prepositional phrase that goes on with it, unless it says when or where."""
    if child.dep_ in _OBJECT_DEPS:
        return True
    if child.dep_ != "prep":
        return False
    return child.lower_ in _OBJECT_PREPOSITIONS or \
        (after_object and child.lower_ not in _CIRCUMSTANCE and not _occasion(child))


def _occasion(prep: Token) -> bool:
    """ "in an interview", "on Monday": when and where something was said, not what."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return obj is not None and (obj.lower_.removesuffix("s") in _OCCASIONS
                                or obj.lower_ in _DAYS)


def _cue_right(child: Token) -> bool:
    if child.dep_ == "prt":
        return True
    if child.dep_ != "prep":
        return False
    if child.lower_ == "in":
        obj = next((c for c in child.children if c.dep_ == "pobj"), None)
        return obj is not None and obj.lower_.removesuffix("s") in _OCCASIONS
    return child.lower_ in _CUE_PREPOSITIONS


def _according(token: Token) -> Cue | None:
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None:
        return None
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    clause = token.sent.root
    content = _edges(clause.doc, _said(list(clause.subtree)))
    return Cue(token.idx, to.idx + len(to.text), token.idx, _span(source), source.idx,
               _appositions(source), content, True, ("w=according",))


def _subject(token: Token) -> Token | None:
    node = token
    for _ in range(_SUBJECT_HOPS):
        found = next((c for c in node.children if c.dep_ in _SUBJECTS), None)
        if found is not None:
            return found
        if node.dep_ not in ("advcl", "xcomp", "conj", "pcomp", "acl") or node.head is node:
            return None
        node = node.head
    return None


def _content(token: Token) -> tuple[int, int] | None:
    clause = next((c for c in token.children if c.dep_ in _CONTENT_DEPS), None)
    if clause is not None and clause.i < token.i and not _fronted_report(clause, token):
        return None
    if clause is None:
        return _around(token)
    tokens = _said(list(clause.subtree))
    while tokens and (tokens[0].lower_ == "that" or tokens[0].is_punct):
        tokens = tokens[1:]
    return _after_dateline(token.doc.text, _edges(token.doc, tokens))


def _after_dateline(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """``span`` without a dateline it opens with ("WASHINGTON (AP) — Officials …, he said"):
    the place belongs to the report, not to what was said."""
    if span is None:
        return None
    found = _DATELINE.match(text, span[0], span[1])
    return (found.end(), span[1]) if found and found.end() < span[1] else span


def _fronted_report(clause: Token, cue: Token) -> bool:
    """Whether a clause the parse hangs before its cue can be what was said. Not a phrase
    that opens with a preposition and has no subject of its own ("In a statement read out at
    a press conference, the minister said:"; the quote stage parses without a tagger, so no
    part of speech tells a participle from a verb), and not a clause a colon closes off
    ("… where the centre should be based: Britain has proposed Aberdeen"): the colon opens
    what follows."""
    own_subject = any(c.dep_ in _SUBJECTS or c.dep_ in ("csubj", "expl") for c in clause.children)
    if not own_subject and clause.left_edge.dep_ == "prep":
        return False
    between = clause.doc[clause.right_edge.i + 1:cue.i]
    return not any(t.text == ":" for t in between)


def _around(token: Token) -> tuple[int, int] | None:
    """A cue set inside what is said ("the weapons, he added, are …"): the clause it
    interrupts, cue and all (the attribution list takes the words either side of it),
    unless quotation marks stand in it (then the quotations are the content)."""
    if token.dep_ != "parataxis":
        return None
    clause = list(token.head.subtree)
    if clause[0].i >= token.left_edge.i or any(t.text in _MARKS_ALL for t in clause):
        return None
    return _edges(token.doc, _said(clause))


def _object_content(token: Token) -> tuple[int, int] | None:
    """What a cue without a reported clause says through its objects: "called for a
    review", "described the plan as “a disaster”", "urged Congress to act", "accused Kim of
    recklessness". The preposition that the cue itself takes ("called for") stays out."""
    _, last = _cue_edges(token)
    parts: list[Token] = []
    for c in token.rights:
        if _object_part(c, bool(parts)):
            parts.append(c)
        elif parts:
            break
    tokens = [t for c in parts for t in c.subtree if t.i > last.i or t.head.i == last.i]
    kept = [t for t in tokens if t.i > last.i]
    return _edges(token.doc, _said(kept)) if kept else None


def _said(tokens: list[Token]) -> list[Token]:
    """The words of a reported clause: without an "according to …" phrase in it (that is
    the attribution, not what is said), without a relative clause set off by a comma at its
    end (", which the police have not done": the writer's aside) and without a dangling
    "and"/"but" at its end."""
    last = max((t.i for t in tokens), default=-1)
    skip = {t.i for a in tokens if a.lower_ == "according" or _aside(a, last)
            for t in a.subtree}
    kept = [t for t in tokens if t.i not in skip]
    while kept and (kept[-1].dep_ == "cc" or (kept[-1].is_punct and not _closes_quote(kept[-1]))):
        kept.pop()
    return kept


def _aside(token: Token, last: int) -> bool:
    """A relative clause, or a participle or concessive clause ("…, contradicting the
    police's claim", "…, though she noted …"), set off by a comma at the end: the writer's."""
    if token.right_edge.i != last or token.left_edge.i == 0 or token.head.i > token.i or \
            token.doc[token.left_edge.i - 1].text != ",":
        return False
    if token.dep_ == "relcl":
        return True
    # (the quote stage parses without a tagger: a participle by its ending)
    participle = token.lower_.endswith("ing") and token.left_edge.i == token.i
    return token.dep_ == "advcl" and (participle or token.left_edge.lower_ in _CONCESSIVE)


def _closes_quote(token: Token) -> bool:
    return token.text in _CLOSING_MARKS or token.text in _STRAIGHT_MARKS


def _appositions(subject: Token | None) -> tuple[int, ...]:
    if subject is None:
        return ()
    return tuple(c.idx for c in subject.children if c.dep_ == "appos")


def _span(token: Token | None) -> tuple[int, int] | None:
    """The source phrase, without a relative clause set off by a comma ("X, who …")."""
    if token is None:
        return None
    cut = [c for c in token.subtree if c.dep_ in ("relcl", "acl") and c.i > token.i
           and token.doc[c.left_edge.i - 1].text == ","]
    end = min([c.left_edge.i - 1 for c in cut], default=token.right_edge.i + 1)
    begin = max([t.i + 1 for t in token.subtree if t.i < token.i and t.text in _DASHES
                 and _dateline(token.doc[token.left_edge.i:t.i])], default=0)
    return _edges(token.doc, [t for t in token.subtree if begin <= t.i < end])


def _dateline(words: Span) -> bool:
    """ "WASHINGTON --", "FLINT, Mich., Oct. 4 (UPI) —": a place in capitals before a dash."""
    return any(t.is_upper and len(t.text) >= 3 and t.is_alpha for t in words)


def _edges(doc: Doc, tokens: list[Token]) -> tuple[int, int] | None:
    """The character range of ``tokens`` without punctuation tokens at either edge (an
    abbreviation's own full stop, "U.S.", stays), but with a closing quotation mark that
    ends them (and the stop just inside it) when the words hold its opening mark, and
    likewise a closing bracket ("Rep. John Mica (R-Fla.)")."""
    if not tokens:
        return None
    span: Span = doc[min(t.i for t in tokens): max(t.i for t in tokens) + 1]
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if not words:
        return None
    first, last = words[0], words[-1]
    inner = doc[first.i:last.i + 1]
    straight = sum(t.text in _STRAIGHT_MARKS for t in inner)
    opened = straight % 2 == 1 or sum(t.text in _OPENING_MARKS for t in inner) > \
        sum(t.text in _CLOSING_MARKS for t in inner)
    brackets = sum(t.text == "(" for t in inner) > sum(t.text == ")" for t in inner)
    for after in doc[last.i + 1:]:
        if not after.is_punct:
            break
        if (opened and _closes_quote(after)) or (brackets and after.text == ")"):
            last = after
            break
    return first.idx, last.idx + len(last.text)
