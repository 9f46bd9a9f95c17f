"""Context rules: furniture that only its neighbours give away.

A caption is an ordinary sentence until the credit line under it says it is one; "Drones" is a
word until it sits in the list under "Related Topics"; "Sport" is a menu entry when it sits in
a run of one- and two-word lines. Each rule takes the labels so far (a reason, or None for a
line still taken as content) and returns new labels.
"""

from __future__ import annotations

import re

from newsdesk.clean.furniture import is_credit

Labels = list[str | None]

# A caption is a sentence or two; longer lines above a credit are body text.
_MAX_CAPTION_WORDS = 40
# A credit standing on its own line is a short label ("Picture: Brendan Quill/NewsWire").
_MAX_CREDIT_WORDS = 8
# Entries of a topic list or a menu: one to four words, no sentence punctuation.
_MAX_ENTRY_WORDS = 4
# A run of at least this many menu-like lines is a menu ("News", "Queensland", "Sport").
_MIN_MENU_RUN = 2
# ...and short in characters too: a line of Japanese or Korean prose has no spaces at all.
_MAX_ENTRY_CHARS = 40
# A prose line (as in split.py) within this many lines above and below a run of short lines
# makes it a list inside the story, not a menu.
_PROSE_WORDS = 12
_PROSE_REACH = 3
_SENTENCE_END = re.compile(r"[.!?:;,\"'”’)]$")
_QUOTE_OPEN = "\"“‘'"


def context_labels(lines: list[str], labels: Labels) -> Labels:
    """``labels`` with captions, topic lists and menus added."""
    labels = _captions_above_credits(lines, labels)
    labels = _topic_lists(lines, labels)
    return _menu_runs(lines, labels)


def _captions_above_credits(lines: list[str], labels: Labels) -> Labels:
    out = list(labels)
    for i in range(1, len(lines)):
        above = lines[i - 1]
        if (is_credit(lines[i]) and len(lines[i].split()) <= _MAX_CREDIT_WORDS
                and out[i - 1] is None and len(above.split()) <= _MAX_CAPTION_WORDS
                and above[:1] not in _QUOTE_OPEN):
            out[i - 1] = "caption"
    return out


def _topic_lists(lines: list[str], labels: Labels) -> Labels:
    out = list(labels)
    in_list = False
    for i, line in enumerate(lines):
        if out[i] == "related" and len(line.split()) <= _MAX_ENTRY_WORDS:
            in_list = True
        elif in_list and out[i] is None and _is_entry(line):
            out[i] = "related"
        elif out[i] is None:
            in_list = False
    return out


def _menu_runs(lines: list[str], labels: Labels) -> Labels:
    out = list(labels)
    i = 0
    while i < len(lines):
        end = i
        while end < len(lines) and out[end] is None and _is_entry(lines[end]):
            end += 1
        if (end - i >= _MIN_MENU_RUN and _touches_furniture(out, i, end)
                and not _between_prose(lines, out, i, end)):
            out[i:end] = ["navigation"] * (end - i)
        i = max(end, i + 1)
    return out


def _between_prose(lines: list[str], labels: Labels, start: int, end: int) -> bool:
    """A list inside the story (ingredients, specifications) has prose close above and below;
    a menu sits at the top or bottom of the page."""
    return _prose_near(lines, labels, range(start - 1, max(start - 1 - _PROSE_REACH, -1), -1)) \
        and _prose_near(lines, labels, range(end, min(end + _PROSE_REACH, len(lines))))


def _prose_near(lines: list[str], labels: Labels, indices: range) -> bool:
    return any(labels[i] is None and len(lines[i].split()) >= _PROSE_WORDS for i in indices)


def _is_entry(line: str) -> bool:
    return (len(line.split()) <= _MAX_ENTRY_WORDS and len(line) <= _MAX_ENTRY_CHARS
            and not _SENTENCE_END.search(line))


def _touches_furniture(labels: Labels, start: int, end: int) -> bool:
    before = start == 0 or labels[start - 1] is not None
    after = end == len(labels) or labels[end] is not None
    return before or after
