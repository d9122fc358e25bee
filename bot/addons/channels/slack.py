"""Slack through Rasa's SlackInput (which checks Slack's request signature itself).

Environment: SLACK_TOKEN (the bot's xoxb- token), SLACK_SIGNING_SECRET, SLACK_CHANNEL
(optional: a channel the bot answers in besides direct messages and mentions),
SLACK_API_URL (only for the test stand-in).

Rasa checks the signature and refuses a timestamp more than five minutes old (a replay);
a body over 16 kB is refused with 413 and a message over 2,000 characters is answered
"too long" without NLU (guards.py). The conversation is stored under a keyed HMAC of
the Slack user id (ASSISTANS_ID_KEY, required).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint

from assistansguiden.privacy.ids import ENV_KEY, id_key
from bot.addons.channels.guards import limit_body_size
from bot.addons.channels.identity import platform_messages
from bot.addons.channels.settings import (
    is_staff_payload,
    missing,
    not_configured_blueprint,
    setting,
)

# Slack's limit for elements in one actions block (Rasa 3.6 assumes an older limit of 5
# and then drops every button).
MAX_BUTTONS_PER_BLOCK = 25


class SlackOutput(SlackBot):
    def __init__(
        self,
        token: str,
        slack_channel: str | None = None,
        thread_id: str | None = None,
        proxy: str | None = None,
        api_url: str | None = None,
    ) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        if api_url:
            self.client.base_url = api_url.rstrip("/") + "/"

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        recipient = self.slack_channel or recipient_id
        blocks: list[dict[str, Any]] = [
            {"type": "section", "text": {"type": "plain_text", "text": text}}
        ]
        for start in range(0, len(buttons), MAX_BUTTONS_PER_BLOCK):
            blocks.append(
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "text": {"type": "plain_text", "text": button["title"]},
                            "value": button["payload"],
                        }
                        for button in buttons[start : start + MAX_BUTTONS_PER_BLOCK]
                    ],
                }
            )
        await self._post_message(channel=recipient, text=text, blocks=blocks)

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        if is_staff_payload(json_message):
            return
        await super().send_custom_json(recipient_id, json_message, **kwargs)


class SlackChannel(SlackInput):
    @classmethod
    def name(cls) -> str:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        token = setting(credentials, "slack_token", "SLACK_TOKEN")
        signing_secret = setting(credentials, "slack_signing_secret", "SLACK_SIGNING_SECRET")
        absent = missing({"SLACK_TOKEN": token, "SLACK_SIGNING_SECRET": signing_secret})
        if absent:
            return NotConfiguredSlack(absent)
        return cls(
            token or "",
            setting(credentials, "slack_channel", "SLACK_CHANNEL"),
            credentials.get("proxy"),
            credentials.get("slack_retry_reason_header", "x-slack-retry-reason"),
            credentials.get("slack_retry_number_header", "x-slack-retry-num"),
            credentials.get("errors_ignore_retry"),
            use_threads=bool(credentials.get("use_threads", False)),
            slack_signing_secret=signing_secret or "",
            conversation_granularity=credentials.get("conversation_granularity", "sender"),
            api_url=setting(credentials, "api_url", "SLACK_API_URL"),
        )

    def __init__(self, *args: Any, api_url: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.api_url = api_url

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        key = id_key()
        if key is None:
            return not_configured_blueprint(self.name(), [ENV_KEY])
        on_new_message = platform_messages(self.name(), key, on_new_message)
        return limit_body_size(super().blueprint(on_new_message))

    def get_output_channel(
        self, channel: str | None = None, thread_id: str | None = None
    ) -> OutputChannel:
        return SlackOutput(
            self.slack_token, channel or self.slack_channel, thread_id, self.proxy, self.api_url
        )


class NotConfiguredSlack(InputChannel):
    """Stands in for Slack when its secrets are missing (SlackInput refuses to start)."""

    def __init__(self, absent: list[str]) -> None:
        self.absent = absent

    @classmethod
    def name(cls) -> str:
        return "slack"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return not_configured_blueprint(self.name(), self.absent)
