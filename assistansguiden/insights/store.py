"""The conversations of a period, read from Rasa's SQL tracker store (SQLite or PostgreSQL).

One sender's events at a time, in the order Rasa stored them (by id), so a large store is
never held in memory whole. The sender id is used to group rows and goes no further.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import groupby
from typing import Any

from sqlalchemy import select

from assistansguiden.insights.report import Period, Report, build_report
from assistansguiden.insights.turns import Conversation, read_conversation
from assistansguiden.trackers import events_table, missing_sqlite_file, tracker_engine

BATCH = 1_000


def _loaded(data: str | None) -> dict[str, Any] | None:
    try:
        event = json.loads(data or "")
    except ValueError:
        return None  # a row Rasa did not write; skipped rather than failing the report
    return event if isinstance(event, dict) else None


def conversations(db_url: str, period: Period) -> Iterator[Conversation]:
    """Each sender's conversation within the period (events stamped inside its days)."""
    if missing_sqlite_file(db_url):
        return
    start, end = period.bounds()
    with tracker_engine(db_url) as engine:
        events = events_table(engine)
        if events is None:
            return
        query = (
            select(events.c.sender_id, events.c.data)
            .where(events.c.timestamp >= start, events.c.timestamp < end)
            .order_by(events.c.sender_id, events.c.id)
            .execution_options(yield_per=BATCH)
        )
        with engine.connect() as connection:
            rows = connection.execute(query)
            for _, group in groupby(rows, key=lambda row: row[0]):
                loaded = (_loaded(row[1]) for row in group)
                yield read_conversation(event for event in loaded if event is not None)


def read_report(db_url: str, period: Period) -> Report:
    """The insights report of the tracker store at db_url over the period."""
    return build_report(conversations(db_url, period), period)
