"""``Desk``: bad inputs, idempotent ingest, transactions, metadata precedence, re-cleaning."""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsdesk import Desk, NotFound, UsageError
from newsdesk.brief import validation_errors
from newsdesk.clean import PRODUCERS
from newsdesk.model import DocumentKind, RejectReason
from newsdesk.store import Store

Inputs = Callable[[str, str | bytes], Path]


def count_rows(db_path: Path, table: str) -> int:
    with sqlite3.connect(db_path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


# --- every bad input --------------------------------------------------------------------------


def test_ingest_rejects_bad_input_and_goes_on(bad_input: Any, inputs: Inputs,
                                              make_desk: Callable[..., Desk],
                                              texts: dict[str, str]) -> None:
    good = inputs("good.txt", texts["bridge"])
    bad = bad_input.make(good.parent)
    desk = make_desk(**bad_input.settings)

    report = desk.ingest([bad, good])

    assert [r.reason for r in report.rejected] == [bad_input.reason]
    rejected = report.rejected[0]
    assert rejected.source == f"{bad}{bad_input.source_suffix}"
    assert bad_input.words in rejected.detail
    assert rejected.message().startswith(f"{bad}{bad_input.source_suffix}: ")
    assert "\n" not in rejected.message()
    assert len(report.stored) == 1 + bad_input.stored_alongside
    assert any(a.source == str(good) for a in desk.articles())


def test_rejected_lists_each_bad_input_with_its_reason(bad_input: Any, inputs: Inputs,
                                                       make_desk: Callable[..., Desk],
                                                       texts: dict[str, str]) -> None:
    good = inputs("good.txt", texts["bridge"])
    bad = bad_input.make(good.parent)
    desk = make_desk(**bad_input.settings)

    desk.ingest([bad, good])

    listed = desk.rejected()
    assert [(r.rejected.source, r.rejected.reason) for r in listed] == [
        (f"{bad}{bad_input.source_suffix}", bad_input.reason)]
    assert listed[0].count == 1


def test_rejecting_the_same_input_again_counts_it_instead_of_listing_it_twice(
        desk: Desk, inputs: Inputs) -> None:
    empty = inputs("empty.txt", b"")
    desk.ingest([empty])
    desk.ingest([empty])
    listed = desk.rejected()
    assert len(listed) == 1
    assert listed[0].count == 2


def test_ingest_decodes_a_legacy_encoding_instead_of_rejecting_it(desk: Desk,
                                                                  inputs: Inputs) -> None:
    text = ("Le café du marché a rouvert ses portes après les inondations\n\n"
            "Les habitués ont salué la décision du maire, qui a déclaré que la réouverture "
            "était « une très bonne nouvelle » pour tout le quartier. Même les élèves de "
            "l’école voisine étaient présents à la fête.\n")
    path = inputs("cafe.txt", text.encode("cp1252"))

    report = desk.ingest([path])

    assert report.rejected == ()
    [article] = desk.articles()
    assert "Le café du marché" in article.text
    assert "« une très bonne nouvelle »" in article.text
    assert "l’école" in article.text
    assert desk.raw(article.id).encoding == "cp1252"


def test_ingest_decodes_latin1_accents(desk: Desk, inputs: Inputs) -> None:
    text = ("Zürich eröffnet die neue Brücke über die Limmat am Dienstag\n\n"
            "Die Bürgermeisterin sagte bei der Eröffnung, das Projekt sei ein großer Schritt "
            "für die Stadt und für alle Radfahrer, die täglich über den Fluss fahren.\n")
    path = inputs("zurich.txt", text.encode("latin-1"))

    desk.ingest([path])

    [article] = desk.articles()
    assert article.text.startswith("Zürich eröffnet die neue Brücke")
    assert "großer Schritt" in article.text


@pytest.mark.parametrize("name", ["page.html.gz", "page.txt.gz", "feed.jsonl.gz"])
def test_ingest_reads_gzipped_inputs(desk: Desk, inputs: Inputs, texts: dict[str, str],
                                     name: str) -> None:
    body = texts["storm"]
    content = {
        "page.html.gz": "<html><body><article>"
                        + "".join(f"<p>{p}</p>" for p in body.split("\n\n")[1:])
                        + "</article></body></html>",
        "page.txt.gz": body,
        "feed.jsonl.gz": json.dumps({"text": body}) + "\n",
    }[name]
    path = inputs(name, gzip.compress(content.encode("utf-8")))

    report = desk.ingest([path])

    assert report.rejected == ()
    [article] = desk.articles()
    assert "cutting electricity to thousands of homes" in article.text


def test_ingest_rejects_a_truncated_gzip(desk: Desk, inputs: Inputs,
                                         texts: dict[str, str]) -> None:
    packed = gzip.compress(texts["storm"].encode("utf-8") * 5)
    path = inputs("cut.txt.gz", packed[: len(packed) // 2])
    report = desk.ingest([path])
    assert [r.reason for r in report.rejected] == [RejectReason.CORRUPT_ARCHIVE]


def test_ingest_with_a_bad_published_default_is_a_usage_error(desk: Desk, inputs: Inputs,
                                                              texts: dict[str, str]) -> None:
    path = inputs("a.txt", texts["bridge"])
    with pytest.raises(UsageError, match="--published 'last tuesday' is not an ISO date"):
        desk.ingest([path], published="last tuesday")
    assert desk.articles() == []


# --- idempotence --------------------------------------------------------------------------------


@pytest.fixture
def mixed_folder(inputs: Inputs, texts: dict[str, str]) -> Path:
    inputs("a.txt", texts["bridge"])
    inputs("sub/b.html", "<html><head><title>Storm cuts power</title></head><body><article>"
           + "".join(f"<p>{p}</p>" for p in texts["storm"].split("\n\n")[1:])
           + "</article></body></html>")
    records = [{"text": texts["library"], "outlet": "Wire"},
               {"text": texts["bridge"], "outlet": "Wire", "title": "Bridge approved"}]
    return inputs("c.jsonl", "\n".join(json.dumps(r) for r in records)).parent


def test_ingesting_the_same_inputs_twice_stores_nothing_new(desk: Desk, db_path: Path,
                                                            mixed_folder: Path) -> None:
    first = desk.ingest([mixed_folder])
    articles_before = desk.articles()

    second = desk.ingest([mixed_folder])

    assert len(first.stored) == 4
    assert second.stored == ()
    assert sorted(second.unchanged) == sorted(first.stored)
    assert desk.articles() == articles_before
    assert count_rows(db_path, "documents") == 4
    assert count_rows(db_path, "articles") == 4


def test_same_content_under_two_file_names_is_stored_once(desk: Desk, inputs: Inputs,
                                                          texts: dict[str, str]) -> None:
    first = inputs("first.txt", texts["bridge"])
    second = inputs("copy-of-first.txt", texts["bridge"])

    report = desk.ingest([first, second])

    assert len(report.stored) == 1
    assert report.unchanged == report.stored
    assert len(desk.articles()) == 1


def test_article_ids_are_the_same_in_a_fresh_database(mixed_folder: Path,
                                                      make_desk: Callable[..., Desk]) -> None:
    one, two = make_desk("one.db"), make_desk("two.db")
    one.ingest([mixed_folder])
    two.ingest([mixed_folder])
    assert [a.id for a in one.articles()] == [a.id for a in two.articles()]
    assert len(one.articles()) == 4


def test_analyzing_twice_keeps_story_ids_and_finds_nothing_new(desk: Desk,
                                                               mixed_folder: Path) -> None:
    desk.ingest([mixed_folder])
    first = desk.analyze()
    stories_before = desk.stories()

    second = desk.analyze()

    assert first.new_stories == first.stories > 0
    assert second.new_stories == 0
    assert second.recleaned == 0
    assert desk.stories() == stories_before


# --- transactions -------------------------------------------------------------------------------


def test_crash_while_storing_a_document_leaves_neither_document_nor_article(
        desk: Desk, db_path: Path, inputs: Inputs, texts: dict[str, str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = inputs("a.txt", texts["bridge"])
    real_insert = Store._insert_articles

    def insert_then_crash(self: Store, *args: Any) -> None:
        real_insert(self, *args)  # the document row and the article rows are written ...
        raise RuntimeError("disk full")  # ... and then the process fails

    monkeypatch.setattr(Store, "_insert_articles", insert_then_crash)
    with pytest.raises(RuntimeError, match="disk full"):
        desk.ingest([path])
    monkeypatch.undo()

    assert count_rows(db_path, "documents") == 0
    assert count_rows(db_path, "articles") == 0
    report = desk.ingest([path])
    assert len(report.stored) == 1
    assert len(desk.articles()) == 1


def test_interrupt_mid_ingest_keeps_earlier_files_and_the_rest_can_be_ingested(
        desk: Desk, db_path: Path, inputs: Inputs, texts: dict[str, str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name, key in (("1.txt", "bridge"), ("2.txt", "storm"), ("3.txt", "library")):
        folder = inputs(name, texts[key]).parent
    real_insert = Store._insert_articles
    calls = []

    def interrupted_on_second_file(self: Store, *args: Any) -> None:
        calls.append(1)
        real_insert(self, *args)
        if len(calls) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(Store, "_insert_articles", interrupted_on_second_file)
    with pytest.raises(KeyboardInterrupt):
        desk.ingest([folder])
    monkeypatch.undo()

    assert [a.source for a in desk.articles()] == [str(folder / "1.txt")]
    assert count_rows(db_path, "documents") == 1
    rerun = desk.ingest([folder])
    assert len(rerun.unchanged) == 1
    assert len(rerun.stored) == 2
    assert sorted(a.source for a in desk.articles()) == [
        str(folder / n) for n in ("1.txt", "2.txt", "3.txt")]


# --- metadata precedence through ingest ----------------------------------------------------------

PAGE_WITH_METADATA = """<html><head>
<title>Storm cuts power to coastal towns</title>
<meta property="og:site_name" content="Coast Times">
<link rel="canonical" href="https://www.coast-times.example.com/storm">
<meta property="article:published_time" content="2025-02-12T10:00:00Z">
</head><body><article>
<p>A powerful storm hit the coast on Wednesday night, cutting electricity to thousands of
homes and closing the harbour road.</p>
<p>Engineers expect the power lines to be repaired by the weekend, the grid operator said.</p>
</article></body></html>"""
BARE_PAGE = """<html><body><article>
<p>A powerful storm hit the coast on Wednesday night, cutting electricity to thousands of
homes and closing the harbour road.</p></article></body></html>"""
DEFAULTS = {"outlet": "Default Outlet", "published": "2020-01-01"}


def test_json_record_fields_beat_page_metadata_and_defaults(desk: Desk,
                                                            inputs: Inputs) -> None:
    record = {"html": PAGE_WITH_METADATA, "outlet": "Record Outlet", "title": "Record headline",
              "published": "2025-01-05", "url": "https://record.example.org/a"}
    path = inputs("record.json", json.dumps(record))

    desk.ingest([path], url="https://default.example.net/x", **DEFAULTS)

    [article] = desk.articles()
    assert (article.outlet, article.title, article.published, article.url) == (
        "Record Outlet", "Record headline", "2025-01-05", "https://record.example.org/a")
    assert article.outlet_domain == "example.org"


def test_page_metadata_beats_the_defaults(desk: Desk, inputs: Inputs) -> None:
    path = inputs("page.html", PAGE_WITH_METADATA)

    desk.ingest([path], url="https://default.example.net/x", **DEFAULTS)

    [article] = desk.articles()
    assert (article.outlet, article.published, article.url) == (
        "Coast Times", "2025-02-12", "https://www.coast-times.example.com/storm")
    assert article.title == "Storm cuts power to coastal towns"


def test_defaults_fill_what_the_page_does_not_say(desk: Desk, inputs: Inputs) -> None:
    path = inputs("bare.html", BARE_PAGE)
    desk.ingest([path], **DEFAULTS)
    [article] = desk.articles()
    assert (article.outlet, article.published) == ("Default Outlet", "2020-01-01")


def test_outlet_default_beats_a_site_name_guessed_from_the_url_default(
        desk: Desk, inputs: Inputs) -> None:
    path = inputs("bare.html", BARE_PAGE)
    desk.ingest([path], url="https://www.default.example.org/x", **DEFAULTS)
    [article] = desk.articles()
    assert article.outlet == "Default Outlet"


# --- lookups and errors --------------------------------------------------------------------------


def test_unknown_story_article_and_briefing_raise_not_found(desk: Desk) -> None:
    with pytest.raises(NotFound, match="s-nope"):
        desk.story("s-nope")
    with pytest.raises(NotFound, match="a-nope"):
        desk.article("a-nope")
    with pytest.raises(NotFound, match="s-nope"):
        desk.brief("s-nope")


def test_unknown_briefing_format_is_a_usage_error(desk: Desk, inputs: Inputs,
                                                  texts: dict[str, str]) -> None:
    desk.ingest([inputs("a.txt", texts["bridge"])])
    desk.analyze()
    [story] = desk.stories()
    with pytest.raises(UsageError, match="unknown briefing format 'pdf'"):
        desk.brief(story.id, "pdf")


def test_articles_filter_by_story_and_outlet(desk: Desk, mixed_folder: Path) -> None:
    desk.ingest([mixed_folder])
    desk.analyze()
    wire = desk.articles(outlet="Wire")
    assert len(wire) == 2
    assert {a.outlet for a in wire} == {"Wire"}
    story = wire[0].story_id
    assert story is not None
    assert {a.story_id for a in desk.articles(story_id=story)} == {story}


def test_raw_returns_the_input_exactly_as_read(desk: Desk, inputs: Inputs,
                                               texts: dict[str, str]) -> None:
    desk.ingest([inputs("a.txt", texts["bridge"].replace("\n", "\r\n"))])
    [article] = desk.articles()
    raw = desk.raw(article.id)
    assert raw.content == texts["bridge"]
    assert raw.kind is DocumentKind.TEXT


# --- export through the desk ---------------------------------------------------------------------


def test_export_analyses_first_so_every_article_has_a_story(desk: Desk,
                                                            mixed_folder: Path) -> None:
    desk.ingest([mixed_folder])
    data = desk.export(io.StringIO())
    assert validation_errors(data) == []
    assert len(data["articles"]) == 4
    assert all(a["story_id"] for a in data["articles"])


def test_exported_json_text_matches_the_returned_data(desk: Desk, mixed_folder: Path) -> None:
    desk.ingest([mixed_folder])
    out = io.StringIO()
    data = desk.export(out, "json")
    assert json.loads(out.getvalue()) == data


def test_exact_copy_is_exported_with_copy_of_its_origin(desk: Desk, inputs: Inputs,
                                                        texts: dict[str, str]) -> None:
    origin = {"text": texts["storm"], "outlet": "Coast Times", "published": "2025-02-12"}
    copy = {"text": texts["storm"].upper(), "outlet": "Wire", "published": "2025-02-13"}
    desk.ingest([inputs("feed.jsonl", f"{json.dumps(copy)}\n{json.dumps(origin)}\n")])

    data = desk.export(io.StringIO())

    by_outlet = {a["outlet"]: a for a in data["articles"]}
    assert by_outlet["Wire"]["copy_of"] == by_outlet["Coast Times"]["id"]
    assert by_outlet["Wire"]["story_id"] == by_outlet["Coast Times"]["story_id"]
    assert validation_errors(data) == []


# --- re-cleaning after a cleaner upgrade --------------------------------------------------------


def test_analyze_recleans_documents_made_by_an_older_cleaner_once(
        desk: Desk, mixed_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    desk.ingest([mixed_folder])
    desk.analyze()
    stories_before = {s.id for s in desk.stories()}
    monkeypatch.setitem(PRODUCERS, DocumentKind.TEXT, "clean.text@99")

    first = desk.analyze()
    second = desk.analyze()

    assert first.recleaned == 3
    assert second.recleaned == 0
    producers = sorted(a.producer for a in desk.articles())
    assert producers == ["clean.text@99"] * 3 + ["clean.trafilatura@3"]
    assert {s.id for s in desk.stories()} == stories_before


def test_analyze_removes_a_line_an_outlet_repeats_across_its_pages(
        desk: Desk, inputs: Callable[[str, str | bytes], Path]) -> None:
    """The repeated-lines pass: corpus counts in, pure clean() out, raw input kept."""
    promo = "Download the Harbour Daily app for your phone today"
    topics = ["bridge", "library", "ferry", "school", "hospital", "stadium"]
    for n, topic in enumerate(topics):
        inputs(f"pages/{topic}.txt",
               f"Source: https://www.harbour-daily.co.nz/news/{topic}\n"
               f"Council backs the new {topic} plan after a long debate\n"
               f"The council voted on Tuesday to approve the {topic} plan, which will cost "
               f"{n + 2} million dollars over the next three years.\n{promo}\n")
    desk.ingest([inputs("pages/.keep", "").parent])
    desk.analyze()
    for article in desk.articles():
        assert promo not in article.text
        assert ("repeated-line", promo) in [(r.reason, r.text) for r in article.removed]
