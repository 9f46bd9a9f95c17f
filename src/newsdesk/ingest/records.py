"""JSON and JSONL records: ``text`` or ``html``, with optional metadata fields."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsdesk.ingest.decode import content_hash, normalise_newlines
from newsdesk.model import DocumentKind, Hints, RawDocument, Rejected, RejectReason

STAGE = "ingest"
_METADATA_FIELDS = ("title", "url", "outlet", "published")


def read_jsonl(source: str, content: str, defaults: Hints) -> Iterator[RawDocument | Rejected]:
    """One document per line; a bad line is rejected with its number, the rest go on."""
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _reject(f"{source}:{number}", RejectReason.MALFORMED_JSON,
                          f"line {number} is not valid JSON ({exc.msg})")
            continue
        yield _document(source, number, record, defaults)


def read_json(source: str, content: str, defaults: Hints) -> Iterator[RawDocument | Rejected]:
    """A single record, or a list of records (numbered from 1)."""
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        yield _reject(source, RejectReason.MALFORMED_JSON,
                      f"not valid JSON at line {exc.lineno} ({exc.msg})")
        return
    if data == []:
        yield _reject(source, RejectReason.EMPTY, "the JSON list holds no records")
    elif isinstance(data, list):
        for number, record in enumerate(data, start=1):
            yield _document(source, number, record, defaults)
    else:
        yield _document(source, None, data, defaults)


def _document(
    source: str, number: int | None, record: Any, defaults: Hints
) -> RawDocument | Rejected:
    where = source if number is None else f"{source}:{number}"
    if not isinstance(record, dict):
        return _reject(where, RejectReason.MALFORMED_JSON,
                       f"{_record_name(number)} is not an object")
    body, kind = _body(record)
    if body is None:
        return _reject(where, RejectReason.MISSING_TEXT,
                       f"{_record_name(number)} {_what_is_missing(record)}")
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False)
    return RawDocument(
        source=source, kind=kind, content=normalise_newlines(body),
        content_hash=content_hash(canonical), hints=_hints(record), defaults=defaults,
        record=number,
    )


def _what_is_missing(record: dict[str, Any]) -> str:
    blank = [key for key in ("html", "text") if isinstance(record.get(key), str)]
    if blank:
        return f"has an empty '{blank[0]}'" + (" (a title only)" if record.get("title") else "")
    return "has no 'text' or 'html' string"


def _body(record: dict[str, Any]) -> tuple[str | None, DocumentKind]:
    html, text = record.get("html"), record.get("text")
    if isinstance(html, str) and html.strip():
        return html, DocumentKind.HTML
    if isinstance(text, str) and text.strip():
        return text, DocumentKind.TEXT
    return None, DocumentKind.TEXT


def _hints(record: dict[str, Any]) -> Hints:
    values = {name: _text_or_none(record.get(name)) for name in _METADATA_FIELDS}
    return Hints(**values, primary=record.get("primary") is True)


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _record_name(number: int | None) -> str:
    return "the record" if number is None else f"record {number}"


def _reject(source: str, reason: RejectReason, detail: str) -> Rejected:
    return Rejected(source=source, stage=STAGE, reason=reason, detail=detail)
