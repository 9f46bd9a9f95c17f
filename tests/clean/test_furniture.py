"""Furniture rules on literal lines; the lines an outlet repeats; the learned line model."""

from __future__ import annotations

import json

import pytest

from newsdesk.clean.classify import label_lines, line_hash
from newsdesk.clean.furniture import rule_reason
from newsdesk.clean.header import byline_author, is_headline, parse_date, syndication_origin
from newsdesk.clean.lines import MODEL_FILE, furniture_probabilities, load_model
from newsdesk.clean.repeated import repeated_line_stats
from newsdesk.clean.text import clean_text
from newsdesk.ingest.decode import content_hash
from newsdesk.model import DocumentKind, OutletLineStats, RawDocument
from newsdesk.settings import CleanSettings


@pytest.mark.parametrize(("line", "reason"), [
    ("Photo: Getty Images", "caption"),
    ("Picture: Brendan Quill/NewsWire", "caption"),
    ("Credit: AP/Jane Doe", "credit"),
    ("(Shutterstock)", "credit"),
    ("Caption: The minister in Ottawa", "credit"),
    ("Read more: Drone swarm buzzed warships", "read-more"),
    ("More on this story: the cable pact", "read-more"),
    ("Related Topics", "related"),
    ("Share on Facebook", "share"),
    ("Comments (52)", "comment-prompt"),
    ("Join the conversation… Log in to add your comment.", "comment-prompt"),
    ("Sign up to our newsletter", "newsletter"),
    ("Subscribe now for unlimited access", "subscription"),
    ("Press play to watch the interview", "video"),
    ("1:45", "video"),
    ("We use cookies to give you the best experience on our website.", "cookie-wall"),
    ("Accept all cookies", "cookie-wall"),
    ("4 min read", "reading-time"),
    ("3 mins to read", "reading-time"),
    ("© 2025 Tasman Times Ltd. All rights reserved.", "copyright"),
    ("Contact us", "about"),
    ("Skip to main content", "navigation"),
    ("More from Kauri Post", "navigation"),
    ("ADVERTISEMENT", "advertisement"),
    ("Filed under: Defence |", "related"),
    ("Tagged: drones, navy", "related"),
    ("You may also like", "related"),
    ("Explore further", "read-more"),
    ("SEE MORE: Hong Kong protests: students under siege", "read-more"),
    ("Like this story? Share it with a friend!", "share"),
])
def test_rule_gives_the_reason_of_a_furniture_line(line: str, reason: str) -> None:
    assert rule_reason(line) == reason


@pytest.mark.parametrize("line", [
    "The photo agency said it would appeal against the ruling on Tuesday.",
    "Copyright law was changed in 2019, the minister said.",
    "Shares in Allerton closed down 4.1% on Thursday.",
    "Readers of the newsletter were told the plant would close.",
    "The cookie factory employs 300 people in the town.",
    "Comments made by the minister were criticised by the opposition.",
    "Filed under pressure, the report reached the minister late.",
    "See more of the coast from the ferry, the council says.",
])
def test_rules_leave_body_sentences_alone(line: str) -> None:
    """Regression: a body sentence that mentions a furniture word is content."""
    assert rule_reason(line) is None


def test_caption_above_a_credit_line_is_a_caption() -> None:
    lines = ["A long body paragraph that tells the story of the day in many words here.",
             "The minister in Canberra.", "Picture: Supplied",
             "Another long body paragraph follows with more of the story in plain words."]
    assert label_lines(lines, 0.99)[1:3] == ["caption", "caption"]


def test_entries_under_related_topics_are_related() -> None:
    lines = ["A long body paragraph that tells the story of the day in many words here.",
             "Related Topics", "Defence", "Drones"]
    assert label_lines(lines, 0.99)[1:] == ["related"] * 3


def test_header_helpers_on_literal_lines() -> None:
    assert parse_date("Tuesday 25 March 2025 3:40pm AEDT") == "2025-03-25"
    assert parse_date("Published: 14 March 2025, 09:15 GMT") == "2025-03-14"
    assert parse_date("The 12 drones flew for an hour") is None
    assert byline_author("By Marc-André Tessier") == "Marc-André Tessier"
    assert is_headline("Navy drone swarm was launched from cargo ship, inquiry finds")
    assert not is_headline("Hana Ferris, Political reporter")
    assert syndication_origin("— Meridian Press Agency") == "Meridian Press Agency"
    assert syndication_origin("Reuters") == "Reuters"
    assert syndication_origin("More from Kauri Post") is None


def test_a_line_repeated_across_an_outlets_pages_is_repeated_line_furniture() -> None:
    promo = "Get the Daily Brief app for iPhone and Android"
    pages = [f"Story {n} headline goes here\nA body paragraph about story {n} with enough "
             f"words to be prose.\n{promo}" for n in range(6)]
    stats = repeated_line_stats("example.com", pages, CleanSettings())
    assert stats.is_repeated(line_hash(promo))
    assert not stats.is_repeated(line_hash("Story 1 headline goes here"))
    doc = RawDocument(source="p.txt", kind=DocumentKind.TEXT, content=pages[0],
                      content_hash=content_hash(pages[0]))
    [article] = clean_text(doc, CleanSettings(), "clean.text@2", stats)  # type: ignore[misc]
    assert ("repeated-line", promo) in [(r.reason, r.text) for r in article.removed]


def test_repeated_line_needs_enough_pages() -> None:
    stats = repeated_line_stats("example.com", ["Same line\nOther"] * 3, CleanSettings())
    assert stats == OutletLineStats("example.com", frozenset(), 5)


def test_line_model_ships_as_json_and_scores_probabilities() -> None:
    data = json.loads(MODEL_FILE.read_text("utf-8"))
    assert MODEL_FILE.stat().st_size < 200_000
    assert data["first"]["trees"] and 0 < data["threshold"] <= 1
    assert data["second"] is None or data["second"]["trees"]
    assert len(data["lexical"]["weights"]) == data["lexical"]["buckets"]
    probabilities = furniture_probabilities(["Home", "News", "A body paragraph " * 5], [False] * 3)
    assert all(0.0 <= p <= 1.0 for p in probabilities)


def test_furniture_threshold_default_is_the_one_trained_with_the_model() -> None:
    assert CleanSettings().furniture_threshold == load_model().threshold
