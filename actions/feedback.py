"""Feedback ("Hjälpte svaret?"): keep the reaction with the conversation, help after "Nej".

The web page's buttons send /feedback{"feedback_value":"ja","rated_intent":"ask_apply"}
(bot/domain/feedback.yml). The two slots set here are what the tracker store keeps and
`assistans insights` counts. A "Nej" gets the phone number and "Menade du …?" with the
topics the rated question was most likely about besides the one answered.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.render import intent_payload
from actions.topics import TOPIC_TITLES, suggestions
from assistansguiden.insights.turns import read_conversation
from assistansguiden.text.reactions import NO, reaction
from assistansguiden.topics import (
    FEEDBACK_VALUE_SLOT,
    FEEDBACK_VALUES,
    OUT_OF_SCOPE,
    RATED_INTENT_SLOT,
    TOPICS,
)

DID_YOU_MEAN = "utter_feedback_did_you_mean"
MAX_SUGGESTIONS = 3
# When the rated question left no other guess (a button was pressed): the topics most
# asked about, as on the greeting.
COMMON_TOPICS = (
    "ask_apply",
    "ask_eligibility",
    "ask_choose_provider",
    "check_provider",
    "ask_reporting",
    "report_change",
)


def _entity(tracker: Tracker, name: str) -> str | None:
    value = next(tracker.get_latest_entity_values(name), None)
    return str(value) if value is not None else None


def _latest_answered(events: list[dict[str, Any]]) -> str | None:
    """The topic of the latest complete answer before this message."""
    turns = read_conversation(events).turns[:-1]
    return next((t.answered for t in reversed(turns) if t.answered), None)


def _ranking_of(events: Iterable[dict[str, Any]], rated: str) -> list[dict[str, Any]]:
    """The intent ranking of the latest message that asked the rated question."""
    for event in reversed(list(events)):
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if event.get("event") == "user" and intent == rated:
            return list((event.get("parse_data") or {}).get("intent_ranking") or [])
    return []


def other_topics(events: list[dict[str, Any]], rated: str) -> list[str]:
    """Up to three topics to offer after a "Nej", never the one that was answered."""
    guesses = [t for t in suggestions(_ranking_of(events, rated)) if t != rated]
    for topic in COMMON_TOPICS:
        if len(guesses) >= MAX_SUGGESTIONS:
            break
        if topic != rated and topic not in guesses:
            guesses.append(topic)
    return guesses[:MAX_SUGGESTIONS]


class ActionRecordFeedback(Action):
    def name(self) -> str:
        return "action_record_feedback"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        value = _entity(tracker, FEEDBACK_VALUE_SLOT)
        if value not in FEEDBACK_VALUES:
            value = reaction(str(tracker.latest_message.get("text") or ""))
        rated = _entity(tracker, RATED_INTENT_SLOT)
        if rated not in TOPICS:  # typed, or a payload this assistant did not send
            rated = _latest_answered(list(tracker.events))
        if value == NO:
            dispatcher.utter_message(response="utter_feedback_no")
            if rated:
                buttons = [
                    {"title": TOPIC_TITLES[t], "payload": intent_payload(t)}
                    for t in other_topics(list(tracker.events), rated)
                ]
                buttons.append({"title": "Inget av dem", "payload": f"/{OUT_OF_SCOPE}"})
                dispatcher.utter_message(response=DID_YOU_MEAN, buttons=buttons)
        else:
            dispatcher.utter_message(response="utter_feedback_thanks")
        if rated is None:
            return []  # nothing to rate: thanked, not stored
        return [SlotSet(FEEDBACK_VALUE_SLOT, value), SlotSet(RATED_INTENT_SLOT, rated)]
