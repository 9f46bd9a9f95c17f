"""Dates in text, absolute and relative, resolved against the article's publication day.

The publication day is taken in the outlet's time zone where the domain says the country
(".co.nz" -> Pacific/Auckland), so "on Monday (Tuesday NZT)" in a paper dated Tuesday morning
in Auckland means the Monday before. Absolute dates ("13 March", "March 9") go through
dateparser with the publication day as base; relative ones ("yesterday", "on Tuesday",
"a week ago", "a week later", "12 days after the audit") are computed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import dateparser

from newsdesk.extract.numbers import WORD_NUMBER, parse_number
from newsdesk.model import Figure

DOMAIN_ZONES = {".co.uk": "Europe/London", ".uk": "Europe/London", ".ie": "Europe/Dublin",
                ".com.au": "Australia/Sydney", ".au": "Australia/Sydney",
                ".ca": "America/Toronto", ".co.nz": "Pacific/Auckland",
                ".nz": "Pacific/Auckland", ".dk": "Europe/Copenhagen", ".no": "Europe/Oslo",
                ".de": "Europe/Berlin", ".fr": "Europe/Paris", ".us": "America/New_York"}

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|lunchtime))?"
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_N = rf"(?:\d+|(?i:{WORD_NUMBER})|[Aa]n?|[Oo]ne)"
_SPAN = r"(?P<{}>day|week|month|year|fortnight)s?"

DATE_FORMS = re.compile("|".join((
    rf"(?P<weeklast>[Aa] week (?:last|on) (?P<wd0>{_WD}))",
    rf"(?P<abs>(?:[Oo]n\s+)?(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b)"
    rf"(?:,?\s+\d{{4}})?)",
    rf"(?P<weekday>(?:(?P<mod>[Oo]n|[Ll]ast|[Tt]his|[Nn]ext|[Ss]ince|[Bb]y|[Uu]ntil)\s+)?"
    rf"(?P<wd>{_WD}){_PART}(?:\s*\({_WD}\s+[A-Z]{{2,5}}\))?"
    r"(?:,\s+(?:local time|[A-Z][a-z]+ time))?)",
    rf"(?P<yday>[Yy]esterday{_PART}|[Ll]ast night)",
    r"(?P<today>\b(?:[Tt]oday|[Tt]onight|[Tt]his (?:morning|afternoon|evening|lunchtime)))\b",
    rf"(?P<ago>{_N}\s+{_SPAN.format('aunit')}\s+ago)",
    rf"(?P<after>(?:[Oo]nly\s+)?{_N}\s+{_SPAN.format('unit')}\s+(?P<dir>after|earlier|later|before)\b"
    r"(?:\s+(?!the\b)(?:[a-z]+\s+){0,2}?(?:talks|an? \w+|the \w+)(?:\s+in\s+[A-Z]\w+)?)?)",
    r"(?P<lastweek>[Ll]ast (?P<lunit>week|month|year)(?:'s)?)",
)))
_FUTURE = re.compile(r"\b(?:will|is due to|are due to|is expected to|are expected to|"
                     r"is scheduled to|are scheduled to|plans to|next|could|would|may|might)\b",
                     re.I)
_PAST = re.compile(r"\b(?:\w{3,}ed|said|told|met|was|were|had|held|made|took|gave|went|"
                   r"came|saw|began|spoke|signed|won|lost|flew|rose|fell|led)\b", re.I)
_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}


@dataclass(frozen=True, slots=True)
class DateContext:
    """What relative dates are resolved against: the local publication day."""

    published: date | None


def local_day(published: str | None, domain: str | None, text: str = "") -> date | None:
    """The publication day in the outlet's zone (the day as written when no time is given);
    without a publication date, the day of the article's own dateline."""
    if not published:
        return dateline_day(text, domain)
    try:
        moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None
    zone = outlet_zone(domain)
    if moment.tzinfo is not None and zone is not None:
        moment = moment.astimezone(ZoneInfo(zone))
    return moment.date()


