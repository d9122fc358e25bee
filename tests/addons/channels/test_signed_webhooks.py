"""Signed webhooks without bypasses, against a real server: for Twilio, Telegram and
Messenger a forged request, a replayed one and one with a field twice are each refused or
handled once, and nothing but the genuine message reaches NLU."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import urllib.parse
from typing import Any

import aiohttp
import pytest

from assistansguiden.privacy.ids import conversation_id
from bot.addons.channels.telegram import SECRET_HEADER, TelegramChannel
from tests.addons.channels import platform_requests as platform
from tests.addons.channels.platform_requests import Reply, post
from tests.addons.channels.serving import RecordingAgent, serving

TWILIO_PATH = "/webhooks/twilio/webhook"
TELEGRAM_PATH = "/webhooks/telegram/webhook"
MESSENGER_PATH = "/webhooks/facebook/webhook"


def run_requests(
    monkeypatch: pytest.MonkeyPatch, requests: list[tuple[str, Any, Any]]
) -> tuple[list[Reply], RecordingAgent]:
    """Post each (path, body or body-of(base), headers) in turn to a fresh server."""
    channels = platform.channels(monkeypatch)
    agent = RecordingAgent()

    async def run() -> list[Reply]:
        async with serving(channels.all(), agent) as base:
            replies = []
            for path, body, headers in requests:
                data, signed = body(base) if callable(body) else (body, {})
                pairs = list(headers.items()) if isinstance(headers, dict) else list(headers)
                replies.append(await post(base, path, data, pairs + list(signed.items())))
            return replies

    return asyncio.run(run()), agent


# --- Twilio -------------------------------------------------------------------------------


def signed_sms(text: str, sender: str = "+46701234567", sid: str = "SM1") -> Any:
    def body(base: str) -> tuple[bytes, dict[str, str]]:
        return platform.twilio_request(
            base + TWILIO_PATH, platform.twilio_fields(text, sender, sid)
        )

    return body


def test_twilio_refuses_a_forged_signature(monkeypatch: pytest.MonkeyPatch) -> None:
    def forged(base: str) -> tuple[bytes, dict[str, str]]:
        fields = platform.twilio_fields("Hej", "+46709999999")
        return platform.twilio_request(base + TWILIO_PATH, fields, token="guessed")

    def unsigned(base: str) -> tuple[bytes, dict[str, str]]:
        return signed_sms("Hej")(base)[0], {"X-Twilio-Signature": ""}

    (first, second), agent = run_requests(
        monkeypatch, [(TWILIO_PATH, forged, {}), (TWILIO_PATH, unsigned, {})]
    )
    assert (first.status, second.status) == (403, 403)
    assert agent.messages == []


def test_twilio_handles_a_replayed_request_once(monkeypatch: pytest.MonkeyPatch) -> None:
    replies, agent = run_requests(monkeypatch, [(TWILIO_PATH, signed_sms("Hej"), {})] * 2)
    assert [reply.status for reply in replies] == [204, 204]
    assert [message.text for message in agent.messages] == ["Hej"]


def test_twilio_refuses_a_captured_request_with_fields_added(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The old bypass: the signature was checked over the last copy of each field and the
    # handler read the first, so fields put in front of a captured request were obeyed.
    def tampered(base: str) -> tuple[bytes, dict[str, str]]:
        captured, headers = signed_sms("Hej", sid="SM2")(base)
        added = urllib.parse.urlencode({"From": "+46705555555", "Body": "ändra min ansökan"})
        return added.encode() + b"&" + captured, headers

    def body_twice(base: str) -> tuple[bytes, dict[str, str]]:
        captured, headers = signed_sms("Hej", sid="SM3")(base)
        return captured + b"&Body=" + urllib.parse.quote("annat").encode(), headers

    replies, agent = run_requests(
        monkeypatch, [(TWILIO_PATH, tampered, {}), (TWILIO_PATH, body_twice, {})]
    )
    assert [reply.status for reply in replies] == [400, 400]
    assert "samma fält" in json.loads(replies[0].text)["error"]
    assert agent.messages == []


def test_twilio_reads_exactly_the_fields_it_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    (reply,), agent = run_requests(
        monkeypatch, [(TWILIO_PATH, signed_sms("Hej", sender="+46703333333"), {})]
    )
    assert reply.status == 204
    keyed = conversation_id("twilio", "+46703333333", platform.ID_KEY.encode())
    assert [(m.sender_id, m.text) for m in agent.messages] == [(keyed, "Hej")]


# --- Telegram -----------------------------------------------------------------------------


def update_body(text: str, update_id: int = 1) -> bytes:
    return json.dumps(platform.telegram_update(text, update_id=update_id)).encode()


def test_telegram_refuses_a_missing_wrong_or_repeated_secret_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = update_body("Hej")
    json_type = ("Content-Type", "application/json")
    right = (SECRET_HEADER, platform.TELEGRAM_SECRET)
    replies, agent = run_requests(
        monkeypatch,
        [
            (TELEGRAM_PATH, body, [json_type, (SECRET_HEADER, "gissat")]),
            (TELEGRAM_PATH, body, [json_type]),
            (TELEGRAM_PATH, body, [json_type, right, (SECRET_HEADER, "gissat")]),
            (TELEGRAM_PATH, body, [json_type, (SECRET_HEADER, "gissat"), right]),
        ],
    )
    assert [reply.status for reply in replies] == [401, 401, 401, 401]
    assert agent.messages == []


def test_telegram_handles_a_replayed_update_once(monkeypatch: pytest.MonkeyPatch) -> None:
    request = (TELEGRAM_PATH, update_body("Hej", update_id=77), platform.telegram_headers())
    replies, agent = run_requests(monkeypatch, [request, request])
    assert [reply.status for reply in replies] == [200, 200]
    assert [message.text for message in agent.messages] == ["Hej"]


def test_telegram_refuses_an_update_with_a_key_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    genuine = platform.telegram_update("Hej", chat_id=4711, update_id=5)
    evil = platform.telegram_update("ändra", chat_id=9999, update_id=5)["message"]
    body = json.dumps(genuine)[:-1] + ', "message": ' + json.dumps(evil) + "}"
    (reply,), agent = run_requests(
        monkeypatch, [(TELEGRAM_PATH, body.encode(), platform.telegram_headers())]
    )
    assert reply.status == 400
    assert agent.messages == []


def test_telegram_set_webhook_is_not_published(monkeypatch: pytest.MonkeyPatch) -> None:
    replies, _ = run_requests(monkeypatch, [("/webhooks/telegram/set_webhook", b"", {})])
    assert replies[0].status == 404

    async def get() -> int:
        channels = platform.channels(monkeypatch)
        async with serving(channels.all(), RecordingAgent()) as base:
            async with aiohttp.ClientSession() as session:
                async with session.get(f"{base}/webhooks/telegram/set_webhook") as response:
                    return response.status

    assert asyncio.run(get()) == 404


def test_telegram_without_a_secret_token_stays_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_ACCESS_TOKEN", platform.TELEGRAM_TOKEN)
    monkeypatch.setenv("TELEGRAM_BOT_NAME", platform.TELEGRAM_BOT)
    monkeypatch.setenv("ASSISTANS_ID_KEY", platform.ID_KEY)
    monkeypatch.delenv("TELEGRAM_SECRET_TOKEN", raising=False)
    monkeypatch.delenv("TELEGRAM_WEBHOOK_URL", raising=False)
    channel = TelegramChannel.from_credentials(None)
    agent = RecordingAgent()

    async def run() -> tuple[Reply, Any]:
        async with serving([channel], agent) as base:
            reply = await post(base, TELEGRAM_PATH, update_body("Hej"), {})
            async with aiohttp.ClientSession() as session:
                async with session.get(f"{base}/webhooks/telegram/") as response:
                    return reply, await response.json()

    reply, health = asyncio.run(run())
    assert reply.status == 503
    assert health == {"status": "not configured", "missing": ["TELEGRAM_SECRET_TOKEN"]}
    assert agent.messages == []


# --- Messenger ----------------------------------------------------------------------------


def test_messenger_refuses_forged_and_sha1_only_signatures(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = platform.messenger_event("Hej")
    forged = platform.messenger_headers(body, secret="gissat")
    sha1 = hmac.new(platform.FACEBOOK_SECRET.encode(), body, hashlib.sha1).hexdigest()
    sha1_only = {"Content-Type": "application/json", "X-Hub-Signature": f"sha1={sha1}"}
    replies, agent = run_requests(
        monkeypatch, [(MESSENGER_PATH, body, forged), (MESSENGER_PATH, body, sha1_only)]
    )
    assert [reply.status for reply in replies] == [403, 403]
    assert agent.messages == []


def test_messenger_compares_the_signature_in_constant_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    body = platform.messenger_event("Hej")
    (reply,), agent = run_requests(
        monkeypatch, [(MESSENGER_PATH, body, platform.messenger_headers(body))]
    )
    assert reply.status == 200
    assert compared, "the signature must go through hmac.compare_digest"
    assert [message.text for message in agent.messages] == ["Hej"]


def test_messenger_handles_a_replayed_message_once(monkeypatch: pytest.MonkeyPatch) -> None:
    body = platform.messenger_event("Hej", mid="m_replayed")
    request = (MESSENGER_PATH, body, platform.messenger_headers(body))
    replies, agent = run_requests(monkeypatch, [request, request])
    assert [reply.status for reply in replies] == [200, 200]
    assert [message.text for message in agent.messages] == ["Hej"]


def test_messenger_refuses_a_body_with_a_key_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    genuine = platform.messenger_event("Hej").decode()
    evil = json.loads(platform.messenger_event("ändra", psid="psid-other"))["entry"]
    body = (genuine[:-1] + ', "entry": ' + json.dumps(evil) + "}").encode()
    (reply,), agent = run_requests(
        monkeypatch, [(MESSENGER_PATH, body, platform.messenger_headers(body))]
    )
    assert reply.status == 400
    assert agent.messages == []
