"""Attribution spans (cue, source, content) tagged token by token by a linear-chain CRF.

The rules (``attributions``) find most cues but miss many (nominal cues, cues with no subject,
colons, "“…” ― Name") and often get the edges of a reported clause wrong. The tagger reads
every paragraph as one sequence of tokens (the tokenizer only, cheap) and gives each token a
BIO tag for Cue, Source or Content, from features of the token, its neighbours, the quotation
marks around it, the dependency parse where the quote stage parsed its sentence (sentences
holding a cue word), and the spans the rules found there. The weights are learnt on PolNeAR
train by ``bench/train_span_tagger.py`` (python-crfsuite) and shipped in
``data/span_tagger.crfsuite``.

Tagged spans become attributions: two content spans with only a cue, a source and
punctuation between them are one content ("“…,” he said. “…”"), unless each has a cue of
its own; each content and each source takes the nearest cue of its paragraph. How the
tagger's attributions and the rules' are combined: ``content_choice``.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pycrfsuite
from spacy.language import Language
from spacy.tokens import Doc

from newsdesk.extract.marks import paragraphs, quoted
from newsdesk.model import Article, Attribution, Span

MODEL = "data/span_tagger.crfsuite"
KINDS = ("Cue", "Source", "Content")
_MARK_CHARS = frozenset("“”\"'‘’«»„`")
_ENDS = frozenset((".", "?", "!"))
_PUNCT_GAP = frozenset((",", ".", ":", ";", "—", "–", "-", "--", "―", "(", ")"))
Spans = list[tuple[str, int, int]]
# How far up the parse a token looks for a cue word above it (_below_cue).
_MAX_DEPTH = 8


@dataclass(frozen=True, slots=True)
class Sequence_:
    """One paragraph: its tokens' character ranges (article offsets) and their features."""

    tokens: tuple[tuple[int, int], ...]
    features: tuple[tuple[str, ...], ...]


class _CharLabels:
    """Which span kind covers each character, for many spans at once."""

    def __init__(self, size: int, spans: Spans) -> None:
        self.kind: list[str | None] = [None] * size
        starts = set()
        for kind, start, end in spans:
            start, end = max(0, start), min(size, end)
            if end > start:
                self.kind[start:end] = [kind] * (end - start)
                starts.add(start)
        self.starts = sorted(starts)

    def tag(self, start: int, end: int, previous_end: int) -> str:
        """BIO tag of the token at [start, end): B when a span starts inside it (or in the
        space before it) or the token before lies outside the span."""
        kind = self.kind[start] or self.kind[end - 1]
        if kind is None:
            return "O"
        if previous_end == -1 or self.kind[max(0, previous_end - 1)] != kind:
            return "B-" + kind
        at = bisect.bisect_left(self.starts, previous_end)
        if at < len(self.starts) and self.starts[at] < end:
            return "B-" + kind
        return "I-" + kind


def sequences(article: Article, nlp: Language, docs: Sequence[tuple[int, Doc]],
              rules: Sequence[Attribution], cue_forms: frozenset[str],
              max_chars: int) -> list[Sequence_]:
    """The article's paragraphs as tagger input (features of every token). The parsed runs'
    tokens are reused and only the text between them is tokenised (the tokenizer splits at
    spaces first, so the tokens are the same as the whole article's)."""
    text = article.text[:max_chars]
    rule_labels = _CharLabels(len(text), _attribution_spans(rules))
    inside = [False] * len(text)
    for marked in quoted(text):
        for start, end in marked.pieces:
            inside[start:end] = [True] * (end - start)
    parse = _parse_features(docs, cue_forms)
    runs = sorted(((offset, offset + len(doc.text), doc) for offset, doc in docs),
                  key=lambda r: r[0])
    starts = [r[0] for r in runs]
    found = []
    for start, end in paragraphs(text):
        previous_end = len(text[:start].rstrip()) or -1
        tokens = []
        for t_start, t_end, lower, shape in _tokens(nlp, text, (start, end), runs, starts):
            tokens.append((t_start, t_end, lower, shape,
                           rule_labels.tag(t_start, t_end, previous_end)))
            previous_end = t_end
        if tokens:
            found.append(_sequence(tokens, inside, parse, cue_forms))
    return found


