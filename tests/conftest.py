"""Shared fixtures: a fresh database per test, hand-written inputs, a CLI runner.

Every test runs in its own empty working folder, so nothing reads or writes a
``newsdesk.toml`` or ``newsdesk.db`` of the checkout.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newsdesk.cli
from newsdesk import AnalyzeReport, Desk, IngestReport, Settings, sample_inputs
from newsdesk.model import Article, RejectReason

# Reproducible property tests: no example database written into the checkout, the same
# examples on every run, and no deadline (timings belong in benchmarks, not tests).
hypothesis_settings.register_profile("newsdesk", database=None, derandomize=True, deadline=None)
hypothesis_settings.load_profile("newsdesk")

FIXED_NOW = datetime(2025, 3, 1, 12, 0, 0, tzinfo=UTC)

BRIDGE = (
    "Council approves new river bridge\n"
    "\n"
    "The city council voted on Tuesday to approve a new bridge across the Avon river, ending "
    "a decade of debate about traffic in the old town.\n"
    "\n"
    "Mayor Jane Holt said construction of the bridge would begin in the spring and cost "
    "forty million pounds.\n"
)
STORM = (
    "Storm cuts power to coastal towns\n"
    "\n"
    "A powerful storm hit the coast on Wednesday night, cutting electricity to thousands of "
    "homes and closing the harbour road.\n"
    "\n"
    "Engineers expect the power lines to be repaired by the weekend, the grid operator said.\n"
)
LIBRARY = (
    "Village library reopens after flood repairs\n"
    "\n"
    "Readers queued outside the village library on Saturday as it reopened its doors after "
    "months of repairs to the flooded basement shelves.\n"
    "\n"
    "Volunteers catalogued every rescued book, the librarian told visitors.\n"
)

@pytest.fixture(autouse=True)
def _own_working_folder(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("cwd")
    monkeypatch.chdir(folder)
    return folder

@pytest.fixture
def texts() -> dict[str, str]:
    """Three short articles about unrelated events."""
    return {"bridge": BRIDGE, "storm": STORM, "library": LIBRARY}

@pytest.fixture
def clock() -> Callable[[], datetime]:
    return lambda: FIXED_NOW

@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "news.db"

@pytest.fixture
def desk(db_path: Path, clock: Callable[[], datetime]) -> Iterator[Desk]:
    with Desk(db_path, clock=clock) as opened:
        yield opened

@pytest.fixture
def make_desk(tmp_path: Path, clock: Callable[[], datetime]) -> Iterator[Callable[..., Desk]]:
    """Desks on further databases, with settings; all closed at the end of the test."""
    opened: list[Desk] = []

    def make(name: str = "other.db", **dotted: Any) -> Desk:
        settings = Settings.load(overrides=dotted) if dotted else Settings()
        found = Desk(tmp_path / name, settings, clock=clock)
        opened.append(found)
        return found

    yield make
    for each in opened:
        each.close()

@pytest.fixture
def inputs(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Writes one input file under ``tmp_path/in`` (sub-folders allowed) and returns it."""
    root = tmp_path / "in"

    def write(name: str, content: str | bytes) -> Path:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write

@pytest.fixture
def make_article() -> Callable[..., Article]:
    """An ``Article`` value built by hand; ids and text are required, the rest optional."""

    def make(article_id: str, text: str, **fields: Any) -> Article:
        values: dict[str, Any] = {
            "document_id": "d-" + article_id.removeprefix("a-"), "source": f"{article_id}.txt",
            "segment": 0, "producer": "clean.text@1",
        }
        values.update(fields)
        return Article(id=article_id, text=text, **values)

    return make

@dataclass(frozen=True)
class CliRun:
    """What one ``newsdesk`` command did."""

    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)

