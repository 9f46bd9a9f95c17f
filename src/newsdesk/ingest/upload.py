"""Bytes sent over HTTP (or any other channel without a file name): the media type says how
to read them, exactly as the file suffix does for a file."""

from __future__ import annotations

from collections.abc import Iterator

from newsdesk.ingest.decode import Problem, content_hash, decode_text
from newsdesk.ingest.records import read_json, read_jsonl
from newsdesk.model import DocumentKind, Hints, RawDocument, Rejected, RejectReason
from newsdesk.settings import IngestSettings

STAGE = "ingest"
# Media types accepted for an upload, and how each is read.
UPLOAD_TYPES = {
    "text/plain": "text", "text/html": "html", "application/xhtml+xml": "html",
    "application/json": "json", "application/x-ndjson": "jsonl", "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
}


def read_upload(source: str, data: bytes, media_type: str, defaults: Hints,
                cfg: IngestSettings) -> Iterator[RawDocument | Rejected]:
    """The documents in one upload: one for text or HTML, one per record for JSON(L)."""
    how = UPLOAD_TYPES.get(media_type.split(";")[0].strip().lower())
    if how is None:
        yield _reject(source, RejectReason.UNSUPPORTED_TYPE,
                      f"unsupported media type '{media_type}' (supported: "
                      f"{', '.join(UPLOAD_TYPES)})")
        return
    if len(data) > cfg.max_file_bytes:
        yield _reject(source, RejectReason.TOO_LARGE, f"{len(data):,} bytes is over the limit "
                      f"of {cfg.max_file_bytes:,} (setting ingest.max_file_bytes)")
        return
    decoded = decode_text(data, cfg)
    if isinstance(decoded, Problem):
        yield _reject(source, decoded.reason, decoded.detail)
        return
    yield from _documents(source, how, decoded, defaults)


def _documents(source: str, how: str, decoded: tuple[str, str],
               defaults: Hints) -> Iterator[RawDocument | Rejected]:
    content, encoding = decoded
    if how == "json":
        yield from read_json(source, content, defaults)
    elif how == "jsonl":
        yield from read_jsonl(source, content, defaults)
    else:
        kind = DocumentKind.HTML if how == "html" else DocumentKind.TEXT
        yield RawDocument(source=source, kind=kind, content=content,
                          content_hash=content_hash(content), defaults=defaults,
                          encoding=encoding)


def _reject(source: str, reason: RejectReason, detail: str) -> Rejected:
    return Rejected(source=source, stage=STAGE, reason=reason, detail=detail)
