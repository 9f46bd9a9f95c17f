"""Lines of an HTML article's text that are furniture there: sign-offs under the story.

The shared precise rules (``furniture.py``) judge a line on its own; these judge the
paragraphs trafilatura kept from an article page, where a story often ends with the writer's
contact address, a social-media prompt, a contributor credit or a pointer to more coverage.
The reasons are the export's vocabulary ("contact" and "contributors" are new ones).
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
# Sign-offs are short; a body sentence that mentions an e-mail address runs longer.
MAX_SIGNOFF_WORDS = 40
_EMAIL = r"[\w.+-]+@[\w-]+\.[\w.]+"
_HANDLE = r"(?<!\w)@\w{2,}"
_ADDRESS = rf"(?:{_EMAIL}|{_HANDLE}|(?:https?://)?(?:www\.)?(?:twitter|x|facebook|instagram)\.com/\w+)"

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "Write to Al Root at allen.root@dowjones.com", "Email Tariq Malik at … or follow him
    # @tariqjmalik", "Reach the reporters on Twitter at http://twitter.com/…",
    # "Have a tip? Amy Kuperinsky may be reached at …"
    ("contact", re.compile(rf"^(?=.*{_ADDRESS}).*\b(?:write to|e-?mail|contact|reach|reached|"
                           rf"follow|tips?|send)\b.*$", _I)),
    ("contact", re.compile(rf"^\W*{_ADDRESS}\W*$", _I)),
    # "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube."
    ("share", re.compile(r"^follow .{1,80}\bon (?:twitter|facebook|instagram|linkedin|youtube|"
                         r"tiktok|threads|bluesky|mastodon)\b.*$", _I)),
    # "Keith Bradsher contributed reporting from Hong Kong.", "Additional reporting by …",
    # "Reporting by …; Editing by …"
    ("contributors", re.compile(r"^.{0,300}\bcontributed (?:reporting|research|to this "
                                r"(?:report|story|article))\b.*$", _I)),
    ("contributors", re.compile(r"^(?:additional reporting|reporting|writing|editing) by\b.*$",
                                _I)),
    # "copyright Inexhibit 2019 - ISSN: 2283-5474", "Copyright ⓒ Entermedia.co.kr."
    ("copyright", re.compile(r"^(?:copyright|ⓒ)\b.{0,160}$", _I)),
    # "More AP NBA: https://apnews.com/NBA", "Follow AP's full coverage of Brexit at https://…"
    ("read-more", re.compile(r"^(?:more|follow .{0,40}coverage|see more|for more)\b.{0,80}"
                             r"https?://\S+.*$", _I)),
)


def signoff_reason(line: str) -> str | None:
    """The reason ``line`` is a sign-off under a story, or None."""
    if len(line.split()) > MAX_SIGNOFF_WORDS:
        return None
    return next((reason for reason, pattern in _RULES if pattern.match(line)), None)

