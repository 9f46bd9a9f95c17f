"""The sample corpus's answer key (``examples/corpus/gold.json``), matched to stored articles.

Used by benchmarks and quality-floor tests. Gold names an article by its file (relative to
the corpus), its segment, and for JSON Lines its 0-based record; stored articles carry their
source path, segment, and the 1-based record number of their raw document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsdesk.model import Article, Entity, Quote

GoldKey = tuple[str, int, int | None]


def load_gold(corpus: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((corpus / "gold.json").read_text("utf-8"))
    return loaded


def gold_key(entry: dict[str, Any]) -> GoldKey:
    """The key of a gold entry (an article, quote or figure reference)."""
    record = entry.get("record")
    return str(entry["file"]), int(entry.get("segment", 0)), None if record is None else int(record)


def article_key(article: Article, record: int | None, corpus: Path) -> GoldKey:
    """The gold key of a stored article; ``record`` is its raw document's record number."""
    relative = Path(article.source).resolve().relative_to(corpus.resolve()).as_posix()
    return relative, article.segment, None if record is None else record - 1


def events_by_key(gold: dict[str, Any]) -> dict[GoldKey, str]:
    return {gold_key(entry): entry["event"] for entry in gold["articles"]}


def _folded(text: str) -> str:
    import unicodedata

    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text)
                    if not unicodedata.combining(ch))
    return " ".join(plain.replace("’", "'").replace("‘", "'").lower().split())


def _quote_matches(entry: dict[str, Any], quote: Quote) -> bool:
    """The same quote: equal words, or for indirect speech the gold clause inside ours
    (gold stops a clause at a following quotation or apposition; we keep the whole clause)."""
    gold, mine = _folded(str(entry["text"])), _folded(quote.text)
    if entry["kind"] != "indirect":
        return gold == mine
    return quote.kind == "indirect" and bool(gold) and (gold in mine or mine in gold)


def quote_scores(gold: dict[str, Any], articles: dict[GoldKey, Article],
                 quotes: list[Quote], entities: list[Entity]) -> dict[str, float | int]:
    """Sample-corpus quote and people scores (``articles``: gold key -> stored article)."""
    by_article: dict[str, list[Quote]] = {}
    for quote in quotes:
        by_article.setdefault(quote.article_id, []).append(quote)
    entries = [e for e in gold["quotes"] if gold_key(e) in articles]
    matched = [(e, _match(e, by_article.get(articles[gold_key(e)].id, []))) for e in entries]
    found = [(e, q) for e, q in matched if q is not None]
    right = [1 for e, q in found if _folded(e["speaker"] or "") == _folded(q.speaker or "")]
    kinds = [1 for e, q in found if q.kind == e["kind"]]
    covered = {a.id for a in articles.values()}
    predicted = [q for q in quotes if q.article_id in covered]
    hits = {id(q) for _, q in found}
    texts = " ".join(a.text for a in articles.values())
    variants, resolved, merged = _people_scores(gold, entities, texts)
    return {
        "gold quotes": len(entries),
        "quote recall": len(found) / len(entries) if entries else 0.0,
        "quote precision": len(hits) / len(predicted) if predicted else 0.0,
        "kind right (of found)": len(kinds) / len(found) if found else 0.0,
        "speaker right (of found)": len(right) / len(found) if found else 0.0,
        "speaker right (of all gold)": len(right) / len(entries) if entries else 0.0,
        "name variants": variants,
        "name variants resolved": resolved / variants if variants else 0.0,
        "gold people merged with another": merged,
        "people listed that are gold people": _people_precision(gold, entities),
    }


def _people_precision(gold: dict[str, Any], entities: list[Entity]) -> float:
    """Share of the PERSON entities whose name is a gold person's name or one of its
    written variants (the rest are places, firms or common nouns taken for names)."""
    names = {_folded(text) for person in gold["entities"] if person["type"] == "PERSON"
             for text in (person["name"], *person["aliases"])}
    people = [e for e in entities if e.label == "PERSON"]
    return sum(_folded(e.name) in names for e in people) / len(people) if people else 0.0


def _match(entry: dict[str, Any], quotes: list[Quote]) -> Quote | None:
    return next((q for q in quotes if _quote_matches(entry, q)), None)


def _people_scores(gold: dict[str, Any], entities: list[Entity],
                   texts: str) -> tuple[int, int, int]:
    """(name variants of gold people written in the articles, variants on the same entity
    as the name, gold people sharing an entity with another gold person)."""
    holder: dict[str, set[str]] = {}
    for entity in entities:
        for text in {entity.name, *entity.aliases, *(m.text for m in entity.mentions)}:
            holder.setdefault(_folded(text), set()).add(entity.id)
    variants = resolved = 0
    owner: dict[str, str] = {}
    for person in (e for e in gold["entities"] if e["type"] == "PERSON"):
        home = holder.get(_folded(person["name"]), set())
        for entity_id in home:
            owner.setdefault(entity_id, person["name"])
        for alias in person["aliases"]:
            if alias[:1].isupper() and alias.split()[-1][:1].isupper() and alias in texts:
                variants += 1
                resolved += bool(home & holder.get(_folded(alias), set()))
    merged = sum(1 for person in gold["entities"] if person["type"] == "PERSON"
                 and any(owner.get(eid) not in (None, person["name"])
                         for eid in holder.get(_folded(person["name"]), set())))
    return variants, resolved, merged
