"""Page furniture taken out of the HTML tree before trafilatura reads it.

trafilatura judges blocks by layout and link density; what slips past it on real pages is
furniture that sits *inside* the article container: related-story lists, newsletter boxes,
one-link "read also" paragraphs, headline lists under a "Don't miss" label, text the page
hides. The markup still says what such a block is (its class or id, whether it is hidden,
whether its text is all link text), so it is removed from the tree and kept aside with a
reason, never lost. XPath does the scanning (in C): the pass costs a few milliseconds a page.
"""

from __future__ import annotations

import re
from itertools import pairwise

from lxml.etree import XPath
from lxml.html import HtmlElement

from newsdesk.clean.furniture import rule_reason
from newsdesk.model import Removed

# Class/id words that name a furniture block, as whole words of the attribute value split
# at "-", "_" and spaces ("Newsletter-title", "read-more-big", "latest-news-box"; not
# "unrelated" or "promotion"), each word with the export's reason for it.
_NAME_WORDS = {
    "related": "related", "recommended": "related", "promo": "related", "readmore": "related",
    "trending": "related", "outbrain": "related", "taboola": "related", "newsletter": "newsletter",
    "newsletters": "newsletter", "signup": "newsletter", "subscribe": "subscription",
    "subscription": "subscription", "sharing": "share", "sharebar": "share",
}
_NAME_PAIRS = {
    ("read", "more"): "related", ("also", "read"): "related", ("more", "stories"): "related",
    ("dont", "miss"): "related", ("latest", "news"): "related", ("most", "popular"): "related",
    ("most", "read"): "related", ("sign", "up"): "newsletter", ("social", "share"): "share",
    ("share", "bar"): "share",
}
# Every word that can start a furniture name (a quick first test).
_WORDS_NAMED = frozenset(_NAME_WORDS) | {first for first, _ in _NAME_PAIRS}
_SEPARATORS = re.compile(r"[-_\s]+")
_DESCRIPTIONS = XPath("//head/meta[@name='description' or @property='og:description']"
                      "/@content", smart_strings=False)
_SUBHEADINGS = XPath(
    "//body//*[self::h2 or self::h3 or self::h4][string-length(normalize-space(.)) >= 30]"
    " | //body//header//*[self::p or self::div or self::span]"
    "[string-length(normalize-space(.)) >= 30]")
# A standfirst repeats the description word for word or nearly (Jaccard of word sets; the
# description may drop a clause), and is long enough for the match to say something.
NEAR_DESCRIPTION = 0.8
MIN_STANDFIRST_WORDS = 6
_CODE = XPath("//script[not(contains(@type, 'json'))] | //style | //svg | //noscript"
               " | //iframe | //template")
_LAYOUT = XPath("//body//nav | //body//aside")
_POSTS = XPath("//blockquote[contains(@class, 'twitter-tweet')"
                " or contains(@class, 'instagram-media') or contains(@class, 'tiktok-embed')]")
_NAMES = XPath("//body//@class | //body//@id", smart_strings=False)
_CONTAINERS = frozenset({"html", "body", "main", "article", "head"})
# Blocks that may be a headline teaser: they sit inside a link, or hold one. (Menus, page
# headers and footers are trafilatura's to drop; a dozen characters are no teaser.)
_BLOCK_TAGS = ("p", "li", "h2", "h3", "h4", "h5", "h6", "dd", "dt")
_CANDIDATE = ("string-length(normalize-space(.)) > 12"
              " and not(ancestor::nav or ancestor::header or ancestor::footer)")
