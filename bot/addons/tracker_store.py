"""Tracker stores that mask personal identifiers before anything is stored.

Configure in endpoints.yml with `type: bot.addons.tracker_store.MaskingSQLTrackerStore` (the
production store on PostgreSQL, same settings as Rasa's `sql` store) or
`bot.addons.tracker_store.MaskingInMemoryTrackerStore` (development). The running turn still
sees the person's own words (the actions need a birth date from a personnummer); what is
kept afterwards does not.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from assistansguiden.privacy.masking import mask_event


def masked(event: Event) -> Event:
    return Event.from_parameters(mask_event(event.as_dict()))


class MaskingSQLTrackerStore(SQLTrackerStore):
    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        for event in super()._additional_events(session, tracker):
            yield masked(event)


class MaskingInMemoryTrackerStore(InMemoryTrackerStore):
    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        dialogue = json.loads(InMemoryTrackerStore.serialise_tracker(tracker))
        dialogue["events"] = [mask_event(event) for event in dialogue.get("events", [])]
        self.store[tracker.sender_id] = json.dumps(dialogue)
