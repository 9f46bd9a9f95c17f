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

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsdesk.extract.names import (
    HONORIFICS,
    canonical,
    clean_name,
    close,
    entity_id,
    fold,
    last_line,
    looks_personal,
    name_parts,
)
from newsdesk.extract.personhood import (
    kind_by_name,
    lower_words,
    name_endings,
    named_as_firm,
    named_as_place,
    not_a_name,
    titled,
)
from newsdesk.extract.speakers import (
    PRONOUN_GENDER,
    genders,
    is_pronoun,
    nearest_compatible,
    role_fits,
    role_in_source,
    role_key,
    role_kin,
    roles_around,
)
from newsdesk.model import Article, Entity, Mention, Quote, QuoteKind, Span
from newsdesk.settings import QuoteSettings

PRODUCER = "extract.people@2"
# Longest speaker phrase listed among a person's names: "Danish Foreign Minister Anders
# Vestergaard" is six words; longer ones are descriptions ("The family of a … officer whose
# ship …"), not names. Set by hand on the sample corpus's speaker phrases.
MAX_SPEAKER_ALIAS_WORDS = 6
# spaCy labels that name an entity (numbers, dates and money are figures, not entities).
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "LAW",
                 "WORK_OF_ART")
# Labels the recogniser gives a lone surname ("Trevaskis" is often tagged ORG or GPE).
_MAYBE_SURNAME = ("PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC", "FAC")
Key = tuple[str, str]
# Labels of places: a one-word "person" the corpus tags so elsewhere is the place.
_PLACE_LABELS = ("GPE", "LOC")
# Capitalised words before a surname that are not first names (sentence openers, titles).
_NOT_FIRST_NAMES = frozenset(("the", "a", "an", "but", "and", "when", "if", "as", "so", "then",
                              "meanwhile", "yesterday", "today", "said", "says", "told"))
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
        self.common = lower_words(self.texts.values())
        self.titled = titled(self.texts.values())
        self.surnames = self.titled | name_endings(m for ms in self.mentions.values() for m in ms)
        self.place_names = frozenset(fold(m.text) for ms in self.mentions.values() for m in ms
                                     if m.label in _PLACE_LABELS)
        for aid, found in self.mentions.items():
            self.mentions[aid] = [m for m in found
                                  if m.label != "PERSON" or not self._no_name(m.text)]
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
        self._join_organisation_short_forms()
        entities, by_root = self._entities()
        roles = self._roles(quotes, entities, by_root)
        speakers = self._speakers(quotes, entities, by_root, roles)
        written = self._first_names_before(entities)
        final = {e.id: e for e in _with_aliases(entities, roles, speakers, quotes, written)}
        return People(tuple(final.values()),
                      {quote_id: final[e.id] for quote_id, e in speakers.items()})

    def _join_organisation_short_forms(self) -> None:
        """"National Defence" is the "Department of National Defence": an organisation of
        two or more words that is what follows "of" in a longer organisation's name the corpus
        writes. One-word tails ("Defence") are left apart: too many bodies share them."""
        forms = {key for key in self.uf.parent if key[0] == "O"}
        for key in sorted(forms):
            if " of " in key[1]:
                tail = ("O", key[1].rsplit(" of ", 1)[1])
                if len(tail[1].split()) >= 2 and tail in forms:
                    self.uf.union(key, tail)

    def _place_full_forms(self) -> list[Mention]:
        singles = []
        surnames = self._surname_evidence()
        for found in self.mentions.values():
            for i, m in enumerate(found):
                if m.label != "PERSON" and looks_personal(m, surnames):
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
                        m.start < a.end and a.start < m.end for m in known
                ) or self._no_name(a.text):
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
        found = set(self.titled)
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
            if label == "PERSON":
                label = self._person_or_other(node.mentions)
            name = canonical(node.mentions, label == "PERSON")
            made[root] = Entity(entity_id(label, name, used), name, label, (),
                                tuple(sorted(node.mentions, key=_mention_order)))
        return list(made.values()), made

    def _no_name(self, text: str) -> bool:
        """A common noun or a bare title the recogniser took for a name."""
        return not_a_name(name_parts(text), self.common, self.surnames)

    def _person_or_other(self, mentions: Sequence[Mention]) -> str:
        """PERSON, or the organisation or place label the names' head words or contexts
        give (a surname the corpus puts after a title stays a person's)."""
        forms = [name_parts(m.text) for m in mentions]
        longest = max(forms, key=len)
        if longest[-1] in self.titled:
            return "PERSON"
        kind = kind_by_name(longest)
        if kind is not None:
            return kind
        if all(len(f) == 1 for f in forms) and (named_as_place(mentions, self.texts)
                                                or self._a_place_elsewhere(longest[0])):
            return "GPE"
        if named_as_firm(mentions, self.texts):
            return "ORG"
        return "PERSON"

    def _a_place_elsewhere(self, word: str) -> bool:
        """A one-word name the corpus tags as a place elsewhere and never writes as a
        person's surname ("Canberra", "Otago" in a quotation read as a person once)."""
        return word in self.place_names and word not in self.surnames

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

    def _first_names_before(self, entities: list[Entity]) -> dict[str, Counter[str]]:
        """Entity id -> full names as written where the recogniser kept only a surname or
        none ("Foreign Minister Anders Vestergard" with "Mr. Vestergard" elsewhere): the
        person's first name before a surname the person is written with, in the articles
        that mention the person."""
        found: dict[str, Counter[str]] = defaultdict(Counter)
        for entity in entities:
            parts = entity.name.split()
            if entity.label != "PERSON" or len(parts) < 2:
                continue
            surnames = {clean_name(m.text).split()[-1] for m in entity.mentions
                        if clean_name(m.text)}
            for article_id in {m.article_id for m in entity.mentions}:
                text = self.texts[article_id]
                for surname in surnames:
                    full = f"{parts[0]} {surname}"
                    if full != entity.name and full in text:
                        found[entity.id][full] += text.count(full)
        return found

    # --- roles and speakers ------------------------------------------------------------

    def _roles(self, quotes: Mapping[str, Sequence[Quote]], entities: list[Entity],
               by_root: dict[Key, Entity]) -> dict[str, Counter[str]]:
        """Entity id -> the roles (as written) the corpus gives it."""
        roles: dict[str, Counter[str]] = defaultdict(Counter)
        for entity in entities:
            if entity.label != "PERSON":
                continue
            for m in entity.mentions:
                for role in roles_around(self.texts[m.article_id], m):
                    roles[entity.id][role] += 1
        for article_id, found in quotes.items():
            for q in found:
                if q.source and q.antecedent and q.antecedent.text != q.source.text:
                    root = self._entity_of(article_id, q.antecedent)
                    written = role_in_source(q.source.text, q.antecedent.text)
                    if root is not None and written and by_root[root].label == "PERSON":
                        roles[by_root[root].id][written] += 1
        return roles

    def _speakers(self, quotes: Mapping[str, Sequence[Quote]], entities: list[Entity],
                  by_root: dict[Key, Entity],
                  roles: dict[str, Counter[str]]) -> dict[str, Entity]:
        """Named and role speakers first; then pronouns, each to the nearest earlier named
        speaker or person mentioned outside quotations, of a compatible gender."""
        speakers: dict[str, Entity] = {}
        for article_id, found in quotes.items():
            for q in found:
                if not is_pronoun(q):
                    entity = self._speaker(article_id, q, by_root, roles)
                    if entity is not None:
                        speakers[q.id] = entity
        known_genders = genders(entities, self.texts, quotes, speakers)
        for article_id, found in quotes.items():
            named = sorted((q.source.start, speakers[q.id]) for q in found
                           if q.id in speakers and q.source is not None
                           and speakers[q.id].label == "PERSON")
            quoted = [(q.start, q.end) for q in found if q.kind is not QuoteKind.INDIRECT]
            people = [(m.start, by_root[self.uf.find(self.of_mention[(m.article_id, m.start,
                                                                        m.end)])])
                      for m in self.mentions.get(article_id, ())
                      if not any(a <= m.start < b for a, b in quoted)]  # named, not present
            for q in found:
                if is_pronoun(q) and q.source is not None:
                    entity = nearest_compatible(q.source, named, people, known_genders)
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
        return self._by_role(article_id, quote, by_root, roles)

    def _by_role(self, article_id: str, quote: Quote, by_root: dict[Key, Entity],
                 roles: dict[str, Counter[str]], wanted: str | None = None) -> Entity | None:
        """The person last mentioned before "the minister" whom the corpus calls a minister;
        not one named in the quote itself ("the minister said she would meet Vestergaard"
        is not Vestergaard)."""
        assert quote.source is not None
        source = quote.source
        wanted = wanted or role_key(source.text)
        latest: dict[str, tuple[int, Entity]] = {}
        named_inside = set()
        for m in self.mentions.get(article_id, ()):
            entity = by_root[self.uf.find(self.of_mention[(m.article_id, m.start, m.end)])]
            if quote.start <= m.start < quote.end:
                named_inside.add(entity.id)
            elif m.start < source.start and any(role_fits(role_key(r), wanted)
                                                for r in roles.get(entity.id, ())):
                latest[entity.id] = (m.start, entity)
        for inside in named_inside:
            latest.pop(inside, None)
        if not latest and role_kin(wanted):
            return self._by_role(article_id, quote, by_root, roles, role_kin(wanted)[0])
        if not latest:
            return None
        return max(latest.values(), key=lambda pair: pair[0])[1]


