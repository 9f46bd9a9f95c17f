"""``newsdesk serve``: flags reach the server; the token may come from NEWSDESK_TOKEN."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx2
import pytest

import newsdesk.web.server
from newsdesk import Desk
from newsdesk.web.server import in_background


def _capture(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def fake_serve(desk: Desk, host: str, port: int, token: str | None,
                   workers: int = 1) -> None:
        seen.update(host=host, port=port, token=token, workers=workers,
                    stories=desk.stories())

    monkeypatch.setattr(newsdesk.web.server, "serve", fake_serve)
    return seen


def test_serve_binds_loopback_by_default(cli: Callable[..., Any],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSDESK_TOKEN", raising=False)
    seen = _capture(monkeypatch)
    run = cli("serve")
    assert run.exit_code == 0, run.stderr
    assert (seen["host"], seen["port"], seen["token"]) == ("127.0.0.1", 8000, None)
    assert seen["workers"] == 1
    assert "writes off" in run.stderr


def test_serve_takes_host_port_and_token_from_flags_or_environment(
        cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _capture(monkeypatch)
    assert cli("serve", "--host", "0.0.0.0", "--port", "8123", "--token", "t1",
               "--workers", "2").exit_code == 0
    assert (seen["host"], seen["port"], seen["token"], seen["workers"]) == (
        "0.0.0.0", 8123, "t1", 2)
    monkeypatch.setenv("NEWSDESK_TOKEN", "from-env")
    assert cli("serve").exit_code == 0
    assert seen["token"] == "from-env"


def test_background_server_answers_on_loopback(desk: Desk) -> None:
    with in_background(desk) as base:
        assert base.startswith("http://127.0.0.1:")
        answer = httpx2.get(base + "/api/v1/stories")
    assert answer.status_code == 200 and answer.json()["items"] == []

