"""Lättläst on and off: the slot every answer's wording follows (bot/domain/easy_read.yml)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from assistansguiden.text.text_style import STANDARD, asks_for_standard_text

EASY_READ = "easy_read"
EASY = "easy"


def easy_read(tracker: Tracker) -> bool:
    """The person has asked for lättläst."""
    return tracker.get_slot(EASY_READ) is True


class ActionSetTextStyle(Action):
    """request_easy_read: on, unless the message asks for the standard text again (the
    entity text_style "standard", which the web page's toggle sends, or its plain words)."""

    def name(self) -> str:
        return "action_set_text_style"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        styles = [str(value) for value in tracker.get_latest_entity_values("text_style")]
        text = str(tracker.latest_message.get("text") or "")
        on = STANDARD not in styles and not asks_for_standard_text(text)
        # The web page keeps its toggle in step (the socket.io channel emits "data"; the
        # messaging channels drop it, see bot/addons/channels/settings.is_staff_payload).
        dispatcher.utter_message(json_message={"data": {"text_style": EASY if on else STANDARD}})
        return [SlotSet(EASY_READ, on)]