# A dateline near the top of a page: "04/03/2025 — 6:05am AEDT", "Fri 14 Mar 2025 11.20 GMT",
# "Mar. 19, 2025 6:00 a.m. ET". Only read when the metadata has no publication date.
DATELINE = re.compile(
    rf"^[^\n]{{0,20}}?(\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|"
    rf"{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})[^\n]{{0,40}}$", re.M)
# How far into the text a dateline is looked for, in characters: furniture lines (menus,
# cookie notices) come first on scraped pages; the sample corpus's datelines sit within 900.
DATELINE_WINDOW = 2000


def dateline_day(text: str, domain: str | None) -> date | None:
    """The publication day from the article's own dateline, for pages without metadata."""
    m = DATELINE.search(text, 0, DATELINE_WINDOW)
    if m is None:
        return None
    zone = outlet_zone(domain) or ""
    order = "MDY" if zone.startswith("America/") and not domain_is_canadian(domain) else "DMY"
    parsed = dateparser.parse(m.group(1), languages=["en"], settings={"DATE_ORDER": order})
    return None if parsed is None else date(parsed.year, parsed.month, parsed.day)


def domain_is_canadian(domain: str | None) -> bool:
    return bool(domain) and str(domain).lower().endswith(".ca")


def outlet_zone(domain: str | None) -> str | None:
    if not domain:
        return None
    for suffix in sorted(DOMAIN_ZONES, key=len, reverse=True):
        if domain.lower().endswith(suffix):
            return DOMAIN_ZONES[suffix]
    return None


def find_dates(article_id: str, text: str, day: date | None) -> list[Figure]:
    """Every date expression in ``text`` as a ``date`` figure; value None when unresolvable.
    Two passes: plain dates first, then event-anchored ones ("12 days after an audit"),
    which count from a plain date of their own sentence."""
    matches = list(DATE_FORMS.finditer(text))
    plain: dict[int, Figure] = {}
    last: date | None = None
    for m in matches:
        if not _anchored(m):
            plain[m.start()] = _plain_date(article_id, m, text, day, last)
            last = _day_of(plain[m.start()]) or last
    found = []
    for m in matches:
        if _anchored(m):
            anchor = _sentence_anchor(list(plain.values()), text, m.start(), day)
            resolved = _resolve(m, text, day, anchor)
            found.append(Figure(article_id, m.start(), m.end(), m.group(0), "date",
                                None if resolved is None else resolved.isoformat(), None))
        else:
            found.append(plain[m.start()])
    return found


def _anchored(m: re.Match[str]) -> bool:
    return m["dir"] in ("after", "before")


def _plain_date(article_id: str, m: re.Match[str], text: str, day: date | None,
                last: date | None) -> Figure:
    if m["lastweek"]:
        value = None if day is None else _period(m, day)
        return Figure(article_id, m.start(), m.end(), m.group(0), "date", value, None, True)
    resolved = _resolve(m, text, day, last)
    return Figure(article_id, m.start(), m.end(), m.group(0), "date",
                  None if resolved is None else resolved.isoformat(), None)


def _day_of(figure: Figure) -> date | None:
    if figure.approximate or not isinstance(figure.value, str) or len(figure.value) != 10:
        return None
    return date.fromisoformat(figure.value)


def _sentence_anchor(plain: list[Figure], text: str, at: int, day: date | None
                     ) -> date | None:
    """What "N days after X" counts back from: the plain date nearest it in its own sentence
    ("paused on Tuesday, 12 days after an audit"), else the last one before it in the text,
    else the publication day."""
    start = _sentence_start(text, at)
    end = _sentence_end(text, at)
    days = [(abs(f.start - at), d) for f in plain if start <= f.start < end
            and (d := _day_of(f)) is not None]
    if days:
        return min(days, key=lambda pair: pair[0])[1]
    before = [d for f in plain if f.start < at and (d := _day_of(f)) is not None]
    return before[-1] if before else day


