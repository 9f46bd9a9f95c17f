"""Extract: entities, quotations with their speakers, figures and dates.

Named-entity mentions (spaCy, offline model) with offsets; quotations with cues and speakers
(``quotes``: marks, a partial dependency parse); entities resolved across outlets
(``people``); figures (money with the right currency, percentages, counts, quantities, dates)
with subjects and conversion checks.
"""

from newsdesk.extract.entities import PRODUCER as ENTITIES_PRODUCER
from newsdesk.extract.entities import find_mentions
from newsdesk.extract.figures import MENTION_LABELS as FIGURE_MENTION_LABELS
from newsdesk.extract.figures import PARSE_COMPONENTS as FIGURE_PARSE_COMPONENTS
from newsdesk.extract.figures import PRODUCER as FIGURES_PRODUCER
from newsdesk.extract.figures import find_figures
from newsdesk.extract.nlp import NER_COMPONENTS, english
from newsdesk.extract.people import PRODUCER as PEOPLE_PRODUCER
from newsdesk.extract.people import People, resolve_people
from newsdesk.extract.quotes import PARSE_COMPONENTS as QUOTE_PARSE_COMPONENTS
from newsdesk.extract.quotes import PRODUCER as QUOTES_PRODUCER
from newsdesk.extract.quotes import find_quotes
from newsdesk.extract.timeline import timeline

__all__ = [
           "ENTITIES_PRODUCER",
           "FIGURES_PRODUCER",
           "FIGURE_MENTION_LABELS",
           "FIGURE_PARSE_COMPONENTS",
           "NER_COMPONENTS",
           "PEOPLE_PRODUCER",
           "QUOTES_PRODUCER",
           "QUOTE_PARSE_COMPONENTS",
           "People",
           "english",
           "find_figures",
           "find_mentions",
           "find_quotes",
           "resolve_people",
           "timeline",
]
