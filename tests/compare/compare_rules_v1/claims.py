"""Sentences across the articles of one story: which claims several independent outlets
report, which only one reports, and where two versions of one sentence disagree.

Two sentences are counterparts when most of the shorter one's content words (not stop
words) are in the other. A sentence with no counterpart in any other independent outlet's
article, that names something (a name or a number) those articles never mention, is
only-here. Two counterparts that align word for word except for a number, a date, a name, or
(inside quotation marks: a misquote) a single word of substance conflict.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from newsdesk.compare.wording import FILLERS, same_words, words
from newsdesk.model import Claim, ClaimConflict, CompareArticle, Passage
from newsdesk.settings import CompareSettings

# A sentence ends at . ! or ? (and any closing marks) followed by space and a capital or an
# opening mark; paragraphs always end one.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_NUMBER = re.compile(r"^\d[\d,.]*$")
_MONTHS = frozenset(["january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december", "monday", "tuesday",
                     "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
                     "tomorrow"])
_NUMBER_WORDS = frozenset(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                           "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                           "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
                           "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
                           "million", "billion", "dozen", "half"])
# How reporters attribute: one outlet's "said" for another's "told" changes no claim.
_ATTRIBUTION = frozenset(["said", "says", "told", "tells", "added", "adds", "stated", "states",
                          "announced", "announces", "reported", "reports", "noted", "notes",
                          "explained", "explains", "according", "warned", "insisted", "argued",
                          "claimed", "confirmed", "declared"])
# A word in more than this share of a story's sentences (and more than the floor) finds no
# counterpart candidates alone: a big story's main names are everywhere. Set by hand.
COMMON_WORD_SHARE, COMMON_WORD_FLOOR = 0.3, 200
# A stretch in quotation marks (curly or straight), or from an opening mark to the end.
_QUOTED = re.compile(r"[“\"][^”\"]*(?:[”\"]|$)")
# Titles and abbreviations after which a full stop does not end the sentence.
_ABBREVIATIONS = frozenset(["mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "cmdr", "capt",
                            "sgt", "maj", "adm", "rev", "st", "sen", "rep", "gov", "pres", "jr",
                            "sr", "no", "vs", "etc", "inc", "ltd", "corp", "co", "dept", "est",
                            "approx"])
# Phrases of a sentence resting on an outlet's own, unnamed sources.
_OWN_SOURCING = re.compile(
    r"\b(?:understands|has (?:learned|learnt|seen|obtained|been told)|can (?:reveal|disclose)"
    r"|(?:people|person|sources?|officials?|someone) (?:familiar|close|with (?:direct )?"
    r"knowledge)|condition of anonymity|spoke anonymously|speaking anonymously"
    r"|not authori[sz]ed to (?:speak|comment|discuss)|declined to be named"
    r"|asked not to be named)\b")
# Casualty claims: that nobody was hurt, or that someone was. Reports of one incident that
# disagree on this are a conflict however differently the sentences are worded.
_HARM = r"(?:injur\w*|hurt|kill\w*|wound\w*|harm\w*|treated|hospitali[sz]ed|casualt\w*|dead|died)"
_NOBODY_HURT = re.compile(
    rf"\b(?:no one|no-one|nobody|none of (?:the|its|their) \w+)\b[^.;]*?\b{_HARM}"
    rf"|\bno (?:injuries|casualties|deaths)\b|\bwithout (?:injury|casualties)\b", re.I)
_SOMEONE_HURT = re.compile(
    rf"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a|an|\d+)\s+(?:[\w-]+\s+){{0,2}}"
    rf"(?:was|were|had been|has been|have been)\s+(?:\w+\s+)?{_HARM}", re.I)
# A version of a sentence that differs from another in more places than this is a rewrite,
# not the same sentence with one fact changed.
MAX_CONFLICT_BLOCKS = 2


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | FILLERS | _ATTRIBUTION


@dataclass(frozen=True, slots=True)
class Sentence:
    """A passage with its content words and what it names (capitalised words, numbers)."""

    passage: Passage
    key: str
    outlet: str | None
    content: frozenset[str]
    names: frozenset[str]
    size: int


def sentences(article: CompareArticle) -> list[Passage]:
    """The article's sentences, each with its offsets into the text."""
    found: list[Passage] = []
    start = 0
    for paragraph in article.text.split("\n"):
        found.extend(_split(article.id, paragraph, start))
        start += len(paragraph) + 1
    return found


