"""Fetching over HTTP: the ``Fetcher`` protocol and its httpx implementation.

``HttpFetcher`` follows redirects itself so that the address guard sees every hop, paces
requests per host, retries network errors and 429/5xx answers with backoff, sends conditional
GETs (ETag / Last-Modified), and reads bodies within two size limits: bytes on the wire and
bytes once gzip/deflate is undone (a decompression bomb stops at the limit, never in memory).
Failures are ``Rejected`` values, never exceptions.
"""

from __future__ import annotations

import re
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from newsdesk.ingest.guard import AddressGuard, BlockedAddress, parse_networks
from newsdesk.model import Fetched, FetchState, Rejected, RejectReason
from newsdesk.settings import FetchSettings

STAGE = "fetch"
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Answers that say "try again later" rather than "no".
_RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
_NOT_MODIFIED = 304
_ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml," \
          "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"
# Only what we can decompress with a size cap ourselves (zlib); never br/zstd.
_ACCEPT_ENCODING = "gzip, deflate"
_ZLIB_AUTO_HEADER = 32 + zlib.MAX_WBITS  # gzip or zlib header, detected
_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
Sleep = Callable[[float], None]
Monotonic = Callable[[], float]


class Fetcher(Protocol):
    """Gets one URL: the response, or why there is none."""

    def fetch(self, url: str, state: FetchState | None = None) -> Fetched | Rejected: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class _Failure:
    rejected: Rejected
    retry: bool


@dataclass(frozen=True, slots=True)
class _Redirect:
    location: str


_Answer = Fetched | _Failure | _Redirect


class HostPacer:
    """Keeps requests to one host at least ``gap`` seconds apart, across threads."""

    def __init__(self, gap: float, sleep: Sleep = time.sleep,
                 monotonic: Monotonic = time.monotonic) -> None:
        self._gap, self._sleep, self._monotonic = gap, sleep, monotonic
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        with self._lock:
            now = self._monotonic()
            turn = max(now, self._next.get(host, now))
            self._next[host] = turn + self._gap
        if turn > now:
            self._sleep(turn - now)


class _PinnedBackend(httpcore.SyncBackend):
    """Connects to the address the guard checked at connect time, never to a second DNS
    answer (TLS still verifies the certificate against the host name)."""

    def __init__(self, guard: AddressGuard) -> None:
        self._guard = guard

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
                    ) -> httpcore.NetworkStream:
        return super().connect_tcp(self._guard.pin(host, port), port, timeout,
                                   local_address, socket_options)


def guarded_transport(guard: AddressGuard) -> httpx.HTTPTransport:
    """httpx's transport, its connections made through the guard."""
    transport = httpx.HTTPTransport()
    pool = transport._pool  # httpx offers no public way to choose the network backend
    if not isinstance(pool, httpcore.ConnectionPool):
        raise TypeError("expected httpx's direct connection pool (no proxy)")
    pool._network_backend = _PinnedBackend(guard)
    return transport


