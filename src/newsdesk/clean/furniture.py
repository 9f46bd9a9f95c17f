"""Precise rules: lines that are page furniture whatever page they sit on.

Each rule names the reason it removes a line for (the reasons vocabulary of the export's
``removed``). A rule is precise: it matches a whole line by its wording and shape, never a
body sentence that merely mentions "photo" or "cookies". What the rules leave open, the
context rules (``context.py``) and the learned model (``lines.py``) decide.
"""

from __future__ import annotations

import re

# A line longer than this is prose, whatever words it opens with: the longest furniture line
# among the sample corpus's 297 labelled lines has 24 words (a cookie notice).
MAX_FURNITURE_WORDS = 30
# Credits, labels and buttons are short; body sentences that open with "Photo" are not.
MAX_LABEL_WORDS = 12

_I = re.IGNORECASE

# Each entry: (reason, pattern matched against the whole line, at most this many words).
_RULES: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("video", re.compile(r"^(?:watch|video)\s*[:|].*\(\d{1,2}:\d{2}\)$", _I), MAX_LABEL_WORDS),
    ("caption", re.compile(
        r"^(?:photo(?:graph)?s?|pictures?|image|pic|illustration|video|file photo)"
        r"\s*(?:credit)?\s*[:/|]\s*\S.*$", _I), MAX_LABEL_WORDS),
    ("credit", re.compile(
        r"^(?:credit|image credit|photo credit|source|caption)\s*:\s*(?!<?https?://)\S.*$", _I),
     MAX_LABEL_WORDS),
    ("credit", re.compile(
        r"^\(?(?:getty images|ap photo|afp|reuters|shutterstock|alamy|epa|pa(?: media)?|"
        r"istock(?:photo)?|supplied|handout|file)(?:/[^)]*)?\)?\.?$", _I), MAX_LABEL_WORDS),
    ("caption", re.compile(r".*[.!?]\s+(?:photo(?:graph)?|picture|image)\s*[:/]\s*[^.]{2,60}$",
                           _I), MAX_FURNITURE_WORDS),
    ("caption", re.compile(r".*\((?:getty images|shutterstock|ap|afp|reuters|supplied|"
                           r"ap photo[^)]*|getty[^)]*)\)\.?$", _I), MAX_FURNITURE_WORDS),
    ("read-more", re.compile(
        r"^(?:read more|read also|also read|see also|see more|related|more on (?:this|that)\b[^:]*|"
        r"recommended|you may also like|don'?t miss|watch|listen|further reading|read next|"
        r"most read|more (?:from|on|about) [^:]{1,40})\s*[:>»|–—-]\s*\S.*$", _I),
     MAX_FURNITURE_WORDS),
    ("read-more", re.compile(r"^(?:read more|continue reading|explore further|see more|"
                             r"read the full (?:story|article)|"
                             r"read full (?:story|article)|keep reading)\W*$", _I),
     MAX_LABEL_WORDS),
    ("related", re.compile(r"^(?:related (?:topics|stories|articles|coverage|content|links|news)"
                           r"|more (?:stories|news)(?: from [^:]{1,40})?|more on (?:this story|"
                           r"this topic)|topics|tags|in this (?:story|article)|"
                           r"you (?:might|may) also like|recommended(?: for you| stories)?|"
                           r"trending(?: now)?|most (?:read|popular|viewed)|latest (?:news|"
                           r"stories))\s*:?\s*(?:$|\S.*$)", _I), MAX_LABEL_WORDS),
    ("related", re.compile(r"^(?:filed under|posted in|tagged(?: with| in)?|categories|"
                           r"category)\s*:\s*\S.*$", _I), MAX_LABEL_WORDS),
    ("share", re.compile(r"^[-•*]?\s*(?:share(?: this| the| full)?(?: article| story| page| post)?|"
                         r"share (?:on|via|to) \w+|share: .*|tweet|pin|print|bookmark|save|"
                         r"save (?:article|story|for later)|email(?: this (?:story|article))?|"
                         r"copy link|copy article link|link copied|gift (?:this )?article|"
                         r"listen to (?:this )?(?:article|story)(?: \d+ min(?:utes?|s)?)?|"
                         r"facebook|twitter|x|whatsapp|linkedin|reddit|telegram|flipboard|"
                         r"messenger|pinterest)\W*$", _I), MAX_LABEL_WORDS),
    ("share", re.compile(r"^(?:like|enjoyed|enjoy) this (?:story|article)\?\s*share it\b.*$",
                         _I), MAX_LABEL_WORDS),
    ("share", re.compile(r"^(?:follow|like) us on \w+.*$|^follow \S+ on (?:facebook|twitter|x|"
                         r"instagram|linkedin|flipboard|rss)\W*$", _I), MAX_LABEL_WORDS),
    ("comment-prompt", re.compile(
        r"^(?:comments?\s*(?:\(\d+\)|\d+)?|\d+\s+comments?|join the (?:conversation|discussion|"
        r"debate)\b.*|have your say\b.*|leave a (?:comment|reply)\b.*|add (?:a|your) comment\b.*|"
        r"show comments|view comments|hide comments|post a comment|be the first to comment.*|"
        r"(?:log|sign) in to (?:comment|reply|add).*|comments are (?:closed|open).*|"
        r"what do you think\?.*|commenting (?:is|has been) (?:closed|disabled).*)\W*$", _I),
     MAX_FURNITURE_WORDS),
    ("newsletter", re.compile(
        r"^(?:sign up|subscribe|register)\s+(?:to|for|now for)\b.*(?:newsletter|briefing|"
        r"bulletin|update|digest|dispatch|inbox|email)s?\b.*$|"
        r"(?=.*\b(?:sign up|subscribe|free|every|daily|weekly|delivered|get it|lands)\b)"
        r".*\b(?:newsletter|in your inbox|to your inbox|straight to your inbox)\b.*$", _I),
     MAX_LABEL_WORDS * 2),
    ("newsletter", re.compile(r"^(?:sign up|sign up to \S+(?: \S+)?|get the newsletter|"
                              r"enter your email(?: address)?|your email(?: address)?|"
                              r"email address|sign me up)\W*$", _I), MAX_LABEL_WORDS),
    ("subscription", re.compile(
        r"^(?:subscribe(?: now| today)?(?: (?:for|to) .*)?|subscribers? only|"
        r"already a subscriber\?.*|"
        r"become a (?:member|subscriber|supporter)\b.*|support (?:our|independent|quality) "
        r"journalism\b.*|(?:start|get) (?:your )?(?:free )?(?:trial|unlimited access|"
        r"digital access)\b.*|this (?:article|content|story) is (?:for|available to|"
        r"exclusive to) (?:subscribers|members)\b.*|unlock (?:this|unlimited)\b.*|"
        r"you have \d+ free articles?\b.*|(?:log|sign) in or (?:subscribe|register)\b.*|"
        r"to continue reading\b.*|premium|exclusive to subscribers|contribute|donate)\W*$",
        _I), MAX_LABEL_WORDS * 2),
    ("video", re.compile(r"^(?:press play to (?:watch|listen)\b.*|watch(?: the)? video\b.*|"
                         r"video(?: player)?(?: is)? loading.*|play video|replay|"
                         r"now playing\b.*|up next\b.*|autoplay\b.*|"
                         r"\d{1,2}:\d{2}(?::\d{2})?|duration\s*\d+:\d{2}.*)\W*$", _I),
     MAX_LABEL_WORDS),
    ("cookie-wall", re.compile(
        r"^(?:.*\b(?:we|this (?:site|website)|our partners?|\w+ and our partners) use[s]? "
        r"cookies\b.*|.*\bcookie (?:policy|settings|preferences|consent|notice)\b.*|"
        r"(?:i )?accept(?: all)?(?: cookies)?|accept (?:and|&) (?:close|continue)|"
        r"reject(?: all| non-essential)?(?: cookies)?|manage (?:my )?(?:cookies|settings|"
        r"preferences|consent)|(?:your )?privacy(?: choices| settings| preferences)?|"
        r"yes,? i'?m happy|agree(?: and continue)?|i agree|ok(?:ay)?,? (?:got it|i agree)|"
        r"got it|by (?:continuing|using this site)\b.*cookies.*|allow (?:all )?cookies)\W*$",
        _I), MAX_FURNITURE_WORDS),
    ("reading-time", re.compile(r"^(?:(?:reading time|read time|estimated read)\s*:?\s*)?"
                                r"(?:about |approx\.? )?\d{1,3}\s*(?:-|\s)?"
                                r"(?:min(?:ute)?s?|mins?)\.?(?: to)? (?:read|listen)\W*$", _I),
     MAX_LABEL_WORDS),
    ("copyright", re.compile(r"^(?:copyright\s*)?(?:©|\(c\)|copyright\s+(?:©\s*)?\d{4})\s*.*$", _I),
     MAX_FURNITURE_WORDS),
    ("copyright", re.compile(r"^all rights reserved\b.*$", _I), MAX_LABEL_WORDS),
    ("about", re.compile(r"^(?:about us|contact us|terms (?:of (?:use|service)|and conditions)|"
                         r"privacy (?:policy|notice)|accessibility|careers|advertise(?: with us)?|"
                         r"site ?map|help|faqs?|editorial (?:standards|policy)|"
                         r"corrections(?: policy)?|code of conduct)\W*$", _I), MAX_LABEL_WORDS),
    ("navigation", re.compile(r"^more (?:from|in|on) [^.!?:]{1,40}$", _I), MAX_LABEL_WORDS),
    ("navigation", re.compile(r"^(?:skip to (?:main )?(?:content|navigation|site index|"
                              r"search)\b.*|menu|search|home|back to top|log ?in|sign ?in|"
                              r"log ?out|sign out|my account|register|more|close|open menu|"
                              r"toggle navigation|next(?: article| story)?|previous(?: article|"
                              r"story)?|go to top|top|sections|edition\W*.*)\W*$", _I),
     MAX_LABEL_WORDS),
    ("advertisement", re.compile(r"^(?:advertisement|advertising|sponsored(?: content)?|"
                                 r"ad|ads|promoted(?: content| stories)?|paid (?:content|post)|"
                                 r"story continues below(?: advertisement)?|"
                                 r"article continues below(?: advertisement)?|"
                                 r"content continues below)\W*$", _I), MAX_LABEL_WORDS),
)


def rule_reason(line: str) -> str | None:
    """The furniture reason a precise rule gives ``line``, or None when none matches."""
    words = len(line.split())
    for reason, pattern, max_words in _RULES:
        if words <= max_words and pattern.match(line):
            return reason
    return None


def is_credit(line: str) -> bool:
    """A photo credit or caption label ("Photo: AP", "Picture: Supplied"); "Source: …" under
    a paragraph names where facts came from, not who took a picture."""
    return (rule_reason(line) in ("caption", "credit")
            and not line.casefold().startswith("source"))
