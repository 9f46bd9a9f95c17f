"""Bytes to text: decompression with a size cap, binary detection, charset detection."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import re
import zlib
from dataclasses import dataclass

import charset_normalizer

from newsdesk.model import RejectReason
from newsdesk.settings import IngestSettings

# Characters that never occur in real text files, apart from tab, newline, carriage return
# and form feed.
_ALLOWED_CONTROLS = frozenset("\t\n\r\f")
# How much of a file to inspect for NUL bytes: binary formats show them in their header.
_BINARY_SNIFF_BYTES = 8192
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Tie-break among encodings charset-normalizer finds equally plausible (Western first).
_PREFERRED_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "mac_roman")


@dataclass(frozen=True, slots=True)
class Problem:
    """Why bytes could not become text."""

    reason: RejectReason
    detail: str


def gunzip_capped(data: bytes, limit: int) -> bytes | Problem:
    """Decompress ``data``, refusing to produce more than ``limit`` bytes."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        return Problem(RejectReason.CORRUPT_ARCHIVE, f"not a readable gzip file ({exc})")
    if len(out) > limit:
        return Problem(RejectReason.TOO_LARGE, f"larger than {limit:,} bytes once decompressed")
    return out


def decode_text(data: bytes, cfg: IngestSettings) -> tuple[str, str] | Problem:
    """(text, encoding) of ``data``, or the problem with it."""
    if not data:
        return Problem(RejectReason.EMPTY, "the file is empty")
    if not data.strip():
        return Problem(RejectReason.EMPTY, "the file holds only white space")
    if b"\x00" in data[:_BINARY_SNIFF_BYTES] and not data.startswith(_UTF16_BOMS):
        return Problem(RejectReason.BINARY, "binary file, not text")
    decoded = _decode(data)
    if decoded is None:
        return Problem(RejectReason.UNDECODABLE, "cannot tell its character encoding")
    text, encoding = decoded
    if _control_ratio(text) > cfg.binary_control_ratio:
        return Problem(RejectReason.BINARY, "binary file, not text")
    text = normalise_newlines(text).lstrip("\ufeff")
    if not text.strip():
        return Problem(RejectReason.EMPTY, "the file holds only white space")
    return text, encoding


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _decode(data: bytes) -> tuple[str, str] | None:
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    ties = [m for m in matches if (m.percent_chaos, m.percent_coherence)
            == (best.percent_chaos, best.percent_coherence)]
    chosen = min(ties, key=_western_first)
    return str(chosen), chosen.encoding


def _western_first(match: charset_normalizer.CharsetMatch) -> int:
    """Rank of an encoding among equally good guesses: on short texts charset-normalizer
    cannot tell cp1252 from cp1250, and English-language news is far likelier cp1252."""
    order = _PREFERRED_ENCODINGS
    return order.index(match.encoding) if match.encoding in order else len(order)


def _control_ratio(text: str) -> float:
    sample = text[:_BINARY_SNIFF_BYTES]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    return controls / max(len(sample), 1)


# Where a page may declare its charset in a <meta> tag: within its first bytes (HTML spec:
# the prescan looks at the first 1024 bytes; 4096 allows for long <head> preambles).
_META_SNIFF_BYTES = 4096
# Labels browsers read as windows-1252 (WHATWG Encoding Standard): servers say latin-1 or
# ASCII and send curly quotes in cp1252.
_AS_CP1252 = frozenset({"iso8859-1", "ascii"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def decode_page(data: bytes, charset: str | None, cfg: IngestSettings) -> tuple[str, str] | Problem:
    """(text, encoding) of a fetched page: the charset the server or the page declares when
    it decodes cleanly, else the same detection as for files."""
    for declared in (charset, _meta_charset(data)):
        decoded = _decode_as(data, declared)
        if decoded is not None:
            return decoded
    return decode_text(data, cfg)


def _meta_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data[:_META_SNIFF_BYTES])
    return found.group(1).decode("ascii", errors="ignore").lower() if found else None


def _decode_as(data: bytes, encoding: str | None) -> tuple[str, str] | None:
    if not encoding or not data.strip():
        return None
    try:
        codec = codecs.lookup(encoding).name
        codec = "cp1252" if codec in _AS_CP1252 else codec
        text = data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return None
    text = normalise_newlines(text).lstrip("\ufeff")
    return (text, codec) if text.strip() else None
