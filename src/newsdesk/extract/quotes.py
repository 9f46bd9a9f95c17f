"""Who said what in one article: quotations (direct, partial, indirect), cues and speakers.

1. Quotation marks give the direct and partial quotes (``marks``).
2. Sentences holding a cue word are parsed; each cue gets its source (subject)
   and content (clausal complement) from the parse (``cues``).
3. Each marked quote takes the nearest cue outside quotations in its sentence, else in its
   paragraph; a paragraph that is only a quote, with no cue, inherits the speaker of the quote
   in the paragraph before. A cue whose content holds no quotation is indirect speech.
4. A speaker that is a pronoun points to the nearest earlier name of a compatible kind (a
   person for he/she, with the gender the article's Mr/Ms give it; an organisation for "it");
   a speaker that holds a name points to that name. Anything else stays unresolved.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

from newsdesk.extract.cues import Cue, cue_forms, find_cues
from newsdesk.extract.marks import Marked, paragraphs, quoted
from newsdesk.extract.names import HONORIFICS, last_line
from newsdesk.extract.personhood import FIRM_NOUNS
from newsdesk.extract.speakers import HONORIFIC_GENDER, ROLE_HEADS
from newsdesk.model import Article, Mention, Quote, QuoteKind, Span
from newsdesk.settings import QuoteSettings

PRODUCER = "extract.quotes.rules-en_core_web_sm-3.8.0@5"
# What the quote stage parses with: the dependency parser over its shared token vectors.
PARSE_COMPONENTS = ("tok2vec", "parser")
_END_PUNCT = tuple(".,!?…:;—–-")
_NAME = r"((?:[A-Z][\w'’-]+\s+)?[A-Z][\w'’-]+)"
_MALE = re.compile(r"\b(?:Mr|Sir|Lord|Mister)\.?\s+" + _NAME)
_FEMALE = re.compile(r"\b(?:Ms|Mrs|Miss|Dame|Lady|Madam)\.?\s+" + _NAME)
# A capitalised run of words: the name in a speaker the entity recogniser missed.
_CAPITALISED = re.compile(r"[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*)*")
_HONORIFICS = frozenset(("mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "miss", "sir",
                         "dame", "prof", "prof.", "senator"))
_PRONOUN_KIND = {"he": "m", "him": "m", "she": "f", "her": "f", "it": "org"}
# Words of an organisation's name that make it a public body, not a firm.
_PUBLIC_BODY_WORDS = frozenset((
    "ministry", "department", "government", "parliament", "senate", "council", "agency",
    "office", "navy", "army", "force", "police", "court", "commission", "committee", "party",
    "union", "nations", "assembly", "congress", "house", "authority", "institute", "service"))
# Words that put a name after them outside the speaker ("a spokesman for Jane Doe").
_NAME_GOVERNORS = frozenset(("for", "of", "to", "with", "by", "from", "at", "near", "about"))
_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP")
# The words that join a second reported clause to the first ("said that … and that …").
_SECOND_CLAUSE = " and that "
# What opens the speaker phrase after a quotation: its closing mark, a comma, a sentence end.
_PHRASE_OPENERS = ("”", '"', "’", ",", ".", ";", ":", "\n")
# Longest speaker phrase read before a subjectless cue ("shadow Foreign Secretary Tom Ridley"
# is five words); longer, only the name is taken. Set by hand.
_MAX_TAIL_SPEAKER_WORDS = 8
# Heads of unnamed sources that still speak ("a navy source said", "officials said").
_SPEAKER_NOUNS = frozenset(("source", "sources", "official", "officials", "spokesman",
                            "spokeswoman", "spokesperson", "minister", "secretary", "aide",
                            "aides", "analyst", "analysts", "expert", "experts", "company",
                            "ministry", "department", "government", "police", "statement"))
_QUESTION_WORDS = frozenset(("whether", "if", "who", "whom", "what", "which", "why", "how",
                             "when", "where"))
_NEGATED = re.compile(r"\b(?:not|n't|n’t|never|declined to|refused to)\s+$")
_NEGATION_IN_CUE = re.compile(r"(?:\bnot|n't|n’t|\bnever)\b")
# A likely sentence end: . ! ? (and a closing mark) before a space and a capital or an
# opening mark; not after a title or an initial ("Mr.", "U.S.", "J.").
_SENTENCE_END = re.compile(r"[.!?…][\"”’']?\s+(?=[A-Z“\"‘«„])")
_WORD = re.compile(r"\w+")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|"
                           r"Jr|Sr|No|Vol)|\b[A-Z]|\.[A-Z])\.$")


@dataclass(frozen=True, slots=True)
class _Parsed:
    """One article's parse: its cues and sentence ranges (article offsets)."""

    cues: tuple[Cue, ...]
    sentences: tuple[tuple[int, int], ...]


