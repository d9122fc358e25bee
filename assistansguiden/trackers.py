"""Rasa's SQL tracker store read without Rasa: its `events` table on SQLite or PostgreSQL.

Rasa's SQLTrackerStore keeps one row per event: sender_id, type_name, timestamp (seconds
since the epoch), intent_name, action_name and data (the event as JSON). Deleting old
conversations and the insights report both read it through here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.sql.schema import MetaData, Table

EVENTS = "events"


def missing_sqlite_file(db_url: str) -> bool:
    """A SQLite URL whose file does not exist (connecting would create it empty)."""
    url = make_url(db_url)
    if url.get_backend_name() != "sqlite":
        return False
    database = url.database or ""
    return database not in ("", ":memory:") and not Path(database).exists()


@contextmanager
def tracker_engine(db_url: str) -> Iterator[Engine]:
    engine = create_engine(db_url, future=True)
    try:
        yield engine
    finally:
        engine.dispose()


def events_table(engine: Engine) -> Table | None:
    """The events table as it is in the database, None when Rasa has not made it yet."""
    if not inspect(engine).has_table(EVENTS):
        return None
    return Table(EVENTS, MetaData(), autoload_with=engine)