class HttpFetcher:
    """A ``Fetcher`` on httpx (one synchronous client, safe to share between threads)."""

    def __init__(self, cfg: FetchSettings, guard: AddressGuard, sleep: Sleep = time.sleep,
                 transport: httpx.BaseTransport | None = None) -> None:
        self._cfg, self._guard, self._sleep = cfg, guard, sleep
        self._pacer = HostPacer(cfg.politeness_seconds, sleep)
        self._client = httpx.Client(
            headers={"User-Agent": cfg.user_agent, "Accept": _ACCEPT,
                     "Accept-Encoding": _ACCEPT_ENCODING},
            timeout=httpx.Timeout(cfg.timeout_seconds), follow_redirects=False,
            transport=transport or guarded_transport(guard), trust_env=False)

    @classmethod
    def from_settings(cls, cfg: FetchSettings) -> HttpFetcher:
        return cls(cfg, AddressGuard(parse_networks(cfg.allow_addresses)))

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, state: FetchState | None = None) -> Fetched | Rejected:
        """``url`` with redirects followed (each hop guarded), or why it could not be had."""
        current, headers = url, _conditional_headers(state)
        for _hop in range(self._cfg.max_redirects + 1):
            refused = self._guard.refuse(current)
            if refused:
                return reject(url, RejectReason.BLOCKED_ADDRESS, _via(url, current, refused))
            answer = self._with_retries(url, current, headers)
            if isinstance(answer, _Redirect):
                current = answer.location
                continue
            return answer.rejected if isinstance(answer, _Failure) else answer
        return reject(url, RejectReason.TOO_MANY_REDIRECTS,
                      f"more than {self._cfg.max_redirects} redirects (fetch.max_redirects)")

    def _with_retries(self, url: str, current: str, headers: dict[str, str]) -> _Answer:
        answer: _Answer = _Failure(reject(url, RejectReason.FETCH_FAILED, "not tried"), True)
        for attempt in range(self._cfg.retries + 1):
            if attempt:
                self._sleep(self._cfg.backoff_seconds * 2 ** (attempt - 1))
            answer = self._attempt(url, current, headers)
            if not (isinstance(answer, _Failure) and answer.retry):
                return answer
        return answer

    def _attempt(self, url: str, current: str, headers: dict[str, str]) -> _Answer:
        self._pacer.wait(urlsplit(current).netloc.lower())
        try:
            with self._client.stream("GET", current, headers=headers) as response:
                return self._answer(url, current, response)
        except BlockedAddress as exc:
            return _Failure(reject(url, RejectReason.BLOCKED_ADDRESS, _via(url, current,
                                                                           str(exc))), False)
        except httpx.TimeoutException:
            return _Failure(reject(url, RejectReason.FETCH_FAILED, _via(
                url, current, f"timed out after {self._cfg.timeout_seconds:g} s "
                "(fetch.timeout_seconds)")), retry=True)
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            return _Failure(reject(url, RejectReason.FETCH_FAILED, _via(
                url, current, f"network error ({exc.__class__.__name__}: {exc})")), retry=True)

    def _answer(self, url: str, current: str, response: httpx.Response) -> _Answer:
        status = response.status_code
        if status in _REDIRECT_STATUSES and "location" in response.headers:
            return _Redirect(urljoin(current, response.headers["location"]))
        if status == _NOT_MODIFIED:
            return Fetched(url=current, status=status, content_type="", body=b"",
                           state=_state(url, response), not_modified=True)
        if status >= 400:
            detail = _via(url, current, f"HTTP {status} {response.reason_phrase}".strip())
            return _Failure(reject(url, RejectReason.HTTP_ERROR, detail),
                            retry=status in _RETRY_STATUSES)
        body = self._read_body(response)
        if isinstance(body, str):
            return _Failure(reject(url, RejectReason.TOO_LARGE, _via(url, current, body)), False)
        media, charset = content_type(response.headers.get("content-type", ""))
        return Fetched(url=current, status=status, content_type=media, body=body,
                       charset=charset, state=_state(url, response))

    def _read_body(self, response: httpx.Response) -> bytes | str:
        """The decompressed body, or why it was stopped (a timeout raises as httpx does)."""
        declared = response.headers.get("content-length", "")
        raw_limit = self._cfg.max_response_bytes
        if declared.isdigit() and int(declared) > raw_limit:
            return f"{int(declared):,} bytes is over the limit of {raw_limit:,} " \
                   "(fetch.max_response_bytes)"
        reader = _CappedBody(response.headers.get("content-encoding", ""), raw_limit,
                             self._cfg.max_decompressed_bytes)
        deadline = time.monotonic() + self._cfg.timeout_seconds
        for chunk in response.iter_raw():
            problem = reader.feed(chunk)
            if problem is None and time.monotonic() > deadline:
                raise httpx.ReadTimeout("whole body not read in time")
            if problem:
                return problem
        return reader.finish()


class _CappedBody:
    """Collects a body as sent, undoing gzip/deflate, within both size limits."""

    def __init__(self, encoding: str, raw_limit: int, out_limit: int) -> None:
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
        compressed = any(c in ("gzip", "x-gzip", "deflate") for c in codings)
        self._inflate = zlib.decompressobj(_ZLIB_AUTO_HEADER) if compressed else None
        self._raw_limit, self._out_limit = raw_limit, out_limit
        self._raw = 0
        self._parts: list[bytes] = []
        self._size = 0
        self._problem: str | None = None

    def feed(self, chunk: bytes) -> str | None:
        self._raw += len(chunk)
        if self._raw > self._raw_limit:
            return f"more than {self._raw_limit:,} bytes sent (fetch.max_response_bytes)"
        if self._inflate is None:
            return self._keep(chunk)
        try:
            room = self._out_limit - self._size
            return self._keep(self._inflate.decompress(chunk, room + 1))
        except zlib.error as exc:
            return f"the compressed body is corrupt ({exc})"

    def finish(self) -> bytes | str:
        if self._inflate is not None:
            problem = self._keep(self._inflate.flush())
            if problem:
                return problem
        return b"".join(self._parts)

    def _keep(self, data: bytes) -> str | None:
        self._size += len(data)
        if self._size > self._out_limit:
            return (f"larger than {self._out_limit:,} bytes once decompressed "
                    "(fetch.max_decompressed_bytes)")
        self._parts.append(data)
        return None


def content_type(header: str) -> tuple[str, str | None]:
    """(media type in lower case, charset or None) of a Content-Type header."""
    media = header.split(";", 1)[0].strip().lower()
    found = _CHARSET.search(header)
    return media, (found.group(1).lower() if found else None)


def reject(url: str, reason: RejectReason, detail: str) -> Rejected:
    return Rejected(source=url, stage=STAGE, reason=reason, detail=detail)


def is_transient(rejected: Rejected) -> bool:
    """True for failures worth trying again on a later poll (network, 5xx, 404 alike)."""
    return rejected.reason in (RejectReason.FETCH_FAILED, RejectReason.HTTP_ERROR)


def _conditional_headers(state: FetchState | None) -> dict[str, str]:
    headers = {}
    if state is not None and state.etag:
        headers["If-None-Match"] = state.etag
    if state is not None and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def _state(url: str, response: httpx.Response) -> FetchState | None:
    etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
    if etag is None and modified is None:
        return None
    return FetchState(url=url, etag=etag, last_modified=modified)


def _via(url: str, current: str, detail: str) -> str:
    """The detail, naming the redirect target when it is not the URL asked for."""
    return detail if current == url else f"{detail} (redirected to {current})"

