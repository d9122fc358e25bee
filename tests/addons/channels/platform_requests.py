"""Webhook requests as each platform sends them, signed with the test secrets, and the
channels configured with those secrets (their outgoing calls recorded, not sent)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest

from bot.addons.channels.facebook import MessengerChannel, MessengerOutput
from bot.addons.channels.rest import RestChannel
from bot.addons.channels.slack import SlackChannel
from bot.addons.channels.telegram import SECRET_HEADER, TelegramChannel
from bot.addons.channels.twilio import SmsChannel
from tests.addons.channels.serving import RecordingOutput

TELEGRAM_TOKEN = "123456789:AAtest-token"
TELEGRAM_BOT = "assistansguiden_test_bot"
TELEGRAM_SECRET = "telegram-test-secret"
SLACK_SECRET = "slack-test-signing-secret"
TWILIO_TOKEN = "twilio-test-auth-token"
TWILIO_SID = "AC" + "0" * 32
TWILIO_NUMBER = "+46700000000"
FACEBOOK_SECRET = "facebook-test-app-secret"
ID_KEY = "test-id-key"


@dataclass
class Reply:
    status: int
    text: str


Headers = dict[str, str] | list[tuple[str, str]]


async def post(base: str, path: str, body: bytes, headers: Headers | None = None) -> Reply:
    """One POST; headers as a list may name a header twice."""
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{base}{path}", data=body, headers=headers or {}) as response:
            return Reply(response.status, await response.text())


@dataclass
class FakeTelegramOutput(RecordingOutput):
    """Rasa's Telegram handler asks the Bot API who it is before each message."""

    sent: list[tuple[str, str]] = field(default_factory=list)

    async def get_me(self) -> Any:
        return type("Me", (), {"username": TELEGRAM_BOT})()


@dataclass
class Channels:
    """The five webhook channels with test secrets, and what each would have sent."""

    outputs: dict[str, RecordingOutput]
    rest: RestChannel
    telegram: TelegramChannel
    slack: SlackChannel
    twilio: SmsChannel
    facebook: MessengerChannel

    def all(self) -> list[Any]:
        return [self.rest, self.telegram, self.slack, self.twilio, self.facebook]


def channels(monkeypatch: pytest.MonkeyPatch) -> Channels:
    outputs: dict[str, RecordingOutput] = {
        "telegram": FakeTelegramOutput(),
        "slack": RecordingOutput(),
        "twilio": RecordingOutput(),
        "facebook": RecordingOutput(),
    }
    monkeypatch.setattr(TelegramChannel, "get_output_channel", lambda self: outputs["telegram"])
    monkeypatch.setattr(SlackChannel, "get_output_channel", lambda self, *_: outputs["slack"])
    monkeypatch.setattr(SmsChannel, "get_output_channel", lambda self: outputs["twilio"])

    async def no_action(self: Any, recipient_id: str, sender_action: str) -> None:
        return None

    async def sent_to_messenger(self: Any, recipient_id: str, text: str, **_: Any) -> None:
        await outputs["facebook"].send_text_message(recipient_id, text)

    monkeypatch.setattr(MessengerOutput, "send_action", no_action)
    monkeypatch.setattr(MessengerOutput, "send_text_message", sent_to_messenger)
    monkeypatch.setenv("ASSISTANS_ID_KEY", ID_KEY)
    monkeypatch.setenv("SLACK_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SLACK_SECRET)
    slack = SlackChannel.from_credentials({"use_threads": False})
    assert isinstance(slack, SlackChannel)
    return Channels(
        outputs,
        RestChannel(),
        TelegramChannel(TELEGRAM_TOKEN, TELEGRAM_BOT, None, secret_token=TELEGRAM_SECRET),
        slack,
        SmsChannel(TWILIO_SID, TWILIO_TOKEN, TWILIO_NUMBER),
        MessengerChannel("verify-token", FACEBOOK_SECRET, "page-token"),
    )


# --- bodies and signatures ----------------------------------------------------------------


def rest_body(text: str, sender: str = "rest-user") -> bytes:
    return json.dumps({"sender": sender, "message": text}, ensure_ascii=False).encode()


def telegram_update(text: str, chat_id: int = 4711, update_id: int = 1) -> dict[str, Any]:
    user = {"id": chat_id, "is_bot": False, "first_name": "Anna"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": 17,
            "from": user,
            "date": int(time.time()),
            "text": text,
            "chat": {"id": chat_id, "type": "private"},
        },
    }


def telegram_headers(secret: str = TELEGRAM_SECRET) -> dict[str, str]:
    return {"Content-Type": "application/json", SECRET_HEADER: secret}


def slack_event(text: str, user: str = "U0ANNA", event_id: str = "Ev1") -> bytes:
    now = time.time()
    event = {
        "type": "event_callback",
        "event_id": event_id,
        "event": {
            "type": "message",
            "channel": "D0ANNA",
            "user": user,
            "text": text,
            "ts": f"{now:.6f}",
            "channel_type": "im",
        },
    }
    return json.dumps(event, ensure_ascii=False).encode()


def slack_headers(body: bytes, secret: str = SLACK_SECRET) -> dict[str, str]:
    timestamp = str(int(time.time()))
    base = b"v0:" + timestamp.encode() + b":" + body
    return {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest(),
    }


def twilio_fields(text: str, sender: str = "+46701234567", sid: str = "SM1") -> dict[str, str]:
    return {
        "MessageSid": sid,
        "SmsSid": sid,
        "AccountSid": TWILIO_SID,
        "From": sender,
        "To": TWILIO_NUMBER,
        "Body": text,
        "NumMedia": "0",
        "FromCity": "",
    }


def twilio_signature(url: str, fields: dict[str, str], token: str = TWILIO_TOKEN) -> str:
    signed = url + "".join(key + fields[key] for key in sorted(fields))
    digest = hmac.new(token.encode(), signed.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def twilio_request(
    url: str, fields: dict[str, str], token: str = TWILIO_TOKEN
) -> tuple[bytes, dict[str, str]]:
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": twilio_signature(url, fields, token),
    }
    return urllib.parse.urlencode(fields).encode(), headers


def messenger_event(text: str, psid: str = "psid-anna", mid: str = "m_1") -> bytes:
    now = int(time.time() * 1000)
    payload = {
        "object": "page",
        "entry": [
            {
                "id": "PAGE",
                "time": now,
                "messaging": [
                    {
                        "sender": {"id": psid},
                        "recipient": {"id": "PAGE"},
                        "timestamp": now,
                        "message": {"mid": mid, "text": text},
                    }
                ],
            }
        ],
    }
    return json.dumps(payload, ensure_ascii=False).encode()


def messenger_headers(body: bytes, secret: str = FACEBOOK_SECRET) -> dict[str, str]:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"Content-Type": "application/json", "X-Hub-Signature-256": f"sha256={digest}"}
