"""The compare stage wired in: stored per story, recomputed only where a story changed,
read back through the analysis readers, the web story page, the CLI and the export."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsdesk import Desk, pipeline
from newsdesk.brief import validation_errors
from newsdesk.model import AnalysisScope

READ_BY_COMPARE = ("quote_groups", "figure_conflicts", "corroboration")


def test_the_compare_readers_are_registered() -> None:
    assert set(READ_BY_COMPARE) <= set(pipeline.ANALYSIS_READERS)


def test_readers_keep_to_their_scope(sample_desk: Desk) -> None:
    groups = sample_desk.analysis("quote_groups")
    assert groups
    story_id = groups[0]["story_id"]
    scoped = sample_desk.analysis("quote_groups", AnalysisScope(story_id=story_id))
    assert scoped and all(g["story_id"] == story_id for g in scoped)
    article_id = groups[0]["article_ids"][0]
    by_article = sample_desk.analysis("corroboration", AnalysisScope(article_id=article_id))
    assert by_article is not None
    assert all(article_id in c["article_ids"] for c in by_article)


def test_a_second_analyze_compares_no_story_again(sample_run: Any, tmp_path: Path) -> None:
    copy = tmp_path / "again.db"
    shutil.copy(sample_run.db, copy)
    with Desk(copy) as desk:
        before = desk.comparisons()
        report = desk.analyze()
        assert next(t.items for t in report.timings if t.stage == "compare") == 0
        assert desk.comparisons() == before


def test_the_web_story_page_shows_the_comparisons(sample_desk: Desk,
                                                  web_client: Callable[..., Any]) -> None:
    groups = [g for g in sample_desk.comparisons()["quote_groups"] if g["verdict"] != "identical"]
    story_id = groups[0]["story_id"]
    page = web_client(sample_desk).get(f"/stories/{story_id}")
    assert page.status_code == 200
    assert "Wording differences" in page.text


def test_the_export_carries_the_comparisons_and_stays_valid(sample_desk: Desk) -> None:
    class Sink:
        def write(self, text: str) -> int:
            return len(text)

    data = sample_desk.export(Sink())  # type: ignore[arg-type]
    assert validation_errors(data) == []
    found = data["comparisons"]
    assert found["quote_groups"] and found["corroboration"]
    assert {"claim_conflicts", "primary_checks"} <= set(found)
    quote_ids = {q["id"] for q in data["quotes"]}
    assert all(set(g["quote_ids"]) <= quote_ids for g in found["quote_groups"])


def test_storyline_briefing_in_three_formats(sample_desk: Desk) -> None:
    line = sample_desk.storylines()[0]
    data = json.loads(sample_desk.brief(line.id, "json"))
    assert data["storyline"]["id"] == line.id
    assert [s["story"]["id"] for s in data["stories"]] and data["chart"]["dots"]
    assert sample_desk.brief(line.id, "md").startswith(f"# {line.title}")
    assert "<svg" in sample_desk.brief(line.id, "html")


def test_primary_source_quotes_are_checked(cli: Callable[..., Any], inputs: Any) -> None:
    body = ("Defence minister Ann Lee spoke in Canberra on Tuesday about the drone contract "
            "and the review that will examine it. ")
    inputs("news/a.json", json.dumps({
        "outlet": "Avon Post", "published": "2025-03-04", "title": "Lee pauses drone contract",
        "text": body + "\n\n“We have paused this contract, not cancelled it,” Ms Lee said."}))
    inputs("news/b.json", json.dumps({
        "outlet": "Wire", "published": "2025-03-04", "title": "Lee halts drone contract",
        "text": body + "\n\n“We have halted this contract, not cancelled it,” Ms Lee said."}))
    transcript = inputs("primary/transcript.txt",
                        "Lee pauses drone contract: transcript\n\n" + body +
                        "\n\nANN LEE: We have paused this contract, not cancelled it. We will "
                        "wait for the review.")
    assert cli("--quiet", "ingest", str(transcript.parent.parent / "news")).exit_code == 0
    assert cli("--quiet", "ingest", "--primary", str(transcript)).exit_code == 0
    assert cli("--quiet", "analyze").exit_code == 0
    with Desk(cli.database) as desk:  # type: ignore[attr-defined]
        checks = desk.comparisons()["primary_checks"]
        quotes = {q.id: q for q in desk.quotes()}
    verdicts = {quotes[c["quote_id"]].text.split()[2]: c["matches"] for c in checks}
    assert verdicts == {"paused": True, "halted": False}
