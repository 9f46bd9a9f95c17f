"""Who said what, through the library and the command line: ``Desk.quotes``/``people``,
``newsdesk quotes [--speaker] [--story]``, ``newsdesk people``, and the export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsdesk import Desk, NotFound, QuoteKind

REPORT = "\n\n".join((
    "Talks in Copenhagen end without a deal",
    "Helen Marsh, the Foreign Secretary, met Anders Vestergaard in Copenhagen on Tuesday.",
    "“We came to close a deal, and we have not closed it yet,” Marsh told reporters. "
    "“But nobody is walking away from the table.”",
    "Mr Vestergaard said that talks would resume in Edinburgh next week.",
)) + "\n"


@pytest.fixture
def analysed(desk: Desk, inputs: Callable[[str, str], Path]) -> Desk:
    desk.ingest([inputs("talks.txt", REPORT)], outlet="The Harbour Gazette")
    desk.analyze()
    return desk


def test_desk_quotes_have_kinds_cues_and_resolved_speakers(analysed: Desk) -> None:
    found = [(q.kind, q.text, q.speaker, q.cue.text if q.cue else None)
             for q in analysed.quotes()]
    assert found == [
        (QuoteKind.DIRECT, "We came to close a deal, and we have not closed it yet,",
         "Helen Marsh", "told"),
        (QuoteKind.DIRECT, "But nobody is walking away from the table.", "Helen Marsh", "told"),
        (QuoteKind.INDIRECT, "talks would resume in Edinburgh next week",
         "Anders Vestergaard", "said"),
    ]


def test_quotes_by_speaker_accept_any_alias(analysed: Desk) -> None:
    assert {q.speaker for q in analysed.quotes(speaker="Marsh")} == {"Helen Marsh"}
    assert len(analysed.quotes(speaker="mr vestergaard")) == 1


def test_quotes_by_an_unknown_speaker_say_so(analysed: Desk) -> None:
    with pytest.raises(NotFound, match="nobody called 'Nobody Here'"):
        analysed.quotes(speaker="Nobody Here")


def test_quotes_of_one_story(analysed: Desk) -> None:
    story = analysed.stories()[0]
    assert len(analysed.quotes(story_id=story.id)) == 3


def test_people_lists_each_person_once_with_aliases(analysed: Desk) -> None:
    people = {e.name: e for e in analysed.people(["PERSON"])}
    assert set(people) == {"Helen Marsh", "Anders Vestergaard"}
    assert {"Marsh", "the Foreign Secretary"} <= set(people["Helen Marsh"].aliases)


def test_the_export_carries_quotes_and_entities(analysed: Desk) -> None:
    import io

    data = analysed.export(io.StringIO())
    quotes = {q["text"]: q for q in data["quotes"]}
    first = quotes["But nobody is walking away from the table."]
    marsh = next(e for e in data["entities"] if e["name"] == "Helen Marsh")
    assert (first["speaker"], first["speaker_entity_id"], first["speaker_mention"],
            first["cue"], first["kind"]) == ("Helen Marsh", marsh["id"], "Marsh", "told",
                                             "direct")
    text = data["articles"][0]["text"]
    assert text[first["start"]:first["end"]] == first["text"]
    assert all(text[m["start"]:m["end"]] == m["text"] for m in marsh["mentions"])


def test_cli_quotes_and_people(cli: Callable[..., Any],
                               inputs: Callable[[str, str], Path]) -> None:
    cli("--quiet", "ingest", str(inputs("talks.txt", REPORT)))
    cli("--quiet", "analyze")
    rows = cli("quotes", "--speaker", "Helen Marsh", "--json").json()
    assert [r["cue"] for r in rows] == ["told", "told"]
    table = cli("quotes").stdout
    assert "Anders Vestergaard" in table and "indirect" in table
    people = cli("people", "--json").json()
    assert {p["name"] for p in people} == {"Helen Marsh", "Anders Vestergaard"}
    places = cli("people", "--type", "GPE", "--json").json()
    assert "Edinburgh" in {p["name"] for p in places}
    assert all(p["type"] == "GPE" for p in places)
    assert cli("quotes", "--speaker", "Nobody").exit_code == 2


def test_analyze_again_finds_no_quotes_to_redo(analysed: Desk) -> None:
    """Quotes are per-article output: unchanged text and producer mean no new parse."""
    again = {t.stage: t.items for t in analysed.analyze().timings}
    assert again["quotes"] == 0
    assert len(analysed.quotes()) == 3
