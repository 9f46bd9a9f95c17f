"""Wording verdicts on literal strings, and a golden file of verdicts with their word diffs.

The contract (export-v1.md): identical once quotation marks, case, curly/straight
punctuation and spacing are folded; minor for stutters, dropped fillers, punctuation,
contractions and British/American spelling; divergent when a content word differs.
Regenerate the golden file with ``pytest --update-golden`` and review its diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.compare import compare_wording, spelling_variant
from newsdesk.model import Verdict

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "compare" / "verdicts.json"

CASES = [
    # identical: marks, case, spacing, the mark before the closing quote
    ("We will not back down.", "we will  not back down,", Verdict.IDENTICAL),
    ("“It’s over,”", "\"It's over", Verdict.IDENTICAL),
    # minor
    ("We have paused this contract, not cancelled it", "We have paused this contract – not "
     "cancelled it", Verdict.MINOR),
    ("I want to be very clear", "I want to be clear", Verdict.MINOR),
    ("We will organise the defence of the harbour", "We will organize the defense of the harbor",
     Verdict.MINOR),
    ("it'll stay there until June", "it will stay there until June", Verdict.MINOR),
    ("I I think we can do it", "I think we can do it", Verdict.MINOR),
    ("There were two ships", "There were 2 ships", Verdict.MINOR),
    ("The cease-fire holds", "The ceasefire holds", Verdict.MINOR),
    ("Um, we are, er, ready", "We are ready", Verdict.MINOR),
    # divergent: a content word differs, is added or is dropped
    ("We have paused this contract", "We have halted this contract", Verdict.DIVERGENT),
    ("We came to Copenhagen to close a deal", "We came here to close a deal",
     Verdict.DIVERGENT),
    ("We will pay for it", "We will not pay for it", Verdict.DIVERGENT),
    ("Twelve drones flew over", "Fourteen drones flew over", Verdict.DIVERGENT),
]


@pytest.mark.parametrize(("a", "b", "verdict"), CASES)
def test_wording_verdict_follows_the_contract(a: str, b: str, verdict: Verdict) -> None:
    assert compare_wording(a, b).verdict is verdict
    assert compare_wording(b, a).verdict is verdict


def test_a_quote_carrying_half_the_remark_is_a_truncation_judged_on_what_it_carries() -> None:
    whole = "We have paused this contract, not cancelled it, and I want to be clear"
    found = compare_wording(whole, "We have paused this contract, not cancelled it,")
    assert (found.truncated, found.verdict) == (True, Verdict.IDENTICAL)
    assert [d.op for d in found.diff] == ["equal", "cut"]
    changed = compare_wording(whole, "We have halted this contract, not cancelled it")
    assert (changed.truncated, changed.verdict) == (True, Verdict.DIVERGENT)


def test_fillers_at_the_edge_are_dropped_fillers_not_a_truncation() -> None:
    found = compare_wording("Um, we are ready", "We are ready")
    assert (found.truncated, found.verdict) == (False, Verdict.MINOR)


def test_a_truncation_from_the_middle_of_a_remark_is_still_a_truncation() -> None:
    found = compare_wording("Today we signed it and from today it is our problem",
                            "from today it is our problem")
    assert (found.truncated, found.verdict) == (True, Verdict.IDENTICAL)


def test_the_diff_names_the_changed_words() -> None:
    found = compare_wording("We have paused this contract", "We have halted this contract")
    assert [(d.op, d.a, d.b) for d in found.diff if d.op != "equal"] == [
        ("changed", "paused", "halted")]


def test_spelling_variants_come_from_the_british_american_list() -> None:
    assert spelling_variant("organise", "organize")
    assert spelling_variant("travelled", "traveled")
    assert not spelling_variant("paused", "halted")
    assert not spelling_variant("colour", "colour")


def _golden_cases() -> list[dict[str, object]]:
    found = []
    for a, b, _ in CASES:
        wording = compare_wording(a, b)
        found.append({"a": a, "b": b, "verdict": wording.verdict.value,
                      "truncated": wording.truncated,
                      "diff": [[d.op, d.a, d.b] for d in wording.diff]})
    return found


def test_verdicts_and_diffs_match_the_golden_file(request: pytest.FixtureRequest) -> None:
    found = _golden_cases()
    if request.config.getoption("--update-golden"):
        GOLDEN.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert found == json.loads(GOLDEN.read_text("utf-8"))
