"""Running the app: in the foreground for ``newsdesk serve``, or on a free loopback port in a
background thread (browser tests, screenshots, the load benchmark)."""

from __future__ import annotations

import dataclasses
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from newsdesk.desk import Desk
from newsdesk.settings import Settings
from newsdesk.web.app import create_app

# How long a background server may take to start before we give up, in seconds; it starts in
# well under one on this machine.
_START_TIMEOUT_S = 20.0


# Where worker processes find their database and token (set by ``serve`` for its workers).
_DB_VARIABLE, _TOKEN_VARIABLE = "NEWSDESK_SERVE_DB", "NEWSDESK_TOKEN"


def serve(desk: Desk, host: str, port: int, token: str | None, workers: int = 1) -> None:
    """Serve until interrupted (Ctrl-C); with ``workers`` > 1, in that many processes, each
    with its own connection pool on the same database."""
    if workers <= 1:
        uvicorn.run(create_app(desk, token), host=host, port=port, log_level="warning")
        return
    os.environ[_DB_VARIABLE] = desk.settings.store.db
    if token:
        os.environ[_TOKEN_VARIABLE] = token
    else:
        os.environ.pop(_TOKEN_VARIABLE, None)
    uvicorn.run("newsdesk.web.server:worker_app", factory=True, host=host, port=port,
                workers=workers, log_level="warning")


def worker_app() -> FastAPI:
    """The app of one worker process, on the database ``serve`` named in the environment."""
    settings = Settings()
    db = os.environ[_DB_VARIABLE]
    desk = Desk(db, dataclasses.replace(settings, store=dataclasses.replace(settings.store,
                                                                             db=db)))
    return create_app(desk, os.environ.get(_TOKEN_VARIABLE) or None)


@contextmanager
def in_background(desk: Desk, token: str | None = None) -> Iterator[str]:
    """The app on a free port of 127.0.0.1 in a daemon thread; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(desk, token), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="newsdesk-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + _START_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the web server did not start on 127.0.0.1:{port}")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
