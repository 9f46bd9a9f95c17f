"""The HTTP fetcher against a local server: redirects, errors, limits, the address guard."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator

import pytest

from conftest import BRIDGE, LocalServer, news_page
from newsdesk.errors import ConfigError
from newsdesk.ingest import HttpFetcher
from newsdesk.ingest.fetch import HostPacer, content_type
from newsdesk.ingest.guard import AddressGuard, parse_networks
from newsdesk.model import Fetched, FetchState, Rejected, RejectReason
from newsdesk.settings import Settings


@pytest.fixture
def fetcher(live_settings: Settings) -> Iterator[HttpFetcher]:
    opened = HttpFetcher.from_settings(live_settings.fetch)
    yield opened
    opened.close()


def fetched(answer: Fetched | Rejected) -> Fetched:
    assert isinstance(answer, Fetched), answer
    return answer


def rejected(answer: Fetched | Rejected, reason: RejectReason) -> Rejected:
    assert isinstance(answer, Rejected), answer
    assert answer.reason is reason, answer
    return answer


def test_fetch_gets_a_page_naming_newsdesk_in_the_user_agent(
        server: LocalServer, fetcher: HttpFetcher) -> None:
    url = server.add("/a", news_page(BRIDGE))
    page = fetched(fetcher.fetch(url))
    assert page.status == 200
    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert b"river bridge" in page.body
    assert server.requests[0][1]["user-agent"].startswith("newsdesk/")


def test_fetch_follows_redirects_and_reports_the_final_url(
        server: LocalServer, fetcher: HttpFetcher) -> None:
    server.add("/old", status=301, headers={"Location": "/middle"})
    server.add("/middle", status=302, headers={"Location": server.url("/new")})
    server.add("/new", news_page(BRIDGE))
    page = fetched(fetcher.fetch(server.url("/old")))
    assert page.url == server.url("/new")


def test_fetch_stops_a_redirect_loop(server: LocalServer, fetcher: HttpFetcher) -> None:
    server.add("/loop", status=302, headers={"Location": "/loop"})
    found = rejected(fetcher.fetch(server.url("/loop")), RejectReason.TOO_MANY_REDIRECTS)
    assert "fetch.max_redirects" in found.detail
    assert server.hits("/loop") == Settings().fetch.max_redirects + 1


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/",
                                    "http://127.0.0.2:9/", "http://10.1.2.3/admin"])
def test_fetch_checks_every_redirect_hop_against_the_address_guard(
        server: LocalServer, fetcher: HttpFetcher, target: str) -> None:
    server.add("/jump", status=302, headers={"Location": target})
    found = rejected(fetcher.fetch(server.url("/jump")), RejectReason.BLOCKED_ADDRESS)
    assert f"redirected to {target}" in found.detail
    assert "fetch.allow_addresses" in found.detail


def test_fetch_refuses_loopback_by_default(server: LocalServer) -> None:
    url = server.add("/a", news_page(BRIDGE))
    default = HttpFetcher.from_settings(Settings().fetch)
    found = rejected(default.fetch(url), RejectReason.BLOCKED_ADDRESS)
    default.close()
    assert "loopback" in found.detail
    assert server.requests == []


def test_fetch_retries_a_server_error_then_rejects_it(
        server: LocalServer, fetcher: HttpFetcher) -> None:
    server.add("/broken", b"oops", status=500, content_type="text/plain")
    found = rejected(fetcher.fetch(server.url("/broken")), RejectReason.HTTP_ERROR)
    assert found.detail.startswith("HTTP 500")
    assert server.hits("/broken") == 2  # fetch.retries = 1 in the test settings


def test_fetch_does_not_retry_a_missing_page(server: LocalServer, fetcher: HttpFetcher) -> None:
    found = rejected(fetcher.fetch(server.url("/nowhere")), RejectReason.HTTP_ERROR)
    assert found.detail.startswith("HTTP 404")
    assert server.hits("/nowhere") == 1


def test_fetch_gives_up_on_a_slow_server(server: LocalServer, fetcher: HttpFetcher) -> None:
    server.add("/slow", news_page(BRIDGE), delay=1.5)
    found = rejected(fetcher.fetch(server.url("/slow")), RejectReason.FETCH_FAILED)
    assert "timed out" in found.detail


def test_fetch_stops_a_huge_response_without_content_length(
        server: LocalServer, fetcher: HttpFetcher) -> None:
    server.add("/huge", b"<p>" + b"x" * 1_000_000, send_length=False)
    found = rejected(fetcher.fetch(server.url("/huge")), RejectReason.TOO_LARGE)
    assert "fetch.max_response_bytes" in found.detail


def test_fetch_refuses_a_declared_huge_response_before_reading_it(
        server: LocalServer, fetcher: HttpFetcher) -> None:
    server.add("/huge", b"x" * 1_000_000)
    found = rejected(fetcher.fetch(server.url("/huge")), RejectReason.TOO_LARGE)
    assert "1,000,000 bytes" in found.detail


def test_fetch_stops_a_gzip_bomb_at_the_decompressed_limit(
        server: LocalServer, fetcher: HttpFetcher) -> None:
    bomb = gzip.compress(b"\0" * 50_000_000)  # 50 MB in ~50 kB
    assert len(bomb) < 200_000
    server.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    found = rejected(fetcher.fetch(server.url("/bomb")), RejectReason.TOO_LARGE)
    assert "once decompressed" in found.detail


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_fetch_undoes_content_encoding(server: LocalServer, fetcher: HttpFetcher,
                                       encoding: str) -> None:
    html = news_page(BRIDGE).encode()
    packed = gzip.compress(html) if encoding == "gzip" else zlib.compress(html)
    url = server.add("/packed", packed, headers={"Content-Encoding": encoding})
    assert fetched(fetcher.fetch(url)).body == html


def test_fetch_sends_a_conditional_get_and_reads_304(server: LocalServer,
                                                    fetcher: HttpFetcher) -> None:
    url = server.add("/feed", b"<rss/>", etag='"v1"',
                     headers={"Last-Modified": "Sat, 01 Mar 2025 10:00:00 GMT"})
    first = fetched(fetcher.fetch(url))
    assert first.state == FetchState(url, '"v1"', "Sat, 01 Mar 2025 10:00:00 GMT")
    again = fetched(fetcher.fetch(url, first.state))
    assert again.not_modified
    assert again.body == b""
    assert server.requests[1][1]["if-none-match"] == '"v1"'
    assert server.requests[1][1]["if-modified-since"] == "Sat, 01 Mar 2025 10:00:00 GMT"


@pytest.mark.parametrize(("header", "expected"), [
    ("text/html; charset=ISO-8859-1", ("text/html", "iso-8859-1")),
    ('Text/HTML;charset="utf-8"', ("text/html", "utf-8")),
    ("application/rss+xml", ("application/rss+xml", None)),
    ("", ("", None)),
])
def test_content_type_splits_media_type_and_charset(header: str,
                                                   expected: tuple[str, str | None]) -> None:
    assert content_type(header) == expected


HOSTS = {"news.example": ["93.184.216.34"], "intranet.example": ["10.0.0.7"],
         "mixed.example": ["93.184.216.34", "192.168.1.1"], "meta.example": ["169.254.169.254"],
         "mapped.example": ["::ffff:127.0.0.1"], "v6.example": ["2606:4700::1111"],
         "cgnat.example": ["100.64.0.1"]}


@pytest.mark.parametrize(("url", "refused"), [
    ("https://news.example/a", None),
    ("https://v6.example/a", None),
    ("http://intranet.example/", "private"),
    ("http://mixed.example/", "private"),
    ("http://meta.example/", "link-local"),
    ("http://mapped.example/", "loopback"),
    ("http://cgnat.example/", "non-public"),
    ("http://127.0.0.1:8080/", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://0.0.0.0/", "unspecified"),
    ("ftp://news.example/a", "only http and https"),
    ("file:///etc/passwd", "only http and https"),
    ("http://nowhere.example/", "cannot resolve"),
])
def test_address_guard_refuses_everything_but_public_addresses(url: str,
                                                             refused: str | None) -> None:
    def resolve(host: str, port: int) -> list[str]:
        if host in HOSTS:
            return HOSTS[host]
        if host in ("127.0.0.1", "::1", "0.0.0.0"):
            return [host]
        raise OSError("unknown host")

    found = AddressGuard((), resolve).refuse(url)
    assert found is None if refused is None else refused in (found or "")


def test_address_guard_lets_allowed_networks_through() -> None:
    guard = AddressGuard(parse_networks("10.0.0.0/8, 127.0.0.1/32"),
                         lambda host, port: ["10.0.0.7"] if host == "intranet" else [host])
    assert guard.refuse("http://intranet/") is None
    assert guard.refuse("http://127.0.0.1/") is None
    assert guard.refuse("http://127.0.0.2/") is not None
    assert AddressGuard(parse_networks("all")).refuse("http://127.0.0.1/") is None


def test_allow_addresses_setting_names_a_bad_network() -> None:
    with pytest.raises(ConfigError, match=r"'10\.0\.0\.300/8' is not a network"):
        parse_networks("10.0.0.0/8,10.0.0.300/8")


def test_host_pacer_spaces_requests_to_one_host_only() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)

    pacer = HostPacer(1.0, sleep, lambda: now[0])
    pacer.wait("a.example")
    pacer.wait("b.example")
    pacer.wait("a.example")
    pacer.wait("a.example")
    assert slept == [1.0, 2.0]


def test_fetch_connects_to_the_address_the_guard_checked(server: LocalServer,
                                                         live_settings: Settings) -> None:
    guard = AddressGuard(parse_networks("127.0.0.1/32"),
                         lambda host, port: ["127.0.0.1"] if host == "local.test" else [])
    pinned = HttpFetcher(live_settings.fetch, guard)
    server.add("/a", news_page(BRIDGE))
    page = fetched(pinned.fetch(f"http://local.test:{server.port}/a"))
    pinned.close()
    assert b"river bridge" in page.body
    assert server.requests[0][1]["host"] == f"local.test:{server.port}"


def test_fetch_is_not_fooled_by_a_dns_answer_that_changes_after_the_check(
        live_settings: Settings) -> None:
    answers = iter([["93.184.216.34"], ["10.0.0.1"]])
    guard = AddressGuard((), lambda host, port: next(answers, ["10.0.0.1"]))
    rebound = HttpFetcher(live_settings.fetch, guard)
    found = rejected(rebound.fetch("http://rebind.test/"), RejectReason.BLOCKED_ADDRESS)
    rebound.close()
    assert "10.0.0.1, a private address" in found.detail
