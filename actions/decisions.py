"""The forms' submit actions: read the validated slots, decide, answer, start clean.

Every action here ends with the slot resets, so the next question never inherits a
provider, a group or a date from the last one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import easy_read as easy
from actions import easy_read_dates as easy_dates
from actions.render import (
    ChatMessage,
    deadline_payload,
    render_age,
    render_deadline,
    render_decision,
)
from actions.text_style import easy_read
from assistansguiden.law import age_limit_in_force, age_stage, report_deadline
from assistansguiden.registry.lookup import Question
from assistansguiden.registry.service import RegistryUnavailable, shared_service
from assistansguiden.settings import today
from assistansguiden.text.change_kinds import change_kind_label
from assistansguiden.text.parsing import ADULTS, CHILDREN

DomainDict = dict[str, Any]
Events = list[dict[str, Any]]
RESET_SLOTS = (
    "provider_query",
    "informed_date",
    "permit_ceased",
    "provider_without_permit",
    "personkrets",
    "age_group",
    "birth_date",
    "change_kind",
    "change_date",
)
AGE_INTENTS = {"ask_turning_18": "18", "ask_turning_66": "66"}


def reset_events() -> Events:
    return [SlotSet(slot, None) for slot in RESET_SLOTS] + [SlotSet("provider_query_failures", 0.0)]


def say(dispatcher: CollectingDispatcher, messages: list[ChatMessage]) -> None:
    for message in messages:
        dispatcher.utter_message(**message.kwargs())


def _iso_slot(tracker: Tracker, slot: str) -> date | None:
    value = tracker.get_slot(slot)
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


class ActionCheckProvider(Action):
    question: Question = "provider"

    def name(self) -> str:
        return "action_check_provider"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        query = tracker.get_slot("provider_query")
        if not query:
            # The form ended without a provider (registry down, or the person left);
            # the validator has already said why.
            return reset_events()
        group = tracker.get_slot("personkrets")
        age_group = tracker.get_slot("age_group")
        try:
            decision = shared_service().decide(
                str(query),
                today(),
                question=self.question,
                personkrets=int(group) if group in ("1", "2", "3") else None,
                age_group=age_group if age_group in (CHILDREN, ADULTS) else None,
                informed=_iso_slot(tracker, "informed_date"),
            )
        except RegistryUnavailable:
            dispatcher.utter_message(response="utter_registry_unavailable")
            return reset_events()
        say(dispatcher, (easy.render_decision if easy_read(tracker) else render_decision)(decision))
        # For the staff view: the socket.io channel emits json_message's keys as arguments,
        # so the decision must sit under "data" (the public page ignores it). Always the
        # standard text and its citations, whatever the person reads.
        dispatcher.utter_message(json_message={"data": {"decision": decision.to_json()}})
        return reset_events()


class ActionCheckPayee(ActionCheckProvider):
    question: Question = "payee"

    def name(self) -> str:
        return "action_check_payee"


def age_topic(tracker: Tracker) -> str | None:
    """'18' or '66' from the latest user message that asked one of the two questions."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        intent = (event.get("parse_data") or {}).get("intent") or {}
        if intent.get("name") in AGE_INTENTS:
            return AGE_INTENTS[intent["name"]]
    return AGE_INTENTS.get(str(tracker.get_intent_of_latest_message() or ""))


class ActionAgeDates(Action):
    def name(self) -> str:
        return "action_age_dates"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        born = _iso_slot(tracker, "birth_date")
        if born is None:
            return reset_events()
        now = today()
        try:
            stage = age_stage(born, now)
        except ValueError:
            dispatcher.utter_message(response="utter_something_wrong")
            return reset_events()
        # Without a known question, a child's parent most likely asks about 18.
        topic = age_topic(tracker) or ("18" if stage.stage == "child" else "66")
        render = easy_dates.render_age if easy_read(tracker) else render_age
        say(dispatcher, render(stage, topic, age_limit_in_force(now).adult_age))
        return reset_events()


class ActionChangeDeadline(Action):
    def name(self) -> str:
        return "action_change_deadline"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        day = _iso_slot(tracker, "change_date")
        if day is None:
            return reset_events()
        label = change_kind_label(tracker.get_slot("change_kind"), tracker.get_slot("age_group"))
        deadline = report_deadline(day)
        render = easy_dates.render_deadline if easy_read(tracker) else render_deadline
        say(dispatcher, render(deadline, today(), label))
        # For the staff view, like the provider decisions (the public page ignores it).
        dispatcher.utter_message(
            json_message={"data": {"decision": deadline_payload(deadline, label)}}
        )
        return reset_events()


class ActionResetDecisionSlots(Action):
    def name(self) -> str:
        return "action_reset_decision_slots"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        return reset_events()
