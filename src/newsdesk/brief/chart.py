"""The coverage chart of a briefing: which outlet published when, as inline SVG.

One row per outlet, a dot per article on a shared time axis (a hollow dot for a syndicated
copy). Built as plain shapes here; the HTML template writes them out, escaped like any text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from newsdesk.model import Article

# Layout in SVG user units: a label column, a plot area, one row per outlet.
LABEL_WIDTH, PLOT_WIDTH, ROW_HEIGHT, AXIS_HEIGHT, DOT_RADIUS = 190, 520, 26, 34, 6


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    article_id: str
    label: str
    copy: bool


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    """Everything drawn: outlet rows (label, y), dots, axis ticks, the size."""

    width: int
    height: int
    rows: tuple[tuple[str, float], ...]
    dots: tuple[Dot, ...]
    ticks: tuple[Tick, ...]
    undated: int


def when(published: str | None) -> datetime | None:
    """A publication date or time as an aware datetime (dates at midnight UTC)."""
    if not published:
        return None
    try:
        found = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def coverage_chart(articles: Sequence[Article]) -> Chart:
    dated = [(a, t) for a in articles if (t := when(a.published)) is not None]
    outlets = sorted({a.outlet or "unknown outlet" for a, _ in dated},
                     key=lambda o: min(t for a, t in dated if (a.outlet or "unknown outlet") == o))
    rows = tuple((o, AXIS_HEIGHT / 2 + ROW_HEIGHT * (i + 0.5)) for i, o in enumerate(outlets))
    row_y = dict(rows)
    start, end = _span([t for _, t in dated])
    dots = tuple(Dot(_x(t, start, end), row_y[a.outlet or "unknown outlet"], a.id,
                     f"{a.outlet or 'unknown outlet'} · {a.published} · {a.title or a.id}",
                     a.copy_of is not None) for a, t in dated)
    height = int(AXIS_HEIGHT + ROW_HEIGHT * max(len(rows), 1))
    return Chart(LABEL_WIDTH + PLOT_WIDTH + 20, height, rows, dots, _ticks(start, end),
                 len(articles) - len(dated))


def _span(times: list[datetime]) -> tuple[datetime, datetime]:
    if not times:
        now = datetime(2000, 1, 1, tzinfo=UTC)
        return now, now
    return min(times), max(times)


def _x(moment: datetime, start: datetime, end: datetime) -> float:
    total = (end - start).total_seconds()
    share = 0.5 if total <= 0 else (moment - start).total_seconds() / total
    return round(LABEL_WIDTH + 10 + share * (PLOT_WIDTH - 20), 1)


def _ticks(start: datetime, end: datetime) -> tuple[Tick, ...]:
    """Up to five labelled moments from the first article to the last."""
    total = (end - start).total_seconds()
    if total <= 0:
        return (Tick(_x(start, start, end), start.strftime("%Y-%m-%d")),)
    count = 4
    moments = [start + (end - start) * (i / count) for i in range(count + 1)]
    fmt = "%Y-%m-%d" if total >= 4 * 86400 else "%m-%d %H:%M"
    return tuple(Tick(_x(m, start, end), m.strftime(fmt)) for m in moments)
