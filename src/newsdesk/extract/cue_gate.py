"""Which cue candidates are attributions: a linear model over parse features.

A candidate is a cue word with a subject or a content in the parse (``cues``). Many are not
attributions ("the report added pages", "plans to visit"); the gate scores each one with
weights learnt by logistic regression on PolNeAR train (``bench/train_cue_gate.py``), and the
attribution list keeps those scoring above ``QuoteSettings.min_cue_score``.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

WEIGHTS = "data/cue_gate.tsv"
_PRONOUNS = frozenset(("he", "she", "they", "it", "i", "we", "you", "who", "that", "which"))
_MARKS = frozenset(("“", "”", '"', "''", "``", "«", "»", "„"))


def features(token: Token, subject: Token | None, content: tuple[int, int] | None,
             clausal: bool) -> tuple[str, ...]:
    """Binary features of a cue candidate: its word, its place in the parse, its subject
    and what kind of content it has."""
    doc, word = token.doc, token.lower_
    before = doc[token.i - 1].lower_ if token.i > 0 else "<s>"
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else "</s>"
    found = [f"w={word}", f"dep={token.dep_}", f"w|dep={word}|{token.dep_}",
             f"head={token.head.dep_}", f"prev={before}", f"next={after}",
             f"w|next={word}|{after}", _content_kind(content, clausal),
             _subject_kind(subject)]
    if subject is not None:
        found.append(f"w|subj={word}|{_subject_kind(subject)}")
    found.extend(f"child={c.dep_}" for c in token.children)
    if any(t.text in _MARKS for t in token.sent):
        found.append("marks")
    return tuple(found)


def _content_kind(content: tuple[int, int] | None, clausal: bool) -> str:
    if content is None:
        return "content=none"
    size = min(4, int(math.log2(1 + content[1] - content[0])) // 2)
    return f"content={'clause' if clausal else 'object'}{size}"


def _subject_kind(subject: Token | None) -> str:
    if subject is None:
        return "subj=none"
    if subject.lower_ in _PRONOUNS:
        return f"subj={subject.lower_}"
    return "subj=title" if subject.is_title or subject.is_upper else "subj=lower"


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """Feature -> weight (and the intercept under ""), as bench/train_cue_gate.py wrote."""
    return read_weights(WEIGHTS)


def read_weights(name: str) -> dict[str, float]:
    """A packaged ``feature<TAB>weight`` table (the intercept under "")."""
    table = resources.files("newsdesk.extract").joinpath(name).read_text("utf-8")
    found = {}
    for line in table.splitlines()[1:]:
        name, _, value = line.rpartition("\t")
        found[name] = float(value)
    return found


def score(found: tuple[str, ...]) -> float:
    """The probability the candidate is an attribution."""
    table = weights()
    total = table.get("", 0.0) + sum(table.get(f, 0.0) for f in found)
    return 1.0 / (1.0 + math.exp(-total))
