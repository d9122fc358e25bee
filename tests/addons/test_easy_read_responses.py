"""Rasa itself picks the lättläst variation by the slot (bot/domain/easy_read.yml), and the
answer when the action server is down follows it too."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.addons.action_fallback import (
    ACTION_SERVER_DOWN,
    ACTION_SERVER_DOWN_EASY,
    unavailable_events,
)
from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(REPO_ROOT / "bot" / "domain"))


def said(domain: Domain, response: str, easy_read: bool) -> str:
    events = [UserUttered("hej"), SlotSet("easy_read", easy_read)]
    tracker = DialogueStateTracker.from_events("s", events, slots=domain.slots)
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)
    message = asyncio.run(nlg.generate(response, tracker, "socketio", org_nr="556036-0793"))
    assert message is not None
    return str(message["text"])


@pytest.mark.parametrize("response", ["utter_greet", "utter_ask_apply", "utter_way_out"])
def test_the_slot_chooses_the_variation(domain: Domain, response: str) -> None:
    standard = [v["text"] for v in domain.responses[response] if not v.get("condition")]
    easy = [v["text"] for v in domain.responses[response] if v.get("condition")]
    assert said(domain, response, easy_read=False) in standard
    assert said(domain, response, easy_read=True) in easy


def test_the_slot_only_chooses_words(domain: Domain) -> None:
    slot = next(s for s in domain.slots if s.name == "easy_read")
    assert slot.influence_conversation is False and slot.initial_value is False


def test_action_server_down_in_lättläst(domain: Domain) -> None:
    for easy_read, text in ((False, ACTION_SERVER_DOWN), (True, ACTION_SERVER_DOWN_EASY)):
        events = [UserUttered("kolla 559901-0013"), SlotSet("easy_read", easy_read)]
        tracker = DialogueStateTracker.from_events("s", events, slots=domain.slots)
        assert unavailable_events(tracker)[0].text == text
