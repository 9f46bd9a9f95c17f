"""The span tagger's attributions and the rules' combined (``combined``): which content and
which cue span to keep when both found one cue, which rule cues the tagger missed to keep.

The rules' content follows the parse and the quotation marks; the tagger's follows what it
learnt of PolNeAR's edges ("that X “…”" where the rules keep the quotation only, "not to
vote for …" where the rules take "voters not to vote …"). Neither is right more often
everywhere; a linear model over the two spans' shapes (where each starts and ends against
the other, the words at their edges, the cue word, the quotation marks) picks one, with
weights learnt by logistic regression on PolNeAR train (``bench/train_content_choice.py``:
the tagger's contents there come from taggers learnt on the other folds, as at run time).
The cue spans are chosen likewise, by a second model over their edges. A rule cue the
tagger left untagged is kept when the tagger gave it fair odds of being one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

from newsdesk.extract.cue_gate import read_weights
from newsdesk.model import Attribution, Span

WEIGHTS = "data/content_choice.tsv"
CUE_WEIGHTS = "data/cue_choice.tsv"
# A rule cue the tagger left untagged is kept when the tagger's marginal probability that
# one of its words is a cue reaches this. PolNeAR train, the last 210 articles held out
# (tagger learnt on the rest): of 467 such cues 183 are gold cues; kept from 0.1 / 0.2 /
# 0.3: cue exact F1 .698 / .700 / .698, content .570 / .572 / .570 (dropped: .691, .567).
MIN_UNTAGGED_CUE_ODDS = 0.2
# The "that" opening a reported clause: the stage's content leaves it out (_ranges).
_THAT_AT = re.compile(r"\s*that\b", re.IGNORECASE)
_MARKS = frozenset("“”\"'‘’«»„`")
_WORD = re.compile(r"[\w’']+|[^\w\s]")
# Words before a cue's verb that are not the cue word ("has also said").
_AUXILIARIES = frozenset(("is", "was", "are", "were", "be", "been", "has", "have", "had",
                          "would", "will", "can", "could", "may", "might", "also", "not",
                          "never", "did", "does", "do", "just", "still", "then", "now"))


def features(text: str, cue: Span, rules: Sequence[Span],
             tagged: Sequence[Span]) -> tuple[str, ...]:
    """Binary features of one choice between the rules' content and the tagger's."""
    (rs, re_), (ts, te) = (rules[0].start, rules[-1].end), (tagged[0].start, tagged[-1].end)
    start, end = _order(ts, rs), _order(te, re_)
    found = [f"cue={_cue_word(cue.text)}", f"start={start}", f"end={end}",
             f"start|end={start}|{end}", f"rn={min(3, len(rules))}",
             f"tn={min(3, len(tagged))}", f"rmark={text[rs] in _MARKS}",
             f"tmark={text[ts] in _MARKS}", f"rfirst={_first(text, rs, re_)}",
             f"tfirst={_first(text, ts, te)}", f"rlast={_last(text, rs, re_)}",
             f"tlast={_last(text, ts, te)}", f"cue-in-t={ts < cue.start < te}",
             f"cue-in-r={rs < cue.start < re_}",
             f"size={_bucket(len(_WORD.findall(text[ts:te])) - len(_WORD.findall(text[rs:re_])))}"]
    if start != "=":
        a, b = sorted((ts, rs))
        found.append(f"xs{start}={_first(text, a, b)}")
    if end != "=":
        a, b = sorted((te, re_))
        found.append(f"xe{end}={_first(text, a, b)}")
        found.append(f"xe{end}|cue={_first(text, a, b)}|{_cue_word(cue.text)}")
    return tuple(found)


def _order(tagged: int, rules: int) -> str:
    return "<" if tagged < rules else ">" if tagged > rules else "="


def _cue_word(cue: str) -> str:
    words = [w.lower() for w in _WORD.findall(cue) if w.isalpha()]
    return next((w for w in words if w not in _AUXILIARIES), words[0] if words else "-")


def _first(text: str, start: int, end: int) -> str:
    words = _WORD.findall(text[start:end])
    return words[0].lower() if words else "-"


def _last(text: str, start: int, end: int) -> str:
    words = _WORD.findall(text[start:end])
    return words[-1].lower() if words else "-"


def _bucket(difference: int) -> str:
    size = int(math.log2(1 + abs(difference)))
    return f"{'-' if difference < 0 else '+'}{min(size, 5)}"


def cue_features(text: str, rule: Span, tagged: Span) -> tuple[str, ...]:
    """Binary features of one choice between the rules' cue span and the tagger's (one
    overlaps the other: "said" or "said in an interview", "called" or "called for")."""
    start, end = _order(tagged.start, rule.start), _order(tagged.end, rule.end)
    word = _cue_word(rule.text)
    found = [f"cw={word}", f"cstart={start}", f"cend={end}", f"cstart|cend={start}|{end}",
             f"rlast={_last(text, rule.start, rule.end)}",
             f"tlast={_last(text, tagged.start, tagged.end)}",
             f"rnext={_first(text, rule.end, rule.end + 20)}",
             f"tnext={_first(text, tagged.end, tagged.end + 20)}",
             f"size={_bucket(len(tagged.text.split()) - len(rule.text.split()))}"]
    if start != "=":
        a, b = sorted((tagged.start, rule.start))
        found.append(f"cxs{start}={_first(text, a, b)}")
    if end != "=":
        a, b = sorted((tagged.end, rule.end))
        found.extend((f"cxe{end}={_first(text, a, b)}", f"cxe{end}|cw={_first(text, a, b)}|{word}"))
    return tuple(found)


def tagged_cue_wins(text: str, rule: Span, tagged: Span) -> bool:
    """True when the tagger's cue span is the likelier of the two."""
    return _score(CUE_WEIGHTS, cue_features(text, rule, tagged)) >= 0.0


