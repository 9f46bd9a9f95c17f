"""Screenshots of every page of the web UI, desktop and phone width, for people to look at.

    python bench/web_screenshots.py [--out screenshots/] [--db DB] [--docs docs/web-story.png]

Without --db it builds a database from the bundled sample corpus. Needs Debian's Chromium
(/usr/bin/chromium); Playwright never downloads a browser here.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from newsdesk import Desk, sample_inputs
from newsdesk.web.server import in_background

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


def pages(desk: Desk) -> dict[str, str]:
    story = max(desk.story_list().items, key=lambda s: s.articles)
    article = desk.article_list(story_id=story.id).items[0]
    return {"stories": "/", "stories-filtered": "/?person=Fontaine",
            "story": f"/stories/{story.id}", "story-quotes": f"/stories/{story.id}/quotes",
            "story-figures": f"/stories/{story.id}/figures",
            "article": f"/articles/{article.id}",
            "person": "/people/Fontaine", "people": "/people", "outlets": "/outlets",
            "search": "/search?q=%22North+Sea%22+cable", "rejected": "/rejected",
            "not-found": "/stories/s-nothing", "api-docs": "/api/v1/docs"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--db", type=Path)
    parser.add_argument("--docs", type=Path, help="also write the README's story-page picture "
                        "(first screen only, to keep it small)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "sample.db"
        with Desk(db) as desk:
            if args.db is None:
                desk.ingest(sample_inputs())
                desk.analyze()
            shoot(desk, args.out, args.docs)


def shoot(desk: Desk, out: Path, docs: Path | None = None) -> None:
    with in_background(desk) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for device, (width, height) in VIEWPORTS.items():
            tab = browser.new_page(viewport={"width": width, "height": height})
            for name, path in pages(desk).items():
                tab.goto(base + path, wait_until="networkidle")
                target = out / f"{name}-{device}.png"
                tab.screenshot(path=str(target), full_page=True)
                print(target)
        if docs is not None:
            tab = browser.new_page(viewport={"width": 1000, "height": 820})
            tab.goto(base + pages(desk)["story"], wait_until="networkidle")
            tab.screenshot(path=str(docs))
            print(docs)
        browser.close()


if __name__ == "__main__":
    main()
