"""Ingest: turn paths the user names into ``RawDocument`` values, or ``Rejected`` ones.

Files and folders (recursively): ``.html``/``.htm``, ``.txt``, ``.json``/``.jsonl``, and a
``.gz`` of any of these. Nothing here touches the store: the pipeline stores what comes out.
"""

from newsdesk.ingest.files import SUPPORTED_SUFFIXES, expand_paths, read_path
from newsdesk.ingest.upload import UPLOAD_TYPES, read_upload

__all__ = ["SUPPORTED_SUFFIXES", "UPLOAD_TYPES", "expand_paths", "read_path", "read_upload"]
