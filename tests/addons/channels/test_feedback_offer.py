"""After a turn that answered a question completely, the socket.io channel tells the page
which question, so it can ask "Hjälpte svaret?"; after small talk and while a form asks,
it does not. A real server on loopback and python-socketio's client."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
import socketio
from rasa.core.channels.channel import UserMessage
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.addons.channels.feedback import feedback_message
from bot.addons.channels.socketio import SocketIOChannel
from tests.addons.channels.serving import ANSWER, RecordingAgent, serving
from tests.insights.known import Talk, at


@pytest.fixture(autouse=True)
def id_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANS_ID_KEY", "feedback-test-key")
    monkeypatch.delenv("ASSISTANS_ENV", raising=False)


def turn(talk: Talk, text: str) -> None:
    """What the assistant does with each message of the test."""
    if text == "ansöka":
        talk.user(text, "ask_apply").answer("utter_ask_apply")
    elif text == "kolla anordnare":
        talk.user(text, "check_provider").action("provider_form").loop("provider_form")
        talk.slot("requested_slot", "provider_query").bot("Vilken?").listen()
    elif text == "559901-0013 grupp 1 vuxen":
        talk.user(text, "inform").action("provider_form").loop(None)
        talk.slot("requested_slot", None).action("action_check_provider").bot("Ja.").listen()
    else:
        talk.user(text, "greet").answer("utter_greet")


@dataclass
class TalkingAgent(RecordingAgent):
    """Answers, and keeps the conversation in a tracker store as Rasa does."""

    talks: dict[str, Talk] = field(default_factory=dict)

    async def handle_message(self, message: UserMessage) -> None:
        await super().handle_message(message)
        talk = self.talks.setdefault(message.sender_id, Talk(message.sender_id, at(23, 10)))
        turn(talk, message.text or "")
        tracker = DialogueStateTracker(message.sender_id, [])
        for event in talk.events:
            tracker.update(event)
        await self.tracker_store.save(tracker)


async def conversation(*texts: str) -> list[Any]:
    agent = TalkingAgent(tracker_store=InMemoryTrackerStore(Domain.empty()))
    heard: list[Any] = []
    async with serving(
        [SocketIOChannel("user_uttered", "bot_uttered", session_persistence=True)], agent
    ) as base:
        client = socketio.AsyncClient(reconnection=False)
        client.on("bot_uttered", heard.append)
        confirmed: list[str] = []
        client.on("session_confirm", confirmed.append)
        await client.connect(base, transports=["polling"])
        try:
            await client.emit("session_request", {"session_id": None})
            await until(lambda: confirmed)
            for text in texts:
                count = len(heard)
                await client.emit("user_uttered", {"message": text})
                await until(lambda count=count: len(heard) > count)
            await client.emit("user_uttered", {"message": "slut"})  # all before it has arrived
            await until(
                lambda: heard and heard[-1] == {"text": ANSWER} and len(agent.messages) > len(texts)
            )
        finally:
            await client.disconnect()
    return heard


async def until(done: Any, timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        assert time.monotonic() < deadline, "no answer from the server"
        await asyncio.sleep(0.02)


def test_an_answer_is_followed_by_the_feedback_payload() -> None:
    heard = asyncio.run(conversation("ansöka"))
    assert heard[:2] == [{"text": ANSWER}, feedback_message("ask_apply")["data"]]


def test_no_feedback_after_small_talk_or_while_a_form_asks() -> None:
    heard = asyncio.run(conversation("hej", "kolla anordnare", "559901-0013 grupp 1 vuxen"))
    assert heard == [
        {"text": ANSWER},
        {"text": ANSWER},
        {"text": ANSWER},
        {"feedback": {"intent": "check_provider"}},
        {"text": ANSWER},
    ]


def test_without_a_tracker_store_the_chat_goes_on_without_feedback() -> None:
    async def run() -> list[Any]:
        agent = RecordingAgent()
        heard: list[Any] = []
        async with serving(
            [SocketIOChannel("user_uttered", "bot_uttered", session_persistence=True)], agent
        ) as base:
            client = socketio.AsyncClient(reconnection=False)
            client.on("bot_uttered", heard.append)
            await client.connect(base, transports=["polling"])
            await client.emit("session_request", {"session_id": None})
            await client.emit("user_uttered", {"message": "ansöka"})
            await until(lambda: heard)
            await asyncio.sleep(0.2)
            await client.disconnect()
        return heard

    assert asyncio.run(run()) == [{"text": ANSWER}]