def _tokens(nlp: Language, text: str, where: tuple[int, int],
            runs: list[tuple[int, int, Doc]], starts: list[int],
            ) -> list[tuple[int, int, str, str]]:
    """(start, end, lower, shape) of the non-space tokens of text[start:end]: those of the
    parsed runs inside it, the rest tokenised here."""
    (start, end), found = where, []
    at = start
    for run_start, run_end, doc in runs[bisect.bisect_left(starts, start):]:
        if run_start >= end:
            break
        if run_start > at:
            found.extend(_doc_tokens(nlp.make_doc(text[at:run_start]), at))
        found.extend(_doc_tokens(doc, run_start))
        at = run_end
    if at < end:
        found.extend(_doc_tokens(nlp.make_doc(text[at:end]), at))
    return found


def _doc_tokens(doc: Doc, offset: int) -> list[tuple[int, int, str, str]]:
    """The non-space tokens, read as arrays (no Token objects: 5x faster)."""
    strings = doc.vocab.strings
    rows = doc.to_array(["IDX", "LENGTH", "LOWER", "SHAPE", "IS_SPACE"]).tolist()
    return [(offset + idx, offset + idx + length, strings[lower], strings[shape])
            for idx, length, lower, shape, space in rows if not space]


def _sequence(tokens: list[tuple[int, int, str, str, str]], inside: list[bool],
              parse: dict[int, tuple[str, ...]], cue_forms: frozenset[str]) -> Sequence_:
    words = ["<s>", "<s>", *(t[2] for t in tokens), "</s>", "</s>"]
    rules = ["O", *(t[4] for t in tokens), "O"]
    marks = any(t[2][0] in _MARK_CHARS for t in tokens)
    first_mark = tokens[0][2][0] in _MARK_CHARS
    sides = _sides(tokens, words, cue_forms)
    found = []
    for i, (start, _, lower, shape, rule) in enumerate(tokens):
        w = i + 2
        f = [f"w={lower}", f"sh={shape[:4]}", f"suf={lower[-3:]}", f"r={rule}",
             f"r-1={rules[i]}", f"r+1={rules[i + 2]}", f"r|r+1={rule}|{rules[i + 2]}",
             f"r-1|r={rules[i]}|{rule}",
             f"w-1={words[w - 1]}", f"w+1={words[w + 1]}", f"w-2={words[w - 2]}",
             f"w+2={words[w + 2]}", f"w-1|w={words[w - 1]}|{lower}",
             f"w|w+1={lower}|{words[w + 1]}",
             "q=in" if inside[start] else "q=out", f"side={sides[i]}",
             f"side|q={sides[i]}|{inside[start]}", f"side|r={sides[i]}|{rule}"]
        if lower in cue_forms:
            f.append("cf")
        if words[w - 1] in cue_forms:
            f.append("cf-1")
        if words[w + 1] in cue_forms:
            f.append("cf+1")
        if lower[0] in _MARK_CHARS:
            f.append("mark")
        if i == 0:
            f.append("bop")
            if first_mark:
                f.append("bop=mark")
        if i == len(tokens) - 1:
            f.append("eop")
        if words[w - 1] in _ENDS:
            f.append("after-end")
        if marks:
            f.append("p-marks")
        f.extend(parse.get(start, ("np",)))
        found.append(tuple(f))
    return Sequence_(tuple((t[0], t[1]) for t in tokens), tuple(found))


def _sides(tokens: list[tuple[int, int, str, str, str]], words: list[str],
           cue_forms: frozenset[str]) -> list[str]:
    """Where each token stands in its sentence (split at . ? !) against the cues: before
    one ("<"), after one (">"), between two ("<>"), or in a sentence with none ("-"); a
    rule cue counts, else a cue word."""
    found: list[str] = []
    sentence: list[int] = []
    for i in range(len(tokens) + 1):
        if i < len(tokens):
            sentence.append(i)
        if i == len(tokens) or tokens[i][2] in _ENDS:
            cues = [j for j in sentence if tokens[j][4].endswith("Cue")] or \
                [j for j in sentence if tokens[j][2] in cue_forms]
            first, last, inside = min(cues, default=-1), max(cues, default=-1), set(cues)
            for j in sentence:
                before, after = last > j, -1 < first < j
                found.append("c" if j in inside else "<>" if before and after else
                             "<" if before else ">" if after else "-")
            sentence = []
    return found


