"""A story's comparison as the export contract has it (``comparisons``): plain records.

The same records are stored, served by the analysis readers, exported and rendered in the
briefings, so there is one shape. Contract fields first; the rest are added fields.
"""

from __future__ import annotations

from typing import Any

from newsdesk.model import (
    Claim,
    ClaimConflict,
    Comparison,
    FigureConflict,
    Passage,
    PrimaryCheck,
    QuoteGroup,
    QuotePair,
    WordDiff,
)

# The kinds of comparison record, as named under ``comparisons`` in the export.
COMPARISON_KINDS = ("quote_groups", "figure_conflicts", "corroboration", "claim_conflicts",
                    "primary_checks")


def comparison_items(comparison: Comparison) -> dict[str, list[dict[str, Any]]]:
    return {
        "quote_groups": [quote_group_item(g) for g in comparison.quote_groups],
        "figure_conflicts": [figure_conflict_item(c) for c in comparison.figure_conflicts],
        "corroboration": [claim_item(c) for c in comparison.corroboration],
        "claim_conflicts": [claim_conflict_item(c) for c in comparison.claim_conflicts],
        "primary_checks": [primary_check_item(c) for c in comparison.primary_checks],
    }


def quote_group_item(group: QuoteGroup) -> dict[str, Any]:
    return {
        "story_id": group.story_id, "speaker": group.speaker, "quote_ids": list(group.quote_ids),
        "verdict": group.verdict.value, "outlets": list(group.outlets),
        "independent_outlets": group.independent_outlets,
        "id": group.id, "speaker_entity_id": group.speaker_entity_id,
        "article_ids": list(group.article_ids), "reference": group.reference,
        "text": group.text, "truncated": list(group.truncated),
        "speakers": list(group.speakers),
        "pairs": [_pair(p) for p in group.pairs],
    }


def _pair(pair: QuotePair) -> dict[str, Any]:
    return {"a": pair.a, "b": pair.b, "verdict": pair.verdict.value,
            "truncated": pair.truncated, "diff": [_diff(d) for d in pair.diff]}


def _diff(step: WordDiff) -> dict[str, str]:
    return {"op": step.op, "a": step.a, "b": step.b}


def figure_conflict_item(conflict: FigureConflict) -> dict[str, Any]:
    return {
        "story_id": conflict.story_id, "figure_ids": list(conflict.figure_ids),
        "note": conflict.note, "id": conflict.id, "article_ids": list(conflict.article_ids),
        "kind": conflict.kind, "unit": conflict.unit, "subject": conflict.subject,
        "values": list(conflict.values), "independent_outlets": conflict.independent_outlets,
    }


def claim_item(claim: Claim) -> dict[str, Any]:
    return {
        "story_id": claim.story_id, "claim": claim.claim, "article_ids": list(claim.article_ids),
        "independent_outlets": claim.independent_outlets, "id": claim.id, "kind": claim.kind,
        "outlets": list(claim.outlets), "origins": list(claim.origins),
        "passages": [passage_item(p) for p in claim.passages],
    }


def passage_item(passage: Passage) -> dict[str, Any]:
    return {"article_id": passage.article_id, "start": passage.start, "end": passage.end,
            "text": passage.text}


def claim_conflict_item(conflict: ClaimConflict) -> dict[str, Any]:
    return {
        "id": conflict.id, "story_id": conflict.story_id, "kind": conflict.kind,
        "a": passage_item(conflict.a), "b": passage_item(conflict.b),
        "a_says": conflict.a_says, "b_says": conflict.b_says, "note": conflict.note,
        "article_ids": [conflict.a.article_id, conflict.b.article_id],
    }


def primary_check_item(check: PrimaryCheck) -> dict[str, Any]:
    return {
        "story_id": check.story_id, "quote_id": check.quote_id, "article_id": check.article_id,
        "primary_article_id": check.primary_article_id, "verdict": check.verdict.value,
        "matches": check.matches, "passage": {"start": check.passage.start,
                                              "end": check.passage.end,
                                              "text": check.passage.text},
        "diff": [_diff(d) for d in check.diff],
    }
