"""Store queries for the clean stage's corpus-level pass (lines an outlet repeats)."""

from __future__ import annotations

from sqlalchemy import and_, select

from newsdesk.model import DocumentKind, RawDocument
from newsdesk.store import rows
from newsdesk.store.base import StoreBase
from newsdesk.store.schema import articles, documents


class LinesMixin(StoreBase):
    """Part of ``Store``: the plain-text documents of each outlet domain."""

    def text_documents_by_domain(self) -> dict[str, list[RawDocument]]:
        """Plain-text documents grouped by the outlet domain of their first article."""
        query = (select(documents, articles.c.outlet_domain)
                 .join(articles, articles.c.document_id == documents.c.id)
                 .where(and_(documents.c.kind == DocumentKind.TEXT.value,
                             articles.c.segment == 0, articles.c.outlet_domain.is_not(None)))
                 .order_by(documents.c.id))
        found: dict[str, list[RawDocument]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                found.setdefault(row["outlet_domain"], []).append(rows.document_from(row))
        return found