def find_quotes(articles: Sequence[Article], nlp: Language,
                mentions: Mapping[str, Sequence[Mention]],
                cfg: QuoteSettings) -> dict[str, list[Quote]]:
    """The quotes of every article, per article id (empty list when there are none)."""
    parsed = _parse(articles, nlp, cfg)
    return {a.id: quotes_in(a, parsed[a.id], mentions.get(a.id, ()), cfg) for a in articles}


def _parse(articles: Sequence[Article], nlp: Language, cfg: QuoteSettings,
           wide: bool = False, docs_out: dict[str, list[tuple[int, Doc]]] | None = None,
           ) -> dict[str, _Parsed]:
    """Parse the sentences holding a cue word; ``wide``: also those holding a word of the
    wider attribution candidates (``QuoteSettings.min_candidate_rate``), whose cues are not
    speech (``Cue.speech``) unless a speech word heads them. ``docs_out`` receives every
    parsed run with its article offset, per article id (the span tagger reads them)."""
    speech = cue_forms(cfg.min_cue_rate)
    forms = cue_forms(min(cfg.min_candidate_rate, cfg.min_cue_rate)) if wide else speech
    jobs = [(a.id, start, a.text[start:end]) for a in articles
            for start, end in _chunks(a.text[: cfg.max_chars], forms)]
    cues: dict[str, list[Cue]] = {a.id: [] for a in articles}
    sentences: dict[str, list[tuple[int, int]]] = {a.id: [] for a in articles}
    docs = nlp.pipe((text for _, _, text in jobs), batch_size=cfg.batch_size)
    for (article_id, offset, _), doc in zip(jobs, docs, strict=True):
        found = find_cues(doc, forms, speech if wide else None)
        if docs_out is not None:
            docs_out.setdefault(article_id, []).append((offset, doc))
        cues[article_id].extend(_shift(c, offset) for c in found)
        sentences[article_id].extend((offset + s.start_char, offset + s.end_char)
                                     for s in doc.sents)
    return {key: _Parsed(tuple(cues[key]), tuple(sentences[key])) for key in cues}


def _chunks(text: str, forms: frozenset[str]) -> list[tuple[int, int]]:
    """What to parse: runs of adjacent sentences (split by a cheap rule) that hold a cue
    word. Sentences with no cue word (the middle of a long quotation too) are never
    parsed: a quotation with no cue in its sentence takes one from its paragraph, and a
    sentence with neither says nothing we use (PolNeAR dev: same span scores as parsing
    sentences with marks too, 8% less text parsed)."""
    chunks = []
    for start, end in paragraphs(text):
        run: tuple[int, int] | None = None
        for piece in _rough_sentences(text, start, end):
            if _holds_form(text, piece, forms):
                run = (run[0], piece[1]) if run else piece
            elif run:
                chunks.append(run)
                run = None
        if run:
            chunks.append(run)
    return chunks


def _holds_form(text: str, where: tuple[int, int], forms: frozenset[str]) -> bool:
    """True when a word of text[start:end] is one of ``forms`` (lower case; a set lookup
    per word: 7x faster than one regex of the 900 alternatives)."""
    return not forms.isdisjoint(_WORD.findall(text[where[0]:where[1]].lower()))


def _rough_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [m.end() for m in _SENTENCE_END.finditer(text, start, end)
            if not _ABBREVIATION.search(text, max(start, m.start() - 5), m.start() + 1)]
    bounds = [start, *cuts, end]
    return [(a, b) for a, b in pairwise(bounds) if text[a:b].strip()]


def _shift(cue: Cue, offset: int) -> Cue:
    def move(r: tuple[int, int] | None) -> tuple[int, int] | None:
        return None if r is None else (r[0] + offset, r[1] + offset)

    return Cue(cue.start + offset, cue.end + offset, cue.head + offset, move(cue.source),
               None if cue.source_head is None else cue.source_head + offset,
               tuple(a + offset for a in cue.appos), move(cue.content), cue.clausal,
               cue.features, cue.speech)


