"""Size limits at every door: each channel, on a real server, refuses a body over 16 kB with
413 and answers a message over 2,000 characters "too long" without it reaching NLU."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable

import pytest
import socketio
import websockets

from bot.addons.channels.guards import MAX_BODY_BYTES, TOO_LONG_ANSWER, SeenIds
from bot.addons.channels.socketio import SocketIOChannel
from tests.addons.channels import platform_requests as platform
from tests.addons.channels.platform_requests import Channels, Reply, post
from tests.addons.channels.serving import ANSWER, RecordingAgent, serving

LONG = "Jag undrar " + "mycket " * 300  # 2,111 characters, a body of about 2 kB
assert 2000 < len(LONG) and len(LONG.encode()) < MAX_BODY_BYTES

Send = Callable[[str, str, str], Awaitable[Reply]]


async def send_rest(base: str, text: str, _: str) -> Reply:
    return await post(base, "/webhooks/rest/webhook", platform.rest_body(text))


async def send_telegram(base: str, text: str, tag: str) -> Reply:
    update = platform.telegram_update(text, update_id=abs(hash(tag)) % 10**9)
    body = json.dumps(update, ensure_ascii=False).encode()
    return await post(base, "/webhooks/telegram/webhook", body, platform.telegram_headers())


async def send_slack(base: str, text: str, tag: str) -> Reply:
    body = platform.slack_event(text, event_id=f"Ev{tag}")
    reply = await post(base, "/webhooks/slack/webhook", body, platform.slack_headers(body))
    await asyncio.sleep(0.3)  # Rasa's Slack channel handles the message in a task
    return reply


async def send_twilio(base: str, text: str, tag: str) -> Reply:
    url = f"{base}/webhooks/twilio/webhook"
    body, headers = platform.twilio_request(url, platform.twilio_fields(text, sid=f"SM{tag}"))
    return await post(base, "/webhooks/twilio/webhook", body, headers)


async def send_messenger(base: str, text: str, tag: str) -> Reply:
    body = platform.messenger_event(text, mid=f"m_{tag}")
    return await post(base, "/webhooks/facebook/webhook", body, platform.messenger_headers(body))


SENDERS: dict[str, Send] = {
    "rest": send_rest,
    "telegram": send_telegram,
    "slack": send_slack,
    "twilio": send_twilio,
    "facebook": send_messenger,
}


def answers(channels: Channels, name: str, reply: Reply) -> list[str]:
    if name == "rest":
        return [message["text"] for message in json.loads(reply.text)]
    return [text for _, text in channels.outputs[name].sent]


@pytest.mark.parametrize("name", list(SENDERS))
def test_a_message_over_2000_characters_is_answered_without_nlu(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    channels = platform.channels(monkeypatch)
    agent = RecordingAgent()

    async def run() -> tuple[Reply, Reply]:
        async with serving(channels.all(), agent) as base:
            long_reply = await SENDERS[name](base, LONG, "long")
            assert agent.messages == []  # refused before NLU, so nothing stored either
            return long_reply, await SENDERS[name](base, "Hej", "short")

    long_reply, short_reply = asyncio.run(run())
    assert long_reply.status < 300 and short_reply.status < 300
    assert [message.text for message in agent.messages] == ["Hej"]
    said = answers(channels, name, long_reply)
    assert said[0] == TOO_LONG_ANSWER and "för långt" in said[0]
    if name != "rest":
        assert said[1:] == [ANSWER]


@pytest.mark.parametrize("size", [MAX_BODY_BYTES + 1, 200_000, 2_000_000])
@pytest.mark.parametrize(
    "path",
    [
        "/webhooks/rest/webhook",
        "/webhooks/telegram/webhook",
        "/webhooks/slack/webhook",
        "/webhooks/twilio/webhook",
        "/webhooks/facebook/webhook",
    ],
)
def test_a_body_over_16_kb_is_refused_with_413_before_it_is_read(
    path: str, size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    channels = platform.channels(monkeypatch)
    agent = RecordingAgent()

    async def run() -> Reply:
        async with serving(channels.all(), agent) as base:
            return await post(base, path, b"{" + b" " * size + b"}")

    reply = asyncio.run(run())
    assert reply.status == 413
    assert "för stor" in json.loads(reply.text)["error"]
    assert agent.messages == []


def test_a_channel_that_is_off_limits_its_body_too(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.addons.channels.twilio import SmsChannel

    async def run() -> Reply:
        async with serving([SmsChannel(None, None, None)], RecordingAgent()) as base:
            return await post(base, "/webhooks/twilio/webhook", b"x" * (MAX_BODY_BYTES + 1))

    assert asyncio.run(run()).status == 413


# --- socket.io ------------------------------------------------------------------------------


def socketio_channel() -> SocketIOChannel:
    return SocketIOChannel("user_uttered", "bot_uttered", session_persistence=True)


async def socketio_exchange(base: str, transport: str, messages: list[str]) -> list[str]:
    """What the server says (bot_uttered texts) to a client that sends the messages."""
    if transport == "websocket":
        return await websocket_exchange(base, messages)
    heard: list[str] = []
    client = socketio.AsyncClient(reconnection=False)
    client.on("bot_uttered", lambda data: heard.append(data.get("text", "")))
    await client.connect(base, transports=["polling"])
    await client.emit("session_request", {"session_id": "web-anna"})
    await asyncio.sleep(0.2)
    for message in messages:
        await client.emit("user_uttered", {"message": message, "session_id": "web-anna"})
    for _ in range(50):
        if len(heard) >= len(messages):
            break
        await asyncio.sleep(0.1)
    await client.disconnect()
    return heard


async def websocket_exchange(base: str, messages: list[str]) -> list[str]:
    """The same over a bare websocket, in Engine.IO 4 / Socket.IO 5 packets ("42[...]")."""
    url = base.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    heard: list[str] = []
    async with websockets.connect(url, max_size=None) as ws:
        assert str(await ws.recv()).startswith("0")  # engine.io open
        await ws.send("40")
        assert str(await ws.recv()).startswith("40")  # socket.io connect
        await ws.send('42["session_request",{"session_id":"web-anna"}]')
        for message in messages:
            event = ["user_uttered", {"message": message, "session_id": "web-anna"}]
            await ws.send("42" + json.dumps(event))
        while len(heard) < len(messages):
            packet = str(await asyncio.wait_for(ws.recv(), timeout=5))
            if packet.startswith("42"):
                name, data = json.loads(packet[2:])[:2]
                if name == "bot_uttered":
                    heard.append(data.get("text", ""))
    return heard


@pytest.mark.parametrize("transport", ["polling", "websocket"])
def test_socketio_answers_a_long_message_without_nlu(transport: str) -> None:
    agent = RecordingAgent()

    async def run() -> list[str]:
        async with serving([socketio_channel()], agent) as base:
            return await socketio_exchange(base, transport, [LONG, "Hej"])

    assert asyncio.run(run()) == [TOO_LONG_ANSWER, ANSWER]
    assert [message.text for message in agent.messages] == ["Hej"]


def test_socketio_refuses_a_long_polling_body_over_16_kb() -> None:
    async def run() -> tuple[Reply, int]:
        channel = socketio_channel()
        async with serving([channel], RecordingAgent()) as base:
            assert channel.sio is not None
            reply = await post(base, "/socket.io/?EIO=4&transport=polling", b"4" * 200_000)
            return reply, channel.sio.eio.max_http_buffer_size

    reply, buffer_size = asyncio.run(run())
    assert reply.status == 413
    assert buffer_size == MAX_BODY_BYTES


def test_socketio_closes_a_websocket_that_sends_more_than_16_kb() -> None:
    agent = RecordingAgent()

    async def run() -> None:
        async with serving([socketio_channel()], agent) as base:
            with pytest.raises(websockets.ConnectionClosed):
                await websocket_exchange(base, ["x" * 50_000])

    asyncio.run(run())
    assert agent.messages == []


def test_seen_ids_are_forgotten_after_their_time_and_beyond_their_number() -> None:
    seen = SeenIds(ttl_s=10, size=3)
    assert seen.first_time("a", now=0) and not seen.first_time("a", now=5)
    assert seen.first_time("a", now=11)  # forgotten after ten seconds
    for update in "bcd":
        assert seen.first_time(update, now=12)
    assert seen.first_time("a", now=12)  # pushed out by b, c and d
