"""Corpora the story benchmarks share: ECB+ train/dev, PolNeAR dev, the sample corpus.

Each comes with gold events (and topics or storylines where the set has them) and the spaCy
entity mentions of its articles, as the pipeline's entities stage would store them (cached in
the temp folder, keyed by the texts, so reruns skip the parse). Public sets are read from
../shared/data and skipped when absent.

ECB+ dates are left out on purpose: only the documents of one of each topic's two events carry
a date at all, so "has a date" alone would tell the events apart there — an artefact of the
set, not a signal that holds in real news.
"""

from __future__ import annotations

import csv
import hashlib
import json
import pickle
import random
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from newsdesk import Desk, Settings, sample_corpus, sample_inputs
from newsdesk.cluster.embed import MiniLM, lead_text
from newsdesk.extract import NER_COMPONENTS, english, find_mentions
from newsdesk.goldset import article_key, events_by_key, load_gold
from newsdesk.model import Article, Mention

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ECBPLUS = DATA / "clustering" / "ecbplus"
POLNEAR = DATA / "quotes" / "polnear"
POLNEAR_GOLD = DATA / "clustering" / "polnear-events" / "dev.json"
SEEDS = (0, 1, 2)


@dataclass(frozen=True)
class Corpus:
    name: str
    articles: list[Article]
    gold: dict[str, str]                       # article id -> event
    topics: dict[str, str]                     # article id -> topic or storyline ('' if none)
    mentions: dict[str, list[Mention]]
    meanings: dict[str, np.ndarray]            # article id -> unit sentence embedding

    def shuffled(self, seed: int) -> Corpus:
        """The same corpus as a stream in another order: undated articles arrive in a
        shuffled order (dated ones by date, ties shuffled), ids prefixed by arrival rank."""
        order = list(self.articles)
        random.Random(seed).shuffle(order)
        rename = {a.id: f"{rank:05d}~{a.id}" for rank, a in enumerate(order)}
        return Corpus(self.name, [replace(a, id=rename[a.id]) for a in order],
                      {rename[k]: v for k, v in self.gold.items()},
                      {rename[k]: v for k, v in self.topics.items()},
                      {rename[k]: [replace(m, article_id=rename[k]) for m in v]
                       for k, v in self.mentions.items()},
                      {rename[k]: v for k, v in self.meanings.items()})


def corpora(names: tuple[str, ...] = ("ECB+ train", "ECB+ dev", "PolNeAR dev",
                                      "sample corpus")) -> list[Corpus]:
    loaders: dict[str, Callable[[], Corpus | None]] = {
        "ECB+ train": lambda: ecbplus("train"), "ECB+ dev": lambda: ecbplus("dev"),
        "PolNeAR dev": polnear, "sample corpus": sample}
    found = []
    for name in names:
        corpus = loaders[name]()
        if corpus is None:
            print(f"skipping {name}: its data is absent", file=sys.stderr)
        else:
            found.append(corpus)
    return found


def ecbplus(split: str) -> Corpus | None:
    path = ECBPLUS / f"{split}.jsonl"
    if not path.is_file():
        return None
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    articles = [_article(r["doc_id"], r["text"], r.get("title"), None) for r in records]
    return _with_mentions(f"ECB+ {split}", articles, {r["doc_id"]: r["event"] for r in records},
                          {r["doc_id"]: str(r["topic"]) for r in records})


def polnear() -> Corpus | None:
    if not POLNEAR_GOLD.is_file():
        return None
    labels = json.loads(POLNEAR_GOLD.read_text("utf-8"))["articles"]
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as stream:
        meta = {row["filename"]: row for row in csv.DictReader(stream, delimiter="\t")}
    articles = [_article(name, (POLNEAR / "dev" / "text" / f"{name}.txt").read_text("utf-8"),
                         meta[name]["title"], meta[name]["publication_date"])
                for name in labels]
    return _with_mentions("PolNeAR dev", articles,
                          {k: v["event"] for k, v in labels.items()},
                          {k: v["storyline"] for k, v in labels.items()})


def sample() -> Corpus | None:
    corpus = sample_corpus()
    if not (corpus / "gold.json").is_file():
        return None
    gold = load_gold(corpus)
    event_of = events_by_key(gold)
    line_of = {e["id"]: e.get("storyline") or e["id"] for e in gold["events"]}
    with tempfile.TemporaryDirectory() as folder, Desk(Path(folder) / "b.db") as desk:
        desk.ingest(sample_inputs())
        articles = [replace(a, copy_of=None, story_id=None) for a in desk.articles()]
        keys = {a.id: article_key(a, desk.raw(a.id).record, corpus) for a in articles}
    events = {aid: event_of[key] for aid, key in keys.items() if key in event_of}
    return _with_mentions("sample corpus", articles, events,
                          {aid: line_of.get(ev, ev) for aid, ev in events.items()})


def _article(key: str, text: str, title: str | None, published: str | None) -> Article:
    date = published[:10] if published and published[:4].isdigit() else None
    return Article(id=key, document_id=key, source=key, segment=0, text=text,
                   producer="bench", title=title, published=date)


def _with_mentions(name: str, articles: list[Article], gold: dict[str, str],
                   topics: dict[str, str]) -> Corpus:
    digest = hashlib.sha256("\0".join(a.id + a.text for a in articles).encode()).hexdigest()
    cache = Path(tempfile.gettempdir()) / f"newsdesk-bench-mentions-{digest[:16]}.pickle"
    if cache.is_file():
        mentions = pickle.loads(cache.read_bytes())
    else:
        print(f"{name}: finding entities in {len(articles)} articles …", file=sys.stderr)
        mentions = find_mentions(articles, english(NER_COMPONENTS), Settings().extract)
        cache.write_bytes(pickle.dumps(mentions))
    return Corpus(name, articles, gold, topics, mentions, embeddings(name, articles, digest))


def embeddings(name: str, articles: list[Article], digest: str) -> dict[str, np.ndarray]:
    """Each article's sentence embedding as the pipeline makes it (cached like mentions)."""
    cfg = Settings().cluster
    texts = [lead_text(a.title, a.text, cfg.embed_lead_chars) for a in articles]
    key = hashlib.sha256(f"{cfg.embed_tokens}\0{digest}\0".encode()
                         + "\0".join(texts).encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"newsdesk-bench-meanings-{key}.npy"
    if cache.is_file():
        found = np.load(cache)
    else:
        print(f"{name}: embedding {len(articles)} articles …", file=sys.stderr)
        found = MiniLM(cfg.embed_tokens).embed(texts)
        np.save(cache, found)
    return {a.id: found[row] for row, a in enumerate(articles)}
