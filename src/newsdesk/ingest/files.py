"""Paths to documents: walking folders, reading files, dispatching on the file type."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newsdesk.ingest.decode import Problem, content_hash, decode_text, gunzip_capped
from newsdesk.ingest.records import read_json, read_jsonl
from newsdesk.ingest.warc import read_warc
from newsdesk.model import DocumentKind, Hints, RawDocument, Rejected, RejectReason
from newsdesk.settings import IngestSettings

STAGE = "ingest"
_KIND_BY_SUFFIX = {".html": DocumentKind.HTML, ".htm": DocumentKind.HTML, ".txt": DocumentKind.TEXT}
_RECORD_SUFFIXES = (".json", ".jsonl")
_ARCHIVE_SUFFIX = ".warc"
SUPPORTED_SUFFIXES = (*_KIND_BY_SUFFIX, *_RECORD_SUFFIXES, _ARCHIVE_SUFFIX)


def expand_paths(paths: Iterable[str]) -> Iterator[Path | Rejected]:
    """Each supported file under ``paths`` (folders walked recursively, sorted), or a
    rejection for a path that is missing, unsupported, or a folder with nothing to read."""
    for given in paths:
        path = Path(given)
        if not path.exists():
            yield _reject(given, RejectReason.MISSING_PATH, "no such file or folder")
        elif path.is_dir():
            yield from _walk(path, given)
        elif _inner_suffix(path) in SUPPORTED_SUFFIXES:
            yield path
        else:
            yield _reject(given, RejectReason.UNSUPPORTED_TYPE, _unsupported_detail(path))


def read_path(path: Path, defaults: Hints, cfg: IngestSettings) -> Iterator[RawDocument | Rejected]:
    """The documents in one file: one for a page, one per record for JSON and JSONL, one
    per HTML response for a WARC archive (read as a stream: archives run to gigabytes)."""
    source = str(path)
    if _inner_suffix(path) == _ARCHIVE_SUFFIX:
        yield from read_warc(path, defaults, cfg)
        return
    text = _read_text(path, cfg)
    if isinstance(text, Problem):
        yield _reject(source, text.reason, text.detail)
        return
    content, encoding = text
    suffix = _inner_suffix(path)
    if suffix == ".jsonl":
        yield from read_jsonl(source, content, defaults)
    elif suffix == ".json":
        yield from read_json(source, content, defaults)
    else:
        yield RawDocument(
            source=source, kind=_KIND_BY_SUFFIX[suffix], content=content,
            content_hash=content_hash(content), defaults=defaults, encoding=encoding,
        )


def _walk(folder: Path, given: str) -> Iterator[Path | Rejected]:
    found = False
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if _inner_suffix(path) in SUPPORTED_SUFFIXES and not _is_hidden(path, folder):
            found = True
            yield path
    if not found:
        kinds = ", ".join(SUPPORTED_SUFFIXES)
        yield _reject(given, RejectReason.NO_SUPPORTED_FILES, f"folder holds no {kinds} files")


def _read_text(path: Path, cfg: IngestSettings) -> tuple[str, str] | Problem:
    try:
        size = path.stat().st_size
        if size > cfg.max_file_bytes:
            return Problem(RejectReason.TOO_LARGE, f"{size:,} bytes is over the limit of "
                           f"{cfg.max_file_bytes:,} (setting ingest.max_file_bytes)")
        data = path.read_bytes()
    except OSError as exc:
        return Problem(RejectReason.MISSING_PATH, f"cannot read the file ({exc.strerror})")
    if path.suffix.lower() == ".gz":
        unpacked = gunzip_capped(data, cfg.max_file_bytes)
        if isinstance(unpacked, Problem):
            return unpacked
        data = unpacked
    return decode_text(data, cfg)


def _inner_suffix(path: Path) -> str:
    """The type suffix, looking through ``.gz``: ``page.html.gz`` -> ``.html``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _unsupported_detail(path: Path) -> str:
    kinds = ", ".join(SUPPORTED_SUFFIXES)
    kind = "".join(path.suffixes) or path.name
    return f"unsupported file type '{kind}' (supported: {kinds}, and .gz of these)"


def _reject(source: str, reason: RejectReason, detail: str) -> Rejected:
    return Rejected(source=source, stage=STAGE, reason=reason, detail=detail)