# A link to another page (not to a part of this one, as a table of contents has).
_AWAY = "@href and not(starts-with(@href, '#'))"
_BLOCK = "(" + " or ".join(f"self::{tag}" for tag in _BLOCK_TAGS) + ")"
_IN_LINK = XPath(f"//body//a[{_AWAY}]//*[{_BLOCK} and {_CANDIDATE}]")
# The parent or grandparent of a link ("<li><h3><a>"); XPath keeps those whose first link
# holds a fifth of their text or more, Python then counts all their links.
_WITH_LINK = XPath(f"(//body//a[{_AWAY}]/parent::*[{_BLOCK}]"
                   f" | //body//a[{_AWAY}]/parent::*/parent::*[{_BLOCK}])"
                   f"[string-length(normalize-space(.//a[{_AWAY}])) * 5"
                   " >= string-length(normalize-space(.))]"
                   f"[not(ancestor::a) and {_CANDIDATE}]")
_PARAGRAPH_TEXT = XPath("string-length(normalize-space(string(.)))")
_PARAGRAPHS = XPath(".//p")
_LINK_TEXT = XPath(f".//a[{_AWAY}]//text()")
_WORD = re.compile(r"\w+")
# A named or hidden block holding at least this share of the page's paragraph text is the
# article container itself, whatever its class says ("article-body related-enabled").
MAX_SHARE_OF_PAGE = 0.5
# A block is all link when its link text holds at least this share of its characters.
LINK_SHARE = 0.8
# A link-only block is a teaser when it has at least this many words (a lone "Home" or a
# single-word link inside prose is not)...
MIN_TEASER_WORDS = 3
# ...and at most this many (a long linked block is not a headline teaser).
MAX_TEASER_WORDS = 60
# A link that shows its own address is a reference the story cites, not a teaser.
_URL_TEXT = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
# A short label right above removed teasers ("Don't miss", "Related") goes with them.
MAX_LABEL_WORDS = 5


def prune(tree: HtmlElement) -> list[Removed]:
    """Remove furniture blocks from ``tree`` (in place); the removed text with reasons."""
    _strip_code(tree)
    total = max(_paragraph_chars(tree), 1)
    _strip_layout(tree, total)
    _unmark_posts(tree)
    removed = _standfirst(tree)
    removed += _named_blocks(_named(tree), total)
    removed += _link_blocks(tree)
    return removed


def _named(tree: HtmlElement) -> list[tuple[HtmlElement, str]]:
    """The elements a furniture word names, with its reason. Each distinct class or id value
    is judged once (menus repeat theirs many times), as a string: one XPath then fetches
    only the elements that carry a furniture name."""
    verdicts = {}
    for value in set(_NAMES(tree)):
        words = _SEPARATORS.split(value.lower())
        if not _WORDS_NAMED.isdisjoint(words) and "'" not in value:
            reason = _name_reason(words)
            if reason is not None:
                verdicts[value] = reason
    if not verdicts:
        return []
    wanted = " or ".join(f". = '{v}'" for v in verdicts)
    return [(el, verdicts.get(el.get("class", ""), verdicts.get(el.get("id", ""), "related")))
            for el in tree.xpath(f"(//body//@class | //body//@id)[{wanted}]/..")
            if el.tag not in _CONTAINERS]


def _name_reason(words: list[str]) -> str | None:
    found = next((w for w in words if w in _NAME_WORDS), None)
    if found is not None:
        return _NAME_WORDS[found]
    pairs = pairwise(words)
    return next((_NAME_PAIRS[p] for p in pairs if p in _NAME_PAIRS), None)


def _strip_code(tree: HtmlElement) -> None:
    """Scripts, styles and embedded frames out first: trafilatura drops them too, but only
    after copying the tree and walking them (a fifth of its time on news pages). Structured
    data (JSON scripts) stays for the metadata."""
    for el in _CODE(tree):
        el.drop_tree()


def _strip_layout(tree: HtmlElement, total: int) -> None:
    """Navigation and asides out too (trafilatura drops them; dropped here, they cost it
    nothing), unless one holds most of the page's paragraphs (then it is the story)."""
    for el in _small(_LAYOUT(tree), total):
        el.drop_tree()