def _split(article_id: str, paragraph: str, offset: int) -> Iterator[Passage]:
    begin = 0
    ends = [m for m in _SENTENCE_END.finditer(paragraph) if not _abbreviation(paragraph, m)]
    for match in [*ends, None]:
        end = match.start() + 1 if match else len(paragraph)
        piece = paragraph[begin:end]
        stripped = piece.strip()
        if stripped:
            lead = begin + len(piece) - len(piece.lstrip())
            yield Passage(article_id, offset + lead, offset + lead + len(stripped), stripped)
        begin = match.end() if match else len(paragraph)


def _abbreviation(paragraph: str, match: re.Match[str]) -> bool:
    """A full stop that ends a title or an initial ("Ms.", "Lt.-Cmdr.", "J."), not a sentence."""
    if paragraph[match.start()] != ".":
        return False
    word = re.split(r"[\s(\[\"“‘]", paragraph[: match.start()])[-1].split("-")[-1]
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def content_words(text: str) -> frozenset[str]:
    stop = _stop_words()
    return frozenset(w.lower() for w in words(text) if w.lower() not in stop and len(w) > 1)


def named(text: str) -> frozenset[str]:
    """Numbers and capitalised words past the first: what a sentence names."""
    found = words(text)
    return frozenset(w.lower() for i, w in enumerate(found)
                     if _NUMBER.match(w) or (i > 0 and w[:1].isupper()))


def story_sentences(articles: Sequence[CompareArticle], cfg: CompareSettings) -> list[Sentence]:
    found = []
    for article in articles:
        if article.primary:
            continue
        for passage in sentences(article):
            size = len(words(passage.text))
            if size >= cfg.min_sentence_words:
                found.append(Sentence(passage, article.independent_key, article.outlet,
                                      content_words(passage.text), named(passage.text), size))
    return found


def overlap(a: Sentence, b: Sentence) -> float:
    shorter = min(len(a.content), len(b.content))
    return len(a.content & b.content) / shorter if shorter else 0.0


def counterparts(found: Sequence[Sentence], cfg: CompareSettings) -> dict[int, list[int]]:
    """For each sentence, the sentences of other articles that say the same (index pairs
    found through shared content words, so a large story is not compared all against all)."""
    index: dict[str, list[int]] = {"": list(range(len(found)))}
    for i, sentence in enumerate(found):
        for word in sentence.content:
            index.setdefault(word, []).append(i)
    pairs: dict[int, list[int]] = {i: [] for i in range(len(found))}
    for i, sentence in enumerate(found):
        for j in _candidates(i, sentence, index):
            other = found[j]
            if other.passage.article_id != sentence.passage.article_id and \
                    overlap(sentence, other) >= cfg.sentence_overlap:
                pairs[i].append(j)
    return pairs


def _candidates(i: int, sentence: Sentence, index: Mapping[str, list[int]]) -> set[int]:
    """Later sentences sharing a word with this one; words most sentences of a big story
    share (its main names) find no candidates alone, so the work stays near-linear."""
    common = max(COMMON_WORD_FLOOR, COMMON_WORD_SHARE * len(index.get("", [])))
    found: set[int] = set()
    for word in sentence.content:
        postings = index[word]
        if len(postings) <= common:
            found.update(j for j in postings if j > i)
    return found


