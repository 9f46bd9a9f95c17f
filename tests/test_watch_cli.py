"""``newsdesk sources`` and ``newsdesk watch`` as users run them: in process, and as a real
process stopped by SIGTERM in the middle of a cycle."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from conftest import (
    BRIDGE,
    LIBRARY,
    LIVE_SETTINGS,
    STORM,
    CliRun,
    LocalServer,
    news_page,
    rss_feed,
    write_warc,
)
from newsdesk import Desk, Settings
from newsdesk.model import WatchEvent
from newsdesk.pipeline import StopFlag

LIVE_FLAGS = [arg for key, value in LIVE_SETTINGS.items() for arg in ("--set", f"{key}={value}")]
# Long enough for the test to send SIGTERM while pages are still being fetched.
PAGE_DELAY_SECONDS = 0.25
PAGES = 8


def serve_feed(server: LocalServer, count: int, delay: float = 0.0) -> str:
    texts = (BRIDGE, STORM, LIBRARY)
    for n in range(count):
        text = texts[n % 3].replace("\n\n", f"\n\nReport number {n} of the series.\n\n", 1)
        server.add(f"/p{n}", news_page(text, outlet=f"Outlet {n}"), delay=delay)
    return server.add("/feed.xml", rss_feed([(server.url(f"/p{n}"), None)
                                             for n in range(count)]),
                      content_type="application/rss+xml")


def test_cli_sources_add_list_check_remove(cli: Callable[..., CliRun], server: LocalServer,
                                           tmp_path: Path) -> None:
    feed = serve_feed(server, 2)
    opml = tmp_path / "feeds.opml"
    opml.write_text(f'<opml><body><outline text="Local" xmlUrl="{feed}"/></body></opml>')
    added = cli(*LIVE_FLAGS, "sources", "add", str(opml))
    assert added.exit_code == 0 and f"added  {feed}" in added.stderr
    checked = cli(*LIVE_FLAGS, "sources", "check")
    assert checked.exit_code == 0, checked.stderr
    assert "feed: feed listing 2 pages (2 new)" in checked.stderr
    [listed] = cli("sources", "list", "--json").json()
    assert (listed["number"], listed["url"], listed["kind"]) == (1, feed, "feed")
    assert listed["last_success"] is not None
    assert cli("sources", "remove", "1").exit_code == 0
    assert "no sources yet" in cli("sources", "list").stdout
    assert cli("sources", "remove", "1").exit_code == 2


def test_cli_ingest_of_a_url(cli: Callable[..., CliRun], server: LocalServer) -> None:
    url = server.add("/a", news_page(BRIDGE))
    done = cli(*LIVE_FLAGS, "ingest", url)
    assert done.exit_code == 0, done.stderr
    assert "1 stored" in done.stderr


def test_cli_ingest_refuses_loopback_without_the_setting(cli: Callable[..., CliRun],
                                                         server: LocalServer) -> None:
    url = server.add("/a", news_page(BRIDGE))
    done = cli("ingest", url)
    assert done.exit_code == 1
    assert "loopback address" in done.stderr
    assert server.requests == []
    [rejected] = cli("rejected", "--json").json()
    assert rejected["reason"] == "blocked-address"


def test_cli_watch_once_prints_new_stories(cli: Callable[..., CliRun],
                                           server: LocalServer) -> None:
    cli("sources", "add", serve_feed(server, 3))
    done = cli(*LIVE_FLAGS, "watch", "--once")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.count("new story") == 3
    assert "1 cycle(s) done" in done.stderr


def test_cli_watch_rejects_a_bad_interval(cli: Callable[..., CliRun]) -> None:
    done = cli("watch", "--every", "soon")
    assert done.exit_code == 2
    assert "90s, 15m or 2h" in done.stderr


def newsdesk(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", "from newsdesk.cli import main; main()", "--db", str(db),
            *LIVE_FLAGS, "--set", "fetch.concurrency=1", *args]


def store_counts(db: Path) -> tuple[int, int]:
    """(documents, documents without any article) in the database."""
    with sqlite3.connect(db) as conn:
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        orphans = conn.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                               "(SELECT 1 FROM articles a WHERE a.document_id = d.id)"
                               ).fetchone()[0]
    return documents, orphans


def test_watch_stops_cleanly_on_sigterm_mid_cycle_and_a_rerun_resumes(
        server: LocalServer, tmp_path: Path, live_settings: Settings) -> None:
    db = tmp_path / "watch.db"
    feed = serve_feed(server, PAGES, delay=PAGE_DELAY_SECONDS)
    with Desk(db, live_settings) as desk:
        desk.add_sources([feed])
    watching = subprocess.Popen(newsdesk(db, "watch", "--every", "1s"),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while sum(server.hits(f"/p{n}") for n in range(PAGES)) < 3:
        assert time.monotonic() < deadline and watching.poll() is None, watching.stderr
        time.sleep(0.02)
    watching.send_signal(signal.SIGTERM)
    out, err = watching.communicate(timeout=30)
    assert watching.returncode == 0, err
    assert "stopping after the current document" in err
    stored, orphans = store_counts(db)
    assert 1 <= stored < PAGES, "SIGTERM should land mid-cycle"
    assert orphans == 0
    assert "new story" not in out  # the interrupted cycle analysed nothing

    events: list[WatchEvent] = []
    with Desk(db, live_settings) as desk:
        assert desk.watch(StopFlag(), events.append, once=True) == 1
    assert store_counts(db) == (PAGES, 0)
    assert [e.kind for e in events].count("new-story") >= 1
    fetched_twice = [n for n in range(PAGES) if server.hits(f"/p{n}") > 1]
    assert len(fetched_twice) <= 1  # at most the page in flight when the signal came


def test_cli_ingest_of_a_warc_archive(cli: Callable[..., CliRun], tmp_path: Path) -> None:
    archive = write_warc(tmp_path / "crawl.warc.gz")
    done = cli("ingest", str(archive))
    assert done.exit_code == 0, done.stderr
    assert "2 stored" in done.stderr