def _parse_features(docs: Sequence[tuple[int, Doc]],
                    cue_forms: frozenset[str]) -> dict[int, tuple[str, ...]]:
    """Parse features of every parsed token, by its article offset (token attributes read
    once per run)."""
    found: dict[int, tuple[str, ...]] = {}
    for offset, doc in docs:
        strings = doc.vocab.strings
        rows = doc.to_array(["IDX", "LOWER", "DEP"]).tolist()
        lowers = [strings[r[1]] for r in rows]
        deps = [strings[r[2]] if r[2] else "" for r in rows]
        relative = doc.to_array(["HEAD", "SENT_START"]).astype("int64").tolist()
        heads = [i + r[0] for i, r in enumerate(relative)]
        for i, ((idx, _, _), (_, sent_start)) in enumerate(zip(rows, relative, strict=True)):
            dep, h = deps[i], heads[i]
            head = lowers[h]
            side = "<" if h < i else ">" if h > i else "="
            f = [f"d={dep}", f"hw={head}", f"hd={deps[h]}", f"d|side={dep}|{side}",
                 f"d|hw={dep}|{head}"]
            if head in cue_forms:
                f.append(f"hcf|d={dep}")
            if sent_start == 1 or i == 0:
                f.append("ss")
            f.extend(_below_cue(heads, lowers, deps, i, cue_forms))
            found[offset + idx] = tuple(f)
    return found


def _below_cue(heads: list[int], lowers: list[str], deps: list[str], i: int,
               cue_forms: frozenset[str]) -> tuple[str, ...]:
    """Where the token hangs below the nearest cue word above it in the parse: the relation
    of the branch it is in ("ccomp": the reported clause, "nsubj": who speaks) and how deep,
    or that no cue word is above it."""
    child, depth = i, 0
    while depth < _MAX_DEPTH:
        head = heads[child]
        if head == child:
            return ("below=none",)
        depth += 1
        if lowers[head] in cue_forms:
            branch = deps[child]
            return (f"below={branch}", f"below={branch}|{min(depth, 3)}",
                    f"below={branch}|{lowers[head]}")
        child = head
    return ("below=far",)


def _attribution_spans(found: Sequence[Attribution]) -> Spans:
    spans: Spans = []
    for a in found:
        spans.append(("Cue", a.cue.start, a.cue.end))
        if a.source is not None:
            spans.append(("Source", a.source.start, a.source.end))
        spans.extend(("Content", c.start, c.end) for c in a.content)
    # Later spans overwrite earlier ones; cues and sources win over content.
    order = {"Content": 0, "Source": 1, "Cue": 2}
    return sorted(spans, key=lambda s: order[s[0]])


def gold_tags(sequence: Sequence_, labels: _CharLabels) -> list[str]:
    """BIO tags of a sequence from character labels (training)."""
    tags, previous_end = [], -1
    for start, end in sequence.tokens:
        tags.append(labels.tag(start, end, previous_end))
        previous_end = end
    return tags


def char_labels(size: int, spans: Spans) -> _CharLabels:
    return _CharLabels(size, spans)


@lru_cache(maxsize=1)
def tagger() -> pycrfsuite.Tagger:
    """The learnt model, loaded once per process from the package data."""
    model = pycrfsuite.Tagger()
    model.open(str(resources.files("newsdesk.extract").joinpath(MODEL)))
    return model


def tag(sequence: Sequence_) -> list[str]:
    return list(tagger().tag(pycrfsuite.ItemSequence(list(sequence.features))))


def tag_with_cue_odds(sequence: Sequence_, cues: Sequence[Span],
                      ) -> tuple[list[str], dict[tuple[int, int], float]]:
    """The sequence's tags, and for each of ``cues`` inside it that no token tagged a cue
    overlaps, the tagger's likeliest probability (marginal) that one of its tokens is a cue
    (the marginals are worked out only for these: forward-backward costs as much as the
    tagging)."""
    model = tagger()
    tags = list(model.tag(pycrfsuite.ItemSequence(list(sequence.features))))
    odds = {}
    first, last = sequence.tokens[0][0], sequence.tokens[-1][1]
    for cue in cues:
        if first <= cue.start < last:
            inside = [i for i, (s, e) in enumerate(sequence.tokens)
                      if s < cue.end and cue.start < e]
            if any(tags[i].endswith("Cue") for i in inside):
                continue
            odds[(cue.start, cue.end)] = max(
                (model.marginal(label, i) for i in inside for label in ("B-Cue", "I-Cue")),
                default=0.0)
    return tags, odds


def spans(sequence: Sequence_, tags: Sequence[str]) -> Spans:
    """The (kind, start, end) spans of a tagged sequence (an I after O or another kind
    starts a span)."""
    found: Spans = []
    for (start, end), label in zip(sequence.tokens, tags, strict=True):
        if label == "O":
            continue
        begin, kind = label.split("-", 1)
        if begin == "I" and found and found[-1][0] == kind and _joined(found[-1], sequence,
                                                                        start):
            found[-1] = (kind, found[-1][1], end)
        else:
            found.append((kind, start, end))
    return found