def _sentence_end(text: str, at: int) -> int:
    ends = [i for i in (text.find(". ", at), text.find("\n", at)) if i >= 0]
    return min(ends) if ends else len(text)


def _period(m: re.Match[str], day: date) -> str:
    """"last week" -> the day a week before; "last month" -> "2025-02"; "last year" -> "2024"."""
    unit = m["lunit"].lower()
    if unit == "year":
        return str(day.year - 1)
    if unit == "month":
        first = day.replace(day=1) - timedelta(days=1)
        return f"{first.year}-{first.month:02d}"
    return (day - timedelta(days=7)).isoformat()


def _resolve(m: re.Match[str], text: str, day: date | None, last: date | None) -> date | None:
    """The day ``m`` names, counted from ``day``; None when that falls outside the calendar
    ("three weeks ago" on a page dated 0001-01-01)."""
    try:
        return _resolved(m, text, day, last)
    except OverflowError:
        return None


def _resolved(m: re.Match[str], text: str, day: date | None, last: date | None) -> date | None:
    if day is None:
        return None
    if m["abs"]:
        return _absolute(m["abs"], day)
    if m["weeklast"]:
        return _weekday_before(day, m["wd0"], strictly=True) - timedelta(days=7)
    if m["weekday"]:
        return _weekday(m, text, day)
    if m["yday"]:
        return day - timedelta(days=1)
    if m["today"]:
        return day
    return _counted(m, day, last)


def _counted(m: re.Match[str], day: date, last: date | None) -> date | None:
    words = m.group(0).split()
    words = words[1:] if words[0].lower() == "only" else words
    count = 1.0 if words[0].lower() in ("a", "an", "one") else parse_number(words[0])
    if count is None:
        return None
    delta = timedelta(days=count * _DAYS[m["aunit"] or m["unit"]])
    if m["ago"]:
        return day - delta
    base = last or day
    return base + delta if m["dir"] in ("later", "before") else base - delta


def _weekday(m: re.Match[str], text: str, day: date) -> date:
    mod = (m["mod"] or "").lower()
    if mod == "next" or (mod in ("on", "by", "until", "") and _is_future(text, m.start())):
        return _weekday_after(day, m["wd"])
    return _weekday_before(day, m["wd"], strictly=mod == "last")


def _is_future(text: str, start: int) -> bool:
    """A future marker ("will", "is due to") is the last tense clue before the weekday."""
    before = text[_sentence_start(text, start):start]
    future = [m.end() for m in _FUTURE.finditer(before)]
    past = [m.end() for m in _PAST.finditer(before)]
    return bool(future) and (not past or future[-1] > past[-1])


def _sentence_start(text: str, at: int) -> int:
    return max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1


def _weekday_before(day: date, name: str, strictly: bool) -> date:
    back = (day.weekday() - _WEEKDAYS.index(name.lower())) % 7
    return day - timedelta(days=7 if strictly and back == 0 else back)


def _weekday_after(day: date, name: str) -> date:
    ahead = (_WEEKDAYS.index(name.lower()) - day.weekday()) % 7
    return day + timedelta(days=ahead or 7)


def _absolute(expression: str, day: date) -> date | None:
    cleaned = re.sub(r"^(?:[Oo]n\s+)?(?:the\s+\w+\s+of\s+)?", "", expression)
    parsed = dateparser.parse(cleaned, languages=["en"], settings={
        "RELATIVE_BASE": datetime(day.year, day.month, day.day),
        "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month"]})
    if parsed is None:
        return None
    found: date = parsed.date()
    if not re.search(r"\d{4}", expression):
        found = _nearest_year(found, day)
    return found


def _nearest_year(found: date, day: date) -> date:
    """A date written without its year is the one nearest the publication day."""
    candidates = []
    for year in (day.year - 1, day.year, day.year + 1):
        try:
            candidates.append(found.replace(year=year))
        except ValueError:
            continue
    return min(candidates, key=lambda d: abs((d - day).days))

