"""Named-entity mentions with character offsets into each article's text."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language

from newsdesk.model import Article, Mention
from newsdesk.settings import ExtractSettings

PRODUCER = "extract.ner.en_core_web_sm-3.8.0@1"


def find_mentions(articles: Sequence[Article], nlp: Language,
                  cfg: ExtractSettings) -> dict[str, list[Mention]]:
    """Every entity span spaCy finds, per article id (empty list when there are none)."""
    texts = (a.text[: cfg.max_chars] for a in articles)
    found: dict[str, list[Mention]] = {}
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=cfg.batch_size), strict=True):
        found[article.id] = [
            Mention(article.id, ent.start_char, ent.end_char, ent.text, ent.label_)
            for ent in doc.ents
        ]
    return found