def _joined(last: tuple[str, int, int], sequence: Sequence_, start: int) -> bool:
    """True when no token lies between the span ``last`` and the token at ``start``."""
    at = bisect.bisect_left(sequence.tokens, (last[2], -1))
    return at < len(sequence.tokens) and sequence.tokens[at][0] >= start


def attributions(article: Article, tagged: Sequence[tuple[Sequence_, list[str]]],
                 ) -> list[Attribution]:
    """Attributions from the tagged paragraphs: contents joined across a cue between them,
    each content with the nearest cue of its paragraph (else the last cue before it), each
    source with the nearest cue of its paragraph. Every tagged span is kept: a cue may have
    no content (``content`` empty) or several sources (one attribution each)."""
    text, found = article.text, []
    last_cue: tuple[str, int, int] | None = None
    for sequence, tags in tagged:
        kinds = spans(sequence, tags)
        own = [s for s in kinds if s[0] == "Cue"]
        cues = own or ([last_cue] if last_cue else [])
        if not cues:
            continue
        contents: dict[tuple[str, int, int], list[tuple[tuple[int, int], ...]]] = {}
        for content in _joined_contents(text, kinds, sequence, tags):
            cue = min(cues, key=lambda c: _distance((c[1], c[2]), (content[0][0],
                                                                   content[-1][1])))
            contents.setdefault(cue, []).append(content)
        sources: dict[tuple[str, int, int], list[tuple[str, int, int] | None]] = {}
        for source in (s for s in kinds if s[0] == "Source"):
            cue = min(cues, key=lambda c: _distance((c[1], c[2]), (source[1], source[2])))
            sources.setdefault(cue, []).append(source)
        for cue in cues:
            if not own and cue not in contents:
                continue  # the cue of an earlier paragraph, with nothing to add here
            for content in contents.get(cue, [()]):
                for who in sources.get(cue, [None]):
                    found.append(Attribution(
                        article.id, _span(text, cue[1], cue[2]),
                        None if who is None else _span(text, who[1], who[2]),
                        tuple(_span(text, a, b) for a, b in content), False))
        last_cue = cues[-1]
    return found


def _joined_contents(text: str, kinds: Spans, sequence: Sequence_,
                     tags: Sequence[str]) -> list[tuple[tuple[int, int], ...]]:
    """Content spans, those split by a cue (and its source and punctuation only) as one."""
    ordered = sorted(kinds, key=lambda s: s[1])
    found: list[list[tuple[int, int]]] = []
    last_content = None
    for i, (kind, start, end) in enumerate(ordered):
        if kind != "Content":
            continue
        if last_content is not None and _only_cue_between(text, ordered, last_content, i,
                                                           sequence, tags):
            found[-1].append((start, end))
        else:
            found.append([(start, end)])
        last_content = i
    return [tuple(c) for c in found]


def _only_cue_between(text: str, ordered: Spans, a: int, b: int, sequence: Sequence_,
                      tags: Sequence[str]) -> bool:
    """True when contents ``a`` and ``b`` are one report split by its attribution: one cue
    between them (with its source and punctuation only), both quoted or both not. PolNeAR
    train, the last 210 articles held out (tagger learnt on the rest): content exact F1
    .546 -> .554 with the two last conditions (one cue, same marking)."""
    between = ordered[a + 1:b]
    if sum(k == "Cue" for k, _, _ in between) != 1:
        return False  # "“…,” Labott said to Reines in compliments over Clinton's …": two cues
    if (text[ordered[a][1]] in _MARK_CHARS) != (text[ordered[b][1]] in _MARK_CHARS):
        return False  # "“…,” Trump said, adding a plug for himself": one quoted, one not
    # "He said A. She said B": A has its own cue before it, B one after it: two reports.
    before = [k for k, _, _ in ordered[:a]]
    after = [k for k, _, _ in ordered[b + 1:]]
    if "Cue" in before[_last_content(before) + 1:] or \
            "Cue" in after[:after.index("Content") if "Content" in after else len(after)]:
        return False
    gap_start, gap_end = ordered[a][2], ordered[b][1]
    for (start, end), label in zip(sequence.tokens, tags, strict=True):
        if gap_start <= start and end <= gap_end and label == "O" and \
                text[start:end] not in _PUNCT_GAP and text[start] not in _MARK_CHARS:
            return False
    return True


def _last_content(kinds: list[str]) -> int:
    return max((i for i, k in enumerate(kinds) if k == "Content"), default=-1)


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])
