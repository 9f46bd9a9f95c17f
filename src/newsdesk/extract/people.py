"""One person, one entity, across outlets: name mentions resolved to canonical entities.

1. Full names ("Anders Vestergaard") group by their folded form (case and accents folded,
   honorifics and possessives dropped); two full names whose first names and surnames are
   each at most ``name_edit_distance`` edits apart are one person when they appear in one
   story (context agrees) — Vestergard/Vestergaard, Olav/Olaf.
2. A surname alone ("Marsh") joins the full name it matches in the same article (the
   nearest earlier one when two people share it), else the only match in its story, else the
   only match in the corpus; otherwise it stays an entity of its own.
3. Roles are learnt from the corpus: appositions ("Helen Marsh, the Foreign Secretary,"),
   titles before a name ("Foreign Secretary Helen Marsh") and speaker phrases holding a name.
   A speaker given only by role ("the minister") resolves to the entity of the same article
   holding that role, mentioned last before the quote; otherwise it stays unknown.
4. The canonical name is the fullest form, the one most articles use, accents kept.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsdesk.extract.names import HONORIFICS, clean_name, close, fold, name_parts
from newsdesk.model import Article, Entity, Mention, Quote, Span
from newsdesk.settings import QuoteSettings

PRODUCER = "extract.people@1"
# spaCy labels that name an entity (numbers, dates and money are figures, not entities).
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "LAW",
                 "WORK_OF_ART")
# Words that end a title set before a name ("Defence Minister", "Auditor-General").
_ROLE_HEADS_TEXT = """
minister secretary senator president spokesman spokeswoman spokesperson chancellor governor
mayor commander general chief director ambassador mp councillor auditor-general envoy
premier leader chairman chairwoman chair admiral marshal officer executive deputy
representative congressman congresswoman judge prosecutor attorney critic diplomat
"""
ROLE_HEADS = frozenset(_ROLE_HEADS_TEXT.split())
_APPOSITION = re.compile(r"^,\s+((?:the|a|an)\s+(?:[\w’'-]+\s+){0,5}?[\w’'-]+),")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+|\n")
_TITLE_BEFORE = re.compile(r"((?:[A-Z][\w’'.-]*\s+){1,5})$")
# Labels the recogniser gives a lone surname ("Trevaskis" is often tagged ORG or GPE).
_MAYBE_SURNAME = ("PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC", "FAC")
Key = tuple[str, str]
_PRONOUN_GENDER = {"he": "m", "she": "f"}
# Capitalised words before a surname that are not first names (sentence openers, titles).
_NOT_FIRST_NAMES = frozenset(("the", "a", "an", "but", "and", "when", "if", "as", "so", "then",
                              "meanwhile", "yesterday", "today", "said", "says", "told"))
_AFTER_HONORIFIC = re.compile(r"\b(?:Mr|Ms|Mrs|Miss|Dr|Sir|Dame)\.?\s+([A-ZÀ-Þ][\w’'-]+)")
_HONORIFIC_GENDER = {"mr": "m", "sir": "m", "lord": "m", "ms": "f", "mrs": "f", "miss": "f",
                     "dame": "f", "lady": "f"}
_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Sir|Lord|Ms|Mrs|Miss|Dame|Lady)\.?\s+$")
_HONORIFIC_FIRST = re.compile(r"(Mr|Sir|Lord|Ms|Mrs|Miss|Dame|Lady)\.?\s")
MentionKey = tuple[str, int, int]


@dataclass(frozen=True, slots=True)
class People:
    """The resolved entities, and the entity each attributed quote's speaker is."""

    entities: tuple[Entity, ...]
    speakers: dict[str, Entity]


@dataclass
class _Node:
    """A group of mentions taken for one entity while resolving."""

    label_votes: Counter[str] = field(default_factory=Counter)
    mentions: list[Mention] = field(default_factory=list)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Key, Key] = {}

    def find(self, key: Key) -> Key:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: Key, b: Key) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve_people(articles: Sequence[Article], mentions: Mapping[str, Sequence[Mention]],
                   quotes: Mapping[str, Sequence[Quote]], cfg: QuoteSettings) -> People:
    """Entities across ``articles`` and the speaker entity of each quote that names one."""
    return _Resolver(articles, mentions, cfg).resolve(quotes)


