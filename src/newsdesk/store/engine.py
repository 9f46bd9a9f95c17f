"""Opening the database: URL from a path, SQLite pragmas, migrations to the newest schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError

from newsdesk.errors import StoreError

_MIGRATIONS = Path(__file__).parent / "migrations"
# How long a writer waits for another process's lock before giving up, in ms. A long
# ingest holds a lock per input for well under a second; 30 s rides out a slow disk.
_SQLITE_BUSY_TIMEOUT_MS = 30_000


def database_url(db: str) -> str:
    """An SQLAlchemy URL: given as such, or built from a file path."""
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def open_engine(db: str) -> Engine:
    """An engine on ``db`` with its schema migrated to the newest revision."""
    url = database_url(db)
    if url.startswith("sqlite:///"):
        folder = Path(url.removeprefix("sqlite:///")).parent
        if not folder.is_dir():
            raise StoreError(f"{db}: the folder {folder} does not exist")
    try:
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        migrate(engine)
    except SQLAlchemyError as exc:
        raise StoreError(f"{db}: cannot open the database ({exc.__class__.__name__})") from exc
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (does nothing when it is there already)."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.begin() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()
