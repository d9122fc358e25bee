"""Messaging channels end to end: each platform's real webhook payload, signed where the
platform signs, posted to the running server; the platform's API is a stand-in on
loopback that records the outgoing call carrying the Swedish answer."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pytest

from tests.e2e.conftest import Servers
from tests.e2e.platforms import TEST_SECRETS, OutgoingCall, PlatformStandIn

AMOUNT_2024 = "332,60"  # 5 § förordningen (1993:1091), 2024; also in the parameter table


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def unique(prefix: str) -> str:
    return f"{prefix}{time.time_ns() % 10**12}"


# --- Telegram -------------------------------------------------------------------------


def telegram_update(chat_id: int, text: str) -> dict[str, Any]:
    user = {"id": chat_id, "is_bot": False, "first_name": "Anna", "language_code": "sv"}
    return {
        "update_id": chat_id % 100000,
        "message": {
            "message_id": 17,
            "from": user,
            "date": int(time.time()),
            "text": text,
            "chat": {"id": chat_id, "first_name": "Anna", "type": "private"},
        },
    }


def telegram_button_click(chat_id: int, payload: str) -> dict[str, Any]:
    user = {"id": chat_id, "is_bot": False, "first_name": "Anna", "language_code": "sv"}
    return {
        "update_id": chat_id % 100000 + 1,
        "callback_query": {
            "id": "4382bfdwdsb323b2d9",
            "from": user,
            "chat_instance": "-1234567",
            "data": payload,
            "message": {
                "message_id": 18,
                "date": int(time.time()),
                "text": "Välj",
                "chat": {"id": chat_id, "type": "private"},
                "from": {"id": 42, "is_bot": True, "first_name": "Assistansguiden"},
            },
        },
    }


def send_telegram(servers: Servers, update: dict[str, Any], secret: str) -> int:
    status, _ = post(
        f"{servers.rasa_url}/webhooks/telegram/webhook",
        json.dumps(update).encode(),
        {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret},
    )
    return status


def to_chat(chat_id: int) -> Any:
    return lambda call: (
        call.method == "sendMessage" and str(call.body.get("chat_id")) == str(chat_id)
    )


def test_telegram_message_is_answered_in_swedish_through_the_bot_api(
    servers: Servers, platforms: PlatformStandIn
) -> None:
    chat_id = int(unique("7"))
    update = telegram_update(chat_id, "Hur mycket är timbeloppet för 2024?")
    assert send_telegram(servers, update, TEST_SECRETS["TELEGRAM_SECRET_TOKEN"]) == 200
    texts = [c.body["text"] for c in platforms.wait_for("telegram", to_chat(chat_id))]
    assert any(AMOUNT_2024 in text and "kr" in text for text in texts), texts


def test_telegram_buttons_are_an_inline_keyboard_and_a_click_is_answered(
    servers: Servers, platforms: PlatformStandIn
) -> None:
    chat_id = int(unique("8"))
    send_telegram(servers, telegram_update(chat_id, "Hej"), TEST_SECRETS["TELEGRAM_SECRET_TOKEN"])
    [greeting] = platforms.wait_for("telegram", to_chat(chat_id))
    keyboard = json.loads(greeting.body["reply_markup"])["inline_keyboard"]
    titles = [row[0]["text"] for row in keyboard]
    assert "Hur ansöker jag?" in titles
    assert all(len(row) == 1 for row in keyboard)  # one per row: readable on a phone

    send_telegram(
        servers, telegram_button_click(chat_id, "/ask_apply"), TEST_SECRETS["TELEGRAM_SECRET_TOKEN"]
    )
    calls = platforms.wait_for("telegram", to_chat(chat_id), count=2)
    assert "ansöker" in calls[1].body["text"]


def test_telegram_refuses_a_post_without_the_secret_token(
    servers: Servers, platforms: PlatformStandIn
) -> None:
    chat_id = int(unique("9"))
    assert send_telegram(servers, telegram_update(chat_id, "Hej"), "fel") == 401
    time.sleep(2)
    assert platforms.calls_to("telegram", to_chat(chat_id)) == []


# --- Slack ----------------------------------------------------------------------------


def slack_headers(body: bytes, secret: str, content_type: str) -> dict[str, str]:
    timestamp = str(int(time.time()))
    base = b"v0:" + timestamp.encode() + b":" + body
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature,
    }


def slack_event(user: str, channel: str, text: str) -> dict[str, Any]:
    now = time.time()
    return {
        "token": "verification-token-unused",
        "team_id": "T0TEST",
        "api_app_id": "A0TEST",
        "type": "event_callback",
        "event_id": unique("Ev"),
        "event_time": int(now),
        "event": {
            "type": "message",
            "channel": channel,
            "user": user,
            "text": text,
            "ts": f"{now:.6f}",
            "event_ts": f"{now:.6f}",
            "channel_type": "im",
        },
        "authorizations": [
            {"enterprise_id": None, "team_id": "T0TEST", "user_id": "U0BOT", "is_bot": True}
        ],
    }


def to_slack_channel(channel: str) -> Any:
    return lambda call: call.method == "chat.postMessage" and call.body.get("channel") == channel


def test_slack_signed_event_is_answered_with_chat_post_message(
    servers: Servers, platforms: PlatformStandIn
) -> None:
    user, channel = unique("U"), unique("D")
    body = json.dumps(slack_event(user, channel, "vad är timbeloppet 2024")).encode()
    status, _ = post(
        f"{servers.rasa_url}/webhooks/slack/webhook",
        body,
        slack_headers(body, TEST_SECRETS["SLACK_SIGNING_SECRET"], "application/json"),
    )
    assert status == 200
    texts = [c.body["text"] for c in platforms.wait_for("slack", to_slack_channel(channel))]
    assert any(AMOUNT_2024 in text for text in texts), texts


def test_slack_greeting_keeps_all_its_buttons(servers: Servers, platforms: PlatformStandIn) -> None:
    user, channel = unique("U"), unique("D")
    body = json.dumps(slack_event(user, channel, "Hej")).encode()
    post(
        f"{servers.rasa_url}/webhooks/slack/webhook",
        body,
        slack_headers(body, TEST_SECRETS["SLACK_SIGNING_SECRET"], "application/json"),
    )
    [greeting] = platforms.wait_for("slack", to_slack_channel(channel))
    buttons = [
        element
        for block in greeting.body["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]
    assert len(buttons) > 5  # Rasa alone would have dropped them all
    assert {"type": "plain_text", "text": "Hur ansöker jag?"} in [b["text"] for b in buttons]

    click = {
        "type": "block_actions",
        "user": {"id": user},
        "channel": {"id": channel},
        "actions": [
            {
                "type": "button",
                "value": "/ask_apply",
                "action_id": "a1",
                "text": {"type": "plain_text", "text": "Hur ansöker jag?"},
            }
        ],
    }
    form = urllib.parse.urlencode({"payload": json.dumps(click)}).encode()
    status, _ = post(
        f"{servers.rasa_url}/webhooks/slack/webhook",
        form,
        slack_headers(
            form, TEST_SECRETS["SLACK_SIGNING_SECRET"], "application/x-www-form-urlencoded"
        ),
    )
    assert status == 200
    calls = platforms.wait_for("slack", to_slack_channel(channel), count=2)
    assert "ansöker" in calls[1].body["text"]


def test_slack_refuses_a_wrong_signature(servers: Servers, platforms: PlatformStandIn) -> None:
    channel = unique("D")
    body = json.dumps(slack_event(unique("U"), channel, "Hej")).encode()
    status, _ = post(
        f"{servers.rasa_url}/webhooks/slack/webhook",
        body,
        slack_headers(body, "not-the-secret", "application/json"),
    )
    assert status == 400
    time.sleep(2)
    assert platforms.calls_to("slack", to_slack_channel(channel)) == []


# --- Twilio (SMS) ---------------------------------------------------------------------


def twilio_sms(sender: str, text: str) -> dict[str, str]:
    sid = "SM" + hashlib.md5(f"{sender}{time.time_ns()}".encode()).hexdigest()
    return {
        "ToCountry": "SE",
        "ToState": "",
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "ToCity": "",
        "FromZip": "",
        "SmsSid": sid,
        "FromState": "",
        "SmsStatus": "received",
        "FromCity": "",
        "Body": text,
        "FromCountry": "SE",
        "To": TEST_SECRETS["TWILIO_NUMBER"],
        "ToZip": "",
        "NumSegments": "1",
        "MessageSid": sid,
        "ReferralNumMedia": "0",
        "AccountSid": TEST_SECRETS["TWILIO_ACCOUNT_SID"],
        "From": sender,
        "ApiVersion": "2010-04-01",
    }


def twilio_signature(url: str, params: dict[str, str], auth_token: str) -> str:
    signed = url + "".join(key + params[key] for key in sorted(params))
    digest = hmac.new(auth_token.encode(), signed.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def send_sms(servers: Servers, sender: str, text: str, auth_token: str | None = None) -> int:
    url = f"{servers.rasa_url}/webhooks/twilio/webhook"
    params = twilio_sms(sender, text)
    signature = twilio_signature(url, params, auth_token or TEST_SECRETS["TWILIO_AUTH_TOKEN"])
    status, _ = post(
        url,
        urllib.parse.urlencode(params).encode(),
        {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature},
    )
    return status


def sms_to(number: str) -> Any:
    return lambda call: call.method == "Messages.json" and call.body.get("To") == number


def test_sms_buttons_become_numbered_choices_answerable_with_the_number(
    servers: Servers, platforms: PlatformStandIn
) -> None:
    number = "+4670" + unique("")[-7:]
    assert send_sms(servers, number, "Hej") == 204
    [greeting] = platforms.wait_for("twilio", sms_to(number))
    body = greeting.body["Body"]
    assert greeting.body["From"] == TEST_SECRETS["TWILIO_NUMBER"]
    assert "1. Hur ansöker jag?" in body and "Svara med siffran" in body
    assert "/ask_apply" not in body

    assert send_sms(servers, number, "1") == 204
    calls = platforms.wait_for("twilio", sms_to(number), count=2)
    assert "ansöker" in " ".join(c.body["Body"] for c in calls[1:])


def test_sms_question_gets_the_amount(servers: Servers, platforms: PlatformStandIn) -> None:
    number = "+4673" + unique("")[-7:]
    send_sms(servers, number, "timbelopp 2024?")
    bodies = [c.body["Body"] for c in platforms.wait_for("twilio", sms_to(number))]
    assert any(AMOUNT_2024 in body for body in bodies), bodies


def test_sms_with_a_wrong_signature_is_refused(
    servers: Servers, platforms: PlatformStandIn
) -> None:
    number = "+4676" + unique("")[-7:]
    assert send_sms(servers, number, "Hej", auth_token="wrong") == 403
    time.sleep(2)
    assert platforms.calls_to("twilio", sms_to(number)) == []


# --- Facebook Messenger ---------------------------------------------------------------


def messenger_event(psid: str, message: dict[str, Any]) -> dict[str, Any]:
    now = int(time.time() * 1000)
    return {
        "object": "page",
        "entry": [
            {
                "id": "PAGE0TEST",
                "time": now,
                "messaging": [
                    {
                        "sender": {"id": psid},
                        "recipient": {"id": "PAGE0TEST"},
                        "timestamp": now,
                        "message": {"mid": unique("m_"), **message},
                    }
                ],
            }
        ],
    }


def send_messenger(servers: Servers, payload: dict[str, Any], secret: str) -> int:
    body = json.dumps(payload).encode()
    sha1 = hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()
    sha256 = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    status, _ = post(
        f"{servers.rasa_url}/webhooks/facebook/webhook",
        body,
        {
            "Content-Type": "application/json",
            "X-Hub-Signature": f"sha1={sha1}",
            "X-Hub-Signature-256": f"sha256={sha256}",
        },
    )
    return status


def messages_to(psid: str) -> Any:
    def matches(call: OutgoingCall) -> bool:
        return (
            call.method == "messages"
            and "message" in call.body
            and call.body.get("recipient", {}).get("id") == psid
        )

    return matches


def test_messenger_greeting_has_quick_replies_and_a_quick_reply_is_answered(
    servers: Servers, platforms: PlatformStandIn
) -> None:
    psid, secret = unique("psid"), TEST_SECRETS["FACEBOOK_SECRET"]
    assert send_messenger(servers, messenger_event(psid, {"text": "Hej"}), secret) == 200
    [greeting] = platforms.wait_for("facebook", messages_to(psid))
    replies = greeting.body["message"]["quick_replies"]
    assert len(replies) > 3  # a button template would have dropped them all
    assert all(len(reply["title"]) <= 20 for reply in replies)
    assert {"content_type": "text", "title": "Hur ansöker jag?", "payload": "/ask_apply"} in replies

    click = {"text": "Hur ansöker jag?", "quick_reply": {"payload": "/ask_apply"}}
    assert send_messenger(servers, messenger_event(psid, click), secret) == 200
    calls = platforms.wait_for("facebook", messages_to(psid), count=2)
    assert "ansöker" in " ".join(c.body["message"].get("text", "") for c in calls[1:])


def test_messenger_refuses_an_unsigned_post_and_answers_the_verify_challenge(
    servers: Servers, platforms: PlatformStandIn
) -> None:
    psid = unique("psid")
    assert send_messenger(servers, messenger_event(psid, {"text": "Hej"}), "wrong") == 403
    query = urllib.parse.urlencode(
        {
            "hub.mode": "subscribe",
            "hub.challenge": "1158201444",
            "hub.verify_token": TEST_SECRETS["FACEBOOK_VERIFY"],
        }
    )
    with urllib.request.urlopen(
        f"{servers.rasa_url}/webhooks/facebook/webhook?{query}", timeout=30
    ) as response:
        assert response.read() == b"1158201444"
    time.sleep(2)
    assert platforms.calls_to("facebook", messages_to(psid)) == []


@pytest.mark.parametrize("channel", ["telegram", "slack", "twilio", "facebook"])
def test_every_channel_is_on_when_its_secrets_are_set(servers: Servers, channel: str) -> None:
    with urllib.request.urlopen(f"{servers.rasa_url}/webhooks/{channel}/", timeout=30) as r:
        assert json.loads(r.read()) == {"status": "ok"}