def _unmark_posts(tree: HtmlElement) -> None:
    """An embedded social-media post (a tweet, an Instagram post) is the story's own quote:
    its blockquote, and any wrapper holding nothing else, lose the class and id by which
    trafilatura would discard it as a share widget."""
    for post in _POSTS(tree):
        text = post.text_content().strip()
        el = post
        while el is not None and el.tag not in _CONTAINERS and el.text_content().strip() == text:
            el.attrib.pop("class", None)
            el.attrib.pop("id", None)
            el = el.getparent()


def _standfirst(tree: HtmlElement) -> list[Removed]:
    """The standfirst: a sub-heading under the headline (an h2-h4, or a block of the page's
    header) that says what the page's description says, for search engines and social
    cards. It summarises the story above the story. A first body paragraph that the
    description merely copies is a <p> of the body, and stays."""
    wanted = [set(_WORD.findall(d.casefold())) for d in _DESCRIPTIONS(tree)]
    wanted = [w for w in wanted if len(w) >= MIN_STANDFIRST_WORDS]
    if not wanted:
        return []
    for el in _SUBHEADINGS(tree):
        words = set(_WORD.findall(el.text_content().casefold()))
        if any(len(words & w) / len(words | w) >= NEAR_DESCRIPTION for w in wanted):
            return _drop([el], "standfirst")
    return []


def _paragraph_chars(el: HtmlElement) -> int:
    return sum(int(_PARAGRAPH_TEXT(p)) for p in _PARAGRAPHS(el))


def _small(found: list[HtmlElement], total: int) -> list[HtmlElement]:
    """The blocks that are not the article container (most of the page's paragraphs)."""
    return [el for el in found if _paragraph_chars(el) < MAX_SHARE_OF_PAGE * total]


def _named_blocks(found: list[tuple[HtmlElement, str]], total: int) -> list[Removed]:
    kept = {id(el) for el in _small([el for el, _ in found], total)}
    found = [(el, reason) for el, reason in found if id(el) in kept]
    removed = []
    for reason in sorted({r for _, r in found}):
        removed += _drop([el for el, r in found if r == reason], reason)
    return removed


def _link_blocks(tree: HtmlElement) -> list[Removed]:
    found = [el for el in _IN_LINK(tree) if _teaser_size(el.text_content())]
    found += [el for el in _WITH_LINK(tree) if _all_link(el)]
    labels = [label for label in map(_label_above, found) if label is not None]
    removed = _drop(found, "related") + _drop(labels, "related")
    # A teaser that a precise rule names ("Read more: …") keeps that rule's reason.
    return [Removed(r.text, rule_reason(r.text) or r.reason) for r in removed]


def _teaser_size(text: str) -> bool:
    """A few words to a few lines ("13-Inch MacBook Pro Expected in 2020"), not an address."""
    words = len(_WORD.findall(text))
    return MIN_TEASER_WORDS <= words <= MAX_TEASER_WORDS and not _URL_TEXT.match(text.strip())


def _all_link(el: HtmlElement) -> bool:
    text = el.text_content()
    if not _teaser_size(text):
        return False
    linked = sum(len("".join(t.split())) for t in _LINK_TEXT(el))
    return linked >= LINK_SHARE * len("".join(text.split()))


def _label_above(el: HtmlElement) -> HtmlElement | None:
    before = el.getprevious()
    if before is None or before.tag not in ("p", "h2", "h3", "h4", "h5", "h6", "strong", "b"):
        return None
    words = len(_WORD.findall(before.text_content()))
    has_link = next(before.iter("a"), None) is not None
    return before if 0 < words <= MAX_LABEL_WORDS and not has_link else None


def _drop(elements: list[HtmlElement], reason: str) -> list[Removed]:
    """Remove ``elements`` (in document order) from the tree, their tail text staying; one
    inside another already removed goes with it."""
    removed = []
    for el in elements:
        parent = el.getparent()
        if parent is None or _detached(parent):
            continue
        text = " ".join(" ".join(el.itertext()).split())
        if text:
            removed.append(Removed(text, reason))
        el.drop_tree()
    return removed


def _detached(el: HtmlElement) -> bool:
    return bool(el.getroottree().getroot().tag != "html")
