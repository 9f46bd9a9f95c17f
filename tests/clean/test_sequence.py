"""Sequence and lexical features of the line model (clean/sequence.py)."""

from __future__ import annotations

from newsdesk.clean.lines import FIRST_NAMES, SECOND_NAMES, first_rows, second_rows
from newsdesk.clean.sequence import (
    NEIGHBOUR_NAMES,
    SEQUENCE_NAMES,
    lexical_tokens,
    neighbour_features,
    sequence_features,
)

PROSE = "The minister said the patrols would begin in May and run through the winter months."
PAGE = ["Home", "News", PROSE, PROSE, "Share", "Tweet", "Privacy"]


def _column(rows: list[list[float]], name: str) -> list[float]:
    return [row[SEQUENCE_NAMES.index(name)] for row in rows]


def test_prose_share_says_how_much_of_the_story_lies_above_and_below() -> None:
    counts = [len(line.split()) for line in PAGE]
    rows = sequence_features(counts, [False] * len(PAGE))
    assert _column(rows, "prose_share_above") == [0.0, 0.0, 0.0, 0.5, 1.0, 1.0, 1.0]
    assert _column(rows, "prose_share_below") == [1.0, 1.0, 0.5, 0.0, 0.0, 0.0, 0.0]


def test_short_run_counts_the_menu_a_line_belongs_to() -> None:
    counts = [len(line.split()) for line in PAGE]
    decided = [False, False, False, False, True, True, False]
    rows = sequence_features(counts, decided)
    runs = _column(rows, "short_run")
    assert runs[0] == runs[1] > 0.0 and runs[2] == 0.0
    assert _column(rows, "short_run_decided")[4:] == [2 / 3] * 3


def test_gap_to_prose_is_low_for_a_caption_between_kept_paragraphs() -> None:
    counts = [15, 5, 15, 3, 3, 3]
    probabilities = [0.1, 0.6, 0.1, 0.99, 0.99, 0.99]
    rows = neighbour_features(probabilities, counts)
    gap_above = NEIGHBOUR_NAMES.index("p_gap_to_prose_above")
    gap_below = NEIGHBOUR_NAMES.index("p_gap_to_prose_below")
    assert rows[1][gap_above] == rows[1][gap_below] == 0.6
    assert rows[4][gap_below] == 1.0  # nothing kept below: the tail


def test_lexical_tokens_are_stable_and_fold_digits() -> None:
    assert lexical_tokens("Posted 5 hours ago", 1024) == lexical_tokens("posted 7 hours ago", 1024)
    assert all(0 <= k < 1024 for k in lexical_tokens("Any line at all", 1024))


def test_rows_have_one_value_per_named_feature() -> None:
    decided = [False] * len(PAGE)
    rows = first_rows(PAGE, decided, [0.0] * len(PAGE))
    assert {len(row) for row in rows} == {len(FIRST_NAMES)}
    counts = [len(line.split()) for line in PAGE]
    second = second_rows(rows, [0.5] * len(PAGE), counts)
    assert {len(row) for row in second} == {len(SECOND_NAMES)}