@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliRun]:
    """Runs ``newsdesk --db <tmp>/cli.db ARGS`` through ``newsdesk.cli.main``, the console
    script's entry point, so errors become exit code 2 exactly as users see them."""
    database = tmp_path / "cli.db"

    def run(*args: str) -> CliRun:
        monkeypatch.setattr(sys, "argv", ["newsdesk", "--db", str(database), *args])
        with CliRunner().isolation(env={"COLUMNS": "200"}) as (stdout, stderr, _):
            try:
                newsdesk.cli.main()
                code = 0
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
            sys.stdout.flush()
            sys.stderr.flush()
            return CliRun(code, stdout.getvalue().decode(), stderr.getvalue().decode())

    run.database = database  # type: ignore[attr-defined]
    return run

# --- every kind of bad input, shared by tests/test_desk.py and tests/test_cli.py ------------

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
# Bytes that are not UTF-8 and that charset-normalizer can match to no encoding.
UNDECODABLE_BYTES = bytes([0xFE, 0xFE, 0xFE, 0x01]) * 50
MENU_ONLY_HTML = ("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> "
                  "<a href='/news'>News</a></nav></body></html>")
SMALL_LIMIT = {"ingest.max_file_bytes": "1000"}

@dataclass(frozen=True)
class BadInput:
    """One bad input: how to make it, and what its rejection must say."""

    name: str
    reason: RejectReason
    words: str
    make: Callable[[Path], Path]
    settings: dict[str, str] = field(default_factory=dict)
    source_suffix: str = ""
    stored_alongside: int = 0

def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path

def _folder_without_supported_files(root: Path) -> Path:
    _write(root / "nothing" / "notes.pdf", b"%PDF-1.4\n")
    _write(root / "nothing" / ".hidden" / "page.html", "<p>hidden</p>")
    return root / "nothing"

def _jsonl_with_a_bad_line(root: Path) -> Path:
    good = [json.dumps({"text": STORM, "outlet": "Wire"}),
            json.dumps({"text": LIBRARY, "outlet": "Wire"})]
    return _write(root / "feed.jsonl", f"{good[0]}\n{{not json at all\n{good[1]}\n")

BAD_INPUTS = [
    BadInput("missing-path", RejectReason.MISSING_PATH, "no such file or folder",
             lambda root: root / "nowhere.html"),
    BadInput("folder-without-supported-files", RejectReason.NO_SUPPORTED_FILES,
             "folder holds no", _folder_without_supported_files),
    BadInput("binary", RejectReason.BINARY, "binary file",
             lambda root: _write(root / "photo.html", PNG_BYTES)),
    BadInput("undecodable", RejectReason.UNDECODABLE, "character encoding",
             lambda root: _write(root / "garbled.txt", UNDECODABLE_BYTES)),
    BadInput("empty", RejectReason.EMPTY, "empty",
             lambda root: _write(root / "empty.txt", b"")),
    BadInput("whitespace-only", RejectReason.EMPTY, "white space",
             lambda root: _write(root / "blank.txt", b"  \n\t\n   \r\n")),
    BadInput("too-large", RejectReason.TOO_LARGE, "ingest.max_file_bytes",
             lambda root: _write(root / "big.txt", BRIDGE * 20), settings=SMALL_LIMIT),
    BadInput("malformed-json-line", RejectReason.MALFORMED_JSON, "line 2 is not valid JSON",
             _jsonl_with_a_bad_line, source_suffix=":2", stored_alongside=2),
    BadInput("json-record-without-text", RejectReason.MISSING_TEXT, "no 'text' or 'html'",
             lambda root: _write(root / "record.json", json.dumps({"title": "No body"}))),
    BadInput("html-without-text", RejectReason.NO_TEXT, "no article text",
             lambda root: _write(root / "menu.html", MENU_ONLY_HTML)),
    BadInput("corrupt-gzip", RejectReason.CORRUPT_ARCHIVE, "gzip",
             lambda root: _write(root / "page.html.gz", b"this is not gzip data")),
    BadInput("gzip-bomb", RejectReason.TOO_LARGE, "once decompressed",
             lambda root: _write(root / "bomb.txt.gz", gzip.compress(b"word " * 20_000)),
             settings=SMALL_LIMIT),
    BadInput("unsupported-type", RejectReason.UNSUPPORTED_TYPE, "unsupported file type '.pdf'",
             lambda root: _write(root / "notes.pdf", b"%PDF-1.4\n")),
]

