"""Golden files: the quotes, cues and speakers found in small hand-written texts, one per
quote shape the issue lists (curly, straight, « » and „ “ marks; nested; several paragraphs;
broken by the attribution; partial (and one in a sentence with no cue of its own, left
unattributed); indirect; "according to"; second-hand; a run of quotes;
stray marks) and each speaker-resolution case (pronoun by gender, role noun, two people with
one surname, unknown source).

Each text runs through the real path: entity mentions, quotes, then people resolution over
that one article. Regenerate with ``pytest --update-golden``, then review the diff of
``tests/golden/quotes/`` like code: every golden file states the right answer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsdesk.extract import (
    NER_COMPONENTS,
    QUOTE_PARSE_COMPONENTS,
    english,
    find_mentions,
    find_quotes,
    resolve_people,
)
from newsdesk.model import Article, Quote
from newsdesk.settings import ExtractSettings, QuoteSettings

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "quotes"
CASES = sorted(GOLDEN.glob("*.txt"))


def test_there_is_a_golden_text_per_quote_shape() -> None:
    assert len(CASES) >= 18


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_quotes_match_their_golden_file(case: Path, request: pytest.FixtureRequest) -> None:
    found = [_golden_view(q) for q in _analysed(case.read_text("utf-8").strip())]
    golden = case.with_suffix(".json")
    if request.config.getoption("--update-golden"):
        golden.write_text(json.dumps(found, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert golden.is_file(), f"no golden file for {case.name}: run pytest --update-golden"
    assert found == json.loads(golden.read_text("utf-8"))


def _analysed(text: str) -> list[Quote]:
    article = Article("a-golden", "d-golden", "golden.txt", 0, text, "test", story_id="s-1")
    mentions = find_mentions([article], english(NER_COMPONENTS), ExtractSettings())
    quotes = find_quotes([article], english(QUOTE_PARSE_COMPONENTS), mentions, QuoteSettings())
    people = resolve_people([article], mentions, quotes, QuoteSettings())
    return [q if q.id not in people.speakers else _named(q, people.speakers[q.id].name)
            for q in quotes[article.id]]


def _named(quote: Quote, name: str) -> Quote:
    from dataclasses import replace

    return replace(quote, speaker=name)


def _golden_view(quote: Quote) -> dict[str, Any]:
    return {"text": quote.text, "kind": quote.kind.value,
            "cue": quote.cue.text if quote.cue else None,
            "speaker_mention": quote.source.text if quote.source else None,
            "speaker": quote.speaker}
