"""Masking does less work without masking less: text without a digit or "@" is passed as
it is, an event with nothing to mask is kept as it is, and the in-memory store masks each
event once instead of the whole conversation on every save."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

import bot.addons.tracker_store as tracker_store
from assistansguiden.privacy import masking
from assistansguiden.privacy.masking import DASHES, mask_event, mask_text
from bot.addons.tracker_store import MaskingInMemoryTrackerStore, masked


def every_pattern(text: str) -> str:
    """mask_text without its shortcut: the four patterns, always."""
    text = masking._EMAIL.sub(masking.EMAIL_MASK, text)
    text = masking._PERSONNUMMER.sub(masking.PERSONNUMMER_MASK, text)
    text = masking._SAMORDNINGSNUMMER.sub(masking.SAMORDNINGSNUMMER_MASK, text)
    return masking._PHONE.sub(masking._mask_phone, text)


# Pieces that make identifiers and near-identifiers, with other scripts' digits (which the
# patterns' \d also reads) and the separators people type.
PIECES = st.sampled_from(
    ["19800514", "800514", "800574", "1234", "070", "123 45 67", "+46", "0046", "(0)", "08"]
    + ["0771", "524 524", "anna", "@", ".se", "exempel", " ", "+", "٠٧٠", "０７０", "x"]
    + list(DASHES)
    + list("0123456789")
)
TEXTS = st.lists(PIECES, max_size=12).map("".join) | st.text(max_size=40)


@given(TEXTS)
def test_the_shortcut_masks_what_the_patterns_mask(text: str) -> None:
    assert mask_text(text) == every_pattern(text)


def test_other_scripts_digits_still_take_the_long_way() -> None:
    # Full-width digits: the shortcut may not pass them by (\d reads them as digits).
    text = "ring ０７０-１２３ ４５ ６７"
    assert mask_text(text) == every_pattern(text)


def test_an_event_with_nothing_to_mask_is_kept_as_it_is() -> None:
    event = SlotSet("personkrets", "1")
    assert masked(event) is event
    action = ActionExecuted("provider_form")
    assert masked(action) is action
    user = UserUttered("mitt pnr är 19800514-1234", {"name": "inform"})
    stored = masked(user)
    assert stored is not user and "1234" not in json.dumps(stored.as_dict())


def turn(tracker: DialogueStateTracker, text: str) -> None:
    for event in (
        UserUttered(text, {"name": "inform", "confidence": 0.9}),
        SlotSet("birth_date", text),
        BotUttered(f"Du skrev {text}."),
        ActionExecuted("action_listen"),
    ):
        tracker.update(event)


def stored_events(store: MaskingInMemoryTrackerStore, sender: str) -> list[dict[str, Any]]:
    return list(json.loads(store.store[sender])["events"])


def test_the_in_memory_store_masks_each_event_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    def counting_mask(event: Any) -> dict[str, Any]:
        calls.append(event)
        return mask_event(event)

    monkeypatch.setattr(tracker_store, "mask_event", counting_mask)
    store = MaskingInMemoryTrackerStore(Domain.empty())
    tracker = DialogueStateTracker("once", [])
    turn(tracker, "pnr 19800514-1234")
    asyncio.run(store.save(tracker))
    assert len(calls) == 4

    again = asyncio.run(store.retrieve("once"))  # as Rasa does on the next turn
    assert again is not None
    turn(again, "mejla anna@exempel.se eller ring 070-123 45 67")
    calls.clear()
    asyncio.run(store.save(again))
    assert len(calls) == 4  # the new turn's events only

    stored = stored_events(store, "once")
    assert len(stored) == 8
    text = json.dumps(stored)
    assert "1234" not in text and "anna@" not in text and "070-123" not in text
    assert "[personnummer]" in text and "[e-post]" in text and "[telefonnummer]" in text


def test_a_conversation_not_read_from_the_store_is_masked_whole() -> None:
    store = MaskingInMemoryTrackerStore(Domain.empty())
    first = DialogueStateTracker("replaced", [])
    turn(first, "hej")
    asyncio.run(store.save(first))
    # A tracker put together elsewhere (Rasa's API replaces events): nothing is trusted.
    other = DialogueStateTracker("replaced", [])
    turn(other, "pnr 800514-1234")
    turn(other, "ring 08-123 456 78")
    asyncio.run(store.save(other))
    stored = stored_events(store, "replaced")
    expected = [
        mask_event(e) for e in json.loads(json.dumps(other.as_dialogue().as_dict()))["events"]
    ]
    assert stored == expected
    assert "1234" not in json.dumps(stored) and "456 78" not in json.dumps(stored)
