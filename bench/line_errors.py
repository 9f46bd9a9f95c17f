"""Error analysis of the plain-text cleaner on the labelled lines (bench/linedata.py).

    python bench/line_errors.py [--side test|train] [--lines]

Runs the text cleaner as shipped (``text.final_labels``, default settings) on one side of the
labelled lines and prints where it goes wrong: lost content lines and kept furniture lines
per site, the reason each lost content line was removed for, and the kept furniture by
length (a kept headline is the article's title). ``--lines`` also prints every error line
with its page, place, the model's furniture probability and the label. Scored as
bench/clean.py scores: furniture moved to a metadata field is out of the text, content moved
there is not lost. On the train side the model has seen the pages: use it to read errors,
not to measure.
"""

from __future__ import annotations

import sys
from collections import Counter

from linedata import Page, sample_pages, zyte_pages
from newsdesk.clean.classify import rule_labels
from newsdesk.clean.lines import furniture_probabilities
from newsdesk.clean.sequence import word_count
from newsdesk.clean.text import segment_fields
from newsdesk.settings import CleanSettings

METADATA_REASONS = {"source-line", "byline", "dateline", "syndication-credit"}


def length_class(line: str, titles: set[str]) -> str:
    if line in titles:
        return "title"
    words = word_count(line)
    return "1-4 words" if words <= 4 else "5-11 words" if words < 12 else "12+ words"


def analyse(pages: list[Page], show_lines: bool) -> None:
    cfg = CleanSettings()
    lost_by_site: Counter[str] = Counter()
    kept_by_site: Counter[str] = Counter()
    lost_reasons: Counter[str] = Counter()
    kept_kinds: Counter[str] = Counter()
    content = furniture = 0
    for page in pages:
        fields = segment_fields(page.lines, cfg)
        labels = [lab for f in fields for lab in f.labels]
        titles = {f.title for f in fields if f.title}
        base = rule_labels(page.lines)
        probs = furniture_probabilities(page.lines, [b is not None for b in base])
        for i, (line, is_furniture, label) in enumerate(zip(page.lines, page.furniture, labels,
                                                            strict=True)):
            content += not is_furniture
            furniture += is_furniture
            lost = not is_furniture and label is not None and label not in METADATA_REASONS
            kept = is_furniture and label is None
            if lost:
                lost_by_site[page.site] += 1
                lost_reasons[f"{label} ({'rule' if base[i] else 'model'})"] += 1
            if kept:
                kept_by_site[page.site] += 1
                kept_kinds[length_class(line, titles)] += 1
            if show_lines and (lost or kept):
                print(f"{'LOST' if lost else 'KEPT'}\t{page.site}\t{page.name[:12]}\t"
                      f"{i}/{len(page.lines)}\t{probs[i]:.4f}\t{label}\t{line[:160]}")
    print(f"content lines lost {sum(lost_by_site.values())} of {content}, "
          f"furniture lines kept {sum(kept_by_site.values())} of {furniture}")
    print("lost content by site:", lost_by_site.most_common(12))
    print("lost content by reason:", lost_reasons.most_common())
    print("kept furniture by kind:", kept_kinds.most_common())
    print("kept furniture by site:", kept_by_site.most_common(12))


def main(argv: list[str]) -> int:
    side = argv[argv.index("--side") + 1] if "--side" in argv else "test"
    pages = [p for p in zyte_pages() + sample_pages() if p.split == side]
    analyse(pages, "--lines" in argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
