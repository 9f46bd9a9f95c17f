"""WARC and WARC.gz archives (warcio): every HTML response record becomes a document.

This is how Common Crawl news data comes in. A record's target URI is the page's URL; its
capture date fills the publication date only when the page itself carries none (a capture
happens on or after publication). Requests, metadata, redirects and non-HTML responses
(images, scripts, style sheets: most of a crawl) are skipped without a rejection each.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsdesk.ingest.fetch import content_type
from newsdesk.ingest.listing import sniff_kind
from newsdesk.ingest.pages import PageOrigin, page_document
from newsdesk.model import Hints, RawDocument, Rejected, RejectReason, SourceKind
from newsdesk.settings import IngestSettings

STAGE = "ingest"
_OK = 200


def read_warc(path: Path, defaults: Hints,
              cfg: IngestSettings) -> Iterator[RawDocument | Rejected]:
    """The HTML pages of one archive, numbered by their record's place in it (from 1)."""
    source, pages = str(path), 0
    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                found = _page(record, source, number, defaults, cfg)
                if found is not None:
                    pages += 1
                    yield found
    except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
        yield Rejected(source, STAGE, RejectReason.CORRUPT_ARCHIVE,
                       f"not a readable WARC archive ({exc.__class__.__name__}: {exc})")
        return
    if pages == 0:
        yield Rejected(source, STAGE, RejectReason.EMPTY, "the archive holds no HTML responses")


def _page(record: Any, source: str, number: int, defaults: Hints,
          cfg: IngestSettings) -> RawDocument | Rejected | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    headers = record.http_headers
    media, charset = content_type(headers.get_header("Content-Type") or "")
    if headers.get_statuscode() != str(_OK) or media not in ("text/html",
                                                             "application/xhtml+xml"):
        return None
    body = record.content_stream().read(cfg.max_file_bytes + 1)
    where = f"{source}:{number}"
    if len(body) > cfg.max_file_bytes:
        return Rejected(where, STAGE, RejectReason.TOO_LARGE, f"record {number} is over the "
                        f"limit of {cfg.max_file_bytes:,} bytes (ingest.max_file_bytes)")
    if sniff_kind(media, body) is not SourceKind.PAGE:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    captured = record.rec_headers.get_header("WARC-Date")
    fallback = replace(defaults, published=defaults.published or captured)
    return page_document(body, media, charset, PageOrigin(source, url, Hints(), fallback, number),
                         cfg)
