"""A fetched (or archived) HTTP response to a ``RawDocument``: HTML only, decoded."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from newsdesk.ingest.decode import Problem, content_hash, decode_page
from newsdesk.ingest.listing import sniff_kind
from newsdesk.model import DocumentKind, Hints, RawDocument, Rejected, RejectReason, SourceKind
from newsdesk.settings import IngestSettings

STAGE = "ingest"


@dataclass(frozen=True, slots=True)
class PageOrigin:
    """Where a page came from: the source as given, its final URL, and what is known of it."""

    source: str
    url: str
    hints: Hints = field(default_factory=Hints)
    defaults: Hints = field(default_factory=Hints)
    record: int | None = None


def page_document(body: bytes, media: str, charset: str | None, where: PageOrigin,
                  cfg: IngestSettings) -> RawDocument | Rejected:
    """The page as a document with ``hints.url`` set to where it was found, or why not."""
    named = where.source if where.record is None else f"{where.source}:{where.record}"
    if sniff_kind(media, body) is not SourceKind.PAGE:
        shown = media or "no content type"
        return Rejected(named, STAGE, RejectReason.NOT_HTML,
                        f"'{shown}' is not a web page (only HTML is ingested)")
    decoded = decode_page(body, charset, cfg)
    if isinstance(decoded, Problem):
        return Rejected(named, STAGE, decoded.reason, decoded.detail)
    text, encoding = decoded
    return RawDocument(source=where.source, kind=DocumentKind.HTML, content=text,
                       content_hash=content_hash(text), hints=replace(where.hints, url=where.url),
                       defaults=where.defaults, record=where.record, encoding=encoding)
