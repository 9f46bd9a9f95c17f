"""Lines one outlet repeats across many of its articles: furniture no single page gives away.

A per-document stage cannot see other documents, so this is counted over the corpus (the
pipeline hands each outlet's stored plain-text pages to ``repeated_line_stats``) and the
result, an ``OutletLineStats`` value, goes back into ``clean`` as an argument: the stage stays
a pure function of its inputs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newsdesk.clean.classify import line_hash
from newsdesk.clean.paragraphs import as_paragraphs
from newsdesk.model import OutletLineStats
from newsdesk.settings import CleanSettings

# Body paragraphs are long and a story's own; promos, sign-offs and menus are short. A
# longer line repeated across an outlet's pages is more likely a re-run story than furniture.
MAX_REPEATED_WORDS = 25


def repeated_line_stats(domain: str, pages: Sequence[str],
                        cfg: CleanSettings) -> OutletLineStats:
    """The lines found in at least ``cfg.repeated_min_articles`` of ``pages`` (and in at least
    ``cfg.repeated_min_share`` of them)."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({line_hash(line) for line in as_paragraphs(page)
                       if len(line.split()) <= MAX_REPEATED_WORDS})
    least = max(cfg.repeated_min_articles, round(cfg.repeated_min_share * len(pages)))
    hashes = frozenset(h for h, n in counts.items() if n >= least)
    return OutletLineStats(outlet_domain=domain, hashes=hashes, min_articles=least)


def mentions_any(page: str, stats: OutletLineStats) -> bool:
    """True when ``page`` holds a line ``stats`` counts as repeated."""
    return any(stats.is_repeated(line_hash(line)) for line in as_paragraphs(page))
