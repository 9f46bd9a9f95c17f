"""Extract: entities, quotations with their speakers, figures and dates.

Named-entity mentions (spaCy, offline model) with offsets; quotations with cues and speakers
(``quotes``: marks, a partial dependency parse); entities resolved across outlets
(``people``). Figures come with their issue; until then the export's ``figures`` stays empty.
"""

from newsdesk.extract.entities import PRODUCER as ENTITIES_PRODUCER
from newsdesk.extract.entities import find_mentions
from newsdesk.extract.nlp import NER_COMPONENTS, english
from newsdesk.extract.people import PRODUCER as PEOPLE_PRODUCER
from newsdesk.extract.people import People, resolve_people
from newsdesk.extract.quotes import PARSE_COMPONENTS, find_quotes
from newsdesk.extract.quotes import PRODUCER as QUOTES_PRODUCER

__all__ = ["ENTITIES_PRODUCER", "NER_COMPONENTS", "PARSE_COMPONENTS", "PEOPLE_PRODUCER",
           "QUOTES_PRODUCER", "People", "english", "find_mentions", "find_quotes",
           "resolve_people"]
