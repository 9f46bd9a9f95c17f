"""The ``newsdesk`` command: every command runs, bad inputs are reported, exit codes hold."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text

from newsdesk.brief import validation_errors
from newsdesk.cli import _hits_table
from newsdesk.model import SearchHit

Cli = Callable[..., Any]
Inputs = Callable[[str, str | bytes], Path]

STORM_PAGE = """<html><head><title>Storm cuts power to coastal towns</title>
<meta property="og:site_name" content="Coast Times">
<link rel="canonical" href="https://www.coast-times.example.com/storm">
<meta property="article:published_time" content="2025-02-12T10:00:00Z">
</head><body><article><h1>Storm cuts power to coastal towns</h1>
<p>A powerful storm hit the coast on Wednesday night, cutting electricity to thousands of
homes and closing the harbour road.</p>
<p>Engineers expect the power lines to be repaired by the weekend, the grid operator said.</p>
</article></body></html>"""


def settings_flags(settings: dict[str, str]) -> list[str]:
    return [flag for key, value in settings.items() for flag in ("--set", f"{key}={value}")]


@pytest.fixture
def corpus(inputs: Inputs, texts: dict[str, str]) -> Path:
    """A tiny corpus: a JSON record, a later wire copy of it, an HTML page, a text page."""
    origin = {"text": texts["bridge"], "outlet": "Avon Post", "published": "2025-02-11",
              "url": "https://www.avon-post.example.co.uk/b"}
    copy = {"text": texts["bridge"].upper(), "outlet": "Wire", "published": "2025-02-14"}
    inputs("bridge.json", json.dumps(origin))
    inputs("wire.jsonl", json.dumps(copy) + "\n")
    inputs("library.txt", texts["library"])
    return inputs("storm.html", STORM_PAGE).parent


@pytest.fixture
def analysed(cli: Cli, corpus: Path) -> dict[str, Any]:
    """The corpus ingested and analysed through the CLI; its stories and articles as JSON."""
    assert cli("--quiet", "ingest", str(corpus)).exit_code == 0
    assert cli("--quiet", "analyze").exit_code == 0
    stories = cli("stories", "--json").json()
    by_title = {s["title"]: s for s in stories}
    storm = by_title["Storm cuts power to coastal towns"]
    return {"stories": stories, "storm": storm, "storm_article": storm["article_ids"][0],
            "bridge": by_title["Council approves new river bridge"]}


# --- bad inputs -----------------------------------------------------------------------------


def test_cli_ingest_names_each_bad_input_on_one_line_and_goes_on(
        bad_input: Any, cli: Cli, inputs: Inputs, texts: dict[str, str]) -> None:
    good = inputs("good.txt", texts["bridge"])
    bad = bad_input.make(good.parent)
    source = f"{bad}{bad_input.source_suffix}"

    run = cli(*settings_flags(bad_input.settings), "ingest", str(bad), str(good))

    assert run.exit_code == 1
    lines = [line for line in run.stderr.splitlines() if source in line]
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(f"rejected {source}: ")
    assert bad_input.words in lines[0]
    assert f"{1 + bad_input.stored_alongside} stored, 0 already stored, 1 rejected" in run.stderr


def test_cli_rejected_lists_each_bad_input_with_its_reason(
        bad_input: Any, cli: Cli, inputs: Inputs, texts: dict[str, str]) -> None:
    good = inputs("good.txt", texts["bridge"])
    bad = bad_input.make(good.parent)
    flags = settings_flags(bad_input.settings)
    cli(*flags, "ingest", str(bad), str(good))

    listed = cli(*flags, "rejected", "--json").json()

    assert [(r["source"], r["reason"], r["count"]) for r in listed] == [
        (f"{bad}{bad_input.source_suffix}", bad_input.reason.value, 1)]
    assert bad_input.words in listed[0]["detail"]


def test_cli_rejected_table_shows_source_reason_and_detail(cli: Cli) -> None:
    Path("empty.txt").write_bytes(b"")
    cli("--quiet", "ingest", "empty.txt", "missing.html")
    table = cli("rejected").stdout
    assert "empty.txt" in table
    assert "missing.html" in table
    assert "missing-path" in table
    assert "the file is empty" in table


def test_cli_rejected_says_so_when_there_is_nothing(cli: Cli) -> None:
    run = cli("rejected")
    assert (run.exit_code, run.stdout.strip()) == (0, "no rejected inputs")


def test_cli_ingest_decodes_a_legacy_encoding(cli: Cli, inputs: Inputs) -> None:
    text = ("Le café du marché a rouvert ses portes après les inondations\n\n"
            "Les habitués ont salué la décision du maire, qui a déclaré que la réouverture "
            "était « une très bonne nouvelle » pour tout le quartier. Même les élèves de "
            "l’école voisine étaient présents à la fête.\n")
    path = inputs("cafe.txt", text.encode("cp1252"))

    run = cli("ingest", str(path))
    hits = cli("search", "réouverture", "--json").json()

    assert run.exit_code == 0
    assert "1 stored, 0 already stored, 0 rejected" in run.stderr
    assert "était « une très bonne nouvelle »" in hits[0]["snippet"]


@pytest.mark.parametrize("name", ["page.html.gz", "page.txt.gz", "feed.jsonl.gz"])
def test_cli_ingest_reads_gzipped_inputs(cli: Cli, inputs: Inputs, texts: dict[str, str],
                                         name: str) -> None:
    body = {"page.html.gz": STORM_PAGE, "page.txt.gz": texts["storm"],
            "feed.jsonl.gz": json.dumps({"text": texts["storm"]}) + "\n"}[name]
    path = inputs(name, gzip.compress(body.encode("utf-8")))
    run = cli("ingest", str(path))
    hits = cli("search", "harbour", "--json").json()
    assert run.exit_code == 0
    assert "1 stored, 0 already stored, 0 rejected" in run.stderr
    assert len(hits) == 1


def test_cli_ingest_exits_zero_when_nothing_was_rejected_and_reports_unchanged(
        cli: Cli, corpus: Path) -> None:
    first = cli("ingest", str(corpus))
    second = cli("ingest", str(corpus))
    assert (first.exit_code, second.exit_code) == (0, 0)
    assert "4 stored, 0 already stored, 0 rejected" in first.stderr
    assert "0 stored, 4 already stored, 0 rejected" in second.stderr


def test_cli_ingest_json_reports_stored_unchanged_and_rejected(cli: Cli, corpus: Path) -> None:
    run = cli("ingest", "--json", str(corpus), str(corpus / "nowhere.txt"))
    report = run.json()
    assert run.exit_code == 1
    assert len(report["stored"]) == 4
    assert report["unchanged"] == []
    assert [(r["reason"], r["stage"]) for r in report["rejected"]] == [("missing-path", "ingest")]


def test_cli_ingest_applies_outlet_and_published_defaults(cli: Cli, inputs: Inputs,
                                                          texts: dict[str, str]) -> None:
    path = inputs("a.txt", texts["storm"])
    cli("--quiet", "ingest", "--outlet", "Coast Radio", "--published", "2025-02-12", str(path))
    cli("--quiet", "analyze")
    [story] = cli("stories", "--json").json()
    [article] = cli("show", story["id"], "--json").json()["articles"]
    assert (article["outlet"], article["published"]) == ("Coast Radio", "2025-02-12")


# --- quiet --------------------------------------------------------------------------------


def test_cli_quiet_prints_no_progress_or_summary(cli: Cli, corpus: Path, tmp_path: Path) -> None:
    runs = [cli("--quiet", "ingest", str(corpus)), cli("--quiet", "analyze"),
            cli("--quiet", "export", "-o", str(tmp_path / "out.json"))]
    assert [(r.exit_code, r.stdout, r.stderr) for r in runs] == [(0, "", "")] * 3


def test_cli_quiet_still_reports_rejected_inputs(cli: Cli, corpus: Path) -> None:
    run = cli("-q", "ingest", str(corpus), str(corpus / "nowhere.txt"))
    assert run.exit_code == 1
    assert run.stderr.strip().splitlines() == [
        f"rejected {corpus / 'nowhere.txt'}: no such file or folder"]


def test_cli_without_quiet_prints_summaries(cli: Cli, corpus: Path, tmp_path: Path) -> None:
    cli("ingest", str(corpus))
    analyze = cli("analyze")
    export = cli("export", "-o", str(tmp_path / "out.json"))
    assert "3 stories (3 new), 1 copies, 0 documents re-cleaned" in analyze.stderr
    assert f"4 articles, 3 stories -> {tmp_path / 'out.json'}" in export.stderr


# --- every command ------------------------------------------------------------------------


def test_cli_analyze_json_parses(cli: Cli, corpus: Path) -> None:
    cli("--quiet", "ingest", str(corpus))
    report = cli("analyze", "--json").json()
    assert (report["stories"], report["new_stories"], report["copies"]) == (3, 3, 1)
    assert [t["stage"] for t in report["timings"]] == [
        "re-clean", "repeated-lines", "dedupe", "entities", "figures", "quotes", "embeddings",
        "cluster", "people", "compare", "story-stats"]


def test_cli_stories_lists_every_story(cli: Cli, analysed: dict[str, Any]) -> None:
    table = cli("stories")
    assert table.exit_code == 0
    for story in analysed["stories"]:
        assert story["id"] in table.stdout
    assert analysed["bridge"]["outlets"] == ["Avon Post", "Wire"]
    assert analysed["storm"]["outlets"] == ["Coast Times"]


def test_cli_stories_before_any_analysis_says_what_to_do(cli: Cli) -> None:
    assert "no stories yet" in cli("stories").stdout
    assert cli("stories", "--json").json() == []


def test_cli_show_story_lists_its_articles(cli: Cli, analysed: dict[str, Any]) -> None:
    bridge = analysed["bridge"]
    run = cli("show", bridge["id"])
    data = cli("show", bridge["id"], "--json").json()
    assert run.exit_code == 0
    assert "Council approves new river bridge" in run.stdout
    assert all(article_id in run.stdout for article_id in bridge["article_ids"])
    assert [a["id"] for a in data["articles"]] == bridge["article_ids"]
    assert "text" not in data["articles"][0]


def test_cli_show_article_prints_metadata_and_text(cli: Cli, analysed: dict[str, Any]) -> None:
    article_id = analysed["storm_article"]
    run = cli("show", article_id)
    assert run.exit_code == 0
    assert "Coast Times" in run.stdout
    assert "https://www.coast-times.example.com/storm" in run.stdout
    assert "cutting electricity to thousands" in run.stdout
    assert "headline-repeat" not in run.stdout


def test_cli_show_article_removed_lists_page_furniture(cli: Cli,
                                                       analysed: dict[str, Any]) -> None:
    run = cli("show", analysed["storm_article"], "--removed")
    assert run.exit_code == 0
    assert "Removed (1)" in run.stdout
    assert "headline-repeat" in run.stdout


def test_cli_show_article_raw_prints_the_input_as_stored(cli: Cli,
                                                         analysed: dict[str, Any]) -> None:
    run = cli("show", analysed["storm_article"], "--raw")
    assert run.exit_code == 0
    assert run.stdout.rstrip("\n") == STORM_PAGE


def test_cli_show_article_json_explains_a_copy(cli: Cli, analysed: dict[str, Any]) -> None:
    articles = [cli("show", a, "--json").json() for a in analysed["bridge"]["article_ids"]]
    [copy] = [a for a in articles if a["copy"]]
    [origin] = [a for a in articles if not a["copy"]]
    assert copy["copy"]["copy_of"] == origin["id"]
    assert copy["copy"]["method"] == "exact"
    assert copy["copy"]["shared_passages"]
    assert copy["outlet"] == "Wire"
    assert "text" in origin


def test_cli_search_prints_hits_and_json(cli: Cli, analysed: dict[str, Any]) -> None:
    table = cli("search", "harbour")
    hits = cli("search", "harbour", "--json").json()
    assert table.exit_code == 0
    assert analysed["storm_article"] in table.stdout
    assert [h["article_id"] for h in hits] == [analysed["storm_article"]]
    assert hits[0]["highlights"]


def test_cli_search_without_hits_says_so(cli: Cli, analysed: dict[str, Any]) -> None:
    run = cli("search", "volcano")
    assert (run.exit_code, run.stdout, run.stderr.strip()) == (0, "", "no matches")
    assert cli("search", '"', "--json").json() == []


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_cli_export_writes_each_format_to_a_file(cli: Cli, analysed: dict[str, Any],
                                                 tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"export.{fmt}"
    run = cli("--quiet", "export", "--format", fmt, "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert (run.exit_code, run.stdout) == (0, "")
    if fmt == "json":
        assert validation_errors(json.loads(text)) == []
    elif fmt == "jsonl":
        assert all("type" in json.loads(line) for line in text.splitlines())
    else:
        assert len(list(csv.DictReader(io.StringIO(text)))) == 4


def test_cli_export_to_stdout_is_the_json_export(cli: Cli, analysed: dict[str, Any]) -> None:
    run = cli("export")
    assert run.exit_code == 0
    assert validation_errors(run.json()) == []


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_cli_brief_renders_a_story(cli: Cli, analysed: dict[str, Any], tmp_path: Path,
                                   fmt: str) -> None:
    story = analysed["storm"]
    to_stdout = cli("brief", story["id"], "--format", fmt)
    target = tmp_path / f"brief.{fmt}"
    to_file = cli("brief", story["id"], "--format", fmt, "-o", str(target))
    assert (to_stdout.exit_code, to_file.exit_code) == (0, 0)
    assert target.read_text(encoding="utf-8") == to_stdout.stdout
    assert "Storm cuts power to coastal towns" in to_stdout.stdout


def test_cli_settings_lists_every_setting_with_help(cli: Cli) -> None:
    run = cli("settings")
    assert run.exit_code == 0
    assert "cluster.similarity_threshold" in run.stdout
    assert "TF-IDF" in run.stdout


def test_cli_set_overrides_a_setting(cli: Cli) -> None:
    data = cli("--set", "cluster.similarity_threshold=0.5", "settings", "--json").json()
    assert data["cluster.similarity_threshold"] == 0.5
    assert data["store.db"] == str(cli.database)  # type: ignore[attr-defined]


def test_cli_reads_newsdesk_toml_and_set_beats_it(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "custom.toml"
    config.write_text("[cluster]\nsimilarity_threshold = 0.4\nmax_features = 99\n")
    data = cli("--config", str(config), "--set", "cluster.max_features=7", "settings",
               "--json").json()
    assert (data["cluster.similarity_threshold"], data["cluster.max_features"]) == (0.4, 7)


def test_cli_demo_builds_a_database_briefings_and_export(cli: Cli, corpus: Path,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "demo"
    run = cli("demo", "--corpus", str(corpus), "--out", str(out))
    assert run.exit_code == 0, run.stderr
    assert "4 documents, 3 stories, 1 copies, 0 rejected" in run.stdout
    assert (out / "newsdesk.db").is_file()
    assert len(list((out / "briefings").glob("*.md"))) == 3
    assert len(list((out / "briefings").glob("*.html"))) == 3
    export = json.loads((out / "export.json").read_text(encoding="utf-8"))
    assert validation_errors(export) == []


def test_cli_demo_twice_starts_from_a_fresh_database(cli: Cli, corpus: Path,
                                                     tmp_path: Path) -> None:
    out = tmp_path / "demo"
    cli("--quiet", "demo", "--corpus", str(corpus), "--out", str(out))
    again = cli("--quiet", "demo", "--corpus", str(corpus), "--out", str(out))
    assert "4 documents, 3 stories, 1 copies, 0 rejected" in again.stdout


# --- usage errors -------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["show", "s-0000000000000000"],
    ["show", "a-0000000000000000"],
    ["show", "a-0000000000000000", "--raw"],
    ["brief", "s-0000000000000000"],
])
def test_cli_unknown_id_is_a_usage_error(cli: Cli, args: list[str]) -> None:
    run = cli(*args)
    assert run.exit_code == 2
    assert run.stdout == ""
    [line] = run.stderr.strip().splitlines()
    assert line.startswith("error: no ")
    assert f"with id '{args[1]}'" in line


def test_cli_bad_published_is_a_usage_error(cli: Cli, inputs: Inputs,
                                            texts: dict[str, str]) -> None:
    path = inputs("a.txt", texts["bridge"])
    run = cli("ingest", "--published", "12/02/2025", str(path))
    assert run.exit_code == 2
    assert "error: --published '12/02/2025' is not an ISO date" in run.stderr


@pytest.mark.parametrize(("args", "words"), [
    (["--set", "cluster.nope=1", "settings"], "unknown setting cluster.nope"),
    (["--set", "cluster.similarity_threshold=high", "settings"],
     "cluster.similarity_threshold must be float"),
    (["--set", "no-equals-sign", "settings"], "must look like section.name=value"),
    (["--config", "nowhere.toml", "settings"], "settings file not found"),
    (["brief", "s-x", "--format", "pdf"], "unknown briefing format 'pdf'"),
    (["export", "--format", "xml"], "unknown export format 'xml'"),
    (["frobnicate"], "No such command"),
])
def test_cli_usage_errors_exit_two_with_a_message(cli: Cli, args: list[str], words: str) -> None:
    run = cli(*args)
    assert run.exit_code == 2
    assert words in run.stderr


def test_cli_export_with_a_bad_format_leaves_the_output_file_alone(cli: Cli,
                                                                   tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_text("yesterday's export")
    run = cli("export", "--format", "jsn", "-o", str(target))
    assert run.exit_code == 2
    assert target.read_text() == "yesterday's export"


# --- rendering details --------------------------------------------------------------------


def highlighted(cell: Text) -> list[str]:
    return [cell.plain[span.start:span.end] for span in cell.spans if span.style == "bold yellow"]


def test_search_table_highlights_words_after_a_paragraph_break() -> None:
    hit = SearchHit(article_id="a-1", title="Storm", outlet=None, published=None,
                    snippet="Storm hits coast\n\nA powerful storm hit", highlights=((0, 5),
                                                                                  (29, 34)))
    table = _hits_table([hit])
    [cell] = table.columns[3]._cells
    assert highlighted(cell) == ["Storm", "storm"]


def test_search_table_highlights_words_in_the_first_paragraph() -> None:
    hit = SearchHit(article_id="a-1", title="Storm", outlet=None, published=None,
                    snippet="A powerful storm hit the coast", highlights=((11, 16),))
    [cell] = _hits_table([hit]).columns[3]._cells
    assert highlighted(cell) == ["storm"]
