"""Bytes to text: empty, binary, undecodable and legacy-encoded inputs; gzip with a cap."""

from __future__ import annotations

import gzip

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.ingest.decode import Problem, decode_text, gunzip_capped, normalise_newlines
from newsdesk.model import RejectReason
from newsdesk.settings import IngestSettings

CFG = IngestSettings()


def reason_of(data: bytes) -> RejectReason | None:
    found = decode_text(data, CFG)
    return found.reason if isinstance(found, Problem) else None


def test_decode_reads_utf8_and_drops_the_bom() -> None:
    assert decode_text("\ufeffCafé\r\n".encode(), CFG) == ("Café\n", "utf-8")


def test_decode_reads_utf16_with_a_bom() -> None:
    text = "Städte und Dörfer melden Schäden nach dem Sturm.\n"
    found = decode_text(text.encode("utf-16"), CFG)
    assert not isinstance(found, Problem)
    assert found[0] == text


def test_decode_detects_cp1252_in_a_long_text() -> None:
    text = ("Le café du marché a rouvert ses portes après les inondations\n\n"
            "Les habitués ont salué la décision du maire, qui a déclaré que la réouverture "
            "était « une très bonne nouvelle » pour tout le quartier. Même les élèves de "
            "l’école voisine étaient présents à la fête.\n")
    assert decode_text(text.encode("cp1252"), CFG) == (text, "cp1252")


def test_decode_detects_latin1_german() -> None:
    text = ("Die Bürgermeisterin eröffnete am Dienstag die neue Brücke über die Limmat; "
            "das Projekt sei ein großer Schritt für die Stadt.\n")
    found = decode_text(text.encode("latin-1"), CFG)
    assert not isinstance(found, Problem)
    assert found[0] == text


def test_decode_detects_cp1252_in_a_one_sentence_brief() -> None:
    text = ("Le maire a déclaré que la réouverture du café était « une très bonne nouvelle » "
            "pour le quartier, et les élèves de l’école voisine étaient présents.\n")
    assert decode_text(text.encode("cp1252"), CFG) == (text, "cp1252")


def test_decode_rejects_empty_and_white_space_only_input() -> None:
    assert reason_of(b"") is RejectReason.EMPTY
    assert reason_of(b" \n\t\r\n ") is RejectReason.EMPTY
    assert reason_of("\ufeff \u00a0\n".encode()) is RejectReason.EMPTY


def test_decode_rejects_nul_bytes_as_binary() -> None:
    assert reason_of(b"GIF89a\x01\x00\x01\x00\x00\xff") is RejectReason.BINARY


def test_decode_rejects_text_full_of_control_characters_as_binary() -> None:
    assert reason_of(b"ab\x01\x02\x03\x04cd" * 20) is RejectReason.BINARY


def test_decode_allows_a_few_stray_control_characters() -> None:
    text = "An ordinary paragraph of news text with one stray \x07 bell in it.\n" * 3
    assert decode_text(text.encode(), CFG) == (text, "utf-8")


def test_decode_rejects_bytes_with_no_encoding() -> None:
    assert reason_of(bytes([0xFE, 0xFE, 0xFE, 0x01]) * 50) is RejectReason.UNDECODABLE


def test_gunzip_capped_returns_the_bytes_within_the_limit() -> None:
    assert gunzip_capped(gzip.compress(b"x" * 100), 100) == b"x" * 100


def test_gunzip_capped_refuses_to_go_past_the_limit() -> None:
    found = gunzip_capped(gzip.compress(b"x" * 101), 100)
    assert isinstance(found, Problem)
    assert found.reason is RejectReason.TOO_LARGE


def test_gunzip_capped_reports_corrupt_data() -> None:
    found = gunzip_capped(b"\x1f\x8b\x08\x00garbage", 100)
    assert isinstance(found, Problem)
    assert found.reason is RejectReason.CORRUPT_ARCHIVE


def test_normalise_newlines_turns_every_line_ending_into_newline() -> None:
    assert normalise_newlines("a\r\nb\rc\nd") == "a\nb\nc\nd"


@given(st.text(alphabet=st.sampled_from("ab \r\n\t")))
def test_normalise_newlines_is_idempotent(text: str) -> None:
    once = normalise_newlines(text)
    assert normalise_newlines(once) == once
    assert "\r" not in once


@given(st.text(min_size=1).filter(lambda t: t.strip()))
def test_decode_round_trips_any_utf8_text_without_control_characters(text: str) -> None:
    clean = "".join(ch for ch in text if ord(ch) >= 32 or ch in "\t\n").replace("\ufeff", "")
    found = decode_text(clean.encode("utf-8"), CFG)
    if clean.strip():
        assert found == (clean, "utf-8")
    else:
        assert isinstance(found, Problem)


def test_white_space_only_file_is_reported_as_white_space_not_as_empty() -> None:
    found = decode_text(b"   \n\t\n   ", CFG)
    assert isinstance(found, Problem)
    assert found.reason is RejectReason.EMPTY
    assert "white space" in found.detail
