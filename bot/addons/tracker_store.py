"""Tracker stores that mask personal identifiers before anything is stored.

Configure in endpoints.yml with `type: bot.addons.tracker_store.MaskingSQLTrackerStore` (the
same settings as Rasa's `sql` store: PostgreSQL in production, a SQLite file for `make run`)
or `bot.addons.tracker_store.MaskingInMemoryTrackerStore` (tests). The running turn still
sees the person's own words (the actions need a birth date from a personnummer); what is
kept afterwards does not.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from assistansguiden.privacy.masking import mask_event


def masked(event: Event) -> Event:
    """The event with its identifiers masked; the event itself when nothing is masked (most
    events: actions, slots without personal data), which saves rebuilding it."""
    serialised = event.as_dict()
    masked_event = mask_event(serialised)
    return event if masked_event == serialised else Event.from_parameters(masked_event)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Write-ahead log with synchronous=NORMAL: a commit appends to the log instead of
    syncing the database file twice, so a turn no longer waits for the disk (a crash can
    lose the last turns, never corrupt the file). Readers (insights, purge) do not block
    the writer."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


class MaskingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            # Connections made before the listener (table creation) are dropped.
            self.engine.dispose()

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        for event in super()._additional_events(session, tracker):
            yield masked(event)


class MaskingInMemoryTrackerStore(InMemoryTrackerStore):
    """Rasa's in-memory store (JSON text per conversation), masked. Each save writes the
    whole conversation, but an event equal to one this store already keeps masked (the
    tracker was read from here) is not masked again: each event is masked once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._masked: dict[str, list[dict[str, Any]]] = {}

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        dialogue = tracker.as_dialogue().as_dict()
        kept = self._masked.get(tracker.sender_id, [])
        events = [
            kept[index] if index < len(kept) and event == kept[index] else mask_event(event)
            for index, event in enumerate(dialogue.get("events", []))
        ]
        dialogue["events"] = events
        self.store[tracker.sender_id] = json.dumps(dialogue)
        self._masked[tracker.sender_id] = events
