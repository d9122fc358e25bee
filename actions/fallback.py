"""The answer when a message could not be understood."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.personal_numbers import holds_personal_number
from actions.render import intent_payload
from actions.text_style import easy_read
from actions.topics import TOPIC_TITLES, suggestions
from assistansguiden.registry.service import RegistryUnavailable, shared_service
from assistansguiden.text import other_services as services
from assistansguiden.text.message_checks import ANSWERS, EASY_ANSWERS, unusual_message
from assistansguiden.text.other_services import other_service

DID_YOU_MEAN = "utter_did_you_mean"
# Who handles another service: one answer each, filled with the service's name.
OUT_OF_SCOPE_RESPONSES = {
    services.MUNICIPALITY: "utter_out_of_scope_municipality",
    services.FORSAKRINGSKASSAN: "utter_out_of_scope_forsakringskassan",
    services.REGION: "utter_out_of_scope_region",
    services.PENSION: "utter_out_of_scope_pension",
    services.EMPLOYMENT: "utter_out_of_scope_employment",
}


def _asked_did_you_mean_last(tracker: Tracker) -> bool:
    """The assistant's previous turn offered "Menade du …?" (so this is the second miss)."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return (event.get("metadata") or {}).get("utter_action") == DID_YOU_MEAN
    return False


_CARRIED = ("org_nr", "provider_name", "date", "personkrets", "age_group")


def _carried_entities(tracker: Tracker) -> dict[str, str]:
    """What the unclear message already said, so a "Menade du …?" click keeps it."""
    found: dict[str, str] = {}
    for entity in tracker.latest_message.get("entities") or []:
        name = entity.get("entity")
        value = entity.get("value")
        if name in _CARRIED and name not in found and value is not None:
            if holds_personal_number(str(value)):
                continue  # a button must not carry it into a slot
            found[name] = str(value)
    return found


def _whole_provider(carried: dict[str, str], tracker: Tracker) -> dict[str, str]:
    """The classifier may cut a registered name short ("Exempel AB" of "Avslutad Assistans
    Exempel AB") or miss it: a whole registered name in the message is what a click
    carries."""
    text = str(tracker.latest_message.get("text") or "")
    if "org_nr" in carried or not text:
        return carried
    try:
        found = shared_service().named_in(text)
    except RegistryUnavailable:
        return carried
    if found is None:
        return carried
    whole = {k: v for k, v in carried.items() if k != "provider_name"}
    return {**whole, "org_nr": found}


class ActionExplainUnclearMessage(Action):
    """What to say when the message could not be understood, most helpful first.

    1. It cannot be read as a question (empty, no words, too long, nonsense, not Swedish):
       say why.
    2. The classifier had guesses: "Menade du …?" with the two or three likeliest topics;
       but a provider named in full whose check is the likeliest topic is checked.
    3. No guess, or the second miss in a row: the general answer with the phone number.
    """

    def name(self) -> str:
        return "action_explain_unclear_message"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        reason = unusual_message(tracker.latest_message.get("text"))
        if reason is not None:
            answers = EASY_ANSWERS if easy_read(tracker) else ANSWERS
            dispatcher.utter_message(text=answers[reason])
            return []
        topics = suggestions(list(tracker.latest_message.get("intent_ranking") or []))
        carried = _whole_provider(_carried_entities(tracker), tracker)
        if topics[:1] == ["check_provider"] and "org_nr" in carried and not tracker.active_loop:
            # "kan vi fortsätta med Avslutad Assistans Exempel AB?": one provider named by
            # its number or whole registered name, and checking it the likeliest wish. The
            # check is the answer; the form reads the provider from this message.
            return [FollowupAction("provider_form")]
        if "org_nr" in carried or "provider_name" in carried:
            # A provider named in an unclear question: checking it is the likeliest wish, so
            # it comes first even when the classifier ranked it lower.
            topics = ["check_provider", *(t for t in topics if t != "check_provider")][:3]
        if topics and not _asked_did_you_mean_last(tracker):
            buttons = [
                {"title": TOPIC_TITLES[t], "payload": intent_payload(t, **carried)} for t in topics
            ]
            buttons.append({"title": "Inget av dem", "payload": "/out_of_scope"})
            dispatcher.utter_message(response=DID_YOU_MEAN, buttons=buttons)
            return []
        dispatcher.utter_message(response="utter_default")
        return []


class ActionAnswerOutOfScope(Action):
    """Not about assistansersättning: who handles the service it names, else the general answer."""

    def name(self) -> str:
        return "action_answer_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        service = other_service(str(tracker.latest_message.get("text") or ""))
        if service is None:
            dispatcher.utter_message(response="utter_out_of_scope")
        else:
            dispatcher.utter_message(
                response=OUT_OF_SCOPE_RESPONSES[service.handler], service=service.name
            )
        return []
