"""Golden files: attributions in the broad sense of PolNeAR (cue, source, content) found in
small hand-written texts: an object as content ("called for a review"), a partial quotation
inside an object, the occasion of speaking inside the cue, two apostrophes as one mark,
"according to" after the clause, a bracket closing a source, a relative-clause aside left
out of the content.

Regenerate with ``pytest --update-golden``, then review the diff of
``tests/golden/attributions/`` like code: every golden file states the right answer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsdesk.extract import QUOTE_PARSE_COMPONENTS, english, find_quotes
from newsdesk.extract.attributions import find_attributions
from newsdesk.extract.cue_gate import score, weights
from newsdesk.model import Article, Attribution, QuoteKind
from newsdesk.settings import QuoteSettings

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "attributions"
CASES = sorted(GOLDEN.glob("*.txt"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_attributions_match_their_golden_file(case: Path, request: pytest.FixtureRequest) -> None:
    found = [_view(a) for a in _attributions(case.read_text("utf-8").strip())]
    golden = case.with_suffix(".json")
    if request.config.getoption("--update-golden"):
        golden.write_text(json.dumps(found, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert golden.is_file(), f"no golden file for {case.name}: run pytest --update-golden"
    assert found == json.loads(golden.read_text("utf-8"))


def test_an_object_is_an_attribution_but_not_a_quote() -> None:
    """"called for a review" is an attribution (PolNeAR) but reports no speech: the quote
    list must not show it as indirect speech."""
    text = (GOLDEN / "object_called_for.txt").read_text("utf-8").strip()
    article = Article("a-1", "d-1", "t.txt", 0, text, "test")
    quotes = find_quotes([article], english(QUOTE_PARSE_COMPONENTS), {}, QuoteSettings())
    assert not [q for q in quotes["a-1"] if q.kind is QuoteKind.INDIRECT]
    assert [a.content[0].text for a in _attributions(text)] == ["a full review of the contract"]


def test_the_gate_prefers_a_speech_verb_with_a_clause_to_a_bare_object() -> None:
    assert weights()
    said = ("w=said", "dep=ROOT", "content=clause2", "subj=he", "next=that")
    plans = ("w=plans", "dep=ROOT", "content=object1", "subj=lower", "next=to")
    assert score(said) > 0.5
    assert score(said) > score(plans)


def _attributions(text: str) -> list[Attribution]:
    article = Article("a-golden", "d-golden", "golden.txt", 0, text, "test")
    return find_attributions([article], english(QUOTE_PARSE_COMPONENTS),
                             QuoteSettings())[article.id]


def _view(a: Attribution) -> dict[str, Any]:
    return {"cue": a.cue.text, "source": a.source.text if a.source else None,
            "content": [c.text for c in a.content], "marked": a.marked}
