"""Live-source benchmark: fetch + ingest throughput for pages served on this machine.

    python bench/fetch.py                    # 1,000 pages, fetch.concurrency 1, 4 and 8
    python bench/fetch.py --pages 200 --concurrency 4

A separate process (``python -m http.server`` on 127.0.0.1) serves generated news pages and
a sitemap listing them; newsdesk ingests the sitemap URL into a fresh database, so every page
goes through the address guard, robots.txt, the fetch, size limits, charset decoding, the
cleaner and one store transaction. "fetch only" is the fetcher alone on the same pages. The
politeness pause is off (fetch.politeness_seconds = 0): with it on, one host gets one page a
second whatever the machine can do.
"""

from __future__ import annotations

import argparse
import random
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from newsdesk import Desk, Settings
from newsdesk.ingest import HttpFetcher

# Words the generated pages are made of; seeded, so every run serves the same pages.
_WORDS = (
    "minister", "defence", "budget", "border", "talks", "navy", "drone", "contract", "inquiry",
    "council", "harbour", "cable", "treaty", "sanctions", "alliance", "summit", "frigate",
    "patrol", "report", "spokesman", "parliament", "vote", "billion", "percent", "week",
    "ministry", "troops", "exercise", "coast", "security", "agreement",
)
_SEED = 20250301
_PARAGRAPHS_PER_PAGE = 6
_WORDS_PER_PARAGRAPH = 60


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages to serve and ingest")
    parser.add_argument("--concurrency", type=int, nargs="*", default=[1, 4, 8],
                        help="fetch.concurrency values to run")
    args = parser.parse_args()
    table = Table(title=f"fetch + ingest of {args.pages:,} pages served on 127.0.0.1")
    for column in ("concurrency", "run", "pages", "stored", "seconds", "pages/s",
                   "of which clean s", "store s"):
        table.add_column(column, justify="right" if column != "run" else "left")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        names = _write_site(root / "site", args.pages)
        with _serve(root / "site") as base:
            for workers in args.concurrency:
                for row in _runs(root, base, names, workers):
                    table.add_row(*row)
    Console(width=130).print(table)
    return 0


def _runs(root: Path, base: str, names: list[str], workers: int) -> list[tuple[str, ...]]:
    settings = Settings.load(overrides={
        "fetch.allow_addresses": "127.0.0.1/32", "fetch.politeness_seconds": "0",
        "fetch.concurrency": str(workers), "fetch.max_pages_per_poll": str(len(names))})
    fetched, fetch_seconds = _fetch_only(settings, [f"{base}/{n}" for n in names], workers)
    with Desk(root / f"bench-{workers}.db", settings) as desk:
        started = time.perf_counter()
        report = desk.ingest([f"{base}/sitemap.xml"])
        seconds = time.perf_counter() - started
    steps = {t.stage: t.seconds for t in report.timings}
    return [
        (str(workers), "fetch only", f"{len(names):,}", f"{fetched:,}", f"{fetch_seconds:.2f}",
         f"{len(names) / fetch_seconds:.1f}", "", ""),
        (str(workers), "fetch + ingest", f"{len(names):,}", f"{len(report.stored):,}",
         f"{seconds:.2f}", f"{len(names) / seconds:.1f}", f"{steps['clean']:.2f}",
         f"{steps['store']:.2f}"),
    ]


def _fetch_only(settings: Settings, urls: list[str], workers: int) -> tuple[int, float]:
    fetcher = HttpFetcher.from_settings(settings.fetch)
    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        answers = list(pool.map(fetcher.fetch, urls))
    seconds = time.perf_counter() - started
    fetcher.close()
    return sum(1 for a in answers if getattr(a, "status", 0) == 200), seconds


def _write_site(folder: Path, pages: int) -> list[str]:
    folder.mkdir()
    rng = random.Random(_SEED)
    names = [f"news/{n:05d}.html" for n in range(pages)]
    (folder / "news").mkdir()
    for n, name in enumerate(names):
        (folder / name).write_text(_page(rng, n), encoding="utf-8")
    locs = "".join(f"<url><loc>BASE/{name}</loc></url>" for name in names)
    (folder / "sitemap.template").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{locs}</urlset>", encoding="utf-8")
    return names


def _page(rng: random.Random, number: int) -> str:
    title = " ".join(rng.choice(_WORDS) for _ in range(8)).capitalize()
    paragraphs = "".join(
        "<p>" + " ".join(rng.choice(_WORDS) for _ in range(_WORDS_PER_PARAGRAPH)).capitalize()
        + ".</p>" for _ in range(_PARAGRAPHS_PER_PAGE))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='og:site_name' content='Bench Outlet {number % 10}'>"
            f"<meta property='article:published_time' content='2025-03-{1 + number % 28:02d}'>"
            f"</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>{paragraphs}</article>"
            "<footer>© Bench Outlet. All rights reserved.</footer></body></html>")


class _serve:
    """``python -m http.server`` on a free port of 127.0.0.1, in its own process."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> str:
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        template = (self._folder / "sitemap.template").read_text(encoding="utf-8")
        (self._folder / "sitemap.xml").write_text(template.replace("BASE", base), "utf-8")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
             "--directory", str(self._folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_until_up(base)
        return base

    def __exit__(self, *_exc: object) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(base: str, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/sitemap.xml", timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"the local server at {base} did not start")


if __name__ == "__main__":
    sys.exit(main())
