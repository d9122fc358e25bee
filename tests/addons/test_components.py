"""The NLU guard and the fallback for an unreachable action server."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.message import Message
from rasa.utils.endpoints import EndpointConfig

import bot.addons  # noqa: F401 (installs the fallback, as Rasa's model loading does)
from bot.addons.action_fallback import ACTION_SERVER_DOWN
from bot.addons.message_guard import MessageGuard


def parse(text: str, intent: str = "goodbye") -> Message:
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.97}, add_to_output=True)
    return message


@pytest.mark.parametrize("text", ["", "   ", "😀🙈👍", "x" * 5000])
def test_guard_turns_unreadable_messages_into_fallback(text: str) -> None:
    [message] = MessageGuard().process([parse(text)])
    assert message.get("intent") == {"name": "nlu_fallback", "confidence": 1.0}


def test_guard_leaves_ordinary_messages_alone() -> None:
    [message] = MessageGuard().process([parse("hej då", "goodbye")])
    assert message.get("intent")["name"] == "goodbye"


def run_remote_action(tracker: DialogueStateTracker) -> tuple[list[Any], list[Any]]:
    domain = Domain.from_dict(
        {
            "actions": ["action_check_provider"],
            "forms": {"provider_form": {"required_slots": []}},
            "slots": {"requested_slot": {"type": "any", "mappings": []}},
        }
    )
    dead = EndpointConfig("http://127.0.0.1:1/webhook")  # nothing listens on port 1
    action = RemoteAction("action_check_provider", dead)
    output = CollectingOutputChannel()
    events = asyncio.run(action.run(output, TemplatedNaturalLanguageGenerator({}), tracker, domain))
    return events, output.messages


def test_unreachable_action_server_gets_an_explanation_and_the_phone_number() -> None:
    tracker = DialogueStateTracker.from_events("s", [UserUttered("kolla 559901-0013")])
    events, _ = run_remote_action(tracker)
    assert [type(e) for e in events] == [BotUttered]
    assert events[0].text == ACTION_SERVER_DOWN and "0771-524 524" in events[0].text


def test_unreachable_action_server_closes_an_open_form() -> None:
    tracker = DialogueStateTracker.from_events(
        "s", [ActiveLoop("provider_form"), UserUttered("559901-0013")]
    )
    events, _ = run_remote_action(tracker)
    assert events[1:] == [ActiveLoop(None), SlotSet("requested_slot", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Exempelstad kommun",
        "Exempelstad kommun (fiktiv kommun)",
        "Sundsvalls kommun.",
        "det är Ale kommun",
        "Mölndals stad",
    ],
)
def test_a_municipality_named_alone_is_an_answer(text: str) -> None:
    """Typed when the form asks for the provider, it must not end the form with the
    answer on whether the kommun or Försäkringskassan decides (issue 11)."""
    [message] = MessageGuard().process([parse(text, "ask_responsibility")])
    assert message.get("intent") == {"name": "inform", "confidence": 1.0}
    assert message.get("guard") == "municipality_name"


@pytest.mark.parametrize(
    "text",
    ["vem ansvarar kommun", "kommunen eller Försäkringskassan?", "min kommun", "vilken kommun"],
)
def test_a_question_about_the_municipality_is_left_to_the_classifier(text: str) -> None:
    [message] = MessageGuard().process([parse(text, "ask_responsibility")])
    assert message.get("intent")["name"] == "ask_responsibility"