class _Resolver:
    def __init__(self, articles: Sequence[Article], mentions: Mapping[str, Sequence[Mention]],
                 cfg: QuoteSettings) -> None:
        self.cfg = cfg
        self.story = {a.id: a.story_id or a.id for a in articles}
        self.texts = {a.id: a.text for a in articles}
        self.mentions = {aid: [m for m in map(last_line, found) if m.label in ENTITY_LABELS
                               and name_parts(m.text, m.label == "PERSON")]
                         for aid, found in mentions.items() if aid in self.texts}
        self.uf = _UnionFind()
        self.of_mention: dict[MentionKey, Key] = {}
        self.forms_in_story: dict[str, set[Key]] = defaultdict(set)
        self.forms_in_article: dict[str, set[Key]] = defaultdict(set)
        self.speaking_surnames: set[str] = set()
        self.by_surname_initial: dict[str, set[Key]] = defaultdict(set)

    # --- clustering --------------------------------------------------------------------

    def resolve(self, quotes: Mapping[str, Sequence[Quote]]) -> People:
        self._add_speaker_names(quotes)
        self.speaking_surnames = self._speaking_surnames(quotes)
        singles = self._place_full_forms()
        self._merge_variants()
        self.person_forms = self._person_single_forms(singles)
        for mention in singles:
            self._place_single(mention)
        self._add_missed_surnames()
        entities, by_root = self._entities()
        roles = self._roles(quotes, entities, by_root)
        speakers = self._speakers(quotes, entities, by_root, roles)
        final = {e.id: e for e in _with_aliases(entities, roles, speakers, quotes)}
        return People(tuple(final.values()),
                      {quote_id: final[e.id] for quote_id, e in speakers.items()})

    def _place_full_forms(self) -> list[Mention]:
        singles = []
        surnames = self._surname_evidence()
        for found in self.mentions.values():
            for i, m in enumerate(found):
                if m.label != "PERSON" and _looks_personal(m, surnames):
                    m = found[i] = Mention(m.article_id, m.start, m.end, m.text, "PERSON")
                parts = name_parts(m.text, m.label == "PERSON")
                if m.label in _MAYBE_SURNAME and len(parts) == 1:
                    singles.append(m)
                    continue
                key = ("P" if m.label == "PERSON" else "O", " ".join(parts))
                self._assign(m, key)
        return singles

    def _add_speaker_names(self, quotes: Mapping[str, Sequence[Quote]]) -> None:
        """Names that speak (a quote's antecedent) the recogniser did not tag, as people."""
        for article_id, found in quotes.items():
            known = self.mentions.setdefault(article_id, [])
            for q in found:
                a = q.antecedent
                if a is None or article_id not in self.texts or not name_parts(a.text) or any(
                        m.start < a.end and a.start < m.end for m in known):
                    continue
                known.append(Mention(article_id, a.start, a.end, a.text, "PERSON"))
                if len(name_parts(a.text)) == 1:
                    known.extend(self._full_names_of(article_id, a.text, known))
            known.sort(key=lambda m: m.start)

    def _full_names_of(self, article_id: str, surname: str,
                       known: list[Mention]) -> list[Mention]:
        """"Anders Vestergaard" where the article says so and the recogniser missed it, for a
        one-word speaker "Vestergaard"."""
        found: list[Mention] = []
        pattern = rf"\b([A-ZÀ-Þ][\w’'-]+)\s+{re.escape(surname.split()[-1])}\b"
        for hit in re.finditer(pattern, self.texts[article_id]):
            first = fold(hit.group(1)).rstrip(".")
            if first in HONORIFICS or first in _NOT_FIRST_NAMES or any(
                    m.start < hit.end() and hit.start() < m.end for m in known + found):
                continue
            found.append(Mention(article_id, hit.start(), hit.end(), hit.group(), "PERSON"))
        return found

    def _surname_evidence(self) -> set[str]:
        """Folded words the corpus uses as a person's surname: after Mr, Ms, Dr and the
        like, or tagged as a one-word person."""
        found = {fold(match.group(1)) for text in self.texts.values()
                 for match in _AFTER_HONORIFIC.finditer(text)}
        found.update(name_parts(m.text)[0] for ms in self.mentions.values() for m in ms
                     if m.label == "PERSON" and len(name_parts(m.text)) == 1)
        return found | self.speaking_surnames

    def _speaking_surnames(self, quotes: Mapping[str, Sequence[Quote]]) -> set[str]:
        """One-word speakers ("Vestergaard said") that end a longer name in their article."""
        found = set()
        for article_id, items in quotes.items():
            longer = {fold(m.text.split()[-1]) for m in self.mentions.get(article_id, ())
                      if 2 <= len(m.text.split()) <= 3}
            for q in items:
                if q.antecedent is not None and len(name_parts(q.antecedent.text)) == 1:
                    word = name_parts(q.antecedent.text)[0]
                    if word in longer:
                        found.add(word)
        return found

    def _assign(self, m: Mention, key: Key) -> None:
        self.uf.find(key)
        self.of_mention[(m.article_id, m.start, m.end)] = key
        self.forms_in_story[self.story[m.article_id]].add(key)
        self.forms_in_article[m.article_id].add(key)

    def _merge_variants(self) -> None:
        people = sorted({k for k in self.uf.parent if k[0] == "P"})
        # ``close`` only pairs words with the same first letter: block on both initials.
        by_initial: dict[str, list[Key]] = defaultdict(list)
        for key in people:
            parts = key[1].split()
            by_initial[parts[0][:1] + parts[-1][:1]].append(key)
        self.by_surname_initial = defaultdict(set)
        for key in people:
            if " " in key[1]:
                self.by_surname_initial[key[1].split()[-1][:1]].add(key)
        stories_of = self._stories_of_forms()
        for group in by_initial.values():
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    if self._same_person(a, b, stories_of):
                        self.uf.union(a, b)

    def _stories_of_forms(self) -> dict[Key, set[str]]:
        """Each full person name's context: its stories and the other full names of people
        its articles mention (two spellings agree in context when these overlap)."""
        found: dict[Key, set[str]] = defaultdict(set)
        for story, keys in self.forms_in_story.items():
            for key in keys:
                found[key].add(story)
        for keys in self.forms_in_article.values():
            people = {k for k in keys if k[0] == "P" and " " in k[1]}
            for key in people:
                found[key].update("P:" + other[1] for other in people if other != key)
        return found

    def _same_person(self, a: Key, b: Key, stories_of: dict[Key, set[str]]) -> bool:
        pa, pb = a[1].split(), b[1].split()
        if pa[0] == pb[0] and pa[-1] == pb[-1]:
            return True
        limit, shortest = self.cfg.name_edit_distance, self.cfg.min_fuzzy_name_chars
        if not (close(pa[0], pb[0], limit, shortest) and close(pa[-1], pb[-1], limit, shortest)):
            return False
        return bool(stories_of[a] & stories_of[b])

    def _place_single(self, m: Mention) -> None:
        """A one-word name: a surname of a person named in full in the article (whatever
        label the recogniser gave it), else for a person the only match in the story or
        corpus; else an entity of its own."""
        word = name_parts(m.text, m.label == "PERSON")[0]
        key = self._nearest_full(m, word)
        if key is None and m.label != "PERSON":
            key = self._unique_full(self.forms_in_story[self.story[m.article_id]], word)
            if key is None and word in self.person_forms:
                key = self._unique_full(self.by_surname_initial[word[:1]], word)
            key = key or ("O", word)
        key = (key or self._org_holding(m, word)
               or self._unique_full(self.forms_in_story[self.story[m.article_id]], word)
               or self._unique_full(self.by_surname_initial[word[:1]], word) or ("P", word))
        self._assign(m, key)

    def _person_single_forms(self, singles: list[Mention]) -> set[str]:
        """One-word names the recogniser tags as a person somewhere in the corpus."""
        return {name_parts(m.text)[0] for m in singles if m.label == "PERSON"}

    def _add_missed_surnames(self) -> None:
        """Surnames of people named in full in an article that the recogniser did not tag
        there ("Ridley said …"), added as mentions of that person."""
        for article_id, found in self.mentions.items():
            text = self.texts[article_id]
            surnames = {clean_name(m.text).split()[-1] for m in found if m.label == "PERSON"
                        and len(clean_name(m.text).split()) > 1}
            taken = [(m.start, m.end) for m in found]
            added = []
            for surname in surnames:
                for hit in re.finditer(rf"\b{re.escape(surname)}\b", text):
                    if any(s <= hit.start() < e for s, e in taken):
                        continue
                    m = Mention(article_id, hit.start(), hit.end(), surname, "PERSON")
                    key = self._nearest_full(m, fold(surname))
                    if key is not None:
                        self._assign(m, key)
                        added.append(m)
            found.extend(added)
            found.sort(key=lambda m: m.start)

    def _org_holding(self, m: Mention, word: str) -> Key | None:
        """An organisation of the article whose name starts with ``word`` ("Allerton")."""
        orgs = [k for k in self.forms_in_article[m.article_id]
                if k[0] == "O" and k[1].split()[0] == word and " " in k[1]]
        return orgs[0] if len(orgs) == 1 else None

    def _matches(self, key: Key, word: str) -> bool:
        last = key[1].split()[-1]
        return key[0] == "P" and " " in key[1] and close(
            last, word, self.cfg.name_edit_distance, self.cfg.min_fuzzy_name_chars + 2)

    def _nearest_full(self, m: Mention, word: str) -> Key | None:
        """The full name with this surname mentioned last before ``m`` in its article (or
        first after it)."""
        found = [(other.start > m.start, -other.start if other.start < m.start else other.start,
                  key) for other in self.mentions.get(m.article_id, ())
                 if (key := self.of_mention.get((other.article_id, other.start, other.end)))
                 and self._matches(key, word)]
        return min(found)[2] if found else None

    def _unique_full(self, keys: set[Key], word: str) -> Key | None:
        roots = {self.uf.find(k) for k in keys if self._matches(k, word)}
        return next(iter(roots)) if len(roots) == 1 else None

    # --- entities ----------------------------------------------------------------------

    def _entities(self) -> tuple[list[Entity], dict[Key, Entity]]:
        nodes: dict[Key, _Node] = defaultdict(_Node)
        for found in self.mentions.values():
            for m in found:
                root = self.uf.find(self.of_mention[(m.article_id, m.start, m.end)])
                nodes[root].mentions.append(m)
                nodes[root].label_votes[m.label] += 1
        made: dict[Key, Entity] = {}
        used: set[str] = set()
        for root, node in sorted(nodes.items()):
            label = node.label_votes.most_common(1)[0][0]
            name = _canonical(node.mentions, label == "PERSON")
            made[root] = Entity(_entity_id(label, name, used), name, label, (),
                                tuple(sorted(node.mentions, key=_mention_order)))
        return list(made.values()), made

    def _entity_of(self, article_id: str, span: Span) -> Key | None:
        for m in self.mentions.get(article_id, ()):
            if m.start <= span.start < m.end or span.start <= m.start < span.end:
                return self.uf.find(self.of_mention[(m.article_id, m.start, m.end)])
        parts = name_parts(span.text)
        if not parts:
            return None
        if len(parts) > 1:
            key = ("P", " ".join(parts))
            return self.uf.find(key) if key in self.uf.parent else None
        probe = Mention(article_id, span.start, span.end, span.text, "PERSON")
        found = (self._nearest_full(probe, parts[0]) or self._unique_full(
            self.forms_in_story[self.story.get(article_id, article_id)], parts[0]))
        return self.uf.find(found) if found else None

    # --- roles and speakers ------------------------------------------------------------

    def _roles(self, quotes: Mapping[str, Sequence[Quote]], entities: list[Entity],
               by_root: dict[Key, Entity]) -> dict[str, Counter[str]]:
        """Entity id -> the roles (as written) the corpus gives it."""
        roles: dict[str, Counter[str]] = defaultdict(Counter)
        for entity in entities:
            if entity.label != "PERSON":
                continue
            for m in entity.mentions:
                for role in _roles_around(self.texts[m.article_id], m):
                    roles[entity.id][role] += 1
        for article_id, found in quotes.items():
            for q in found:
                if q.source and q.antecedent and q.antecedent.text != q.source.text:
                    root = self._entity_of(article_id, q.antecedent)
                    written = _role_in_source(q.source.text, q.antecedent.text)
                    if root is not None and written and by_root[root].label == "PERSON":
                        roles[by_root[root].id][written] += 1
        return roles

    def _speakers(self, quotes: Mapping[str, Sequence[Quote]], entities: list[Entity],
                  by_root: dict[Key, Entity],
                  roles: dict[str, Counter[str]]) -> dict[str, Entity]:
        """Named and role speakers first; then pronouns, each to the nearest earlier named
        speaker of the article of a compatible gender, else the nearest such person."""
        speakers: dict[str, Entity] = {}
        for article_id, found in quotes.items():
            for q in found:
                if not _pronoun(q):
                    entity = self._speaker(article_id, q, by_root, roles)
                    if entity is not None:
                        speakers[q.id] = entity
        genders = _genders(entities, self.texts, quotes, speakers)
        for article_id, found in quotes.items():
            named = sorted((q.source.start, speakers[q.id]) for q in found
                           if q.id in speakers and q.source is not None
                           and speakers[q.id].label == "PERSON")
            people = [(m.start, by_root[self.uf.find(self.of_mention[(m.article_id, m.start,
                                                                        m.end)])])
                      for m in self.mentions.get(article_id, ())]
            for q in found:
                if _pronoun(q) and q.source is not None:
                    entity = _nearest_compatible(q.source, named, people, genders)
                    if entity is not None:
                        speakers[q.id] = entity
        return speakers

    def _speaker(self, article_id: str, quote: Quote, by_root: dict[Key, Entity],
                 roles: dict[str, Counter[str]]) -> Entity | None:
        if quote.antecedent is not None:
            root = self._entity_of(article_id, quote.antecedent)
            return by_root.get(root) if root is not None else None
        if quote.source is None or not fold(quote.source.text).startswith("the "):
            return None
        return self._by_role(article_id, quote.source, by_root, roles)

    def _by_role(self, article_id: str, source: Span, by_root: dict[Key, Entity],
                 roles: dict[str, Counter[str]]) -> Entity | None:
        wanted = _role_key(source.text)
        latest: dict[str, tuple[int, Entity]] = {}
        for m in self.mentions.get(article_id, ()):
            entity = by_root[self.uf.find(self.of_mention[(m.article_id, m.start, m.end)])]
            if m.start < source.start and any(_role_fits(_role_key(r), wanted)
                                              for r in roles.get(entity.id, ())):
                latest[entity.id] = (m.start, entity)
        if not latest:
            return None
        return max(latest.values(), key=lambda pair: pair[0])[1]