def symmetric(pairs: dict[int, list[int]]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {i: set() for i in pairs}
    for i, others in pairs.items():
        for j in others:
            found[i].add(j)
            found[j].add(i)
    return found


def key_claims(story_id: str, found: Sequence[Sentence], links: Mapping[int, set[int]]
               ) -> list[Claim]:
    """Sentences reported by at least two independent outlets, one record per claim: the
    earliest sentence with every counterpart of it."""
    claims, used = [], set()
    for i in range(len(found)):
        if i in used:
            continue
        members = [i, *sorted(j for j in links[i] if j not in used)]
        keys = {found[j].key for j in members}
        if len(keys) >= 2:
            used.update(members)
            claims.append(_claim(story_id, "claim", [found[j] for j in members]))
    return claims


def only_here(story_id: str, found: Sequence[Sentence], links: Mapping[int, set[int]],
              outlets: int, cfg: CompareSettings) -> list[Claim]:
    """Sentences no other independent outlet has a counterpart of, resting on the outlet's
    own sourcing (``exclusive``). Copies of the sentence count with it."""
    if outlets < 2:
        return []
    claims, used = [], set()
    for i, sentence in enumerate(found):
        if i in used or _covered(sentence, found, cover_links(i, found, links), cfg):
            continue
        if exclusive(sentence.passage.text, sentence.outlet):
            members = [i, *sorted(links[i])]
            used.update(members)
            claims.append(_claim(story_id, "only-here", [found[j] for j in members]))
    return claims


def cover_links(i: int, found: Sequence[Sentence], links: Mapping[int, set[int]]) -> list[int]:
    """The counterparts of sentence ``i`` from other independent outlets."""
    return [j for j in links[i] if found[j].key != found[i].key]


def _covered(sentence: Sentence, found: Sequence[Sentence], others: list[int],
             cfg: CompareSettings) -> bool:
    """Another outlet's sentence carries enough of this one's content words (the
    counterpart bar, measured on this sentence alone)."""
    size = len(sentence.content) or 1
    return any(len(sentence.content & found[j].content) / size >= cfg.sentence_overlap
               for j in others)


def exclusive(text: str, outlet: str | None) -> bool:
    """The sentence rests on the outlet's own sourcing: what it "understands", was told,
    saw or obtained, or what unnamed people told it (news-writing conventions; the phrase
    list is ours)."""
    if _OWN_SOURCING.search(text):
        return True
    own = _outlet_word(outlet)
    return bool(own) and re.search(
        rf"\b(?:told|seen by|obtained by|reviewed by|shown to|provided to|according to)\s+"
        rf"(?:(?i:the)\s+)?(?:\w+\s+){{0,2}}{re.escape(own)}\b", text) is not None


def _outlet_word(outlet: str | None) -> str:
    """The distinctive last word of an outlet's name ("Post" of "Kauri Post")."""
    found = [w for w in (outlet or "").split() if w[:1].isupper() and w.lower() != "the"]
    return found[-1] if found else ""


def _claim(story_id: str, kind: str, members: Sequence[Sentence]) -> Claim:
    passages = tuple(m.passage for m in members)
    article_ids = tuple(dict.fromkeys(p.article_id for p in passages))
    outlets = tuple(dict.fromkeys(m.outlet for m in members if m.outlet))
    origins = tuple(sorted({m.key for m in members}))
    digest = hashlib.sha256(f"{story_id}:{kind}:{passages[0].article_id}:"
                            f"{passages[0].start}".encode()).hexdigest()[:16]
    return Claim("c-" + digest, story_id, kind, passages[0].text, passages, article_ids,
                 outlets, len(origins), origins)


def claim_conflicts(story_id: str, found: Sequence[Sentence], links: Mapping[int, set[int]],
                    cfg: CompareSettings) -> list[ClaimConflict]:
    """Counterparts from different independent outlets that differ on a number, a date, a
    name (or its spelling), or one word of substance; one record per distinct difference."""
    conflicts: dict[tuple[str, str, str], ClaimConflict] = {}
    for i, sentence in enumerate(found):
        for j in sorted(links[i]):
            other = found[j]
            if j < i or other.key == sentence.key or \
                    overlap(sentence, other) < cfg.conflict_overlap:
                continue
            for kind, said_a, said_b in _differences(sentence.passage.text, other.passage.text,
                                                     cfg):
                low, high = sorted((said_a.lower(), said_b.lower()))
                key = (kind, low, high)
                if key not in conflicts:
                    conflicts[key] = _conflict(story_id, kind, sentence, other, said_a, said_b)
    return list(conflicts.values())


def _differences(a: str, b: str, cfg: CompareSettings) -> list[tuple[str, str, str]]:
    wa, wb = words(a), words(b)
    ka, kb = [w.lower() for w in wa], [w.lower() for w in wb]
    changed = [op for op in _changes(ka, kb)]
    if not changed or len(changed) > MAX_CONFLICT_BLOCKS:
        return []
    found = []
    for i1, i2, j1, j2 in changed:
        kind = _kind(wa[i1:i2], wb[j1:j2], cfg)
        said_a, said_b = " ".join(wa[i1:i2]), " ".join(wb[j1:j2])
        if kind == "wording" and not (_quoted(a, said_a) and _quoted(b, said_b)):
            continue
        if kind is not None:
            found.append((kind, said_a, said_b))
    return found


def _quoted(sentence: str, word: str) -> bool:
    """``word`` stands inside quotation marks in ``sentence``: a word changed there is a
    misquote; a reporter's own synonym ("cost" for "bill") changes no claim."""
    return any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", part.group(0))
               for part in _QUOTED.finditer(sentence))


