"""The desk in a browser: server-rendered HTML pages and the REST API under ``/api/v1``.

Thin: every page and endpoint parses its request, makes one ``Desk`` call and renders the
result, as HTML (Jinja2, autoescaped) or as JSON (the same values).
"""

from newsdesk.web.app import create_app

__all__ = ["create_app"]
