"""The figures command and the story timeline in ``show``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

TEXT = ("Navy orders frigates\n\nSource: https://www.example.co.uk/navy\n\n"
        "The navy will spend £2.7bn (€3.2bn) on 12 new frigates, the minister said on Monday.")


def test_cli_figures_lists_figures_and_json_has_the_contract_fields(
        cli: Callable[..., Any], inputs: Callable[[str, str], Path]) -> None:
    cli("--quiet", "ingest", str(inputs("navy.txt", TEXT)))
    cli("--quiet", "analyze")
    table = cli("figures")
    assert table.exit_code == 0 and "£2.7bn" in table.stdout and "frigates" in table.stdout
    found = cli("figures", "--json").json()
    money = [f for f in found if f["kind"] == "money"]
    assert {(f["value"], f["unit"]) for f in money} == {(2.7e9, "GBP"), (3.2e9, "EUR")}
    assert all(f["id"].startswith("f-") and "subject" in f for f in found)


def test_cli_figures_for_an_unknown_story_is_a_one_line_error(
        cli: Callable[..., Any]) -> None:
    result = cli("figures", "--story", "s-missing")
    assert result.exit_code == 2 and "s-missing" in result.stderr


def test_cli_show_story_prints_its_timeline(
        cli: Callable[..., Any], inputs: Callable[[str, str], Path]) -> None:
    cli("--quiet", "ingest", "--published", "2025-03-11", str(inputs("navy.txt", TEXT)))
    cli("--quiet", "analyze")
    story = cli("stories", "--json").json()[0]["id"]
    shown = cli("show", story)
    assert "Timeline" in shown.stdout and "2025-03-10" in shown.stdout
    assert cli("show", story, "--json").json()["timeline"][0]["date"] == "2025-03-10"
