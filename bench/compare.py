"""Compare quality on the sample corpus gold: wording variants and verdicts, independent
counts, conflicts, only-here, copies; and how long the compare stage takes.

    python bench/compare.py [--db PATH]

Without ``--db`` a fresh database is built from examples/corpus (ingest + analyze). With
``--db`` an analysed sample database is read as it is. The scores are defined in
``newsdesk.compare_eval``; tests/quality_floors.toml [compare] pins floors under them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsdesk import Desk, sample_corpus, sample_inputs
from newsdesk.compare_eval import compare_scores
from newsdesk.goldset import article_key, load_gold


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    console = Console()
    if args.db is not None:
        with Desk(args.db) as desk:
            console.print(_table(desk, None))
        return 0
    with tempfile.TemporaryDirectory() as folder, Desk(Path(folder) / "sample.db") as desk:
        desk.ingest(sample_inputs())
        report = desk.analyze()
        seconds = next(t.seconds for t in report.timings if t.stage == "compare")
        console.print(_table(desk, seconds))
    return 0


def _table(desk: Desk, seconds: float | None) -> Table:
    corpus = sample_corpus()
    keyed = {article_key(a, desk.raw(a.id).record, corpus): a for a in desk.articles()}
    scores = compare_scores(load_gold(corpus), keyed, desk.quotes(), desk.figures(),
                            desk.comparisons())
    table = Table("sample corpus gold", "value", title="Compare: wordings, conflicts, only-here")
    for name, value in scores.items():
        table.add_row(name, f"{value:.3f}" if isinstance(value, float) else str(value))
    if seconds is not None:
        stories = len(desk.stories())
        table.add_row("compare stage seconds (all stories)", f"{seconds:.2f}")
        table.add_row("stories compared", str(stories))
    return table


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    print(f"total {time.perf_counter() - started:.1f} s", file=sys.stderr)
    sys.exit(code)
