"""Figure units as people read them after a number (model.unit_label), and where pages and
briefings show them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from newsdesk import Desk
from newsdesk.model import unit_label
from newsdesk.web.fragments import figure_table


@pytest.mark.parametrize(("unit", "value", "high", "shown"), [
    ("year", 4.0, None, "years"),
    ("year", 1.0, None, "year"),
    ("year", 1, 2, "years"),
    ("year", 0.5, None, "years"),
    ("day", -1, None, "day"),
    ("foot", 30, None, "feet"),
    ("inch", 2, None, "inches"),
    ("horsepower", 400, None, "horsepower"),
    ("metric_ton", 3, None, "tonnes"),
    ("metric_ton", 1, None, "tonne"),
    ("kilowatt_hour", 12, None, "kilowatt-hours"),
    ("kilometer ** 2", 40, None, "square kilometers"),
    ("kilometer / hour", 12, None, "kilometers / hour"),
    ("mile / hour", 1, None, "mile / hour"),
    ("EUR", 2_100_000_000, None, "EUR"),
    ("%", 4, None, "%"),
    ("drones", 12, None, "drones"),
    ("surveillance flights per week", 2, None, "surveillance flights per week"),
    ("", 3, None, ""),
    (None, 3, None, ""),
    ("year", None, None, "years"),
    ("year", True, None, "years"),
])
def test_unit_label_reads_naturally(unit: str | None, value: object, high: object,
                                    shown: str) -> None:
    assert unit_label(unit, value, high) == shown


def test_figure_table_shows_plural_and_singular_units() -> None:
    rows = figure_table([
        {"article_id": "a-1", "text": "four years", "value": 4.0, "unit": "year"},
        {"article_id": "a-1", "text": "a year", "value": 1.0, "unit": "year"},
        {"article_id": "a-1", "text": "3.5 to 4 years", "value": 3.5, "value_high": 4.0,
         "unit": "year"}], with_article=False)
    values = re.findall(r'<td data-label="Value">([^<]*)</td>', str(rows))
    assert values == ["4 years", "1 year", "3.5–4 years"]


def test_pages_and_briefings_never_show_a_bare_singular_after_a_plural_number(
        sample_desk: Desk, web_client: Callable[..., Any]) -> None:
    """The sample corpus's "over four years" is stored as 4 "year" and read as "4 years";
    the API keeps the stored unit."""
    story = next(s for s in sample_desk.stories()
                 if any(f.unit == "year" and f.value == 4 for f in sample_desk.figures(s.id)))
    for fmt in ("md", "html"):
        text = sample_desk.brief(story.id, fmt)
        assert "4 years" in text and not re.search(r"\b4 year\b", text)
    client = web_client(sample_desk)
    page = client.get(f"/stories/{story.id}").text
    assert "4 years" in page and not re.search(r"\b4 year\b", page)
    api = client.get("/api/v1/figures", params={"story_id": story.id, "limit": 500}).json()
    assert {"year"} <= {f["unit"] for f in api["items"]}
