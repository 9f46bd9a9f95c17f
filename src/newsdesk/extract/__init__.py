"""Extract: entities, quotations with their speakers, figures and dates.

Today: named-entity mentions (spaCy, offline model) with offsets. Quotes and speakers, entity
resolution across outlets, and figures come with their issues; until then the export's
``entities``, ``quotes`` and ``figures`` lists stay empty rather than guessed.
"""

from newsdesk.extract.entities import PRODUCER as ENTITIES_PRODUCER
from newsdesk.extract.entities import find_mentions
from newsdesk.extract.nlp import NER_COMPONENTS, english

__all__ = ["ENTITIES_PRODUCER", "NER_COMPONENTS", "english", "find_mentions"]
