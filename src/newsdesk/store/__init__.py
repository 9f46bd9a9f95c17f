"""The store: the only code that speaks SQL. SQLite by default; any SQLAlchemy URL works."""

from newsdesk.store.store import RejectionRecord, Store

__all__ = ["RejectionRecord", "Store"]
