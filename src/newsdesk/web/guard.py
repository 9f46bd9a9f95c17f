"""The outermost layer of every answer (plain ASGI, no per-request task overhead): access
rules, the answer cache, and the security headers."""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Iterable

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsdesk.desk import Desk
from newsdesk.web.cache import Answer, AnswerCache
from newsdesk.web.render import error_response

API_PREFIX = "/api/v1"
# Only our own files may run or style a page: hostile article content that slipped past
# escaping still could not load or run a script. The API docs page needs its inline start-up
# script, so it alone gets 'unsafe-inline'.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_DOCS_CSP = _CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'")
_HEADERS = ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"))
_LOOPBACK_NAMES = frozenset({"localhost"})
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
# Not worth keeping: files already served from disk, and the (large, timestamped) export.
_UNCACHED = ("/static/", f"{API_PREFIX}/docs-assets/", f"{API_PREFIX}/export")


class Guard:
    """Reads from another machine, or by another host name, need the token; GET answers come
    from the cache while the database is unchanged; every answer gets the security headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        send = _with_security_headers(send, scope["path"])
        refusal = _refusal(request)
        if refusal is not None:
            await refusal(scope, receive, send)
        elif scope["method"] == "GET" and not scope["path"].startswith(_UNCACHED):
            await _cached(self.app, request, receive, send)
        else:
            await self.app(scope, receive, send)


def token_matches(request: Request) -> bool:
    expected: str | None = request.app.state.token
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return (expected is not None and scheme.lower() == "bearer"
            and hmac.compare_digest(value.strip().encode(), expected.encode()))


def is_loopback(host: str | None) -> bool:
    if host is None:
        return False
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _refusal(request: Request) -> ASGIApp | None:
    client = request.client.host if request.client else None
    if is_loopback(client) and _known_host(request):
        return None
    if token_matches(request):
        return None
    if not is_loopback(client):
        return error_response(request, 401, "token-required",
                              "this server answers other machines only with its token "
                              "(send 'Authorization: Bearer TOKEN')")
    return error_response(request, 400, "unknown-host", "this server answers only to its "
                          "own name (localhost or 127.0.0.1)")


def _known_host(request: Request) -> bool:
    """The Host header names this server: a page of another site whose name was pointed at
    127.0.0.1 (DNS rebinding) must not read the desk."""
    hosts: frozenset[str] = request.app.state.hosts
    return host_name(request.headers.get("host", "")) in hosts


def host_name(header: str) -> str:
    """``example.org:8000`` -> ``example.org``; ``[::1]:8000`` -> ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.rpartition(":")[0] if header.count(":") == 1 else header


async def _cached(app: ASGIApp, request: Request, receive: Receive, send: Send) -> None:
    desk: Desk = request.app.state.desk
    cache: AnswerCache = request.app.state.cache
    version = desk.data_version()
    key = f"{request.url.path}?{request.url.query}"
    hit = cache.get(key, version) if version is not None else None
    if hit is not None:
        await _replay(hit, send)
        return
    started: list[Message] = []
    chunks: list[bytes] = []

    async def keep(message: Message) -> None:
        if message["type"] == "http.response.start":
            started.append(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
        await send(message)

    await app(request.scope, receive, keep)
    if version is not None and started and started[0]["status"] == 200:
        cache.put(key, version, Answer(200, tuple(started[0]["headers"]), b"".join(chunks)))


async def _replay(answer: Answer, send: Send) -> None:
    await send({"type": "http.response.start", "status": answer.status,
                "headers": list(answer.headers)})
    await send({"type": "http.response.body", "body": answer.body})


def _with_security_headers(send: Send, path: str) -> Send:
    policy = (_DOCS_CSP if path == f"{API_PREFIX}/docs" else _CSP).encode()

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*_without_ours(message.get("headers", ())),
                                              (b"content-security-policy", policy), *_HEADERS]}
        await send(message)

    return sending


def _without_ours(headers: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    ours = {b"content-security-policy", *(name for name, _ in _HEADERS)}
    return [(k, v) for k, v in headers if k.lower() not in ours]
