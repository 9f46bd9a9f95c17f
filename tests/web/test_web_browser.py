"""What a reader sees in a real browser: Playwright driving Debian's Chromium.

Skipped (with the reason) only when /usr/bin/chromium is missing; `.ci/run` installs it.
Playwright never downloads a browser here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import (
    FIXED_NOW,
    WEB_TOKEN,
    XSS_PAYLOADS,
    SampleRun,
    hostile_records,
)
from newsdesk import Desk
from newsdesk.web.server import in_background

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's Chromium (/usr/bin/chromium) is not installed: run "
           "`apt-get install -y chromium` (bash .ci/run does)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def sample_site(sample_run: SampleRun) -> Iterator[tuple[str, Desk]]:
    with Desk(sample_run.db, clock=lambda: FIXED_NOW) as desk, in_background(desk) as base:
        yield base, desk


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def _story_titles(tab: Any) -> list[str]:
    return [t.strip() for t in tab.locator("ol.stories h2 a").all_inner_texts()]


def test_reader_filters_stories_opens_one_and_reads_an_article(
        tab: Any, sample_site: tuple[str, Desk]) -> None:
    base, desk = sample_site
    tab.goto(base + "/")
    assert _story_titles(tab) == [s.title for s in desk.stories()]
    tab.get_by_label("Person").fill("Fontaine")
    tab.get_by_role("button", name="Filter").click()
    tab.wait_for_url(re.compile(r"person=Fontaine"))
    filtered = _story_titles(tab)
    assert 0 < len(filtered) < len(desk.stories())
    assert tab.locator("#story-count").inner_text().startswith(f"{len(filtered)} ")
    tab.get_by_role("link", name=filtered[0]).click()
    assert tab.locator("h1").inner_text() == filtered[0]
    for heading in ("Summary", "Timeline", "Coverage", "Key quotes", "Figures", "Articles"):
        assert tab.get_by_role("heading", name=heading, exact=True).is_visible(), heading
    story = next(s for s in desk.stories() if s.title == filtered[0])
    assert tab.locator("ol.articles > li").count() == len(story.article_ids)
    quoted = {q.text for q in desk.quotes(story_id=story.id)}
    shown = tab.locator("ul.quotes blockquote").all_inner_texts()
    assert shown and set(shown) <= quoted
    tab.locator("ol.articles > li > a").first.click()
    assert tab.locator(".text p").count() > 1
    for kind in ("quote", "figure", "entity"):
        assert tab.locator(f".text mark.m-{kind}").count() > 0, kind
    tab.get_by_text("Removed from the page").click()
    assert tab.locator("details.removed").get_attribute("open") is not None


def test_reader_opens_a_person_and_sees_what_is_known(tab: Any,
                                                      sample_site: tuple[str, Desk]) -> None:
    base, desk = sample_site
    tab.goto(base + "/people")
    tab.get_by_label("Name").fill("Fontaine")
    tab.get_by_role("button", name="Open").click()
    assert tab.locator("h1").inner_text() == "Fontaine"
    quotes = desk.quotes(speaker="Fontaine")
    shown = tab.locator("ul.quotes blockquote").all_inner_texts()
    assert quotes and sorted(shown) == sorted(q.text for q in quotes)
    outlets = {a.outlet for a in desk.articles() if a.id in {q.article_id for q in quotes}}
    assert tab.get_by_text(f"in {len(outlets)} outlets").is_visible()
    assert "Élise Fontaine" in tab.locator("ul.chips li").all_inner_texts()
    marks = tab.locator("ol.hits mark").all_inner_texts()
    assert marks and all(m == "Fontaine" for m in marks)


def test_reader_searches_from_the_keyboard(tab: Any, sample_site: tuple[str, Desk]) -> None:
    base, _ = sample_site
    tab.goto(base + "/")
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.id") == "quick-q"
    tab.keyboard.type('"North Sea"')
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/search\?q="))
    hits = tab.locator("ol.hits > li")
    assert hits.count() > 0
    marked = {re.sub(r"\W+", " ", m.lower()) for m in tab.locator("ol.hits mark").all_inner_texts()}
    assert marked and marked <= {"north", "sea", "north sea"}
    tab.keyboard.press("j")
    assert tab.evaluate("document.activeElement.closest('ol.hits') !== null")


def test_pages_read_without_javascript_and_fit_a_phone(browser: Any,
                                                      sample_site: tuple[str, Desk]) -> None:
    base, desk = sample_site
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 390, "height": 844})
    phone = context.new_page()
    story = max(desk.stories(), key=lambda s: len(desk.figures(story_id=s.id)))
    for path in ("/", f"/stories/{story.id}", f"/stories/{story.id}/figures",
                 f"/stories/{story.id}/quotes", *(f"/articles/{a}" for a in story.article_ids),
                 "/outlets", "/search?q=cable", "/people/Fontaine", "/people", "/rejected"):
        phone.goto(base + path)
        assert phone.locator("h1").count() == 1, path
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} is {overflow}px wider than a phone screen"
        hidden = phone.evaluate("""[...document.querySelectorAll('main *')]
            .filter(e => e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1
                         && getComputedStyle(e).overflowX !== 'visible')
            .map(e => e.tagName + '.' + e.className)""")
        assert hidden == [], f"{path}: {hidden} scroll sideways on a phone"
        narrow = phone.evaluate("""[...document.querySelectorAll('form.filters .wide input')]
            .filter(e => e.getBoundingClientRect().width
                         < 0.8 * e.closest('form').getBoundingClientRect().width).length""")
        assert narrow == 0, f"{path}: a name or query box is cut short on a phone"
    context.close()


def test_no_script_payload_runs_anywhere(browser: Any, tmp_path: Path) -> None:
    """Hostile titles, outlets, addresses, texts, quotes and speakers are shown, never run."""
    with Desk(tmp_path / "xss.db") as desk, in_background(desk, WEB_TOKEN) as base:
        context = browser.new_context()
        tab = context.new_page()
        dialogs: list[str] = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        posted = context.request.post(f"{base}/api/v1/articles?analyze=true",
                                      data=_json(hostile_records()),
                                      headers={"Authorization": f"Bearer {WEB_TOKEN}",
                                               "Content-Type": "application/json"})
        assert posted.status == 201, posted.text()
        context.request.post(f"{base}/api/v1/articles?source={XSS_PAYLOADS[1]}",
                             data="{broken", headers={"Authorization": f"Bearer {WEB_TOKEN}",
                                                      "Content-Type": "application/json"})
        for path in _hostile_pages(desk):
            tab.goto(base + path)
            tab.wait_for_load_state("load")
            tab.mouse.move(10, 10)
            for bold in tab.locator("b, mark").all()[:10]:
                bold.hover()
            assert tab.evaluate("window.__xss") is None, path
            injected = tab.evaluate(
                "document.querySelectorAll('script:not([src]), [onerror], [onload], "
                "[onmouseover], a[href^=\"javascript:\"], svg:not(.bar)').length")
            assert injected == 0, path
        tab.goto(f"{base}/articles/{desk.articles()[0].id}")
        assert "<script>window.__xss='script'</script>" in tab.locator(".text").inner_text()
        assert dialogs == []
        context.close()


def _hostile_pages(desk: Desk) -> list[str]:
    from urllib.parse import quote

    story = desk.stories()[0]
    speakers = [q.speaker for q in desk.quotes() if q.speaker]
    assert speakers, "the hostile articles' quotes are attributed"
    speaker = speakers[0]
    return ["/", f"/stories/{story.id}", *(f"/articles/{a.id}" for a in desk.articles()),
            f"/stories/{story.id}/quotes", f"/stories/{story.id}/figures", "/people",
            "/outlets", "/rejected", "/search?q=ferry", f"/people/{quote(str(speaker), safe='')}",
            f"/?q={quote(XSS_PAYLOADS[0])}", f"/search?q={quote(XSS_PAYLOADS[2])}",
            f"/stories/{quote(XSS_PAYLOADS[0], safe='')}"]


def _json(value: object) -> str:
    import json

    return json.dumps(value)