def _looks_personal(m: Mention, surnames: set[str]) -> bool:
    """A two- or three-word name tagged as something else whose last word the corpus uses
    as a surname ("Anders Vestergaard" tagged ORG, while "Mr Vestergaard" appears)."""
    words = m.text.split()
    return (m.label in ("ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART")
            and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
            and fold(words[-1]) in surnames)


def last_line(m: Mention) -> Mention:
    """A mention the recogniser ran across a paragraph break, cut to its last line."""
    if "\n" not in m.text:
        return m
    cut = m.text.rindex("\n") + 1
    return Mention(m.article_id, m.start + cut, m.end, m.text[cut:], m.label)


def _pronoun(quote: Quote) -> bool:
    return quote.source is not None and quote.source.text.lower() in _PRONOUN_GENDER


def _nearest_compatible(source: Span, named: list[tuple[int, Entity]],
                        people: list[tuple[int, Entity]],
                        genders: dict[str, str]) -> Entity | None:
    wanted = _PRONOUN_GENDER[source.text.lower()]
    for pool in (named, people):
        earlier = [(at, e) for at, e in pool if at < source.start and e.label == "PERSON"
                   and genders.get(e.id, wanted) == wanted]
        if earlier:
            return max(earlier, key=lambda pair: pair[0])[1]
    return None


