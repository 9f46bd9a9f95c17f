"""Entity mentions: spaCy NER spans with offsets, re-run only when text or model changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from newsdesk import Desk
from newsdesk.extract import ENTITIES_PRODUCER, NER_COMPONENTS, english, find_mentions
from newsdesk.model import Article
from newsdesk.settings import ExtractSettings

TEXT = ("Helen Marsh, the Foreign Secretary, flew to Copenhagen on Tuesday.\n\n"
        "The Royal Navy has shadowed 23 vessels since January.")


def test_find_mentions_gives_offsets_into_the_article_text(
        make_article: Callable[..., Article]) -> None:
    article = make_article("a-1", text=TEXT)
    found = find_mentions([article], english(NER_COMPONENTS), ExtractSettings())[article.id]
    assert found, "expected entity mentions"
    for mention in found:
        assert article.text[mention.start : mention.end] == mention.text
    assert ("Helen Marsh", "PERSON") in {(m.text, m.label) for m in found}


def test_find_mentions_reads_no_further_than_max_chars(
        make_article: Callable[..., Article]) -> None:
    article = make_article("a-1", text=TEXT)
    cut = len("Helen Marsh, the Foreign Secretary,")
    found = find_mentions([article], english(NER_COMPONENTS), ExtractSettings(max_chars=cut))
    assert all(m.end <= cut for m in found[article.id])


def test_analyze_stores_mentions_and_marks_them_current(
        desk: Desk, inputs: Callable[[str, str], Path]) -> None:
    desk.ingest([str(inputs("marsh.txt", "Marsh in Copenhagen\n\n" + TEXT))])
    desk.analyze()
    article = desk.articles()[0]
    stored = desk.mentions()[article.id]
    assert ("Tuesday", "DATE") in {(m.text, m.label) for m in stored}
    assert all(article.text[m.start : m.end] == m.text for m in stored)
    assert desk._store.stale_for("entities", ENTITIES_PRODUCER, [article]) == []


def test_mentions_are_stale_when_the_text_or_the_producer_changes(
        desk: Desk, inputs: Callable[[str, str], Path]) -> None:
    desk.ingest([str(inputs("marsh.txt", "Marsh in Copenhagen\n\n" + TEXT))])
    desk.analyze()
    article = desk.articles()[0]
    edited = replace(article, text=article.text + " She then flew to Oslo.")
    assert desk._store.stale_for("entities", ENTITIES_PRODUCER, [edited]) == [edited]
    assert desk._store.stale_for("entities", "extract.ner.other@9", [article]) == [article]


def test_analyze_again_runs_no_entity_recognition(
        desk: Desk, inputs: Callable[[str, str], Path]) -> None:
    desk.ingest([str(inputs("marsh.txt", "Marsh in Copenhagen\n\n" + TEXT))])
    desk.analyze()
    again = desk.analyze()
    assert {t.stage: t.items for t in again.timings}["entities"] == 0