def _changes(ka: list[str], kb: list[str]) -> list[tuple[int, int, int, int]]:
    """The differing runs of two word lists (adjacent edits merged), ignoring runs that only
    one side has at either end (one outlet's sentence going on longer)."""
    runs: list[tuple[int, int, int, int]] = []
    last_end: tuple[int, int] | None = None
    for op in Levenshtein.opcodes(ka, kb):
        if op.tag == "equal":
            last_end = None
            continue
        if last_end is not None and runs:
            runs[-1] = (runs[-1][0], op.src_end, runs[-1][2], op.dest_end)
        else:
            runs.append((op.src_start, op.src_end, op.dest_start, op.dest_end))
        last_end = (op.src_end, op.dest_end)
    return [r for r in runs if r[0] != r[1] and r[2] != r[3] and not _edge(r, ka, kb)]


def _edge(run: tuple[int, int, int, int], ka: list[str], kb: list[str]) -> bool:
    i1, i2, j1, j2 = run
    return (i1 == 0 and j1 == 0) or (i2 == len(ka) and j2 == len(kb))


def _kind(left: list[str], right: list[str], cfg: CompareSettings) -> str | None:
    lo_l, lo_r = [w.lower() for w in left], [w.lower() for w in right]
    if same_words(lo_l, lo_r):
        return None
    if _numeric(lo_l) and _numeric(lo_r):
        values_l, values_r = _values(lo_l), _values(lo_r)
        return "number" if values_l and values_r and values_l.isdisjoint(values_r) else None
    if any(w in _MONTHS for w in lo_l) and any(w in _MONTHS for w in lo_r):
        return "date"
    if _capitalised(left) and _capitalised(right):
        close = fuzz.ratio(" ".join(lo_l), " ".join(lo_r)) / 100 >= cfg.name_similarity
        return "name" if close else None
    if len(left) == 1 and len(right) == 1 and _substantive(lo_l[0]) and _substantive(lo_r[0]):
        return "wording"
    return None


def _values(found: list[str]) -> set[str]:
    """The numbers a run of words gives (digits without separators, or number words)."""
    return {w.replace(",", "") if _NUMBER.match(w) else w for w in found
            if _NUMBER.match(w) or w in _NUMBER_WORDS}


def _numeric(found: list[str]) -> bool:
    return any(_NUMBER.match(w) or w in _NUMBER_WORDS for w in found)


def _capitalised(found: list[str]) -> bool:
    return bool(found) and all(w[:1].isupper() for w in found)


def _substantive(word: str) -> bool:
    return (word not in _stop_words() and word not in _ATTRIBUTION and word.isalpha()
            and len(word) > 2)


def _conflict(story_id: str, kind: str, a: Sentence, b: Sentence, said_a: str,
              said_b: str) -> ClaimConflict:
    digest = hashlib.sha256(f"{story_id}:{kind}:{a.passage.article_id}:{a.passage.start}:"
                            f"{b.passage.article_id}:{b.passage.start}".encode()).hexdigest()
    note = f"{a.outlet or a.key} says “{said_a}”, {b.outlet or b.key} says “{said_b}”"
    return ClaimConflict("k-" + digest[:16], story_id, kind, a.passage, b.passage, said_a,
                         said_b, note)


def casualty_conflicts(story_id: str, found: Sequence[Sentence]) -> list[ClaimConflict]:
    """One outlet says nobody was hurt, another independent outlet that someone was (even
    when that outlet also reports the denial it contradicts)."""
    nobody = [s for s in found if _NOBODY_HURT.search(s.passage.text)]
    someone = [s for s in found if _SOMEONE_HURT.search(s.passage.text)
               and not _NOBODY_HURT.search(s.passage.text)]
    conflicts: dict[str, ClaimConflict] = {}
    for hurt in someone:
        denial = next((s for s in nobody if s.key != hurt.key), None)
        if denial is not None and hurt.key not in conflicts:
            said_a = _match_text(_NOBODY_HURT, denial.passage.text)
            said_b = _match_text(_SOMEONE_HURT, hurt.passage.text)
            conflicts[hurt.key] = _conflict(story_id, "casualties", denial, hurt, said_a, said_b)
    return list(conflicts.values())


def _match_text(pattern: re.Pattern[str], text: str) -> str:
    found = pattern.search(text)
    return found.group(0) if found else text
