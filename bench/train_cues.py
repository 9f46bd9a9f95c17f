"""Learn the cue word forms from PolNeAR train: how often each word form is the head of an
attribution cue, out of all its occurrences. Writes src/newsdesk/extract/data/cue_forms.tsv
(form, times a cue, times seen), read by the quote finder with a precision threshold.

    python bench/train_cues.py

Train only: the dev split is for tuning the threshold, the test split is held back.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes" / "polnear" / "train"
OUT = Path(__file__).resolve().parents[1] / "src" / "newsdesk" / "extract" / "data" / \
    "cue_forms.tsv"
WORD = re.compile(r"[A-Za-z]+")
# Words around a cue's head that are not the head ("has said", "also told", "according to").
_NOT_HEAD_WORDS = """
is was are were be been being has have had would will
can could may might also not never to for of on in
as if did does do just still then now again
"""
NOT_HEAD = frozenset(_NOT_HEAD_WORDS.split())
# Forms seen fewer times than this in train are not listed (too few to estimate a rate),
# nor forms that head a cue less often than MIN_RATE of the times they are seen.
MIN_SEEN = 3
MIN_RATE = 0.1


def main() -> int:
    if not DATA.is_dir():
        print(f"PolNeAR train not found under {DATA}: nothing learnt")
        return 1
    cues: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for text_path in sorted((DATA / "text").glob("*.txt")):
        annotations = sorted((DATA / "attributions").glob(f"{text_path.stem}_*.ann"))
        if not annotations:
            continue
        text = text_path.read_text("utf-8")
        seen.update(w.lower() for w in WORD.findall(text))
        cues.update(_heads(text, annotations[0]))
    rows = sorted(((form, cues[form], seen[form]) for form in cues
                   if seen[form] >= MIN_SEEN and cues[form] >= MIN_RATE * seen[form]),
                  key=lambda row: (-row[1] / row[2], row[0]))
    OUT.write_text("form\tcue\tseen\n" + "".join(f"{f}\t{c}\t{s}\n" for f, c, s in rows),
                   "utf-8")
    print(f"{len(rows)} cue forms -> {OUT}")
    return 0


def _heads(text: str, annotation: Path) -> list[str]:
    found = []
    for line in annotation.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if not line.startswith("T") or len(parts) < 3 or not parts[1].startswith("Cue "):
            continue
        words = [w.lower() for w in WORD.findall(parts[2])]
        head = next((w for w in words if w not in NOT_HEAD), None)
        if head is not None:
            found.append(head)
    return found


if __name__ == "__main__":
    sys.exit(main())
