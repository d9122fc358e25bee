"""The answer when a message could not be understood."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from assistansguiden.text.message_checks import ANSWERS, unusual_message


class ActionExplainUnclearMessage(Action):
    """Says why: nothing written, no words, too long; otherwise the general fallback."""

    def name(self) -> str:
        return "action_explain_unclear_message"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        reason = unusual_message(tracker.latest_message.get("text"))
        if reason is None:
            dispatcher.utter_message(response="utter_default")
        else:
            dispatcher.utter_message(text=ANSWERS[reason])
        return []
