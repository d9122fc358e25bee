"""Hostile input against the running server: huge bodies and messages are refused at
once while another person's conversation keeps answering, and signed webhooks cannot be
replayed or padded with a second copy of a field."""

from __future__ import annotations

import asyncio
import json
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable

import pytest

from bot.addons.channels.guards import TOO_LONG_ANSWER
from tests.e2e.conftest import Servers
from tests.e2e.platforms import TEST_SECRETS, PlatformStandIn
from tests.e2e.rest import RestClient
from tests.e2e.test_channels import (
    post,
    send_telegram,
    sms_to,
    telegram_update,
    to_chat,
    twilio_signature,
    twilio_sms,
    unique,
)


def timed_post(servers: Servers, body: bytes) -> tuple[int, str, float]:
    started = time.perf_counter()
    request = urllib.request.Request(
        f"{servers.rasa_url}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, text = response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode("utf-8", "replace")
    except (ConnectionError, urllib.error.URLError):
        status, text = 413, ""  # refused before the whole body was sent
    return status, text, time.perf_counter() - started


def test_huge_messages_are_refused_at_once_and_others_keep_their_pace(servers: Servers) -> None:
    other = RestClient(servers.rasa_url, f"bystander-{time.time_ns()}")
    other.text("hej")  # warm
    latencies: list[float] = []
    stop = threading.Event()

    def converse() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            other.text("vad är timbeloppet 2025")
            latencies.append(time.perf_counter() - started)

    bystander = threading.Thread(target=converse)
    bystander.start()
    try:
        results = {}
        for label, size in (("2 MB", 2_000_000), ("200,000", 200_000), ("60,000", 60_000)):
            body = json.dumps({"sender": f"big-{time.time_ns()}", "message": "a" * size})
            results[label] = timed_post(servers, body.encode())
        status, text, elapsed = timed_post(
            servers,
            json.dumps({"sender": f"long-{time.time_ns()}", "message": "hej " * 1500}).encode(),
        )
        time.sleep(2)
    finally:
        stop.set()
        bystander.join(timeout=60)
    for label, (big_status, _, big_elapsed) in results.items():
        assert big_status == 413, label
        assert big_elapsed < 1.0, f"{label}: refused after {big_elapsed:.2f} s"
    replies = " ".join(str(part.get("text", "")) for part in json.loads(text))
    assert status == 200 and TOO_LONG_ANSWER in replies and elapsed < 1.0
    assert latencies and max(latencies) < 1.0, statistics.mean(latencies)


def test_a_captured_sms_with_a_field_added_is_refused(
    servers: Servers, platforms: PlatformStandIn
) -> None:
    url = f"{servers.rasa_url}/webhooks/twilio/webhook"
    victim, attacker_text = "+4670" + unique("")[-7:], "ändra mina uppgifter"
    fields = twilio_sms(victim, "Hej")
    signature = twilio_signature(url, fields, TEST_SECRETS["TWILIO_AUTH_TOKEN"])
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}
    added = urllib.parse.urlencode({"Body": attacker_text, "From": victim})
    captured = urllib.parse.urlencode(fields)
    status, _ = post(url, f"{added}&{captured}".encode(), headers)
    assert status == 400
    assert post(url, captured.encode(), headers)[0] == 204  # the genuine one, once
    assert post(url, captured.encode(), headers)[0] == 204  # replayed: not handled again
    calls = platforms.wait_for("twilio", sms_to(victim))
    time.sleep(3)
    assert len(platforms.calls_to("twilio", sms_to(victim))) == len(calls)


def test_telegram_set_webhook_is_gone_and_an_update_is_handled_once(
    servers: Servers, platforms: PlatformStandIn
) -> None:
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{servers.rasa_url}/webhooks/telegram/set_webhook", timeout=30)
    assert refused.value.code == 404
    chat_id = int(unique("6"))
    update = telegram_update(chat_id, "Hej")
    secret = TEST_SECRETS["TELEGRAM_SECRET_TOKEN"]
    assert send_telegram(servers, update, secret) == 200
    first = platforms.wait_for("telegram", to_chat(chat_id))
    assert send_telegram(servers, update, secret) == 200  # delivered again
    time.sleep(3)
    assert len(platforms.calls_to("telegram", to_chat(chat_id))) == len(first)


# --- socket.io: the session id is the server's ------------------------------------------


class _Tab:
    """One browser tab's socket: the session ids it was confirmed, the texts it heard."""

    def __init__(self) -> None:
        import socketio

        self.client = socketio.AsyncClient(reconnection=False)
        self.confirmed: list[str] = []
        self.heard: list[str] = []
        self.client.on("session_confirm", lambda data: self.confirmed.append(str(data)))
        self.client.on("bot_uttered", lambda data: self.heard.append(str(data.get("text"))))

    async def open(self, base: str, session_id: str | None) -> str:
        await self.client.connect(base, transports=["polling"])
        await self.client.emit("session_request", {"session_id": session_id})
        await _until(lambda: self.confirmed)
        return self.confirmed[-1]

    async def say(self, text: str, session_id: str) -> None:
        heard = len(self.heard)
        await self.client.emit("user_uttered", {"message": text, "session_id": session_id})
        await _until(lambda: len(self.heard) > heard)


async def _until(done: Callable[[], object], timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        assert time.monotonic() < deadline, "no answer on the socket"
        await asyncio.sleep(0.05)


def test_a_forged_socketio_session_never_reaches_another_conversation(servers: Servers) -> None:
    async def run() -> tuple[str, list[str], int]:
        anna = _Tab()
        token = await anna.open(servers.rasa_url, None)
        await anna.say("hej", token)
        heard_by_anna = len(anna.heard)
        conversation = token.split(".")[0]
        claims = [
            conversation,  # the bare conversation id, as Rasa's own channel took it
            f"{conversation}.{int(time.time())}.{'0' * 32}",  # a made-up signature
            f"{conversation}.{int(time.time()) + 3600}.{token.split('.')[2]}",  # altered
        ]
        given = []
        for claim in claims:
            attacker = _Tab()
            given.append(await attacker.open(servers.rasa_url, claim))
            # Even with Anna's real session id in the message itself.
            await attacker.say("vad är timbeloppet 2025", token)
            await attacker.client.disconnect()
        await asyncio.sleep(2)
        await anna.client.disconnect()
        return token, given, len(anna.heard) - heard_by_anna

    token, given, heard_since = asyncio.run(run())
    conversation = token.split(".")[0]
    assert all(other.split(".")[0] != conversation for other in given)
    assert heard_since == 0  # no answer to an attacker reached Anna's page
    tracker = RestClient(servers.rasa_url, conversation, servers.token).tracker()
    assert [e["text"] for e in tracker["events"] if e["event"] == "user"] == ["hej"]
