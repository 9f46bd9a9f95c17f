"""Story clustering quality: B-cubed and pairwise P/R/F1 against gold events.

    python bench/cluster.py

Corpora: ECB+ train (the threshold sweep: tuning happens here only), ECB+ dev and PolNeAR dev
(held out from tuning), and the sample corpus gold. Public sets are read from ../shared/data
and skipped when absent. Baseline beside ours in the same run: every article alone.
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsdesk import Desk, Settings, sample_corpus, sample_inputs
from newsdesk.cluster import cluster
from newsdesk.goldset import article_key, events_by_key, load_gold
from newsdesk.model import Article
from newsdesk.scoring import PRF, bcubed, pairwise
from newsdesk.settings import ClusterSettings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ECBPLUS = DATA / "clustering" / "ecbplus"
POLNEAR = DATA / "quotes" / "polnear"
POLNEAR_GOLD = DATA / "clustering" / "polnear-events" / "dev.json"
SWEEP = [round(0.10 + 0.02 * step, 2) for step in range(21)]  # 0.10 … 0.50


@dataclass(frozen=True)
class Corpus:
    name: str
    articles: list[Article]
    gold: dict[str, str]


def main() -> int:
    console = Console()
    corpora = _corpora()
    tuning = next((c for c in corpora if c.name == "ECB+ train"), None)
    default = ClusterSettings().similarity_threshold
    if tuning is not None:
        console.print(_sweep_table(tuning))
    table = _table("Story clustering, threshold "
                   f"{default} (settings default)")
    for corpus in corpora:
        _add_rows(table, corpus, default)
    console.print(table)
    return 0


def _corpora() -> list[Corpus]:
    loaders: list[tuple[str, Callable[[], Corpus | None]]] = [
        ("ECB+ train", lambda: _ecbplus("train")), ("ECB+ dev", lambda: _ecbplus("dev")),
        ("PolNeAR dev", _polnear), ("sample corpus", _sample),
    ]
    found = []
    for name, load in loaders:
        corpus = load()
        if corpus is None:
            print(f"skipping {name}: its data is absent", file=sys.stderr)
        else:
            found.append(corpus)
    return found


def _ecbplus(split: str) -> Corpus | None:
    path = ECBPLUS / f"{split}.jsonl"
    if not path.is_file():
        return None
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    articles = [_article(r["doc_id"], r["text"], r.get("title"), r.get("date_publish"))
                for r in records]
    return Corpus(f"ECB+ {split}", articles, {r["doc_id"]: r["event"] for r in records})


def _polnear() -> Corpus | None:
    if not POLNEAR_GOLD.is_file():
        return None
    gold = {name: label["event"]
            for name, label in json.loads(POLNEAR_GOLD.read_text("utf-8"))["articles"].items()}
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as stream:
        meta = {row["filename"]: row for row in csv.DictReader(stream, delimiter="\t")}
    articles = [_article(name, (POLNEAR / "dev" / "text" / f"{name}.txt").read_text("utf-8"),
                         meta[name]["title"], meta[name]["publication_date"]) for name in gold]
    return Corpus("PolNeAR dev", articles, gold)


def _sample() -> Corpus | None:
    corpus = sample_corpus()
    if not (corpus / "gold.json").is_file():
        return None
    event_of = events_by_key(load_gold(corpus))
    with tempfile.TemporaryDirectory() as folder, Desk(Path(folder) / "b.db") as desk:
        desk.ingest(sample_inputs())
        articles = [replace(a, copy_of=None, story_id=None) for a in desk.articles()]
        keys = {a.id: article_key(a, desk.raw(a.id).record, corpus) for a in articles}
    labelled = {aid: event_of[key] for aid, key in keys.items() if key in event_of}
    return Corpus("sample corpus", articles, labelled)


def _article(key: str, text: str, title: str | None, published: str | None) -> Article:
    date = published[:10] if published and published[:4].isdigit() else None
    return Article(id=key, document_id=key, source=key, segment=0, text=text,
                   producer="bench", title=title, published=date)


def _predict(corpus: Corpus, threshold: float) -> dict[str, str]:
    settings = ClusterSettings(similarity_threshold=threshold)
    return {aid: s.id for s in cluster(corpus.articles, settings) for aid in s.article_ids}


def _sweep_table(corpus: Corpus) -> Table:
    table = _table(f"Threshold sweep on {corpus.name} (tuning set)")
    for threshold in SWEEP:
        _row(table, corpus.name, f"tfidf online @{threshold}", _predict(corpus, threshold),
             corpus.gold)
    return table


def _add_rows(table: Table, corpus: Corpus, threshold: float) -> None:
    alone = {a.id: a.id for a in corpus.articles}
    _row(table, corpus.name, "every article alone", alone, corpus.gold)
    _row(table, corpus.name, f"tfidf online @{threshold}", _predict(corpus, threshold),
         corpus.gold)


def _table(title: str) -> Table:
    table = Table(title=title)
    for column in ("corpus", "method", "clusters", "gold", "B3 P", "B3 R", "B3 F1",
                   "pair P", "pair R", "pair F1"):
        table.add_column(column, justify="left" if column in ("corpus", "method") else "right")
    return table


def _row(table: Table, name: str, method: str, predicted: dict[str, str],
         gold: dict[str, str]) -> None:
    b3: PRF = bcubed(predicted, gold)
    pairs: PRF = pairwise(predicted, gold)
    table.add_row(name, method, str(len(set(predicted.values()))), str(len(set(gold.values()))),
                  *b3.row(), *pairs.row())


if __name__ == "__main__":
    _ = Settings  # the defaults shown come from Settings; imported for readers
    raise SystemExit(main())
