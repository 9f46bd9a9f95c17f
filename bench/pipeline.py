"""Whole-pipeline benchmark: seconds, articles/s and peak memory per stage.

    python bench/pipeline.py                 # the sample corpus, and ECB+ when present
    python bench/pipeline.py PATH [PATH...]  # any files or folders

Each corpus goes into a fresh database in a temporary folder. Peak memory is the process's
resident high-water mark after the stage (it only grows), so a stage's own cost is its rise.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsdesk import Desk, sample_inputs
from newsdesk.model import StageTiming

ECBPLUS = Path(__file__).resolve().parents[2] / "shared/data/clustering/ecbplus/train.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="corpora to run (default: sample + ECB+)")
    args = parser.parse_args()
    corpora = [[p] for p in args.paths] if args.paths else _default_corpora()
    console = Console()
    for corpus in corpora:
        console.print(_run(corpus))
    return 0


def _default_corpora() -> list[list[str]]:
    corpora = [[str(p) for p in sample_inputs()]]
    if ECBPLUS.is_file():
        corpora.append([str(ECBPLUS)])
    else:
        print(f"skipping ECB+: {ECBPLUS} is absent", file=sys.stderr)
    return corpora


def _run(paths: list[str]) -> Table:
    rows: list[tuple[StageTiming, float]] = []
    with tempfile.TemporaryDirectory() as folder, Desk(Path(folder) / "bench.db") as desk:
        started = time.perf_counter()
        ingested = desk.ingest(paths)
        rows += [(t, _peak_mb()) for t in ingested.timings]
        analysed = desk.analyze()
        rows += [(t, _peak_mb()) for t in analysed.timings]
        total = time.perf_counter() - started
        articles = len(desk.articles())
    table = Table(title=f"{', '.join(paths)}: {articles} articles, "
                        f"{analysed.stories} stories, {total:.2f} s in all")
    for column in ("stage", "items", "seconds", "items/s", "peak RSS MB"):
        table.add_column(column, justify="left" if column == "stage" else "right")
    for timing, peak in rows:
        rate = timing.items / timing.seconds if timing.seconds > 0 else 0.0
        table.add_row(timing.stage, str(timing.items), f"{timing.seconds:.3f}", f"{rate:,.1f}",
                      f"{peak:,.0f}")
    table.add_row("total", str(articles), f"{total:.3f}", f"{articles / total:,.1f}",
                  f"{_peak_mb():,.0f}")
    return table


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    raise SystemExit(main())
