"""Running the app: in the foreground for ``newsdesk serve``, or on a free loopback port in a
background thread (browser tests, screenshots, the load benchmark)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from newsdesk.desk import Desk
from newsdesk.web.app import create_app

# How long a background server may take to start before we give up, in seconds; it starts in
# well under one on this machine.
_START_TIMEOUT_S = 20.0


def serve(desk: Desk, host: str, port: int, token: str | None) -> None:
    """Serve until interrupted (Ctrl-C)."""
    uvicorn.run(create_app(desk, token, host), host=host, port=port, log_level="warning")


@contextmanager
def in_background(desk: Desk, token: str | None = None) -> Iterator[str]:
    """The app on a free port of 127.0.0.1 in a daemon thread; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(desk, token, "127.0.0.1"), host="127.0.0.1",
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
