"""Channels read their secrets from the environment and stay off without them."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.core.channels.channel import InputChannel

from bot.addons.channels.facebook import MessengerChannel
from bot.addons.channels.slack import NotConfiguredSlack, SlackChannel
from bot.addons.channels.telegram import TelegramChannel
from bot.addons.channels.twilio import SmsChannel

CREDENTIALS = Path(__file__).resolve().parents[3] / "bot" / "credentials.yml"
CHANNEL_VARIABLES = [
    "TELEGRAM_ACCESS_TOKEN",
    "TELEGRAM_BOT_NAME",
    "TELEGRAM_WEBHOOK_URL",
    "TELEGRAM_SECRET_TOKEN",
    "SLACK_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_CHANNEL",
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "TWILIO_NUMBER",
    "FACEBOOK_VERIFY",
    "FACEBOOK_SECRET",
    "FACEBOOK_PAGE_ACCESS_TOKEN",
]


@pytest.fixture()
def no_channel_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in CHANNEL_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def routes(channel: InputChannel) -> dict[str, Any]:
    async def noop(_: Any) -> None:
        return None

    blueprint = channel.blueprint(noop)
    return {"name": blueprint.name}


def test_credentials_name_the_four_connectors_and_hold_no_secret() -> None:
    credentials = yaml.safe_load(CREDENTIALS.read_text(encoding="utf-8"))
    assert set(credentials) == {
        "bot.addons.channels.rest.RestChannel",
        "bot.addons.channels.socketio.SocketIOChannel",
        "bot.addons.channels.telegram.TelegramChannel",
        "bot.addons.channels.slack.SlackChannel",
        "bot.addons.channels.twilio.SmsChannel",
        "bot.addons.channels.facebook.MessengerChannel",
    }
    secret_keys = {
        "access_token",
        "slack_token",
        "slack_signing_secret",
        "auth_token",
        "secret",
        "page-access-token",
        "verify",
        "account_sid",
    }
    for name, values in credentials.items():
        assert not secret_keys & set(values or {}), name


@pytest.mark.usefixtures("no_channel_secrets")
@pytest.mark.parametrize("channel_class", [TelegramChannel, SmsChannel, MessengerChannel])
def test_a_channel_without_its_secrets_is_off_instead_of_stopping_the_server(
    channel_class: type[InputChannel],
) -> None:
    channel = channel_class.from_credentials(None)
    assert routes(channel)["name"].endswith("_not_configured")


@pytest.mark.usefixtures("no_channel_secrets")
def test_slack_without_secrets_is_off_too() -> None:
    channel = SlackChannel.from_credentials({"use_threads": False})
    assert isinstance(channel, NotConfiguredSlack)
    assert channel.name() == "slack"
    assert routes(channel)["name"].endswith("_not_configured")


def test_secrets_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", "AC" + "1" * 32)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "token-from-env")
    monkeypatch.setenv("TWILIO_NUMBER", "+46700000001")
    monkeypatch.setenv("ASSISTANS_ID_KEY", "key-from-env")
    channel = SmsChannel.from_credentials(None)
    assert isinstance(channel, SmsChannel)
    assert channel.auth_token == "token-from-env"
    assert routes(channel)["name"] == "twilio_webhook"


def test_slack_with_secrets_is_rasas_slack_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9/slack/api")
    channel = SlackChannel.from_credentials({})
    assert isinstance(channel, SlackChannel)
    output = channel.get_output_channel("D1")
    assert output.client.base_url == "http://127.0.0.1:9/slack/api/"  # type: ignore[attr-defined]


def test_messenger_signature_is_sha256_only_and_rejects_unsigned() -> None:
    import hashlib
    import hmac

    from sanic.compat import Header

    channel = MessengerChannel("verify", "app-secret", "page-token")
    body = b'{"object":"page","entry":[]}'

    class FakeRequest:
        def __init__(self, headers: dict[str, str]) -> None:
            self.headers, self.body = Header(headers), body

    good = hmac.new(b"app-secret", body, hashlib.sha256).hexdigest()
    sha1 = hmac.new(b"app-secret", body, hashlib.sha1).hexdigest()
    assert channel.signature_is_valid(FakeRequest({"X-Hub-Signature-256": f"sha256={good}"}))
    assert not channel.signature_is_valid(FakeRequest({"X-Hub-Signature-256": "sha256=00"}))
    assert not channel.signature_is_valid(FakeRequest({}))
    assert not channel.signature_is_valid(FakeRequest({"X-Hub-Signature": "md5=abc"}))
    # SHA-1 alone is no longer enough (Meta sends both; only SHA-256 counts).
    assert not channel.signature_is_valid(FakeRequest({"X-Hub-Signature": f"sha1={sha1}"}))


def test_twilio_output_sends_numbered_choices_in_one_sms(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.addons.channels.twilio import SmsOutput

    sent: list[dict[str, Any]] = []
    output = SmsOutput("AC" + "2" * 32, "token", "+46700000002", None)

    async def capture(message: dict[str, Any]) -> None:
        sent.append(message)

    monkeypatch.setattr(output, "_send_message", capture)
    buttons = [{"title": "Ja", "payload": "/affirm"}, {"title": "Nej", "payload": "/deny"}]
    asyncio.run(output.send_text_with_buttons("+46701234567", "Stämmer det?", buttons))
    asyncio.run(output.send_custom_json("+46701234567", {"data": {"decision": {}}}))
    assert len(sent) == 1
    assert sent[0]["to"] == "+46701234567"
    assert "1. Ja\n2. Nej" in sent[0]["body"]


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (b'{"sender":"x","message":"\xff\xfe"}', "UTF-8"),
        (b"hello", "JSON"),
        (b"[]", "JSON-objekt"),
        (b'{"sender":"x"}', "message"),
        (b'{"sender":"x","message":123}', "message"),
        (b'{"sender":42,"message":"hej"}', "sender"),
        (b'{"sender":"' + b"s" * 300 + b'","message":"hej"}', "sender"),
    ],
)
def test_malformed_rest_requests_are_explained(body: bytes, fragment: str) -> None:
    from bot.addons.channels.rest import request_problem

    problem = request_problem(body)
    assert problem is not None and fragment in problem


def test_a_usable_rest_request_passes() -> None:
    from bot.addons.channels.rest import request_problem

    assert request_problem(b'{"sender":"a","message":""}') is None
    assert request_problem('{"message":"hej å"}'.encode()) is None
