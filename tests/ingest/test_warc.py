"""WARC archives written by the tests with warcio: HTML responses in, everything else out."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from warcio.warcwriter import WARCWriter

from conftest import CAPTURED, warc_response, write_warc
from newsdesk import Desk
from newsdesk.ingest import expand_paths, read_path
from newsdesk.model import Hints, RawDocument, Rejected, RejectReason
from newsdesk.settings import IngestSettings


def documents(path: Path) -> list[RawDocument | Rejected]:
    return list(read_path(path, Hints(), IngestSettings()))


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_read_warc_yields_each_html_response_with_its_url_and_capture_date(
        tmp_path: Path, name: str) -> None:
    path = write_warc(tmp_path / name, compress=name.endswith(".gz"))
    found = documents(path)
    assert all(isinstance(d, RawDocument) for d in found)
    docs = [d for d in found if isinstance(d, RawDocument)]
    assert [d.hints.url for d in docs] == ["https://gazette.example/bridge",
                                           "https://ledger.example/storm"]
    assert [d.record for d in docs] == [2, 3]
    assert {d.defaults.published for d in docs} == {CAPTURED}
    assert "Avon river" in docs[0].content
    assert "Storm cuts power" in docs[1].content  # Content-Encoding undone


def test_expand_paths_picks_up_warc_archives_in_folders(tmp_path: Path) -> None:
    write_warc(tmp_path / "a.warc.gz")
    write_warc(tmp_path / "b.warc", compress=False)
    assert [p.name for p in expand_paths([str(tmp_path)]) if isinstance(p, Path)] == [
        "a.warc.gz", "b.warc"]


def test_read_warc_rejects_a_file_that_is_not_an_archive(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(gzip.compress(b"%PDF-1.4 not an archive\n"))
    [found] = documents(path)
    assert isinstance(found, Rejected)
    assert found.reason is RejectReason.CORRUPT_ARCHIVE


def test_read_warc_says_when_an_archive_holds_no_page(tmp_path: Path) -> None:
    path = tmp_path / "images.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        warc_response(writer, "https://x.example/a.png", b"\x89PNG",
                      [("Content-Type", "image/png")])
    [found] = documents(path)
    assert isinstance(found, Rejected)
    assert (found.reason, found.detail) == (RejectReason.EMPTY,
                                            "the archive holds no HTML responses")


def test_ingest_of_a_warc_dates_a_page_by_its_capture_only_when_it_has_no_date(
        tmp_path: Path, desk: Desk) -> None:
    report = desk.ingest([write_warc(tmp_path / "crawl.warc.gz")])
    assert len(report.stored) == 2
    by_url = {a.url: a for a in desk.articles()}
    assert by_url["https://gazette.example/bridge"].published == CAPTURED
    assert by_url["https://ledger.example/storm"].published == "2025-03-02"
    assert by_url["https://ledger.example/storm"].outlet == "Northern Ledger"
    again = desk.ingest([tmp_path / "crawl.warc.gz"])
    assert (len(again.stored), len(again.unchanged)) == (0, 2)


def test_read_warc_stops_a_decompression_bomb_in_a_record(tmp_path: Path) -> None:
    path = tmp_path / "bomb.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        warc_response(writer, "https://x.example/bomb", gzip.compress(b"<p>" + b"a" * 5_000_000),
                      [("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
    [found] = list(read_path(path, Hints(), IngestSettings(max_file_bytes=100_000)))
    assert isinstance(found, Rejected)
    assert found.reason is RejectReason.TOO_LARGE
    assert found.source == f"{path}:1"
