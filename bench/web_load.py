"""Load benchmark of the web UI: N concurrent clients on loopback, against the story list and
a story page, with 10,000 articles stored. Prints requests/s, p50/p95/p99 latency and errors.

    python bench/web_load.py [--clients 8] [--seconds 60] [--articles 10000] [--db FILE]
                             [--workers 1]

The 10,000 articles are synthesised by recombining the sample corpus's paragraphs (for timing
only: their content means nothing). They are ingested and analysed through the real pipeline
into a temporary database, or into --db, which is reused when it already holds them. The server
runs as `newsdesk serve` in its own process, so client and server do not share one interpreter.
Target (issue 8): story page p95 < 100 ms with zero errors.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx2

from newsdesk import Desk, sample_inputs

# Paragraphs per synthetic article: a short wire item to a long feature.
PARAGRAPHS = (3, 12)
# Dates the synthetic articles spread over, and how many outlets publish them.
DAYS, OUTLETS = 60, 40
SEED = 8
# How long the server may take to start: it imports the whole pipeline, which takes several
# seconds on a busy machine.
SERVER_START_S = 120


@dataclass
class Tally:
    """What one target's run saw."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=60.0, help="seconds per target")
    parser.add_argument("--articles", type=int, default=10_000, help="articles stored")
    parser.add_argument("--db", type=Path, help="database to build (or reuse) instead of a "
                        "temporary one")
    parser.add_argument("--workers", type=int, default=1, help="server processes "
                        "(newsdesk serve --workers)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "web-load.db"
        story_id = _prepare(db, args.articles, Path(folder))
        with _server(db, args.workers) as base:
            for name, path, fresh in _targets(story_id):
                tally = asyncio.run(_hammer(base + path, args.clients, args.seconds, fresh))
                _report(name, tally, args)
    return 0


def _targets(story_id: str) -> list[tuple[str, str, bool]]:
    """(name, path, every request a cache miss). The server keeps answers while the database
    is unchanged; a never-repeated query parameter makes it compute every answer afresh."""
    story = f"/stories/{story_id}"
    return [("story list /", "/", False), ("story list / (uncached)", "/", True),
            (f"story page {story}", story, False), (f"story page {story} (uncached)", story,
                                                    True)]


def _prepare(db: Path, wanted: int, folder: Path) -> str:
    """The database with ``wanted`` synthetic articles analysed; returns its largest story."""
    with Desk(db) as desk:
        have = desk.article_list(limit=1).total
        if have < wanted:
            started = time.perf_counter()
            feed = folder / "synthetic.jsonl"
            _write_synthetic(feed, wanted - have, _paragraphs())
            desk.ingest([feed])
            report = desk.analyze()
            print(f"built {wanted:,} articles, {report.stories:,} stories in "
                  f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
        biggest = max(desk.stories(), key=lambda s: len(s.article_ids))
        print(f"{desk.article_list(limit=1).total:,} articles, {len(desk.stories()):,} stories;"
              f" story page target {biggest.id} holds {len(biggest.article_ids):,} articles",
              file=sys.stderr)
        return biggest.id


def _paragraphs() -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of every sample-corpus article, cleaned by the real pipeline."""
    with tempfile.TemporaryDirectory() as folder, Desk(Path(folder) / "s.db") as sample:
        sample.ingest(sample_inputs())
        return [(a.title or "", [p for p in a.text.split("\n\n") if len(p) > 40])
                for a in sample.articles()]


def _write_synthetic(path: Path, count: int, sources: list[tuple[str, list[str]]]) -> None:
    rng = random.Random(SEED)
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            title, own = rng.choice(sources)
            pool = own + [p for _, ps in rng.sample(sources, 2) for p in ps]
            body = rng.sample(pool, min(len(pool), rng.randint(*PARAGRAPHS)))
            record = {"title": f"{title} ({n})", "text": "\n\n".join([f"{title} {n}", *body]),
                      "outlet": f"Outlet {rng.randrange(OUTLETS):02d}",
                      "published": f"2025-{3 + rng.randrange(DAYS) // 30:02d}-"
                                   f"{1 + rng.randrange(28):02d}T{rng.randrange(24):02d}:00:00Z"}
            out.write(json.dumps(record) + "\n")


class _server:
    """``newsdesk serve`` on a free loopback port, in its own process."""

    def __init__(self, db: Path, workers: int) -> None:
        self.db, self.workers = db, workers

    def __enter__(self) -> str:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        newsdesk = Path(sys.executable).with_name("newsdesk")
        env = {k: v for k, v in os.environ.items() if k != "NEWSDESK_TOKEN"}
        self.process = subprocess.Popen(
            [str(newsdesk), "--quiet", "serve", "--db", str(self.db), "--port", str(port),
             "--workers", str(self.workers)],
            env=env)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + SERVER_START_S
        while time.monotonic() < deadline:
            try:
                if httpx2.get(base + "/static/desk.css").status_code == 200:
                    return base
            except httpx2.TransportError:
                time.sleep(0.1)
        self.process.kill()
        raise RuntimeError("newsdesk serve did not start")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


async def _hammer(url: str, clients: int, seconds: float, fresh: bool) -> Tally:
    tally = Tally()
    limits = httpx2.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx2.AsyncClient(limits=limits, timeout=30) as session:
        await session.get(url)  # warm-up: first-request costs are not the steady state
        stop = time.perf_counter() + seconds
        urls = (f"{url}?run={n}" if fresh else url for n in itertools.count())
        await asyncio.gather(*(_client(session, urls, stop, tally) for _ in range(clients)))
    return tally


async def _client(session: httpx2.AsyncClient, urls: Iterator[str], stop: float,
                  tally: Tally) -> None:
    while time.perf_counter() < stop:
        started = time.perf_counter()
        try:
            answer = await session.get(next(urls))
            await answer.aread()
            tally.statuses[answer.status_code] = tally.statuses.get(answer.status_code, 0) + 1
            if answer.status_code != 200:
                tally.errors += 1
        except httpx2.HTTPError:
            tally.errors += 1
        tally.latencies.append(time.perf_counter() - started)


def _report(name: str, tally: Tally, args: argparse.Namespace) -> None:
    ms = sorted(1000 * t for t in tally.latencies)
    cuts = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
    print(f"{name}\n  {args.clients} clients, {args.workers} server workers, "
          f"{args.seconds:.0f} s: {len(ms):,} requests, "
          f"{len(ms) / args.seconds:.1f} req/s, p50 {cuts[49]:.1f} ms, p95 {cuts[94]:.1f} ms, "
          f"p99 {cuts[98]:.1f} ms, errors {tally.errors} (statuses {tally.statuses})")


if __name__ == "__main__":
    sys.exit(main())
