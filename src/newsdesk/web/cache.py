"""Answers to GET requests kept while the database stays unchanged.

Each answer is stored with the database's data version read *before* it was computed, so an
answer computed while a write landed is never served after it. Nothing user-specific is in an
answer (access is checked before the cache is consulted).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

# How many answers are kept: the story list, its filters and a few hundred story and article
# pages cover what a desk reads in a session; at ~50 KB a page this bounds memory near 25 MB.
CACHE_ENTRIES = 512
# Larger answers (the export, a huge raw input) are not kept.
CACHE_MAX_BYTES = 1_000_000


@dataclass(frozen=True, slots=True)
class Answer:
    """One HTTP answer as sent: status, raw headers, body."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


class AnswerCache:
    """A small LRU of answers keyed by URL, each valid for one data version."""

    def __init__(self, entries: int = CACHE_ENTRIES) -> None:
        self._entries: OrderedDict[str, tuple[int, Answer]] = OrderedDict()
        self._size = entries
        self._lock = threading.Lock()

    def get(self, key: str, version: int) -> Answer | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None or found[0] != version:
                return None
            self._entries.move_to_end(key)
            return found[1]

    def put(self, key: str, version: int, answer: Answer) -> None:
        if len(answer.body) > CACHE_MAX_BYTES:
            return
        with self._lock:
            self._entries[key] = (version, answer)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