def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "bad_input" in metafunc.fixturenames:
        metafunc.parametrize("bad_input", BAD_INPUTS, ids=[b.name for b in BAD_INPUTS])


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite the golden files from the current output (review the diff).")


@dataclass(frozen=True)
class SampleRun:
    """The sample corpus ingested and analysed once per test session."""

    db: Path
    ingest: IngestReport
    analysis: AnalyzeReport


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> SampleRun:
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    with Desk(db, clock=lambda: FIXED_NOW) as desk:
        ingested = desk.ingest(sample_inputs())
        analysed = desk.analyze()
    return SampleRun(db, ingested, analysed)

# --- live sources: a local HTTP server on 127.0.0.1 ------------------------------------------

# Settings for fetching from the local test server: loopback allowed, short timeouts, no
# politeness pause, small size limits (so "huge" stays small).
LIVE_SETTINGS = {
    "fetch.allow_addresses": "127.0.0.1/32", "fetch.timeout_seconds": "0.5",
    "fetch.retries": "1", "fetch.backoff_seconds": "0", "fetch.politeness_seconds": "0",
    "fetch.max_response_bytes": "200000", "fetch.max_decompressed_bytes": "300000",
}


@dataclass
class Route:
    """What the local server answers on one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None
    send_length: bool = True


@dataclass
class LocalServer:
    """A threaded HTTP server on 127.0.0.1 serving ``routes``; records every request."""

    port: int
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: str | bytes = b"", **route: Any) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **route)
        return self.url(path)

    def hits(self, path: str) -> int:
        return sum(1 for asked, _ in self.requests if asked == path)


def _handler_for(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = server.routes.get(self.path, Route(b"not here", 404, "text/plain"))
            time.sleep(route.delay)
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.end_headers()
                return
            self._send(route)

        def _send(self, route: Route) -> None:
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if route.send_length:
                self.send_header("Content-Length", str(len(route.body)))
            if route.etag:
                self.send_header("ETag", route.etag)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(route.body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A local HTTP server for one test (port chosen by the system)."""
    found = LocalServer(port=0)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(found))
    httpd.daemon_threads = True
    httpd.block_on_close = False  # type: ignore[misc]
    found.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield found
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def live_settings() -> Settings:
    return Settings.load(overrides=LIVE_SETTINGS)


@pytest.fixture
def live_desk(db_path: Path, clock: Callable[[], datetime],
              live_settings: Settings) -> Iterator[Desk]:
    with Desk(db_path, live_settings, clock=clock) as opened:
        yield opened


def news_page(text: str, outlet: str = "Harbour Gazette", published: str | None = None) -> str:
    """An HTML news page of ``text`` (first line the headline, then paragraphs)."""
    title, *paragraphs = [p for p in text.split("\n") if p.strip()]
    dated = (f'<meta property="article:published_time" content="{published}">'
             if published else "")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{title}</title>"
            f'<meta property="og:site_name" content="{outlet}">{dated}</head>'
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}"
            "</article></body></html>")


