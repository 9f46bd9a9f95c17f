"""The ASGI application: routers, security headers, one error shape, access rules."""

from __future__ import annotations

import hmac
import ipaddress
import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException

from newsdesk.desk import Desk
from newsdesk.errors import NewsdeskError, NotFound, UsageError
from newsdesk.web import api, pages
from newsdesk.web.cache import AnswerCache
from newsdesk.web.render import STATIC_DIR, error_response

API_PREFIX = "/api/v1"
log = logging.getLogger("newsdesk.web")

# Only our own files may run or style a page: hostile article content that slipped past
# escaping still could not load or run a script. The API docs page needs its inline start-up
# script, so it alone gets 'unsafe-inline'.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_DOCS_CSP = _CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'")
_LOOPBACK_NAMES = frozenset({"localhost"})
# Not worth keeping: files already served from disk, and the (large, timestamped) export.
_UNCACHED = ("/static/", f"{API_PREFIX}/docs-assets/", f"{API_PREFIX}/export")


def create_app(desk: Desk, token: str | None = None) -> FastAPI:
    """The web UI and the REST API over ``desk``. Writes need ``token`` (none given: writes
    are refused); reads are open to this machine and need the token from elsewhere."""
    app = FastAPIOffline(
        title="newsdesk", version="1", summary="Stories, articles and analyses of a newsdesk "
        "database.", openapi_url=f"{API_PREFIX}/openapi.json", docs_url=f"{API_PREFIX}/docs",
        redoc_url=None, static_url=f"{API_PREFIX}/docs-assets", favicon_url="/static/icon.svg")
    app.state.desk = desk
    app.state.token = token or None
    app.state.cache = AnswerCache()
    app.include_router(api.router, prefix=API_PREFIX)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _add_error_handlers(app)
    app.middleware("http")(_guard)
    return app


def token_matches(request: Request) -> bool:
    expected: str | None = request.app.state.token
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
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


async def _guard(request: Request,
                 call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Reads from another machine need the token; every answer gets the security headers."""
    client = request.client.host if request.client else None
    if not is_loopback(client) and not token_matches(request):
        response: Response = error_response(
            request, 401, "token-required",
            "this server answers other machines only with its token "
            "(send 'Authorization: Bearer TOKEN')")
    else:
        response = await _answer(request, call_next)
    docs = request.url.path == f"{API_PREFIX}/docs"
    response.headers["Content-Security-Policy"] = _DOCS_CSP if docs else _CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    return response


async def _answer(request: Request,
                  call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """The app's answer; a GET answer from the cache while the database is unchanged."""
    path = request.url.path
    if request.method != "GET" or path.startswith(_UNCACHED):
        return await call_next(request)
    desk: Desk = request.app.state.desk
    cache: AnswerCache = request.app.state.cache
    version = desk.data_version()
    key = f"{path}?{request.url.query}"
    if version is not None and (hit := cache.get(key, version)) is not None:
        return hit
    response = await call_next(request)
    if version is None or response.status_code != 200:
        return response
    body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
    cache.put(key, version, response, body)
    fresh = Response(content=body, status_code=response.status_code)
    fresh.raw_headers = list(response.raw_headers)
    return fresh


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return error_response(request, 404, "not-found", str(exc))

    @app.exception_handler(UsageError)
    async def _usage(request: Request, exc: UsageError) -> Response:
        return error_response(request, 400, "bad-request", str(exc))

    @app.exception_handler(NewsdeskError)
    async def _newsdesk(request: Request, exc: NewsdeskError) -> Response:
        log.error("%s on %s: %s", type(exc).__name__, request.url.path, exc)
        return error_response(request, 500, "server-error",
                              "the database could not be read; see the server's log")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, "invalid-request", _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        code = {404: "not-found", 405: "method-not-allowed", 401: "token-required",
                403: "forbidden", 413: "too-large", 415: "unsupported-media-type"}
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = "there is no page here; the API is described at /api/v1/docs"
        return error_response(request, exc.status_code, code.get(exc.status_code, "error"),
                              message, exc.headers)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "server-error",
                              "something went wrong on the server; see the server's log")


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "the request is not valid"
