"""JSON and JSONL records: one document per record, bad records rejected with their number."""

from __future__ import annotations

import json

from newsdesk.ingest.records import read_json, read_jsonl
from newsdesk.model import DocumentKind, Hints, RawDocument, Rejected, RejectReason

DEFAULTS = Hints(outlet="Default Outlet")


def test_jsonl_gives_one_document_per_line_with_its_number() -> None:
    content = "\n".join([json.dumps({"text": "first"}), "", json.dumps({"html": "<p>x</p>"})])
    docs = list(read_jsonl("feed.jsonl", content, DEFAULTS))
    assert [(d.record, d.kind) for d in docs if isinstance(d, RawDocument)] == [
        (1, DocumentKind.TEXT), (3, DocumentKind.HTML)]
    assert all(isinstance(d, RawDocument) and d.defaults == DEFAULTS for d in docs)


def test_jsonl_rejects_a_malformed_line_by_number_and_keeps_the_others() -> None:
    content = "\n".join([json.dumps({"text": "one"}), "{oops", json.dumps({"text": "three"})])
    docs = list(read_jsonl("feed.jsonl", content, Hints()))
    [bad] = [d for d in docs if isinstance(d, Rejected)]
    assert bad.source == "feed.jsonl:2"
    assert bad.reason is RejectReason.MALFORMED_JSON
    assert bad.detail.startswith("line 2 is not valid JSON")
    assert [d.content for d in docs if isinstance(d, RawDocument)] == ["one", "three"]


def test_record_without_text_or_html_is_rejected() -> None:
    content = "\n".join([json.dumps({"title": "t"}), json.dumps({"text": "   ", "html": 5})])
    docs = list(read_jsonl("feed.jsonl", content, Hints()))
    assert [(d.source, d.reason) for d in docs if isinstance(d, Rejected)] == [
        ("feed.jsonl:1", RejectReason.MISSING_TEXT), ("feed.jsonl:2", RejectReason.MISSING_TEXT)]
    assert [d.detail for d in docs if isinstance(d, Rejected)] == [
        "record 1 has no 'text' or 'html' string", "record 2 has an empty 'text'"]


def test_a_record_with_a_title_and_an_empty_text_says_so() -> None:
    [found] = read_jsonl("feed.jsonl", json.dumps({"title": "Headline", "text": ""}), Hints())
    assert isinstance(found, Rejected)
    assert found.detail == "record 1 has an empty 'text' (a title only)"


def test_record_that_is_not_an_object_is_rejected() -> None:
    [found] = read_jsonl("feed.jsonl", "[1, 2]", Hints())
    assert isinstance(found, Rejected)
    assert found.reason is RejectReason.MALFORMED_JSON
    assert "record 1 is not an object" in found.detail


def test_html_wins_over_text_in_one_record() -> None:
    [doc] = read_json("a.json", json.dumps({"text": "plain", "html": "<p>rich</p>"}), Hints())
    assert isinstance(doc, RawDocument)
    assert (doc.kind, doc.content) == (DocumentKind.HTML, "<p>rich</p>")


def test_record_fields_become_hints() -> None:
    record = {"text": "t", "title": " A title ", "url": "https://x.example/a",
              "outlet": "Wire", "published": "2025-02-12", "primary": True, "other": 1}
    [doc] = read_json("a.json", json.dumps(record), DEFAULTS)
    assert isinstance(doc, RawDocument)
    assert doc.hints == Hints(outlet="Wire", published="2025-02-12", url="https://x.example/a",
                              title="A title", primary=True)
    assert doc.record is None


def test_json_list_gives_numbered_records() -> None:
    content = json.dumps([{"text": "a"}, {"nothing": 1}, {"text": "c"}])
    docs = list(read_json("list.json", content, Hints()))
    assert [d.record for d in docs if isinstance(d, RawDocument)] == [1, 3]
    assert [d.source for d in docs if isinstance(d, Rejected)] == ["list.json:2"]


def test_malformed_json_file_is_rejected_with_its_line() -> None:
    [found] = read_json("a.json", '{\n  "text": "x",\n  oops\n}', Hints())
    assert isinstance(found, Rejected)
    assert found.reason is RejectReason.MALFORMED_JSON
    assert "line 3" in found.detail


def test_record_hash_ignores_key_order_but_not_values() -> None:
    [a] = read_json("a.json", '{"text": "x", "outlet": "A"}', Hints())
    [b] = read_json("b.json", '{"outlet": "A", "text": "x"}', Hints())
    [c] = read_json("c.json", '{"outlet": "B", "text": "x"}', Hints())
    assert isinstance(a, RawDocument)
    assert isinstance(b, RawDocument)
    assert isinstance(c, RawDocument)
    assert a.content_hash == b.content_hash != c.content_hash


def test_json_file_with_an_empty_list_is_rejected_not_dropped() -> None:
    found = list(read_json("empty.json", "[]", Hints()))
    assert len(found) == 1
    assert isinstance(found[0], Rejected)
    assert found[0].source == "empty.json"
