"""Compare: the same remark across outlets, corroboration, conflicts, what only one outlet says.

Not built yet (issue "Compare outlets"): the pipeline runs no compare stage, and the export's
``comparisons`` lists stay empty rather than guessed.
"""