def quotes_in(article: Article, parsed: _Parsed, mentions: Sequence[Mention],
              cfg: QuoteSettings) -> list[Quote]:
    """The quotes of one parsed article, in text order."""
    parsed = _Parsed(tuple(c for c in parsed.cues if c.speech and not _unspoken(article, c)),
                     parsed.sentences)
    context = _Context(article, parsed, mentions, cfg)
    found = context.marked_quotes() + context.indirect_quotes()
    return sorted(found, key=lambda q: (q.start, q.end))


class _Context:
    """One article with its marks, cues and names, while its quotes are worked out."""

    def __init__(self, article: Article, parsed: _Parsed, mentions: Sequence[Mention],
                 cfg: QuoteSettings) -> None:
        self.article, self.text, self.cfg = article, article.text, cfg
        self.marks = quoted(article.text[: cfg.max_chars])
        self.outer = [m for m in self.marks if not m.nested]
        self.outer_starts = [m.start for m in self.outer]
        self.parsed = parsed
        self.paras = paragraphs(article.text)
        self.names = [m for m in map(last_line, mentions) if m.label in _NAME_LABELS
                      and not self._inside_quote(m.start)]
        self.gender = _genders(article.text)
        self.org_words = {w.lower() for m in mentions if m.label == "ORG" for w in m.text.split()}
        # "Allerton" after "Allerton Dynamics": a firm's first word is its short name, whatever
        # label the recogniser gives it there.
        self.firm_short_names = {m.text.split()[0].lower() for m in mentions
                                 if m.label == "ORG" and len(m.text.split()) > 1
                                 and _firm_like(m.text)} - {"the", "a", "an"}
        # Names that speak somewhere in the article: candidates for a later "he"/"she".
        self.speakers = [Mention(article.id, s.start, s.end, s.text, "PERSON")
                         for cue in parsed.cues if (s := self._named(cue)) is not None
                         and not self._inside_quote(cue.start)
                         and any(m.start <= s.start < m.end and m.label == "PERSON"
                                 for m in mentions)]

    # --- marked quotes -----------------------------------------------------------------

    def marked_quotes(self) -> list[Quote]:
        found: list[Quote] = []
        for marked in self.marks:
            quote = self._attributed(marked, found)
            found.append(quote)
        return found

    def _attributed(self, marked: Marked, earlier: list[Quote]) -> Quote:
        text = marked.text(self.text)
        bare = Quote(self.article.id, marked.start, marked.end, text, self._kind(marked))
        cue = self._cue_for(marked)
        if cue is not None:
            return self._with_cue(bare, cue)
        return self._inherited(bare, marked, earlier)

    def _kind(self, marked: Marked) -> QuoteKind:
        text = marked.text(self.text)
        first = next((ch for ch in text if ch.isalpha()), "")
        if not first or first.islower():
            return QuoteKind.PARTIAL
        if text.endswith(_END_PUNCT) or len(marked.pieces) > 1:
            return QuoteKind.DIRECT
        before = self._before_in_paragraph(marked.start - 1).rstrip()
        return QuoteKind.DIRECT if not before or before.endswith((":", ",")) else QuoteKind.PARTIAL

    def _cue_for(self, marked: Marked) -> Cue | None:
        usable = [c for c in self.parsed.cues if self._usable(c, marked)]
        sentence = self._sentence_of(marked)
        near = [c for c in usable if sentence[0] <= c.start < sentence[1]]
        if self._kind(marked) is QuoteKind.PARTIAL:
            return self._in_own_sentence(marked, near or usable)
        para = self._paragraph_of(marked.pieces[-1][0])
        in_para = [c for c in usable if para[0] <= c.start < para[1]]
        near = near or in_para or self._introduced(marked, usable)
        if not near:
            return None
        return min(near, key=lambda c: (not self._speaks(c), self._distance(c, marked)))

    def _in_own_sentence(self, marked: Marked, usable: list[Cue]) -> Cue | None:
        """A partial quotation is the words of its own sentence's speaker: a cue from
        another sentence would give it to the wrong one ("Japan branded it an “outlaw
        nation”. Russia insisted …"). Sentences by the cheap rule (unparsed ones too)."""
        para = self._paragraph_of(marked.start)
        pieces = _rough_sentences(self.text, para[0], para[1])
        start = next((a for a, b in pieces if a <= marked.start < b), para[0])
        end = next((b for a, b in pieces if a <= marked.end <= b), para[1])
        own = [c for c in usable if start <= c.start < end]
        if not own:
            return None
        return min(own, key=lambda c: (not self._speaks(c), self._distance(c, marked)))

    def _speaks(self, cue: Cue) -> bool:
        """A cue whose subject names someone (or is "he"/"she"), not "the pause showed"."""
        if cue.source is None:
            return False
        word = self.text[cue.source[0]:cue.source[1]].lower()
        return word in _PRONOUN_KIND or word in ("they", "i", "we") or \
            self._named(cue) is not None or word.split()[-1] in _SPEAKER_NOUNS

    def _introduced(self, marked: Marked, usable: list[Cue]) -> list[Cue]:
        """Cues of the paragraph before, when it ends with a colon ("She said:") and the
        quotation opens the next paragraph."""
        index = self._paragraph_index(marked.start)
        if index <= 0 or self._before_in_paragraph(marked.start - 1).strip():
            return []
        start, end = self.paras[index - 1]
        if not self.text[start:end].rstrip().endswith(":"):
            return []
        return [c for c in usable if start <= c.start < end]

    def _usable(self, cue: Cue, marked: Marked) -> bool:
        if marked.start <= cue.start < marked.end:
            return False
        if marked.nested:
            outer = next(o for o in self.outer if o.start <= marked.start < o.end)
            return outer.start <= cue.start < outer.end
        return not self._inside_quote(cue.start)

    def _distance(self, cue: Cue, marked: Marked) -> int:
        return cue.start - marked.end if cue.start >= marked.end else marked.start - cue.end

    def _inherited(self, bare: Quote, marked: Marked, earlier: list[Quote]) -> Quote:
        para = self._paragraph_index(marked.start)
        opens_paragraph = not self._before_in_paragraph(marked.start - 1).strip()
        if not earlier or not opens_paragraph or marked.nested:
            return bare
        previous = earlier[-1]
        if self._paragraph_index(previous.end) != para - 1 or previous.source is None:
            return bare
        return _replace(bare, source=previous.source, antecedent=previous.antecedent,
                        inherited=True)

    def _with_cue(self, bare: Quote, cue: Cue) -> Quote:
        if cue.source is None:
            return self._with_name_before(bare, cue)
        return _replace(bare, cue=self._span((cue.start, cue.end)), source=self._span(cue.source),
                        antecedent=self._antecedent(cue))

    def _with_name_before(self, bare: Quote, cue: Cue) -> Quote:
        """A cue the parse left without a subject, right after a person's name ("…,” shadow
        Foreign Secretary Tom Ridley said."): the name is the speaker, the words from the
        quotation's end to the cue the speaker phrase. The parse of such a tail is
        unsteady (it can change with the sentences parsed beside it); the order is not."""
        name = self._name_before(cue)
        if name is None:
            return _replace(bare, cue=self._span((cue.start, cue.end)))
        opening = max(self.text.rfind(ch, 0, name.start) for ch in _PHRASE_OPENERS) + 1
        phrase_start = opening + len(self.text[opening:name.start]) \
            - len(self.text[opening:name.start].lstrip())
        if len(self.text[phrase_start:name.end].split()) > _MAX_TAIL_SPEAKER_WORDS:
            phrase_start = name.start
        return _replace(bare, cue=self._span((cue.start, cue.end)),
                        source=self._span((phrase_start, name.end)),
                        antecedent=Span(name.start, name.end, name.text))

    def _name_before(self, cue: Cue) -> Mention | None:
        """A person's name right before the cue, nothing but spaces between."""
        return next((m for m in self.names if m.end <= cue.start
                     and not self.text[m.end:cue.start].strip() and _names_a_person(m)), None)

    # --- indirect speech ---------------------------------------------------------------

    def indirect_quotes(self) -> list[Quote]:
        found = []
        for cue in self.parsed.cues:
            if cue.content is None or self._inside_quote(cue.start) or (
                    cue.source is None and self._name_before(cue) is None):
                continue  # no content, or no one who says it
            start, end = cue.content
            if self._has_marks(start, end):
                start = self._unquoted_tail(start, end)  # "that “…” and that talks would …"
            if start >= end or not self._reports_a_claim(cue, start, end):
                continue
            if not cue.clausal:
                continue  # "called for a review": an attribution, not a report of speech
            if start <= cue.start < end:
                continue  # "the weapons, he added, are …": two pieces, the attribution list's
            bare = Quote(self.article.id, start, end, self.text[start:end], QuoteKind.INDIRECT)
            found.append(self._with_cue(bare, cue))
        return found

    def _unquoted_tail(self, start: int, end: int) -> int:
        """Where a second reported clause starts after the quotations of a content ("said
        that “nobody is walking away” and that talks would resume"): the clause after the
        last " and that ", when no quotation overlaps it; else ``end`` (nothing)."""
        cut = self.text.rfind(_SECOND_CLAUSE, start, end)
        if cut < 0:
            return end
        tail = cut + len(_SECOND_CLAUSE)
        return end if self._has_marks(tail, end) else tail

    def _reports_a_claim(self, cue: Cue, start: int, end: int) -> bool:
        """Long enough, not a question ("asked whether …") and not denied ("did not say
        who …")."""
        words = self.text[start:end].split()
        return (len(words) >= self.cfg.min_indirect_words
                and words[0].lower() not in _QUESTION_WORDS
                and not _NEGATED.search(self.text, max(0, cue.head - 16), cue.head)
                and not _NEGATION_IN_CUE.search(self.text, cue.start, cue.head))

    def _has_marks(self, start: int, end: int) -> bool:
        """True when a quotation that is not a fragment of the clause overlaps it (the
        quotation is then the report; a partial quote inside a clause, with words of the
        clause after it, is part of it; one that ends the clause is the report)."""
        return any(m.start < end and start < m.end and not (
            start <= m.start - 1 and m.end + 1 < end and self._kind(m) is QuoteKind.PARTIAL)
            for m in self.outer)

    # --- speakers ----------------------------------------------------------------------

    def _antecedent(self, cue: Cue) -> Span | None:
        named = self._named(cue)
        if named is not None or cue.source is None:
            return named
        words = self.text[cue.source[0]:cue.source[1]].lower().split()
        kind = _PRONOUN_KIND.get(" ".join(words))
        if kind is None and len(words) == 2 and words[0] == "the" and words[1] in FIRM_NOUNS:
            kind = "firm"  # "the company said": the firm named before it speaks
        return self._nearest(cue.source[0], kind) if kind else None

    def _named(self, cue: Cue) -> Span | None:
        """The name inside the source phrase (its head, or a name in apposition to it)."""
        if cue.source is None or cue.source_head is None:
            return None
        closing = self._closing_person(cue.source)
        if closing is not None:
            return closing
        for point in (cue.source_head, *cue.appos):
            named = next((m for m in self.names if m.start <= point < m.end), None)
            if named is not None:
                return Span(named.start, named.end, named.text)
        if self.text[cue.source[0]:cue.source[1]].lower() in _PRONOUN_KIND:
            return None
        return self._capitalised_head(cue.source, cue.source_head)

    def _closing_person(self, source: tuple[int, int]) -> Span | None:
        """A person's name that ends the source phrase, the words before it being its titles
        ("Kingston and the Islands MP Heather Lund", "Denmark's Mr Vestergaard"): the name
        is the head, whatever the parser made of the place before it. Not when a preposition
        governs the name ("a spokesman for Jane Doe" speaks for her; he is not her)."""
        end = source[1]
        while end > source[0] and self.text[end - 1] in ",’' ":
            end -= 1
        person = next((m for m in self.names if m.end == end and source[0] <= m.start
                       and (_names_a_person(m) or self._after_title(m))), None)
        if person is None:
            return None
        before = self.text[source[0]:person.start].lower().split()
        if any(word.strip(",") in _NAME_GOVERNORS for word in before):
            return None
        words = person.text.split()
        if words and words[0].lower().strip(".") in HONORIFIC_GENDER:
            words = words[1:]  # "Mr Vestergaard" -> "Vestergaard", as a name mention reads
        name = " ".join(words)
        return Span(person.end - len(name), person.end, name) if name else None

    def _after_title(self, mention: Mention) -> bool:
        """A name written right after a title ("MP Rowena Castell"), whatever its label."""
        words = self.text[max(0, mention.start - 24):mention.start].split()
        last = words[-1].lower().strip(".,") if words else ""
        return last in ROLE_HEADS or last in HONORIFICS

    def _capitalised_head(self, source: tuple[int, int], head: int) -> Span | None:
        """The capitalised words around the source's head ("Mr Trevaskis" -> "Trevaskis")
        when the entity recogniser found no name there."""
        if self.text[source[0]:source[1]].lower().startswith(("the ", "a ", "an ")):
            return None
        for match in _CAPITALISED.finditer(self.text, source[0], source[1]):
            if match.start() <= head < match.end():
                words = match.group().split()
                owners = [i for i, w in enumerate(words[:-1]) if w.endswith(("'s", "’s"))]
                if owners:
                    words = words[owners[-1] + 1:]  # "Denmark's Mr Vestergaard": the man
                while words and words[0].lower() in _HONORIFICS:
                    words = words[1:]
                if not words:
                    return None
                name = " ".join(words)
                start = match.end() - len(name)
                return Span(start, match.end(), name)
        return None

    def _nearest(self, before: int, kind: str) -> Span | None:
        pool = sorted(self.names + self.speakers, key=lambda m: m.end)
        for mention in reversed(pool):
            if mention.end <= before and self._compatible(mention, kind):
                return Span(mention.start, mention.end, mention.text)
        return None

    def _compatible(self, mention: Mention, kind: str) -> bool:
        if kind == "org":
            return mention.label == "ORG"
        if kind == "firm":
            return (mention.label == "ORG" and _firm_like(mention.text)) \
                or mention.text.lower() in self.firm_short_names
        if mention.label != "PERSON" or _surname(mention.text) in self.org_words:
            return False
        known = self.gender.get(_surname(mention.text))
        return known is None or known == kind

    # --- text geometry -----------------------------------------------------------------

    def _inside_quote(self, point: int) -> bool:
        """True when ``point`` lies in an outer quotation (they follow one another in text
        order without overlapping: the last one starting at or before it is the one)."""
        at = bisect.bisect_right(self.outer_starts, point) - 1
        return at >= 0 and point < self.outer[at].end

    def _sentence_of(self, marked: Marked) -> tuple[int, int]:
        first = marked.pieces[-1][0]
        starts = [s for s in self.parsed.sentences if s[0] <= first < s[1] + 1]
        ends = [s for s in self.parsed.sentences if s[0] <= marked.end < s[1] + 1]
        if not starts:
            return self._paragraph_of(first)
        return starts[0][0], (ends[-1][1] if ends else starts[0][1])

    def _paragraph_of(self, point: int) -> tuple[int, int]:
        return next((p for p in self.paras if p[0] <= point <= p[1]), (point, point))

    def _paragraph_index(self, point: int) -> int:
        return next((i for i, p in enumerate(self.paras) if p[0] <= point <= p[1]), -1)

    def _before_in_paragraph(self, point: int) -> str:
        start = self._paragraph_of(point)[0]
        return self.text[start:max(start, point)]

    def _span(self, where: tuple[int, int] | None) -> Span | None:
        return None if where is None else Span(where[0], where[1],
                                                self.text[where[0]:where[1]])