def rss_feed(items: list[tuple[str, str | None]], title: str = "Local news") -> str:
    """An RSS 2.0 feed of (link, RFC 822 date or None) items."""
    entries = "".join(
        f"<item><title>Item {n}</title><link>{link}</link>"
        + (f"<pubDate>{date}</pubDate>" if date else "") + "</item>"
        for n, (link, date) in enumerate(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://127.0.0.1/</link>{entries}</channel></rss>")


# --- WARC archives written with warcio -------------------------------------------------------

CAPTURED = "2025-03-04T08:30:00Z"


def write_warc(path: Path, compress: bool = True) -> Path:
    """An archive like a crawl's: a request, two HTML pages (one gzip-encoded), an image,
    a redirect and a metadata record."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=compress)
        _record(writer, "https://gazette.example/bridge", "request", b"GET / HTTP/1.1")
        warc_response(writer, "https://gazette.example/bridge", news_page(BRIDGE).encode(),
                  [("Content-Type", "text/html; charset=utf-8")])
        warc_response(writer, "https://ledger.example/storm", gzip.compress(
            news_page(STORM, "Northern Ledger", "2025-03-02").encode()),
            [("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
        warc_response(writer, "https://gazette.example/logo.png", b"\x89PNG\r\n",
                  [("Content-Type", "image/png")])
        warc_response(writer, "https://gazette.example/old", b"", [("Location", "/bridge")],
                  status="301 Moved Permanently")
        _record(writer, "https://gazette.example/bridge", "metadata", b"fetchTimeMs: 3")
    return path


def warc_response(writer: WARCWriter, url: str, body: bytes, headers: list[tuple[str, str]],
              status: str = "200 OK") -> None:
    http = StatusAndHeaders(status, [*headers, ("Content-Length", str(len(body)))],
                            protocol="HTTP/1.1")
    _record(writer, url, "response", body, http)


def _record(writer: WARCWriter, url: str, kind: str, body: bytes,
            http: StatusAndHeaders | None = None) -> None:
    """One record, its length given (warcio otherwise buffers it in a temporary file it
    never closes)."""
    writer.write_record(writer.create_warc_record(
        url, kind, payload=io.BytesIO(body), length=len(body), http_headers=http,
        warc_headers_dict={"WARC-Date": CAPTURED}))


# --- the web UI and the REST API (issue 8) ---------------------------------------------------

WEB_TOKEN = "test-token-3f9a"


@pytest.fixture
def web_client() -> Iterator[Callable[..., Any]]:
    """``make(desk, token=None, host="127.0.0.1")``: a TestClient on the app over ``desk``, as
    seen from ``host``; server errors come back as responses, as a browser would see them."""
    from starlette.testclient import TestClient

    from newsdesk.web import create_app

    opened: list[TestClient] = []

    def make(desk: Desk, token: str | None = None, host: str = "127.0.0.1") -> TestClient:
        client = TestClient(create_app(desk, token), base_url="http://127.0.0.1:8000",
                            client=(host, 50000), raise_server_exceptions=False)
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.close()


@pytest.fixture
def sample_desk(sample_run: SampleRun) -> Iterator[Desk]:
    """A desk on the sample corpus's database (read it; write to your own database)."""
    with Desk(sample_run.db, clock=lambda: FIXED_NOW) as opened:
        yield opened


# Script payloads for the XSS tests: each one, if it ever ran, sets window.__xss.
XSS_PAYLOADS = (
    "<script>window.__xss='script'</script>",
    "<img src=x onerror=\"window.__xss='img'\">",
    "\"><svg onload=\"window.__xss='svg'\">",
    "</title></textarea><script>window.__xss='breakout'</script>",
    "{{ 7*7 }}<b onmouseover=\"window.__xss='hover'\">bold</b>",
)


def hostile_records() -> list[dict[str, str]]:
    """News records whose title, outlet, address, text and quotes carry the payloads."""
    records = []
    for number, payload in enumerate(XSS_PAYLOADS):
        text = (f"Harbour council {payload} votes on the new ferry terminal\n\n"
                f"The council met on Tuesday to vote on the ferry terminal {number}. "
                f"“We will build it {payload} by spring,” said Mayor {payload} Holt.\n\n"
                f"Residents said the terminal {payload} would bring traffic to the old town.")
        records.append({"title": f"Ferry terminal vote {payload}", "text": text,
                        "outlet": f"The {payload} Courier",
                        "url": "javascript:window.__xss='url'" if number % 2 else
                               f"https://example.org/ferry-{number}?q=\"><script>x</script>",
                        "published": f"2025-03-{10 + number:02d}"})
    return records
