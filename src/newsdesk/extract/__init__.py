"""Extract: entities, quotations with their speakers, figures and dates.

Named-entity mentions (spaCy, offline model) with offsets; figures (money with the right
currency, percentages, counts, quantities, dates) with subjects and conversion checks.
Quotes and speakers and entity resolution come with their issues; until then the export's
``entities`` and ``quotes`` lists stay empty rather than guessed.
"""

from newsdesk.extract.entities import PRODUCER as ENTITIES_PRODUCER
from newsdesk.extract.entities import find_mentions
from newsdesk.extract.figures import MENTION_LABELS as FIGURE_MENTION_LABELS
from newsdesk.extract.figures import PARSE_COMPONENTS, find_figures
from newsdesk.extract.figures import PRODUCER as FIGURES_PRODUCER
from newsdesk.extract.nlp import NER_COMPONENTS, english
from newsdesk.extract.timeline import timeline

__all__ = ["ENTITIES_PRODUCER", "FIGURES_PRODUCER", "FIGURE_MENTION_LABELS", "NER_COMPONENTS",
           "PARSE_COMPONENTS", "english", "find_figures", "find_mentions", "timeline"]
