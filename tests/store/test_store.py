"""The store: migrated schema equals the declared one, pragmas, reopening, transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import alembic.command
import numpy as np
import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Integer, MetaData, Table, text

import newsdesk.store
from newsdesk.errors import StoreError
from newsdesk.model import (
    Article,
    CopyLink,
    DocumentKind,
    Hints,
    RawDocument,
    Rejected,
    RejectReason,
    Story,
)
from newsdesk.store import Store
from newsdesk.store.schema import metadata

MakeArticle = Callable[..., Article]


@pytest.fixture
def store(db_path: Path, clock: Callable[[], datetime]) -> Iterator[Store]:
    opened = Store.open(str(db_path), clock)
    yield opened
    opened.close()


def document(content: str, **fields: object) -> RawDocument:
    digest = (content.encode().hex() * 64)[:64]
    return RawDocument(source=f"{content}.txt", kind=DocumentKind.TEXT, content=content,
                       content_hash=digest, **fields)  # type: ignore[arg-type]


def article_of(doc: RawDocument, make_article: MakeArticle, article_id: str,
               **fields: object) -> Article:
    return make_article(article_id, f"Text of {article_id}.", document_id=doc.id,
                        source=doc.source, **fields)


def is_fts_table(name: object) -> bool:
    return str(name).startswith("articles_fts")


def test_migrated_schema_matches_the_declared_metadata(store: Store) -> None:
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    real = [d for d in diffs
            if not (d[0] == "remove_table" and is_fts_table(d[1].name))]
    assert real == []


def test_schema_check_would_see_a_missing_column(store: Store) -> None:
    changed = MetaData()
    for table in metadata.tables.values():
        table.to_metadata(changed)
    Table("outlets", changed, Column("extra", Integer), extend_existing=True)
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), changed)
    assert ("add_column", None, "outlets") in [(d[0], d[1], d[2]) for d in diffs
                                               if d[0] == "add_column"]


def test_sqlite_pragmas_are_set_on_every_connection(store: Store) -> None:
    for _ in range(2):
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def newest_revision() -> str | None:
    config = Config()
    config.set_main_option("script_location",
                           str(Path(newsdesk.store.__file__).parent / "migrations"))
    return ScriptDirectory.from_config(config).get_current_head()


def test_fresh_database_is_at_the_newest_revision(store: Store) -> None:
    with store.engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    assert current is not None
    assert current == newest_revision()


def test_reopening_does_not_rerun_migrations_or_lose_data(
        db_path: Path, store: Store, make_article: MakeArticle,
        monkeypatch: pytest.MonkeyPatch) -> None:
    doc = document("one")
    store.add_document(doc, [article_of(doc, make_article, "a-1")])
    store.close()

    def no_upgrade(*args: object, **kwargs: object) -> None:
        raise AssertionError("migrations ran again on an up-to-date database")

    monkeypatch.setattr(alembic.command, "upgrade", no_upgrade)
    again = Store.open(str(db_path))
    try:
        assert [a.id for a in again.articles()] == ["a-1"]
    finally:
        again.close()


def test_opening_in_a_missing_folder_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(str(tmp_path / "no" / "such" / "news.db"))


def test_opening_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite, just text " * 100)
    with pytest.raises(StoreError, match="cannot open the database"):
        Store.open(str(path))


def test_document_and_articles_round_trip(store: Store, make_article: MakeArticle) -> None:
    doc = document("one", hints=Hints(outlet="Wire", primary=True), record=3,
                   defaults=Hints(published="2025-02-12"), encoding="cp1252")
    articles = [article_of(doc, make_article, "a-1", outlet="Wire", published="2025-02-12"),
                article_of(doc, make_article, "a-2", segment=1)]

    store.add_document(doc, articles)

    assert store.has_document(doc.content_hash)
    assert store.document(doc.id) == doc
    assert store.articles() == articles
    assert store.article("a-2") == articles[1]
    assert store.article("a-nope") is None


def test_add_document_is_all_or_nothing(store: Store, db_path: Path,
                                        make_article: MakeArticle) -> None:
    doc = document("one")
    clash = [article_of(doc, make_article, "a-1"), article_of(doc, make_article, "a-1")]
    with pytest.raises(Exception, match="UNIQUE"):
        store.add_document(doc, clash)
    assert not store.has_document(doc.content_hash)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (0,)


def test_outlet_name_is_resolved_by_domain(store: Store, make_article: MakeArticle) -> None:
    one, two = document("one"), document("two")
    store.add_document(one, [article_of(one, make_article, "a-1", outlet="Avon Post",
                                        outlet_domain="avon-post.example")])
    store.add_document(two, [article_of(two, make_article, "a-2",
                                        outlet_domain="avon-post.example")])
    assert store.article("a-2").outlet == "Avon Post"  # type: ignore[union-attr]
    assert [a.id for a in store.articles(outlet="Avon Post")] == ["a-1", "a-2"]


def test_rejections_are_counted_per_source_and_reason(store: Store) -> None:
    empty = Rejected("a.txt", "ingest", RejectReason.EMPTY, "the file is empty")
    store.add_rejection(empty)
    store.add_rejection(empty)
    store.add_rejection(Rejected("b.txt", "ingest", RejectReason.BINARY, "binary file"))
    counts = {r.rejected.source: (r.rejected, r.count, r.last_seen) for r in store.rejections()}
    assert counts["a.txt"] == (empty, 2, "2025-03-01T12:00:00Z")
    assert counts["b.txt"][1] == 1


def test_copies_and_stories_are_saved_and_replaced(store: Store,
                                                   make_article: MakeArticle) -> None:
    docs = [document(name) for name in ("one", "two", "three")]
    for n, doc in enumerate(docs, start=1):
        store.add_document(doc, [article_of(doc, make_article, f"a-{n}",
                                            published=f"2025-02-1{n}")])
    store.set_copies([CopyLink("a-2", "a-1", 1.0, "dedupe.exact@1")])
    store.save_stories([Story("s-1", "One", ("a-1", "a-2"), "p"),
                        Story("s-3", "Three", ("a-3",), "p", last_seen="2025-02-13")])

    assert store.copy_link("a-2") == CopyLink("a-2", "a-1", 1.0, "dedupe.exact@1")
    assert store.copy_link("a-1") is None
    assert [s.id for s in store.stories()] == ["s-3", "s-1"]
    assert store.story("s-1").article_ids == ("a-1", "a-2")  # type: ignore[union-attr]
    assert store.unassigned_count() == 0

    store.set_copies([])
    store.save_stories([Story("s-1", "All", ("a-1", "a-2", "a-3"), "p")])

    assert store.copy_link("a-2") is None
    assert [s.id for s in store.stories()] == ["s-1"]
    assert store.story("s-3") is None
    assert {a.story_id for a in store.articles()} == {"s-1"}


def test_replace_articles_keeps_story_ids_and_drops_vanished_segments(
        store: Store, make_article: MakeArticle) -> None:
    doc = document("one")
    store.add_document(doc, [article_of(doc, make_article, "a-1"),
                             article_of(doc, make_article, "a-2", segment=1)])
    store.save_stories([Story("s-1", "One", ("a-1", "a-2"), "p")])

    newer = make_article("a-1", "Cleaner text.", document_id=doc.id, source=doc.source,
                         producer="clean.text@2")
    store.replace_articles(doc, [newer])

    [kept] = store.articles()
    assert (kept.id, kept.text, kept.producer, kept.story_id) == (
        "a-1", "Cleaner text.", "clean.text@2", "s-1")
    assert [h.article_id for h in store.search("cleaner", 10)] == ["a-1"]


def test_documents_not_made_by_lists_only_stale_documents(store: Store,
                                                          make_article: MakeArticle) -> None:
    doc = document("one")
    store.add_document(doc, [article_of(doc, make_article, "a-1")])
    assert list(store.documents_not_made_by({"text": "clean.text@1"})) == []
    assert list(store.documents_not_made_by({"text": "clean.text@2"})) == [doc]


def test_timestamps_come_from_the_clock(store: Store) -> None:
    assert store.now() == "2025-03-01T12:00:00Z"


def test_store_keeps_embeddings_by_producer_and_marks_them_done(
        store: Store, make_article: MakeArticle) -> None:
    doc = document("Hello")
    article = article_of(doc, make_article, "a-1")
    store.add_document(doc, [article])
    vector = np.array([0.6, 0.8], dtype=np.float32)
    store.save_embeddings({"a-1": vector}, "embed.test@1", {"a-1": article.text})
    assert np.array_equal(store.embeddings("embed.test@1")["a-1"], vector)
    assert store.embeddings("embed.other@1") == {}
    assert store.stale_for("embeddings", "embed.test@1", [article]) == []
