"""Running the app: in the foreground for ``newsdesk serve``, or on a free loopback port in a
background thread (browser tests, screenshots, the load benchmark)."""

from __future__ import annotations

import base64
import os
import pickle
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

from newsdesk.desk import Desk
from newsdesk.web.app import create_app

# How long a background server may take to start before we give up, in seconds; it starts in
# well under one on this machine.
_START_TIMEOUT_S = 20.0
# How long a worker process may stay silent (starting, or busy) before ``serve`` kills and
# replaces it, in seconds. A worker imports the whole pipeline before it first answers: ~2 s
# on an idle machine, over 15 s on this shared one under load, where uvicorn's default of 5 s
# killed and restarted every worker forever (`web_load.py --workers 2` never started).
_WORKER_SILENCE_S = 120
# How ``serve`` hands its settings and token to its worker processes (set by it, read by them).
_WORKER_ENV = "NEWSDESK_SERVE_WORKER"


def serve(desk: Desk, host: str, port: int, token: str | None, workers: int = 1) -> None:
    """Serve until interrupted (Ctrl-C). More than one worker: that many processes, each
    with its own connection to the database, answer in parallel (one Python process runs
    one request at a time, however many cores there are)."""
    if workers <= 1:
        uvicorn.run(create_app(desk, token, host), host=host, port=port, log_level="warning")
        return
    # The workers are fresh interpreters: they get this desk's settings (and the token)
    # from the environment this process hands them, and open the same database.
    os.environ[_WORKER_ENV] = base64.b64encode(
        pickle.dumps((desk.settings, token, host))).decode("ascii")
    config = uvicorn.Config(f"{__name__}:worker_app", factory=True, workers=workers,
                            host=host, port=port, log_level="warning",
                            timeout_worker_healthcheck=_WORKER_SILENCE_S)
    with _listening_socket(host, port) as sock:
        Multiprocess(config, sockets=[sock]).run()


def _listening_socket(host: str, port: int) -> socket.socket:
    """The socket the workers share. Made with its protocol named (uvicorn's own leaves it 0):
    connections accepted from it then count as TCP, so asyncio turns Nagle's algorithm off
    on them; otherwise a keep-alive client waits ~40 ms (delayed ACK) on every answer."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def worker_app() -> FastAPI:
    """The app of one worker process started by ``serve``."""
    encoded = os.environ.get(_WORKER_ENV)
    if encoded is None:
        raise RuntimeError(f"{_WORKER_ENV} is not set: start workers with `newsdesk serve`")
    # Set by ``serve`` in the parent process just before it started this one.
    settings, token, host = pickle.loads(base64.b64decode(encoded))
    return create_app(Desk(settings.store.db, settings), token, host)


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
