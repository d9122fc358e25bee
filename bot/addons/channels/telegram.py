"""Telegram through Rasa's TelegramInput.

Environment: TELEGRAM_ACCESS_TOKEN (from BotFather), TELEGRAM_BOT_NAME (the bot's user
name, Rasa's `verify`), TELEGRAM_WEBHOOK_URL (public https address of
/webhooks/telegram/webhook), TELEGRAM_SECRET_TOKEN (required: Telegram sends it in
X-Telegram-Bot-Api-Secret-Token with every update, and any other caller is refused with
401; without it the channel stays off), TELEGRAM_API_URL (only for a local Bot API server
or the test stand-in).

The webhook is registered with its secret token when the server starts; Rasa's own
`/set_webhook` route (unauthenticated, and registering without the token) answers 404.
An update whose update_id was handled already is answered 200 and not handled again.
The conversation is stored under a keyed HMAC of the chat id (ASSISTANS_ID_KEY, required).
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistansguiden.privacy.ids import ENV_KEY, id_key
from bot.addons.channels.guards import SeenIds, json_problem, limit_body_size
from bot.addons.channels.identity import platform_messages
from bot.addons.channels.settings import (
    is_staff_payload,
    missing,
    not_configured_blueprint,
    setting,
)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class TelegramBotOutput(TelegramOutput):
    """Rasa's Telegram output, with a configurable API server and buttons one per row."""

    def __init__(self, access_token: str, api_url: str | None = None) -> None:
        server = TelegramAPIServer.from_base(api_url) if api_url else TELEGRAM_PRODUCTION
        # TelegramOutput.__init__ cannot pass a server on, so aiogram's Bot is set up here.
        super(TelegramOutput, self).__init__(access_token, server=server)

    async def send_text_with_buttons(
        self,
        recipient_id: str,
        text: str,
        buttons: list[dict[str, Any]],
        button_type: str | None = "vertical",
        **kwargs: Any,
    ) -> None:
        # Our button titles are whole phrases; side by side they get cut off on a phone.
        await super().send_text_with_buttons(recipient_id, text, buttons, button_type, **kwargs)

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        if is_staff_payload(json_message):
            return
        await super().send_custom_json(recipient_id, json_message, **kwargs)


class TelegramChannel(TelegramInput):
    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(
            setting(credentials, "access_token", "TELEGRAM_ACCESS_TOKEN"),
            setting(credentials, "verify", "TELEGRAM_BOT_NAME"),
            setting(credentials, "webhook_url", "TELEGRAM_WEBHOOK_URL"),
            secret_token=setting(credentials, "secret_token", "TELEGRAM_SECRET_TOKEN"),
            api_url=setting(credentials, "api_url", "TELEGRAM_API_URL"),
        )

    def __init__(
        self,
        access_token: str | None,
        verify: str | None,
        webhook_url: str | None,
        debug_mode: bool = False,
        secret_token: str | None = None,
        api_url: str | None = None,
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode)
        self.secret_token = secret_token
        self.api_url = api_url
        self.seen_updates = SeenIds()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        key = id_key()
        absent = missing(
            {
                "TELEGRAM_ACCESS_TOKEN": self.access_token,
                "TELEGRAM_BOT_NAME": self.verify,
                "TELEGRAM_SECRET_TOKEN": self.secret_token,
                ENV_KEY: key,
            }
        )
        if absent or key is None:
            return not_configured_blueprint(self.name(), absent)
        if self.webhook_url:
            # Rasa registers the webhook while building the channel, before the server's
            # event loop runs; so does this.
            asyncio.run(
                self._register_webhook(TelegramBotOutput(self.access_token or "", self.api_url))
            )
        on_new_message = platform_messages(self.name(), key, on_new_message)
        blueprint = limit_body_size(super().blueprint(on_new_message))

        @blueprint.middleware("request")
        async def check_update(request: Request) -> HTTPResponse | None:
            if request.path.endswith("/set_webhook"):
                return response.json({"error": "Sidan finns inte."}, status=404)
            if not request.path.endswith("/webhook"):
                return None
            if request.method != "POST":
                return response.json({"error": "Använd POST."}, status=405)
            return self.refusal(request)

        return blueprint

    def refusal(self, request: Request) -> HTTPResponse | None:
        """Why an update is not handled (an HTTP answer), or None to handle it."""
        sent = request.headers.getall(SECRET_HEADER, [])
        secret = (self.secret_token or "").encode()
        if len(sent) != 1 or not hmac.compare_digest(sent[0].encode(), secret):
            return response.json({"error": "fel eller saknad hemlig token"}, status=401)
        problem = json_problem(request.body)  # not JSON, or a key twice: 400
        if problem is not None:
            return problem
        update = request.json
        if not isinstance(update, dict):
            return response.json({"error": "okänt format"}, status=400)
        update_id = update.get("update_id")
        if update_id is not None and not self.seen_updates.first_time(str(update_id)):
            return response.text("success")  # delivered before: handled once already
        return None

    def get_output_channel(self) -> TelegramBotOutput:
        return TelegramBotOutput(self.access_token or "", self.api_url)

    async def _register_webhook(self, channel: TelegramBotOutput) -> None:
        payload = {"url": self.webhook_url, "secret_token": self.secret_token}
        try:
            # aiogram 2.15 predates secret_token, so the raw Bot API method is called.
            await channel.request("setWebhook", payload)
        finally:
            # The session belongs to this short-lived loop; the server's loop makes its own.
            await channel.session.close()
