"""A messaging platform's person id (a phone number, a chat id) is never the conversation's
key: Rasa gets a keyed HMAC of it (so the tracker row and the Redis lock use that), and the
answer still goes to the person."""

from __future__ import annotations

import asyncio
import json

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered
from rasa.shared.core.trackers import DialogueStateTracker

from assistansguiden.privacy.ids import conversation_id
from bot.addons.tracker_store import MaskingInMemoryTrackerStore
from tests.addons.channels import platform_requests as platform
from tests.addons.channels.platform_requests import post
from tests.addons.channels.serving import ANSWER, RecordingAgent, serving

KEY = platform.ID_KEY.encode()
PHONE = "+46701234567"


async def send(name: str, base: str, text: str) -> int:
    if name == "telegram":
        body = json.dumps(platform.telegram_update(text, chat_id=4711, update_id=9)).encode()
        reply = await post(base, "/webhooks/telegram/webhook", body, platform.telegram_headers())
    elif name == "slack":
        body = platform.slack_event(text, user="U0ANNA")
        reply = await post(base, "/webhooks/slack/webhook", body, platform.slack_headers(body))
        await asyncio.sleep(0.3)  # handled in a task
    elif name == "twilio":
        url = f"{base}/webhooks/twilio/webhook"
        body, headers = platform.twilio_request(url, platform.twilio_fields(text, PHONE))
        reply = await post(base, "/webhooks/twilio/webhook", body, headers)
    else:
        body = platform.messenger_event(text, psid="psid-anna")
        reply = await post(
            base, "/webhooks/facebook/webhook", body, platform.messenger_headers(body)
        )
    return reply.status


@pytest.mark.parametrize(
    ("name", "person"),
    [("telegram", "4711"), ("slack", "U0ANNA"), ("twilio", PHONE), ("facebook", "psid-anna")],
)
def test_the_conversation_is_keyed_by_an_hmac_and_the_answer_reaches_the_person(
    name: str, person: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    channels = platform.channels(monkeypatch)
    agent = RecordingAgent()

    async def run() -> int:
        async with serving(channels.all(), agent) as base:
            return await send(name, base, "Hej")

    assert asyncio.run(run()) < 300
    [message] = agent.messages
    assert message.sender_id == conversation_id(name, person, KEY)
    assert person not in message.sender_id and "4670" not in message.sender_id
    assert channels.outputs[name].sent == [(person, ANSWER)]


def test_a_numbered_sms_choice_is_read_from_the_keyed_conversation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    channels = platform.channels(monkeypatch)
    store = MaskingInMemoryTrackerStore(Domain.empty())
    keyed = conversation_id("twilio", PHONE, KEY)
    tracker = DialogueStateTracker(keyed, [])
    buttons = [{"title": "Ja", "payload": "/affirm"}, {"title": "Nej", "payload": "/deny"}]
    for event in (
        ActionExecuted("action_listen"),
        BotUttered("Stämmer det?", {"buttons": buttons}),
    ):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    agent = RecordingAgent(tracker_store=store)

    async def run() -> int:
        async with serving(channels.all(), agent) as base:
            return await send("twilio", base, "2")

    assert asyncio.run(run()) == 204
    assert [(m.sender_id, m.text) for m in agent.messages] == [(keyed, "/deny")]
    assert list(store.store) == [keyed]  # nothing stored under the phone number


@pytest.mark.parametrize("name", ["telegram", "slack", "twilio", "facebook"])
def test_without_the_key_the_platform_channels_stay_off(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    channels = platform.channels(monkeypatch)
    monkeypatch.delenv("ASSISTANS_ID_KEY")
    agent = RecordingAgent()

    async def run() -> int:
        async with serving(channels.all(), agent) as base:
            return await send(name, base, "Hej")

    assert asyncio.run(run()) == 503
    assert agent.messages == []


def test_ids_depend_on_key_channel_and_person() -> None:
    ids = {
        conversation_id("twilio", PHONE, b"a"),
        conversation_id("twilio", PHONE, b"b"),
        conversation_id("rest", PHONE, b"a"),
        conversation_id("twilio", "+46701234568", b"a"),
    }
    assert len(ids) == 4
    assert conversation_id("twilio", PHONE, b"a") == conversation_id("twilio", PHONE, b"a")
    assert all(len(i) <= 64 and not any(c.isdigit() for c in i.split("-")[0]) for i in ids)
