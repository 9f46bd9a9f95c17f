"""The ASGI application: routers, security headers, one error shape, access rules."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException

from newsdesk.desk import Desk
from newsdesk.errors import NewsdeskError, NotFound, UsageError
from newsdesk.web import api, pages
from newsdesk.web.cache import AnswerCache
from newsdesk.web.guard import API_PREFIX, LOOPBACK_HOSTS, Guard
from newsdesk.web.render import STATIC_DIR, error_response

log = logging.getLogger("newsdesk.web")


def create_app(desk: Desk, token: str | None = None, host: str | None = None) -> FastAPI:
    """The web UI and the REST API over ``desk``. Writes need ``token`` (none given: writes
    are refused); reads are open to this machine and need the token from elsewhere. ``host``
    is the name the server is reached by, besides localhost and loopback addresses."""
    app = FastAPIOffline(
        title="newsdesk", version="1", summary="Stories, articles and analyses of a newsdesk "
        "database.", openapi_url=f"{API_PREFIX}/openapi.json", docs_url=f"{API_PREFIX}/docs",
        redoc_url=None, static_url=f"{API_PREFIX}/docs-assets", favicon_url="/static/icon.svg")
    app.state.desk = desk
    app.state.token = token or None
    app.state.cache = AnswerCache()
    app.state.hosts = LOOPBACK_HOSTS | ({host.lower()} if host else set())
    app.include_router(api.router, prefix=API_PREFIX)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _add_error_handlers(app)
    app.add_middleware(Guard)
    return app


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
