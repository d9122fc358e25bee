"""The website chat's socket.io channel accepts only session ids it issued itself: a
client that presents a forged, altered, expired or guessed id gets a fresh one and never
reaches the conversation it named, and a message cannot name another conversation.

A real server on loopback (tests/addons/channels/serving.py) and python-socketio's client,
as the page's socket.io library speaks it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
import socketio

from assistansguiden.privacy import sessions
from assistansguiden.privacy.sessions import MAX_AGE_S, MissingSessionKeyError
from bot.addons.channels.socketio import SocketIOChannel
from tests.addons.channels.serving import ANSWER, RecordingAgent, serving

ID_KEY = "socketio-test-key"
DAY = 24 * 60 * 60


@pytest.fixture(autouse=True)
def id_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANS_ID_KEY", ID_KEY)
    monkeypatch.delenv("ASSISTANS_ENV", raising=False)


def key() -> bytes:
    return sessions.session_key()


@dataclass
class Person:
    """One browser tab: its socket, the session ids it was confirmed, what it heard."""

    client: socketio.AsyncClient
    confirmed: list[str] = field(default_factory=list)
    heard: list[str] = field(default_factory=list)

    @property
    def session(self) -> str:
        return self.confirmed[-1]

    async def request_session(self, session_id: str | None) -> str:
        count = len(self.confirmed)
        await self.client.emit("session_request", {"session_id": session_id})
        await until(lambda: len(self.confirmed) > count)
        return self.session

    async def say(self, text: str, session_id: str | None = None) -> None:
        count = len(self.heard)
        claimed = session_id if session_id is not None else self.session
        await self.client.emit("user_uttered", {"message": text, "session_id": claimed})
        await until(lambda: len(self.heard) > count)


async def until(done: Any, timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        assert time.monotonic() < deadline, "no answer from the server"
        await asyncio.sleep(0.02)


@asynccontextmanager
async def person(base: str) -> AsyncIterator[Person]:
    client = socketio.AsyncClient(reconnection=False)
    tab = Person(client)
    client.on("session_confirm", lambda data: tab.confirmed.append(str(data)))
    client.on("bot_uttered", lambda data: tab.heard.append(str(data.get("text", ""))))
    await client.connect(base, transports=["polling"])
    try:
        yield tab
    finally:
        await client.disconnect()


def channel() -> SocketIOChannel:
    return SocketIOChannel("user_uttered", "bot_uttered", session_persistence=True)


def conversation_of(token: str) -> str:
    return token.split(".")[0]


def forged(conversation: str, issued: float) -> str:
    return f"{conversation}.{int(issued)}.{'0' * 32}"


# --- valid -------------------------------------------------------------------------------


def test_a_new_visitor_gets_a_signed_session_and_keeps_it_after_a_reload() -> None:
    agent = RecordingAgent()

    async def run() -> tuple[str, str]:
        async with serving([channel()], agent) as base:
            async with person(base) as tab:
                first = await tab.request_session(None)
                await tab.say("Hej")
            async with person(base) as reloaded:  # a reload: a new socket, same tab
                again = await reloaded.request_session(first)
                await reloaded.say("Tack")
                assert reloaded.heard == [ANSWER]
        return first, again

    first, again = asyncio.run(run())
    assert again == first
    session = sessions.verify(first, key(), time.time())
    assert session is not None and time.time() - 5 < session.issued <= time.time()
    assert [(m.sender_id, m.text) for m in agent.messages] == [
        (session.conversation, "Hej"),
        (session.conversation, "Tack"),
    ]


# --- forged, altered, guessed, expired --------------------------------------------------


def altered_tokens(valid: str) -> dict[str, str]:
    conversation, issued, signature = valid.split(".")
    flip = {"0": "1"}.get(conversation[0], "0")
    return {
        "another conversation": f"{flip}{conversation[1:]}.{issued}.{signature}",
        "a later issue time": f"{conversation}.{int(issued) + DAY}.{signature}",
        "another signature": f"{conversation}.{issued}.{signature[::-1]}",
        "a signature cut short": f"{conversation}.{issued}.{signature[:31]}",
        "upper case": valid.upper(),
        "the bare conversation id": conversation,
        "padding": f" {valid}",
    }


def test_an_altered_session_id_gets_a_fresh_one_and_never_reaches_the_conversation() -> None:
    agent = RecordingAgent()

    async def run() -> tuple[str, dict[str, str]]:
        async with serving([channel()], agent) as base:
            async with person(base) as anna:
                anna_session = await anna.request_session(None)
                await anna.say("Mitt ärende")
                given: dict[str, str] = {}
                for label, token in altered_tokens(anna_session).items():
                    async with person(base) as attacker:
                        given[label] = await attacker.request_session(token)
                        await attacker.say("Vad svarade ni henne?")
                        assert attacker.heard == [ANSWER]
                await asyncio.sleep(0.2)
                assert anna.heard == [ANSWER]  # the attackers' answers never came here
        return anna_session, given

    anna_session, given = asyncio.run(run())
    anna_conversation = conversation_of(anna_session)
    for label, token in given.items():
        assert token != anna_session, label
        assert conversation_of(token) != anna_conversation, label
        assert sessions.verify(token, key(), time.time()) is not None, label
    senders = [m.sender_id for m in agent.messages]
    assert senders.count(anna_conversation) == 1  # only Anna's own message
    assert len(set(senders)) == 1 + len(given)


@pytest.mark.parametrize(
    "label",
    ["forged signature", "rasa style id", "uuid", "empty", "not a string", "too long"],
)
def test_a_forged_or_guessed_session_id_gets_a_fresh_one(label: str) -> None:
    now = time.time()
    claims: dict[str, Any] = {
        "forged signature": forged("ab" * 16, now),
        "rasa style id": "web-anna",
        "uuid": "3f2a9c1e" * 4,
        "empty": "",
        "not a string": {"session_id": 1},
        "too long": "a" * 5_000,  # within the body limit (bigger: 413 before this)
    }
    agent = RecordingAgent()

    async def run() -> str:
        async with serving([channel()], agent) as base:
            async with person(base) as tab:
                token = await tab.request_session(claims[label])
                await tab.say("Hej")
                return token

    token = asyncio.run(run())
    session = sessions.verify(token, key(), time.time())
    assert session is not None
    assert [m.sender_id for m in agent.messages] == [session.conversation]
    assert "ab" * 16 not in agent.messages[0].sender_id
    assert "web-anna" != agent.messages[0].sender_id


@pytest.mark.parametrize("age_s", [MAX_AGE_S, MAX_AGE_S + 1, 30 * DAY])
def test_an_expired_session_id_gets_a_fresh_one(age_s: int) -> None:
    old = sessions.issue(key(), time.time() - age_s)
    agent = RecordingAgent()

    async def run() -> str:
        async with serving([channel()], agent) as base:
            async with person(base) as tab:
                token = await tab.request_session(old.token)
                await tab.say("Hej igen")
                return token

    token = asyncio.run(run())
    assert conversation_of(token) != old.conversation
    assert [m.sender_id for m in agent.messages] == [conversation_of(token)]


def test_a_session_a_little_under_a_day_old_is_still_valid() -> None:
    recent = sessions.issue(key(), time.time() - (MAX_AGE_S - 60))
    agent = RecordingAgent()

    async def run() -> str:
        async with serving([channel()], agent) as base:
            async with person(base) as tab:
                return await tab.request_session(recent.token)

    assert asyncio.run(run()) == recent.token


def test_a_session_that_expires_while_connected_continues_in_a_new_one() -> None:
    agent = RecordingAgent()
    chat = channel()
    started = time.time()
    chat.clock = lambda: started  # type: ignore[method-assign]

    async def run() -> Person:
        async with serving([chat], agent) as base:
            async with person(base) as tab:
                await tab.request_session(None)
                await tab.say("Före")
                chat.clock = lambda: started + MAX_AGE_S + 1  # type: ignore[method-assign]
                await tab.say("Efter")
                return tab

    tab = asyncio.run(run())
    first, renewed = tab.confirmed
    assert conversation_of(renewed) != conversation_of(first)
    assert [m.sender_id for m in agent.messages] == [
        conversation_of(first),
        conversation_of(renewed),
    ]


# --- a message cannot name another conversation -------------------------------------------


def test_a_message_naming_another_session_stays_in_the_senders_own() -> None:
    agent = RecordingAgent()

    async def run() -> tuple[Person, Person]:
        async with serving([channel()], agent) as base:
            async with person(base) as anna, person(base) as attacker:
                await anna.request_session(None)
                await attacker.request_session(None)
                # Even with Anna's real, valid session id in the message.
                await attacker.say("Skriver i Annas samtal", session_id=anna.session)
                await asyncio.sleep(0.2)
                return anna, attacker

    anna, attacker = asyncio.run(run())
    [message] = agent.messages
    assert message.sender_id == conversation_of(attacker.session)
    assert attacker.heard == [ANSWER] and anna.heard == []


def test_a_message_before_any_session_request_gets_a_session_of_its_own() -> None:
    agent = RecordingAgent()

    async def run() -> Person:
        async with serving([channel()], agent) as base:
            async with person(base) as tab:
                await tab.say("Hej", session_id="web-anna")
                await until(lambda: tab.confirmed)
                return tab

    tab = asyncio.run(run())
    [message] = agent.messages
    assert message.sender_id == conversation_of(tab.session) != "web-anna"
    assert tab.heard == [ANSWER]


# --- the key --------------------------------------------------------------------------------


def test_production_without_a_real_key_refuses_to_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANS_ENV", "production")
    for value in ("", "change-me"):
        monkeypatch.setenv("ASSISTANS_ID_KEY", value)
        with pytest.raises(MissingSessionKeyError, match="ASSISTANS_ID_KEY"):
            channel().blueprint(RecordingAgent().handle_message)


def test_outside_production_a_missing_key_falls_back_to_the_development_key(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("ASSISTANS_ID_KEY")
    assert sessions.session_key() == sessions.DEV_KEY
    assert "development key" in caplog.text
    monkeypatch.setenv("ASSISTANS_ID_KEY", ID_KEY)
    assert sessions.session_key() != sessions.DEV_KEY


def test_ids_issued_with_another_key_are_not_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    other = sessions.issue(b"another deployment", time.time())
    agent = RecordingAgent()

    async def run() -> str:
        async with serving([channel()], agent) as base:
            async with person(base) as tab:
                return await tab.request_session(other.token)

    assert conversation_of(asyncio.run(run())) != other.conversation