def _genders(entities: list[Entity], texts: Mapping[str, str],
             quotes: Mapping[str, Sequence[Quote]], speakers: dict[str, Entity]) -> dict[str, str]:
    """Entity id -> "m"/"f" from the honorifics the corpus gives the person (Mr, Ms, …);
    a person given both gets none."""
    votes: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        if e.label == "PERSON":
            for m in e.mentions:
                found = (_HONORIFIC_BEFORE.search(texts[m.article_id][max(0, m.start - 6):m.start])
                         or _HONORIFIC_FIRST.match(m.text))
                if found:
                    votes[e.id].add(_HONORIFIC_GENDER[found.group(1).lower()])
    for found_quotes in quotes.values():
        for q in found_quotes:
            if q.id in speakers and q.source is not None:
                match = _HONORIFIC_FIRST.match(q.source.text)
                if match:
                    votes[speakers[q.id].id].add(_HONORIFIC_GENDER[match.group(1).lower()])
    return {eid: next(iter(g)) for eid, g in votes.items() if len(g) == 1}


def _roles_around(text: str, m: Mention) -> list[str]:
    """Roles written beside a person's name: "X, the Foreign Secretary," or "Defence
    Minister X" (then also the titled name, "Defence Minister X", as written)."""
    found = []
    after = _APPOSITION.match(text[m.end: m.end + 100])
    if after and not any(ch.isdigit() for ch in after.group(1)):
        found.append(after.group(1))
    before = _SENTENCE_BREAK.split(text[max(0, m.start - 80): m.start])[-1]
    title = _TITLE_BEFORE.search(before)
    if title:
        words = title.group(1).split()
        if words and fold(words[-1]).strip(".") in ROLE_HEADS:
            found.extend((" ".join(words), f"{' '.join(words)} {m.text}"))
    return found


