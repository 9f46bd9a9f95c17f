"""Extract: entities, quotations with their speakers, figures and dates.

Not built yet (issues "Who said what" and "Figures"): the pipeline runs no extract stage, and
the export's ``entities``, ``quotes`` and ``figures`` lists stay empty rather than guessed.
"""
