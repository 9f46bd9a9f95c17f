"""The head of a scraped story: headline, byline, dateline, and the trailing credits.

Lines that carry metadata are taken out of the body and kept as removed lines with their
reason (``byline``, ``dateline``, ``source-line``, ``syndication-credit``); what they say goes
to the article's fields.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

import dateparser

Labels = list[str | None]

_SOURCE_LINE = re.compile(r"^(?:source|url|canonical|canonical url|link|permalink|"
                          r"original(?:ly published at)?)\s*:\s*<?(https?://[^\s>]+)>?\s*$",
                          re.I)
# Menus, "Skip to content" and section labels run to three words; a page's headline is
# taken to be longer...
MIN_HEADLINE_WORDS = 4
# ...but a story further down a glued page may have a three-word one ("Death for Orozco");
# there, menus are already labelled and the prose around must differ as well.
MIN_SPLIT_HEADLINE_WORDS = 3
# The longest headline among the 46 sample-corpus articles has 17 words; 30 leaves room.
MAX_HEADLINE_WORDS = 30
_HEADLINE_BAD_END = (".", ":", ";", ",")
# The byline and dateline sit within this many lines under the headline (after a standfirst).
HEAD_LINES = 4
# A byline: "By Marc-André Tessier", "Hana Ferris, Political reporter", "Mia Castellano".
_BYLINE = re.compile(r"^(?:[Bb][Yy]\s+)?((?:[A-Z][\w.'’-]+\s+){0,3}[A-Z][\w.'’-]+)"
                     r"(?:\s*(?:,|and|\||-|–|—)\s*[\w\s,.'’&-]{0,60})?$")
_MAX_BYLINE_WORDS = 10
# A dateline is short and holds a number: "Tuesday 25 March 2025 3:40pm AEDT".
_MAX_DATELINE_WORDS = 9
_DIGIT = re.compile(r"\d")
_DATE_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
                  "DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]}
_DATELINE_JUNK = re.compile(r"\s*(?:—|–|-|\||,|at|updated|published|posted|first published"
                            r"|last updated|on)\b:?\s*|\s*[—–|]\s*", re.I)
# "5) The DeLorean model, 1:24 scale", "3. Not some irregular channel": a list item.
_LIST_ITEM = re.compile(r"^\(?\d{1,3}[.)]\s")
# "Hana Ferris, Political reporter", "By Nora Feldstein": a byline, not a headline.
_NAMED_ROLE = re.compile(r"^(?:by\s+\S+.*|(?:[A-Z][\w.'’-]+\s+){1,3}[A-Z][\w.'’-]+\s*,\s*"
                         r"[\w\s'’-]{0,30}\b(?:reporter|correspondent|editor|writer|columnist|"
                         r"staff|journalist|producer|contributor|bureau chief|analyst)s?)$", re.I)
# "— Meridian Press Agency", "(Reuters)", "Associated Press": a credit naming the origin.
_SYNDICATION = re.compile(r"^(?:[—–-]+\s*|\(\s*)?((?:additional )?(?:reporting by |via |"
                          r"source: |distributed by |this (?:story|article) (?:was )?"
                          r"(?:first )?(?:published|appeared) (?:by|in|on) )?"
                          r"[A-Z][\w.&'’ -]{1,60}?)\s*\)?\.?$", re.I)
_AGENCY = re.compile(r"\b(?:press|agency|agence|news|wire|reuters|associated press|afp|"
                     r"ap|aap|upi|bloomberg|dpa|efe|ansa|xinhua|kyodo|pa media|"
                     r"canadian press|times|post|herald|gazette|courier|observer|"
                     r"ledger|dispatch|sentinel|journal|tribune|telegraph|guardian)\b", re.I)
# Wire services credited without a dash: "Reuters", "Associated Press", "AAP".
_WIRE = re.compile(r"^(?:reuters|associated press|ap|afp|agence france-presse|aap|upi|"
                   r"bloomberg|dpa|efe|ansa|xinhua|kyodo|pa media|press association|"
                   r"the canadian press|canadian press|[\w ]{1,40} (?:press agency|news agency|"
                   r"wire service))\.?$", re.I)
_CREDIT_PREFIX = re.compile(r"^[—–-]|^\(", re.I)


@dataclass(frozen=True, slots=True)
class HeadFields:
    title: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    origin_outlet: str | None = None


def source_url(line: str) -> str | None:
    match = _SOURCE_LINE.match(line)
    return match.group(1) if match else None


def is_headline(line: str, min_words: int = MIN_HEADLINE_WORDS) -> bool:
    words = len(line.split())
    return (min_words <= words <= MAX_HEADLINE_WORDS
            and not line.rstrip("\"'”’").endswith(_HEADLINE_BAD_END) and line[:1] not in "(—–-"
            and not line.casefold().startswith("skip to") and not _NAMED_ROLE.match(line)
            and not _LIST_ITEM.match(line)
            and parse_date(line) is None)


def parse_date(line: str) -> str | None:
    """An ISO date or timestamp when the whole line is a date, else None."""
    if len(line.split()) > _MAX_DATELINE_WORDS or not _DIGIT.search(line):
        return None
    return _parse_date(_DATELINE_JUNK.sub(" ", line).strip())


@lru_cache(maxsize=4096)
def _parse_date(text: str) -> str | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = dateparser.parse(text, languages=["en"], settings=_DATE_SETTINGS)
    # The day only: a clock time in a scraped line carries no reliable time zone.
    return None if found is None else found.date().isoformat()


def byline_author(line: str) -> str | None:
    if len(line.split()) > _MAX_BYLINE_WORDS or _DIGIT.search(line):
        return None
    match = _BYLINE.match(line)
    return match.group(1) if match else None


def syndication_origin(line: str) -> str | None:
    """The outlet a trailing credit names ("— Meridian Press Agency" -> that agency)."""
    if len(line.split()) > _MAX_BYLINE_WORDS:
        return None
    match = _SYNDICATION.match(line)
    if not match or not (_CREDIT_PREFIX.match(line) or _WIRE.search(line)):
        return None
    name = re.sub(r"^(?:additional )?(?:reporting by|via|source:|distributed by|"
                  r"this (?:story|article) (?:was )?(?:first )?(?:published|appeared) "
                  r"(?:by|in|on))\s+", "", match.group(1).strip(), flags=re.I)
    return name if _AGENCY.search(name) else None
