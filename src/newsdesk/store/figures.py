"""Figures per article (a part of ``Store``): replaced whole per article, read in text order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import RowMapping, delete, insert, select

from newsdesk.model import Figure
from newsdesk.store.analysis import AnalysisStore
from newsdesk.store.schema import figures

FIGURES_STAGE = "figures"


class FigureStore(AnalysisStore):
    """Writes and reads of ``Figure`` values."""

    def save_figures(self, found: Mapping[str, Sequence[Figure]], producer: str,
                     texts: Mapping[str, str]) -> None:
        """Replace the figures of each article in ``found``, in one transaction."""
        with self.engine.begin() as conn:
            for article_id, items in found.items():
                conn.execute(delete(figures).where(figures.c.article_id == article_id))
                if items:
                    conn.execute(insert(figures), [figure_row(f) for f in items])
                self._mark_done(conn, article_id, FIGURES_STAGE, producer, texts[article_id])

    def figures(self, article_ids: Sequence[str] | None = None,
                kinds: Sequence[str] | None = None) -> dict[str, list[Figure]]:
        """Figures per article, in text order."""
        query = select(figures).order_by(figures.c.article_id, figures.c.start)
        if article_ids is not None:
            query = query.where(figures.c.article_id.in_(list(article_ids)))
        if kinds is not None:
            query = query.where(figures.c.kind.in_(list(kinds)))
        found: dict[str, list[Figure]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                found.setdefault(row["article_id"], []).append(figure_from(row))
        return found


def figure_row(f: Figure) -> dict[str, Any]:
    return {
        "id": f.id, "article_id": f.article_id, "start": f.start, "end": f.end,
        "text": f.text, "kind": f.kind,
        "value_number": f.value if isinstance(f.value, float) else None,
        "value_text": f.value if isinstance(f.value, str) else None,
        "unit": f.unit, "approximate": f.approximate, "subject": f.subject,
        "value_high": f.value_high, "currency_candidates": " ".join(f.currency_candidates),
        "currency_basis": f.currency_basis, "conversion_of": f.conversion_of,
        "conversion_ok": f.conversion_ok, "expected_value": f.expected_value,
    }


def figure_from(row: RowMapping) -> Figure:
    value = row["value_text"] if row["value_text"] is not None else row["value_number"]
    return Figure(
        article_id=row["article_id"], start=row["start"], end=row["end"], text=row["text"],
        kind=row["kind"], value=value, unit=row["unit"], approximate=bool(row["approximate"]),
        subject=row["subject"], value_high=row["value_high"],
        currency_candidates=tuple(row["currency_candidates"].split()),
        currency_basis=row["currency_basis"], conversion_of=row["conversion_of"],
        conversion_ok=row["conversion_ok"], expected_value=row["expected_value"],
    )
