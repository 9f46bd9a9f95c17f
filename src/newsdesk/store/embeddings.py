"""Article sentence embeddings (a part of ``Store``): one vector per article, made once.

Stored as little-endian float32 bytes with their producer; an article whose text changes is
embedded again (``stale_for("embeddings", …)``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
from sqlalchemy import delete, insert, select

from newsdesk.store.analysis import AnalysisStore
from newsdesk.store.schema import article_embeddings

_STAGE = "embeddings"


class EmbeddingStore(AnalysisStore):
    """Each article's unit sentence embedding."""

    def save_embeddings(self, found: Mapping[str, np.ndarray], producer: str,
                        texts: Mapping[str, str]) -> None:
        """Replace the embedding of each article in ``found``, in one transaction."""
        with self.engine.begin() as conn:
            for article_id, vector in found.items():
                conn.execute(delete(article_embeddings).where(
                    article_embeddings.c.article_id == article_id))
                conn.execute(insert(article_embeddings).values(
                    article_id=article_id, producer=producer, dims=int(vector.shape[0]),
                    vector=np.asarray(vector, dtype="<f4").tobytes()))
                self._mark_done(conn, article_id, _STAGE, producer, texts[article_id])

    def embeddings(self, producer: str) -> dict[str, np.ndarray]:
        """Every stored embedding ``producer`` made, by article id."""
        query = select(article_embeddings.c.article_id, article_embeddings.c.vector).where(
            article_embeddings.c.producer == producer)
        with self.engine.connect() as conn:
            return {row.article_id: np.frombuffer(row.vector, dtype="<f4").astype(np.float32)
                    for row in conn.execute(query)}

    def file_beside(self, suffix: str) -> Path | None:
        """A file next to an SQLite database file (its name + ``suffix``), for what is kept
        beside the database; None for a server or in-memory database."""
        url = self.engine.url
        if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
            return None
        path = Path(url.database)
        return path.with_name(path.name + suffix)
