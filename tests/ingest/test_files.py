"""Paths to documents: walking folders, dispatching on the file type, looking through .gz."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from newsdesk.ingest import expand_paths, read_path
from newsdesk.model import DocumentKind, Hints, RawDocument, Rejected, RejectReason
from newsdesk.settings import IngestSettings

Inputs = Callable[[str, str | bytes], Path]


def read_all(path: Path, cfg: IngestSettings | None = None,
             defaults: Hints | None = None) -> list[RawDocument | Rejected]:
    return list(read_path(path, defaults or Hints(), cfg or IngestSettings()))


def test_expand_paths_walks_folders_recursively_in_sorted_order(inputs: Inputs) -> None:
    inputs("b.txt", "b")
    inputs("a/z.html", "z")
    inputs("a/y.json", "{}")
    root = inputs("c.jsonl.gz", b"").parent
    found = list(expand_paths([str(root)]))
    assert [p.relative_to(root).as_posix() for p in found if isinstance(p, Path)] == [
        "a/y.json", "a/z.html", "b.txt", "c.jsonl.gz"]


def test_expand_paths_skips_unsupported_and_hidden_files_inside_folders(inputs: Inputs) -> None:
    inputs("keep.htm", "x")
    inputs("notes.pdf", b"%PDF")
    inputs(".git/config.txt", "x")
    inputs(".hidden.txt", "x")
    root = inputs("archive.gz", b"").parent
    assert list(expand_paths([str(root)])) == [root / "keep.htm"]


def test_expand_paths_rejects_a_missing_path_without_stopping(inputs: Inputs) -> None:
    good = inputs("a.txt", "x")
    found = list(expand_paths(["/no/such/place", str(good)]))
    assert isinstance(found[0], Rejected)
    assert found[0].reason is RejectReason.MISSING_PATH
    assert found[0].source == "/no/such/place"
    assert found[1] == good


@pytest.mark.parametrize(("name", "kind"), [
    ("page.xhtml", "'.xhtml'"), ("page.gz", "'.gz'"), ("README", "'README'"),
    ("photo.PNG", "'.PNG'"), ("notes.pdf.gz", "'.pdf.gz'")])
def test_expand_paths_rejects_an_explicit_unsupported_file(inputs: Inputs, name: str,
                                                           kind: str) -> None:
    path = inputs(name, b"data")
    [found] = expand_paths([str(path)])
    assert isinstance(found, Rejected)
    assert found.reason is RejectReason.UNSUPPORTED_TYPE
    assert f"unsupported file type {kind}" in found.detail


def test_expand_paths_accepts_upper_case_suffixes(inputs: Inputs) -> None:
    path = inputs("PAGE.HTML", "<p>x</p>")
    assert list(expand_paths([str(path)])) == [path]


def test_read_path_gives_one_text_document_for_a_txt_file(inputs: Inputs) -> None:
    path = inputs("a.txt", "Line one\r\nLine two\r\n")
    [doc] = read_all(path)
    assert isinstance(doc, RawDocument)
    assert (doc.kind, doc.content, doc.source) == (DocumentKind.TEXT, "Line one\nLine two\n",
                                                   str(path))
    assert doc.id == "d-" + doc.content_hash[:16]


def test_read_path_passes_the_defaults_on(inputs: Inputs) -> None:
    defaults = Hints(outlet="Wire", published="2025-02-12")
    [doc] = read_all(inputs("a.html", "<p>x</p>"), defaults=defaults)
    assert isinstance(doc, RawDocument)
    assert doc.kind is DocumentKind.HTML
    assert doc.defaults == defaults


@pytest.mark.parametrize(("name", "kind"), [("page.html.gz", DocumentKind.HTML),
                                            ("page.htm.gz", DocumentKind.HTML),
                                            ("page.txt.gz", DocumentKind.TEXT)])
def test_read_path_looks_through_gzip(inputs: Inputs, name: str, kind: DocumentKind) -> None:
    body = "Grüße aus Köln\n\nA second paragraph.\n"
    [doc] = read_all(inputs(name, gzip.compress(body.encode("utf-8"))))
    assert isinstance(doc, RawDocument)
    assert (doc.kind, doc.content) == (kind, body)


def test_read_path_reads_gzipped_jsonl_records(inputs: Inputs) -> None:
    lines = [json.dumps({"text": "first story text"}), json.dumps({"html": "<p>second</p>"})]
    path = inputs("feed.jsonl.gz", gzip.compress("\n".join(lines).encode("utf-8")))
    docs = read_all(path)
    assert [(d.kind, d.record) for d in docs if isinstance(d, RawDocument)] == [
        (DocumentKind.TEXT, 1), (DocumentKind.HTML, 2)]


def test_same_text_in_two_files_has_the_same_hash(inputs: Inputs) -> None:
    [one] = read_all(inputs("one.txt", "Same words\n"))
    [two] = read_all(inputs("two.html.gz", gzip.compress(b"Same words\n")))
    assert isinstance(one, RawDocument)
    assert isinstance(two, RawDocument)
    assert one.content_hash == two.content_hash


def test_read_path_rejects_a_file_over_the_size_limit(inputs: Inputs) -> None:
    path = inputs("big.txt", "x" * 101)
    [found] = read_all(path, IngestSettings(max_file_bytes=100))
    assert isinstance(found, Rejected)
    assert found.reason is RejectReason.TOO_LARGE
    assert "101 bytes is over the limit of 100" in found.detail


def test_read_path_accepts_a_file_exactly_at_the_size_limit(inputs: Inputs) -> None:
    [found] = read_all(inputs("edge.txt", "x" * 100), IngestSettings(max_file_bytes=100))
    assert isinstance(found, RawDocument)


def test_read_path_rejects_gzip_growing_past_the_limit(inputs: Inputs) -> None:
    packed = gzip.compress(b"a" * 10_000)
    path = inputs("bomb.html.gz", packed)
    assert len(packed) < 1000
    [found] = read_all(path, IngestSettings(max_file_bytes=1000))
    assert isinstance(found, Rejected)
    assert found.reason is RejectReason.TOO_LARGE
    assert "larger than 1,000 bytes once decompressed" in found.detail


@pytest.mark.parametrize("data", [b"not gzip at all", gzip.compress(b"hello world" * 50)[:20]])
def test_read_path_rejects_a_corrupt_gzip(inputs: Inputs, data: bytes) -> None:
    [found] = read_all(inputs("page.txt.gz", data))
    assert isinstance(found, Rejected)
    assert found.reason is RejectReason.CORRUPT_ARCHIVE
    assert found.stage == "ingest"


def test_read_path_rejects_binary_content_behind_a_text_suffix(inputs: Inputs) -> None:
    [found] = read_all(inputs("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert isinstance(found, Rejected)
    assert found.reason is RejectReason.BINARY
