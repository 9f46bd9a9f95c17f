"""The one exception hierarchy of newsdesk.

    NewsdeskError                 base: catch this at the edges (CLI exit code, API envelope)
    ├── ConfigError               a setting or settings file is wrong; the message says which
    ├── UsageError                a caller asked for something that cannot be done
    │   └── NotFound              an id that names no story, article or storyline
    └── StoreError                the database cannot be opened or migrated

Bad *data* is never an exception: a stage returns a ``Rejected`` value instead, which is
stored, counted and listed by ``newsdesk rejected``.
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base of every error newsdesk raises on purpose."""


class ConfigError(NewsdeskError):
    """A setting, flag or ``newsdesk.toml`` entry is invalid."""


class UsageError(NewsdeskError):
    """The request cannot be carried out as asked."""


class NotFound(UsageError):
    """No story, article or storyline has the given id."""


class StoreError(NewsdeskError):
    """The database cannot be opened, created or migrated."""
