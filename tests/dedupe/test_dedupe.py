"""Copies: exact and edited syndicated copies linked to the credited or earliest origin."""

from __future__ import annotations

from collections.abc import Callable

from newsdesk.dedupe import (
    EXACT,
    NEAR,
    containment,
    dedupe,
    shared_passages,
    shingles,
    text_fingerprint,
)
from newsdesk.model import Article, CopyLink
from newsdesk.settings import DedupeSettings

MakeArticle = Callable[..., Article]
CFG = DedupeSettings()
TEXT = "A powerful storm hit the coast on Wednesday night.\n\nPower is back on Friday."
WIRE = (
    "COPENHAGEN (Meridian) — Britain and Denmark failed on Tuesday to agree how to share the "
    "cost of naval patrols protecting undersea cables in the North Sea, officials said after "
    "talks that ran late into the evening.\n\n"
    "Danish Defence Minister Karin Vestergaard said her country wanted Britain to pay sixty "
    "percent of the patrol budget because most of the cables land on British shores. British "
    "Defence Secretary Alan Marsh offered an even split and said talks would resume next week.\n\n"
    "Both ministers said the damage to two cables last winter showed the need for a joint "
    "force. Officials expect a further round of talks in Edinburgh."
)
# The same wire text as an outlet ran it: American spelling, one word changed, last
# paragraph trimmed, and the agency credited at the end.
EDITED = (
    WIRE.replace("Defence", "Defense").replace("failed", "faltered").rsplit("\n\n", 1)[0]
    + "\n\n— Meridian Press Agency"
)
OTHER_REPORT = (
    "Talks between the British and Danish defence ministers in Copenhagen ended without a deal "
    "on Tuesday. Alan Marsh and Karin Vestergaard disagreed over who should pay for patrols of "
    "the North Sea cables, a row that has simmered since two cables were cut last winter. "
    "Diplomats said the gap was narrow and a deal remained possible within weeks."
)


def pairs(links: list[CopyLink]) -> list[tuple[str, str]]:
    return sorted((link.article_id, link.copy_of) for link in links)


def test_dedupe_links_an_exact_copy_to_the_earliest(make_article: MakeArticle) -> None:
    later = make_article("a-2", TEXT, published="2025-02-13")
    origin = make_article("a-9", TEXT, published="2025-02-12")
    assert dedupe([later, origin], CFG) == [CopyLink("a-2", "a-9", 1.0, EXACT)]


def test_dedupe_ignores_case_and_white_space(make_article: MakeArticle) -> None:
    origin = make_article("a-1", TEXT, published="2025-02-12")
    shouted = make_article("a-2", "  " + TEXT.upper().replace(" ", "   ").replace("\n\n", "\n"),
                           published="2025-02-13")
    assert pairs(dedupe([shouted, origin], CFG)) == [("a-2", "a-1")]


def test_dedupe_links_every_copy_to_the_same_origin(make_article: MakeArticle) -> None:
    articles = [make_article(f"a-{n}", TEXT, published=f"2025-02-1{n}") for n in (4, 2, 3)]
    assert pairs(dedupe(articles, CFG)) == [("a-3", "a-2"), ("a-4", "a-2")]


def test_dedupe_puts_undated_articles_after_dated_ones(make_article: MakeArticle) -> None:
    undated = make_article("a-0", TEXT)
    dated = make_article("a-5", TEXT, published="2025-02-12")
    assert pairs(dedupe([undated, dated], CFG)) == [("a-0", "a-5")]


def test_dedupe_breaks_ties_by_id(make_article: MakeArticle) -> None:
    one, two = make_article("a-b", TEXT), make_article("a-a", TEXT)
    assert pairs(dedupe([one, two], CFG)) == [("a-b", "a-a")]


def test_dedupe_flags_syndicated_copy_edited_and_trimmed(make_article: MakeArticle) -> None:
    wire = make_article("a-w", WIRE, published="2025-03-11T16:20:00Z")
    copy = make_article("a-c", EDITED, published="2025-03-11T18:00:00Z")
    [link] = dedupe([copy, wire], CFG)
    assert (link.article_id, link.copy_of, link.method) == ("a-c", "a-w", NEAR)
    assert CFG.containment_threshold <= link.similarity < 1.0


def test_dedupe_origin_is_the_credited_agency_even_when_a_copy_is_earlier(
        make_article: MakeArticle) -> None:
    """An outlet's page can carry an earlier time stamp than the wire record it reprints
    (time zones, pre-dated pages); the agency the copies credit is the origin still."""
    early_copy = make_article("a-c", EDITED, outlet="The Maple Dispatch",
                              published="2025-03-11T09:00:00Z")
    wire = make_article("a-w", WIRE, outlet="Meridian Press Agency",
                        published="2025-03-11T16:20:00Z")
    assert pairs(dedupe([early_copy, wire], CFG)) == [("a-c", "a-w")]


def test_dedupe_keeps_different_reports_of_one_event_apart(make_article: MakeArticle) -> None:
    wire = make_article("a-w", WIRE, published="2025-03-11")
    other = make_article("a-o", OTHER_REPORT, published="2025-03-11")
    assert dedupe([wire, other], CFG) == []


def test_dedupe_leaves_short_different_texts_alone(make_article: MakeArticle) -> None:
    one = make_article("a-1", TEXT)
    other = make_article("a-2", TEXT + " Roads reopened.")
    assert dedupe([one, other], CFG) == []
    assert dedupe([], CFG) == []


def test_shared_passages_are_the_long_common_word_runs() -> None:
    found = shared_passages(EDITED, WIRE, CFG.passage_words)
    assert found
    assert all(len(p.split()) >= CFG.passage_words for p in found)
    assert "Both ministers said" not in " ".join(found)  # trimmed from the copy


def test_containment_of_a_trimmed_copy_is_one() -> None:
    whole = shingles(WIRE, 3)
    assert containment(shingles(WIRE.rsplit("\n\n", 1)[0], 3), whole) == 1.0
    assert containment(set(), whole) == 0.0


def test_text_fingerprint_differs_for_different_words() -> None:
    assert text_fingerprint("Storm  hits\nCOAST") == text_fingerprint("storm hits coast")
    assert text_fingerprint("storm hits coast") != text_fingerprint("storm hit coast")
