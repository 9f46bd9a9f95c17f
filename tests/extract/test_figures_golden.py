"""Golden files: the figures found in one short hand-written text per form (money by symbol,
by word, German; each way "$" is decided or left open; percentages; counts; quantities;
hedges and ranges; wrong money and unit conversions; relative dates; time zones; furniture).

Regenerate with ``pytest --update-golden`` after an intended change, then review the diff of
``tests/golden/figures/`` like code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsdesk.extract import FIGURE_PARSE_COMPONENTS, english, find_figures
from newsdesk.model import Article, Mention
from newsdesk.settings import FigureSettings

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "figures"
CASES = sorted(GOLDEN.glob("*.input.json"))


def test_every_form_has_a_golden_case() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name.removesuffix(".input.json"))
def test_figures_match_their_golden_file(case: Path, request: pytest.FixtureRequest) -> None:
    given = json.loads(case.read_text("utf-8"))
    article = Article(id="a-golden", document_id="d-golden", source=case.name, segment=0,
                      text=given["text"], producer="test", outlet_domain=given["domain"],
                      published=given["published"])
    found = find_figures(article, _mentions(article), english(FIGURE_PARSE_COMPONENTS),
                         FigureSettings())
    extracted = [_golden_view(f) for f in found]
    golden = case.with_name(case.name.replace(".input.json", ".json"))
    if request.config.getoption("--update-golden"):
        golden.write_text(json.dumps(extracted, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert golden.is_file(), f"no golden file for {case.name}: run pytest --update-golden"
    assert extracted == json.loads(golden.read_text("utf-8"))
    assert all(given["text"][f.start:f.end] == f.text for f in found)


def _mentions(article: Article) -> list[Mention]:
    doc = english()(article.text)
    return [Mention(article.id, e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]


def _golden_view(f: Any) -> dict[str, Any]:
    view = {"text": f.text, "kind": f.kind, "value": f.value, "unit": f.unit,
            "approximate": f.approximate, "subject": f.subject}
    optional = {"value_high": f.value_high, "currency_candidates": list(f.currency_candidates),
                "currency_basis": f.currency_basis, "conversion_ok": f.conversion_ok,
                "expected_value": f.expected_value}
    view.update({k: v for k, v in optional.items() if v not in (None, [])})
    return view
