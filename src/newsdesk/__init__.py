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
    IngestReport,
    RawDocument,
    Rejected,
    RejectReason,
    Removed,
    SearchHit,
    Story,
    Storyline,
    StoryMerge,
)
from newsdesk.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "AnalyzeReport",
    "Article",
    "ConfigError",
    "CopyLink",
    "DemoReport",
    "Desk",
    "IngestReport",
    "NewsdeskError",
    "NotFound",
    "RawDocument",
    "RejectReason",
    "Rejected",
    "Removed",
    "SearchHit",
    "Settings",
    "StoreError",
    "Story",
    "StoryMerge",
    "Storyline",
    "UsageError",
    "run_demo",
    "sample_corpus", "sample_inputs",
]
