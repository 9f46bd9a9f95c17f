"""newsdesk: local-first news intelligence.

Many outlets report the same events; newsdesk turns the pile into stories you can trust.
Start with ``Desk``::

    from newsdesk import Desk
    with Desk("news.db") as desk:
        desk.ingest(["pages/"])
        desk.analyze()
        for story in desk.stories():
            print(story.id, story.title)
"""

from newsdesk.desk import DemoReport, Desk, run_demo, sample_corpus, sample_inputs
from newsdesk.errors import ConfigError, NewsdeskError, NotFound, StoreError, UsageError
from newsdesk.model import (
    AnalyzeReport,
    Article,
    CopyLink,
    Entity,
    Figure,
    IngestReport,
    Quote,
    QuoteKind,
    RawDocument,
    Rejected,
    RejectReason,
    Removed,
    SearchHit,
    Source,
    SourceCheck,
    SourceKind,
    Story,
    Storyline,
    StoryMerge,
    TimelineEntry,
    WatchEvent,
)
from newsdesk.pipeline import StopFlag
from newsdesk.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "AnalyzeReport",
    "Article",
    "ConfigError",
    "CopyLink",
    "DemoReport",
    "Desk",
    "Entity",
    "Figure",
    "IngestReport",
    "NewsdeskError",
    "NotFound",
    "Quote",
    "QuoteKind",
    "RawDocument",
    "RejectReason",
    "Rejected",
    "Removed",
    "SearchHit",
    "Settings",
    "Source",
    "SourceCheck",
    "SourceKind",
    "StopFlag",
    "StoreError",
    "Story",
    "StoryMerge",
    "Storyline",
    "TimelineEntry",
    "UsageError",
    "WatchEvent",
    "run_demo",
    "sample_corpus",
    "sample_inputs",
]
