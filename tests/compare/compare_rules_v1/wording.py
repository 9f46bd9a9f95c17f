"""Two wordings of one remark, word by word: identical, minor or divergent, with the diff.

The contract (export-v1.md "comparisons"): ``identical`` once quotation marks, case,
curly/straight punctuation and spacing are folded (a final comma or full stop before the
closing mark belongs to the attribution, not the speaker); ``minor`` for stutters, dropped
fillers, punctuation, contractions and British/American spelling; ``divergent`` when a
content word differs. A quote that carries only the start, middle or end of the other is a
truncation: the verdict then covers the words both carry.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from breame.spelling import get_american_spelling, get_british_spelling
from rapidfuzz.distance import Levenshtein

from newsdesk.model import Verdict, WordDiff

# Marks folded before comparing: curly and straight quotes are one; so are dash styles.
_QUOTE_MARKS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
                              "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
                              "–": "-", "—": "-", "−": "-", "\u00a0": " "})
_EDGE = " \t\n\"'.,;:!?-()[]…"
_WORD = re.compile(r"\d[\d,.]*\d|\w+(?:'\w+)*")
# Contractions spelt out before comparing, so "it'll" and "it will" align word for word.
_CONTRACTIONS = {"'ll": ("will",), "n't": ("not",), "'re": ("are",), "'ve": ("have",),
                 "'m": ("am",), "'d": ("would",)}
_IRREGULAR = {"won't": ("will", "not"), "can't": ("can", "not"), "shan't": ("shall", "not"),
              "it's": ("it", "is"), "that's": ("that", "is"), "there's": ("there", "is"),
              "here's": ("here", "is"), "what's": ("what", "is"), "he's": ("he", "is"),
              "she's": ("she", "is"), "let's": ("let", "us"), "who's": ("who", "is")}
# Words a speaker can drop or a reporter can leave out without changing what was said:
# hesitation sounds and intensifiers (the contract's "dropped fillers"; the gold drops "very").
FILLERS = frozenset({"um", "uh", "er", "erm", "ah", "uhm", "hmm", "mm", "well", "very",
                     "really", "actually", "basically", "quite", "indeed", "so", "just",
                     "you know", "i mean", "of course", "sort of", "kind of"})
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
     "nineteen", "twenty"])}
_RANK = {Verdict.IDENTICAL: 0, Verdict.MINOR: 1, Verdict.DIVERGENT: 2}


@dataclass(frozen=True, slots=True)
class Wording:
    """How ``b`` words what ``a`` says."""

    verdict: Verdict
    truncated: bool
    diff: tuple[WordDiff, ...]
    aligned: int


def fold(text: str) -> str:
    """Quotation marks, dash styles, case and spacing folded; edge punctuation dropped."""
    plain = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS).lower()
    return " ".join(plain.split()).strip(_EDGE)


def words(text: str) -> list[str]:
    """The words of ``text`` as written (marks folded, case kept), contractions spelt out."""
    return list(_words(text))


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    plain = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS)
    found: list[str] = []
    for token in _WORD.findall(plain):
        found.extend(_spelt_out(token))
    return tuple(found)


def _spelt_out(token: str) -> tuple[str, ...]:
    if "'" not in token:
        return (token,)
    lower = token.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    for ending, full in _CONTRACTIONS.items():
        if lower.endswith(ending) and len(lower) > len(ending):
            return (token[: -len(ending)], *full)
    return (token,)


def worse(a: Verdict, b: Verdict) -> Verdict:
    return a if _RANK[a] >= _RANK[b] else b


def compare_wording(a: str, b: str) -> Wording:
    """The verdict on ``b`` as a report of the remark ``a`` reports, with the word diff."""
    wa, wb = words(a), words(b)
    ka, kb = [w.lower() for w in wa], [w.lower() for w in wb]
    blocks = _blocks(ka, kb)
    trimmed, truncated = _trim_edges(blocks, ka, kb)
    verdict = Verdict.IDENTICAL
    for block in trimmed:
        verdict = worse(verdict, _block_verdict(block, ka, kb))
    if verdict is Verdict.IDENTICAL and not truncated and fold(a) != fold(b):
        verdict = Verdict.MINOR
    if verdict is Verdict.IDENTICAL and _contracted(a) != _contracted(b) and not truncated:
        verdict = Verdict.MINOR
    aligned = sum(i2 - i1 for tag, i1, i2, _, _ in blocks if tag == "equal")
    diff = _diff(blocks, wa, wb, ka, kb)
    return Wording(verdict, truncated, _mark_cut(diff) if truncated else diff, aligned)


def alignment(a: Sequence[str], b: Sequence[str]) -> int:
    """How many words of ``a`` and ``b`` (lower-cased word lists) align, in order."""
    return sum(i2 - i1 for tag, i1, i2, _, _ in _blocks(a, b) if tag == "equal")


def alignment_runs(a: Sequence[str], b: Sequence[str]) -> tuple[int, int]:
    """How many words align in order, and the longest unbroken run of them."""
    runs = [i2 - i1 for tag, i1, i2, _, _ in _blocks(a, b) if tag == "equal"]
    return sum(runs), max(runs, default=0)


def _contracted(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS).lower()
    return _WORD.findall(plain)


Block = tuple[str, int, int, int, int]


def _blocks(ka: Sequence[str], kb: Sequence[str]) -> list[Block]:
    """Aligned runs (``equal``) and the differing runs between them (``change``)."""
    found: list[Block] = []
    for op in Levenshtein.opcodes(list(ka), list(kb)):
        block = ("equal" if op.tag == "equal" else "change", op.src_start, op.src_end,
                 op.dest_start, op.dest_end)
        if found and found[-1][0] == "change" and block[0] == "change":
            found[-1] = ("change", found[-1][1], block[2], found[-1][3], block[4])
        else:
            found.append(block)
    return found


def _trim_edges(blocks: list[Block], ka: Sequence[str], kb: Sequence[str]
                ) -> tuple[list[Block], bool]:
    """The blocks without a leading or trailing run only one side has (a truncation); a
    run of fillers ("Um, we are ready") is a dropped filler, not a truncation."""
    kept = [b for b in blocks if b[0] == "change"]
    truncated = False
    if blocks and len(blocks) > 1:
        for edge in {0, len(blocks) - 1}:
            block = blocks[edge]
            if block[0] == "change" and (block[1] == block[2] or block[3] == block[4]) \
                    and _block_verdict(block, ka, kb) is Verdict.DIVERGENT:
                kept.remove(block)
                truncated = True
    return kept, truncated


def _block_verdict(block: Block, ka: Sequence[str], kb: Sequence[str]) -> Verdict:
    _, i1, i2, j1, j2 = block
    left, right = list(ka[i1:i2]), list(kb[j1:j2])
    if not left or not right:
        extra, seq, at = (left, ka, i1) if left else (right, kb, j1)
        return Verdict.MINOR if _droppable(extra, seq, at) else Verdict.DIVERGENT
    return Verdict.MINOR if same_words(left, right) else Verdict.DIVERGENT


def _droppable(extra: list[str], seq: Sequence[str], at: int) -> bool:
    """Fillers, or a stutter: words repeating the ones right next to them."""
    if " ".join(extra) in FILLERS or all(w in FILLERS for w in extra):
        return True
    n = len(extra)
    after, before = list(seq[at + n: at + 2 * n]), list(seq[max(0, at - n): at])
    return extra in (after, before)


def same_words(left: Sequence[str], right: Sequence[str]) -> bool:
    """The same words spelt differently: joined or hyphenated, British/American spelling,
    a number as digits or words, or with fillers only added or dropped."""
    if "".join(left) == "".join(right):
        return True
    core_l = [w for w in left if w not in FILLERS]
    core_r = [w for w in right if w not in FILLERS]
    if len(core_l) != len(core_r) or not core_l:
        return False
    return all(x == y or spelling_variant(x, y) or _number(x) == _number(y)
               for x, y in zip(core_l, core_r, strict=True))


@lru_cache(maxsize=65536)
def spelling_variant(x: str, y: str) -> bool:
    """``x`` and ``y`` are one word in British and American spelling (breame's lists:
    organise/organize, defence/defense, travelled/traveled)."""
    if x == y:
        return False
    return bool(get_american_spelling(x) == y or get_british_spelling(x) == y
                or get_american_spelling(y) == x or get_british_spelling(y) == x)


def _number(word: str) -> str:
    return _NUMBER_WORDS.get(word, word)


def _diff(blocks: list[Block], wa: list[str], wb: list[str], ka: list[str],
          kb: list[str]) -> tuple[WordDiff, ...]:
    found = []
    for tag, i1, i2, j1, j2 in blocks:
        a, b = " ".join(wa[i1:i2]), " ".join(wb[j1:j2])
        if tag == "equal":
            found.append(WordDiff("equal", a, b))
        else:
            minor = _block_verdict((tag, i1, i2, j1, j2), ka, kb) is Verdict.MINOR
            found.append(WordDiff(_change_op(a, b, minor), a, b))
    return tuple(found)


def _mark_cut(diff: tuple[WordDiff, ...]) -> tuple[WordDiff, ...]:
    """A truncation's leading or trailing words one side lacks: ``cut``, not a change."""
    steps = list(diff)
    for edge in {0, len(steps) - 1}:
        if steps[edge].op in ("missing", "extra"):
            steps[edge] = WordDiff("cut", steps[edge].a, steps[edge].b)
    return tuple(steps)


def _change_op(a: str, b: str, minor: bool) -> str:
    if minor:
        return "minor"
    return "missing" if not b else "extra" if not a else "changed"