def _firm_like(name: str) -> bool:
    """An organisation's name with no word of a public body's ("Allerton Dynamics", not
    "Ministry of Defence")."""
    return not any(w.lower() in _PUBLIC_BODY_WORDS for w in name.split())


def _unspoken(article: Article, cue: Cue) -> bool:
    """An infinitive cue ("the Government needed to explain how …"): an obligation, a plan
    or a wish, not words anyone said; its subject is not the speaker of a quote near it."""
    return article.text[cue.start:cue.end].lower().startswith("to ")


def _names_a_person(mention: Mention) -> bool:
    """A person mention, or one the recogniser labelled otherwise but written after Mr/Ms."""
    first = mention.text.split()[0].lower().strip(".") if mention.text.split() else ""
    return mention.label == "PERSON" or first in HONORIFIC_GENDER


def _replace(quote: Quote, **changes: object) -> Quote:
    from dataclasses import replace

    return replace(quote, **changes)  # type: ignore[arg-type]


def _surname(name: str) -> str:
    words = name.replace("’s", "").replace("'s", "").split()
    return words[-1].lower() if words else ""


def _genders(text: str) -> dict[str, str]:
    """Surname -> "m"/"f" from the article's honorifics; a name seen with both gets none."""
    found: dict[str, str] = {}
    for pattern, gender in ((_MALE, "m"), (_FEMALE, "f")):
        for match in pattern.finditer(text):
            name = match.group(1).split()[-1].lower()
            found[name] = gender if found.get(name, gender) == gender else "?"
    return {k: v for k, v in found.items() if v != "?"}