def _role_in_source(source: str, name: str) -> str | None:
    """The words of a speaker phrase around the name in it, when they form a role."""
    where = source.find(name)
    if where < 0:
        return None
    rest = (source[:where] + " " + source[where + len(name):]).strip(" ,")
    words = rest.split()
    if not words or fold(words[-1]).strip(".,’'s") not in ROLE_HEADS:
        return None
    return rest


def _role_key(role: str) -> str:
    words = fold(role).replace("defense", "defence").split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _role_fits(known: str, wanted: str) -> bool:
    """"the minister" fits "defence minister"; "the Foreign Secretary" fits "british
    foreign secretary"."""
    return bool(wanted) and (known == wanted or known.endswith(" " + wanted))


def _canonical(mentions: list[Mention], person: bool) -> str:
    """The fullest form, then the one most articles use, then the one keeping accents."""
    articles: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        articles[clean_name(m.text, person)].add(m.article_id)
    return max(articles, key=lambda form: (len(form.split()), len(articles[form]),
                                           form != fold(form), form))


def _entity_id(label: str, name: str, used: set[str]) -> str:
    base = "e-" + hashlib.sha256(f"{label}:{fold(name)}".encode()).hexdigest()[:16]
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base[:-2]}{n:02d}"
    used.add(candidate)
    return candidate


def _mention_order(m: Mention) -> tuple[str, int]:
    return m.article_id, m.start


def _with_aliases(entities: list[Entity], roles: dict[str, Counter[str]],
                  speakers: dict[str, Entity],
                  quotes: Mapping[str, Sequence[Quote]]) -> list[Entity]:
    said: dict[str, Counter[str]] = defaultdict(Counter)
    for found in quotes.values():
        for q in found:
            if q.id in speakers and q.source is not None and not q.inherited:
                said[speakers[q.id].id][q.source.text] += 1
    out = []
    for e in entities:
        names = (Counter(m.text for m in e.mentions)
                 + Counter(clean_name(m.text, e.label == "PERSON") for m in e.mentions)
                 + roles.get(e.id, Counter()) + said[e.id])
        aliases = tuple(sorted(n for n in names if n != e.name))
        out.append(Entity(e.id, e.name, e.label, aliases, e.mentions))
    return out
