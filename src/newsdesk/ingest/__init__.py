"""Ingest: turn paths and URLs the user names into ``RawDocument`` values, or ``Rejected`` ones.

Files and folders (recursively): ``.html``/``.htm``, ``.txt``, ``.json``/``.jsonl``, ``.warc``,
and a ``.gz`` of any of these. URLs through a ``Fetcher`` (``HttpFetcher``: httpx, with an
address guard, size limits, retries, politeness); a fetched URL is a page, an RSS/Atom feed or
a sitemap (``listing``). Nothing here touches the store: the pipeline stores what comes out,
and keeps what the fetcher must remember (ETags, entries seen).
"""

from newsdesk.ingest.fetch import Fetcher, HttpFetcher, is_transient
from newsdesk.ingest.files import SUPPORTED_SUFFIXES, expand_paths, read_path
from newsdesk.ingest.listing import Listing, parse_feed, parse_opml, parse_sitemap, sniff_kind
from newsdesk.ingest.pages import PageOrigin, page_document
from newsdesk.ingest.robots import RobotsRules
from newsdesk.ingest.upload import UPLOAD_TYPES, read_upload

__all__ = ["SUPPORTED_SUFFIXES", "UPLOAD_TYPES", "Fetcher", "HttpFetcher", "Listing",
           "PageOrigin", "RobotsRules", "expand_paths", "is_transient", "page_document",
           "parse_feed", "parse_opml", "parse_sitemap", "read_path", "read_upload", "sniff_kind"]