def _names_its_speaker(source: str) -> bool:
    """A speaker phrase worth listing as a way the corpus writes a person: not a pronoun
    ("she" is everyone), not a list of people ("Marsh of Britain and Vestergard of
    Denmark"), not a clause-long description."""
    words = source.split()
    return (source.lower() not in PRONOUN_GENDER and " and " not in f" {source} "
            and len(words) <= MAX_SPEAKER_ALIAS_WORDS)


def _mention_order(m: Mention) -> tuple[str, int]:
    return m.article_id, m.start


def _with_aliases(entities: list[Entity], roles: dict[str, Counter[str]],
                  speakers: dict[str, Entity],
                  quotes: Mapping[str, Sequence[Quote]],
                  written: dict[str, Counter[str]]) -> list[Entity]:
    said: dict[str, Counter[str]] = defaultdict(Counter)
    for found in quotes.values():
        for q in found:
            if q.id in speakers and q.source is not None and not q.inherited \
                    and _names_its_speaker(q.source.text):
                said[speakers[q.id].id][q.source.text] += 1
    out = []
    for e in entities:
        names = (Counter(m.text for m in e.mentions)
                 + Counter(clean_name(m.text, e.label == "PERSON") for m in e.mentions)
                 + roles.get(e.id, Counter()) + said[e.id] + written.get(e.id, Counter()))
        aliases = tuple(sorted(n for n in names if n != e.name))
        out.append(Entity(e.id, e.name, e.label, aliases, e.mentions))
    return out