@lru_cache(maxsize=2)
def weights(name: str = WEIGHTS) -> dict[str, float]:
    """Feature -> weight (the intercept under ""), as bench/train_content_choice.py wrote."""
    return read_weights(name)


def tagged_wins(text: str, cue: Span, rules: Sequence[Span], tagged: Sequence[Span]) -> bool:
    """True when the tagger's content is the likelier of the two (score at least 0.5)."""
    return _score(WEIGHTS, features(text, cue, rules, tagged)) >= 0.0


def _score(name: str, found: tuple[str, ...]) -> float:
    """The log-odds of the tagger's side."""
    table = weights(name)
    return table.get("", 0.0) + sum(table.get(f, 0.0) for f in found)


def combined(text: str, rules: Sequence[Attribution], tagged: Sequence[Attribution],
             cue_odds: dict[tuple[int, int], float] | None = None) -> list[Attribution]:
    """The tagger's attributions, and where the rules found the same cue, the rules' content
    and cue span unless the learnt choices take the tagger's (``tagged_wins``,
    ``tagged_cue_wins``; before them the rules' content was kept unless the tagger's held it
    and more words: PolNeAR train, the last 210 articles held out, tagger and choices learnt
    on the rest, content exact F1 .554 -> .573, cue .700 -> .702). A rule cue the tagger
    left untagged is kept when the tagger gives one of its words at least
    ``MIN_UNTAGGED_CUE_ODDS`` of being a cue (``cue_odds``), else dropped. A tagged source
    inside the rules' content is dropped."""
    found = [r for r in rules if (cue_odds or {}).get((r.cue.start, r.cue.end), 0.0)
             >= MIN_UNTAGGED_CUE_ODDS and not any(_overlaps(r.cue, a.cue) for a in tagged)]
    for a in tagged:
        rule = next((r for r in rules if _overlaps(r.cue, a.cue)), None)
        if rule is None:
            found.append(a)
            continue
        source = a.source
        if source is not None and any(_overlaps(source, c) for c in rule.content):
            source = None  # the rules read it as content ("Sanders appeared to …")
        cue = a.cue
        if (cue.start, cue.end) != (rule.cue.start, rule.cue.end) and \
                not tagged_cue_wins(text, rule.cue, cue):
            cue = rule.cue
        if _tagged_content(text, a, rule):
            found.append(Attribution(a.article_id, cue, source, a.content, a.marked))
        else:
            found.append(Attribution(a.article_id, cue, source, rule.content, rule.marked))
    return sorted(found, key=lambda a: a.cue.start)


def _tagged_content(text: str, tagged: Attribution, rule: Attribution) -> bool:
    """True when the tagger's content is kept over the rules' for one cue: both have one,
    they differ, and the learnt choice (``tagged_wins``) takes the tagger's."""
    return contents_differ(text, tagged, rule) and \
        tagged_wins(text, tagged.cue, rule.content, tagged.content)


def contents_differ(text: str, tagged: Attribution, rule: Attribution) -> bool:
    """True when both have a content and they differ (more than by an opening "that")."""
    return bool(tagged.content) and bool(rule.content) and \
        _ranges(text, tagged.content) != _ranges(text, rule.content)


def _ranges(text: str, spans: Sequence[Span]) -> list[tuple[int, int]]:
    """The spans' ranges without the quotation marks around them and an opening "that"
    (the stage's conventions: the rules' content, without them, is kept when the two
    differ by these alone)."""
    found = [_unmarked(text, s.start, s.end) for s in spans]
    that = _THAT_AT.match(text, found[0][0], found[0][1]) if found else None
    if that is not None:
        found[0] = _unmarked(text, that.end(), found[0][1])
    return found


def _unmarked(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in _MARKS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _MARKS or text[end - 1].isspace()):
        end -= 1
    return start, end


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
