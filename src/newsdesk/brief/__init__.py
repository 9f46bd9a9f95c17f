"""Brief: story briefings (Markdown, HTML, JSON) and the export format.

Renderers take model values and return text or plain data; they never read the store.
"""

from newsdesk.brief.export import (
    EXPORT_FORMATS,
    build_export,
    export_schema,
    quote_item,
    validation_errors,
    write_export,
)
from newsdesk.brief.render import BRIEF_FORMATS, render_brief, render_storyline_brief

__all__ = [
    "BRIEF_FORMATS", "EXPORT_FORMATS", "build_export", "export_schema", "quote_item",
    "render_brief", "render_storyline_brief", "validation_errors", "write_export",
]
