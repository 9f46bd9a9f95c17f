"""Furniture blocks pruned from the HTML tree before trafilatura (clean/html_prune.py)."""

from __future__ import annotations

from lxml.html import HtmlElement, document_fromstring

from newsdesk.clean.html_prune import prune
from newsdesk.model import Removed

BODY = "".join(f"<p>Paragraph {i} of the story about the frigate and the drones that "
               f"followed it through the strait for two days.</p>" for i in range(6))


def _page(body: str, head: str = "") -> HtmlElement:
    return document_fromstring(
        f"<html><head><title>T</title>{head}</head><body>{body}</body></html>")


def _text(tree: HtmlElement) -> str:
    return " ".join(tree.body.text_content().split())


def test_prune_removes_a_block_its_class_names_related() -> None:
    tree = _page(f"<article>{BODY}<div class='related-stories'><a href='/a'>Other story "
                 "about ports</a></div></article>")
    removed = prune(tree)
    assert Removed("Other story about ports", "related") in removed
    assert "Other story" not in _text(tree)


def test_prune_names_the_reason_by_the_word_in_the_class() -> None:
    """"Newsletter-title" (any case, any separator) is a newsletter box."""
    tree = _page(f"{BODY}<section class='Newsletter-container'><h3>Pick Six Newsletter</h3>"
                 "<p>Get the day's big stories.</p></section>")
    assert [r.reason for r in prune(tree)] == ["newsletter"]


def test_prune_keeps_a_block_whose_class_only_contains_a_word() -> None:
    """"unrelated" is not "related": only whole words of the class count."""
    tree = _page(f"<div class='unrelated-note'><p>Kept note about the frigate.</p></div>{BODY}")
    prune(tree)
    assert "Kept note" in _text(tree)


def test_prune_keeps_the_article_container_whatever_its_class_says() -> None:
    """A named block holding most of the page's paragraphs is the story itself."""
    tree = _page(f"<div class='article-body has-related'>{BODY}</div><p>Footer words.</p>")
    assert prune(tree) == []
    assert "Paragraph 5" in _text(tree)


def test_prune_removes_all_link_teasers_and_the_label_above_them() -> None:
    """Express-style "DON'T MISS" runs: link paragraphs under a short label."""
    tree = _page(f"{BODY}<p><strong>DON'T MISS</strong></p><p><a href='/news/1'>China furious "
                 "at Macron for Hong Kong protest jibe</a> [INSIGHT]<br><a href='/sport/2'>Lakers "
                 "vs Nets: NBA make final decision on game</a> [VIDEO]</p><p>Closing paragraph of "
                 "the story, with <a href='/x'>a link</a> inside real prose that goes on.</p>")
    removed = prune(tree)
    assert [r.text for r in removed] == [
        "China furious at Macron for Hong Kong protest jibe [INSIGHT] Lakers vs Nets: NBA make "
        "final decision on game [VIDEO]", "DON'T MISS"]
    assert "Closing paragraph" in _text(tree)


def test_prune_keeps_a_link_that_shows_its_address() -> None:
    """A bare URL under a story is a source it cites."""
    tree = _page(f"{BODY}<p><a href='http://example.org/report'>http://example.org/report</a></p>")
    assert prune(tree) == []


def test_prune_keeps_a_heading_that_links_within_the_page() -> None:
    """Sub-headings linked from a table of contents (href="#…") are the story's own."""
    tree = _page(f"{BODY}<h2><a href='#tariffs'>Who pays the cost of a tariff?</a></h2>{BODY}")
    assert prune(tree) == []


def test_prune_removes_a_standfirst_that_repeats_the_description() -> None:
    head = "<meta name='description' content='Twenty teams have punched tickets for next summer'>"
    tree = _page(f"<h2 class='article-subline'>Twenty teams have punched tickets for next "
                 f"summer</h2>{BODY}", head)
    assert prune(tree) == [Removed("Twenty teams have punched tickets for next summer",
                                   "standfirst")]


def test_prune_keeps_a_first_paragraph_the_description_copies() -> None:
    """Many sites copy the lede into the description: a <p> of the body stays."""
    head = "<meta name='description' content='Paragraph 0 of the story about the frigate'>"
    tree = _page(f"<p>Paragraph 0 of the story about the frigate</p>{BODY}", head)
    assert prune(tree) == []


def test_prune_unmarks_an_embedded_post_and_its_wrapper() -> None:
    """A tweet is a quote; trafilatura would drop it for its "twitter"/"social" classes."""
    tree = _page(f"{BODY}<div class='social-media-embed'><blockquote class='twitter-tweet'>"
                 "<p>Meth. We're on it.</p></blockquote></div>")
    prune(tree)
    quote = tree.body.find(".//blockquote")
    assert quote is not None and quote.get("class") is None
    assert quote.getparent().get("class") is None


def test_prune_strips_scripts_but_keeps_structured_data() -> None:
    tree = _page(f"<script>var x = 1;</script><script type='application/ld+json'>{{}}</script>"
                 f"{BODY}")
    prune(tree)
    assert [s.get("type") for s in tree.iter("script")] == ["application/ld+json"]


def test_prune_strips_navigation_but_not_a_story_inside_an_aside() -> None:
    """Some pages put the article in an <aside>: one holding most paragraphs stays."""
    tree = _page(f"<nav><ul><li>Home</li><li>World</li></ul></nav><aside>{BODY}</aside>")
    prune(tree)
    assert tree.body.find(".//nav") is None
    assert "Paragraph 5" in _text(tree)
