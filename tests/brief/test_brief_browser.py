"""A story briefing's HTML in a real browser (Playwright driving Debian's Chromium): the
coverage chart is drawn, wording differences are highlighted, conflicts are marked.

Skipped (with the reason) only when /usr/bin/chromium is missing; `.ci/run` installs it.
The page is opened from a file with the network cut off: it must need nothing else.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import SampleRun
from newsdesk import Desk

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]
# Where a screenshot of the briefing goes for a person to look at (never into the repo).
SCREENSHOT = Path(os.environ.get("NEWSDESK_BRIEF_SCREENSHOT",
                                 Path(tempfile.gettempdir()) / "newsdesk-briefing.png"))

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's Chromium (/usr/bin/chromium) is not installed: run "
           "`apt-get install -y chromium` (bash .ci/run does)")


@pytest.fixture(scope="module")
def page(sample_run: SampleRun, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with Desk(sample_run.db) as desk:
        groups = desk.comparisons()["quote_groups"]
        differing = [g for g in groups if g["verdict"] != "identical"]
        story_id = max(differing, key=lambda g: len(g["quote_ids"]))["story_id"]
        html = desk.brief(story_id, "html")
    path = tmp_path_factory.mktemp("brief") / "briefing.html"
    path.write_text(html, "utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1100, "height": 900})
        requests: list[str] = []
        context.on("request", lambda r: requests.append(r.url))
        opened = context.new_page()
        opened.goto(path.as_uri())
        opened.screenshot(path=str(SCREENSHOT), full_page=True)
        yield opened, requests
        browser.close()


def test_the_briefing_loads_nothing_but_itself(page: tuple[Any, list[str]]) -> None:
    _, requests = page
    assert [r for r in requests if not r.startswith("file:")] == []


def test_the_coverage_chart_is_drawn_with_a_dot_per_dated_article(
        page: tuple[Any, list[str]]) -> None:
    opened, _ = page
    chart = opened.locator("figure.coverage svg")
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 50
    dots = opened.locator("figure.coverage circle.dot")
    assert dots.count() >= 2
    first = dots.first.bounding_box()
    assert first is not None and first["width"] > 4
    assert opened.locator("figure.coverage text.outlet").count() >= 2


def test_wording_differences_are_highlighted(page: tuple[Any, list[str]]) -> None:
    opened, _ = page
    section = opened.locator("section.wording")
    assert section.is_visible()
    changed = section.locator("ins.changed, ins.minor, del.minor").first
    assert changed.is_visible()
    colour = changed.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    struck = section.locator("del.changed, del.missing, del.minor").first
    if struck.count():
        assert "line-through" in struck.evaluate("e => getComputedStyle(e).textDecorationLine")


def test_every_quote_line_links_to_its_article(page: tuple[Any, list[str]]) -> None:
    opened, _ = page
    links = opened.locator("ul.quotes li .src a")
    assert links.count() >= 1
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href") or ""
        assert href.startswith(("#a-", "http://", "https://"))
