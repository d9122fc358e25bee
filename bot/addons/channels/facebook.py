"""Facebook Messenger through Rasa's FacebookInput.

Environment: FACEBOOK_VERIFY (the verify token you choose when adding the webhook),
FACEBOOK_SECRET (the app secret; every POST must be signed with it),
FACEBOOK_PAGE_ACCESS_TOKEN, FACEBOOK_GRAPH_URL (only for the test stand-in).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fbmessenger.elements import Text as MessengerText
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput, Messenger, MessengerBot
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.addons.channels.choices import short_title
from bot.addons.channels.settings import (
    is_staff_payload,
    missing,
    not_configured_blueprint,
    setting,
)

logger = logging.getLogger(__name__)

MAX_QUICK_REPLIES = 13  # Messenger's limit
QUICK_REPLY_TITLE_LIMIT = 20


class MessengerOutput(MessengerBot):
    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        # Rasa sends a button template, which takes at most 3 buttons and drops them all
        # beyond that; quick replies take 13, enough for every choice this assistant offers.
        quick_replies = [
            {
                "content_type": "text",
                "title": short_title(str(button["title"]), QUICK_REPLY_TITLE_LIMIT),
                "payload": button["payload"],
            }
            for button in buttons[:MAX_QUICK_REPLIES]
        ]
        self.messenger_client.send(
            {"text": text, "quick_replies": quick_replies}, recipient_id, "RESPONSE"
        )

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for part in text.strip().split("\n\n"):
            self.send(recipient_id, MessengerText(text=part))

    async def send_custom_json(self, recipient_id: str, json_message: Any, **kwargs: Any) -> None:
        if is_staff_payload(json_message):
            return
        await super().send_custom_json(recipient_id, json_message, **kwargs)


class _PageMessenger(Messenger):
    def __init__(
        self,
        page_access_token: str,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        graph_url: str | None,
    ) -> None:
        super().__init__(page_access_token, on_new_message)
        if graph_url:
            self.client.graph_url = f"{graph_url.rstrip('/')}/v{self.client.api_version}"

    async def _handle_user_message(
        self, text: str, sender_id: str, metadata: dict[str, Any] | None
    ) -> None:
        out_channel = MessengerOutput(self.client)
        await out_channel.send_action(sender_id, sender_action="mark_seen")
        await out_channel.send_action(sender_id, sender_action="typing_on")
        try:
            await self.on_new_message(
                UserMessage(
                    text, out_channel, sender_id, input_channel="facebook", metadata=metadata
                )
            )
        except Exception:
            logger.exception("Could not handle a Messenger message.")
        finally:
            await out_channel.send_action(sender_id, sender_action="typing_off")


class MessengerChannel(FacebookInput):
    @classmethod
    def name(cls) -> str:
        return "facebook"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        channel = cls(
            setting(credentials, "verify", "FACEBOOK_VERIFY") or "",
            setting(credentials, "secret", "FACEBOOK_SECRET") or "",
            setting(credentials, "page-access-token", "FACEBOOK_PAGE_ACCESS_TOKEN") or "",
        )
        channel.graph_url = setting(credentials, "graph_url", "FACEBOOK_GRAPH_URL")
        return channel

    graph_url: str | None = None

    def signature_is_valid(self, request: Request) -> bool:
        # Meta sends both; SHA-256 is the one to trust when present.
        header = request.headers.get("X-Hub-Signature-256") or request.headers.get(
            "X-Hub-Signature", ""
        )
        if not header.startswith(("sha256=", "sha1=")):
            return False
        return bool(self.validate_hub_signature(self.fb_secret, request.body, header))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        absent = missing(
            {
                "FACEBOOK_VERIFY": self.fb_verify,
                "FACEBOOK_SECRET": self.fb_secret,
                "FACEBOOK_PAGE_ACCESS_TOKEN": self.fb_access_token,
            }
        )
        if absent:
            return not_configured_blueprint(self.name(), absent)
        blueprint = Blueprint("fb_webhook", __name__)

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @blueprint.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            if request.args.get("hub.verify_token") == self.fb_verify:
                return response.text(request.args.get("hub.challenge", ""))
            return response.json({"error": "fel verifieringstoken"}, status=403)

        @blueprint.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.signature_is_valid(request):
                return response.json({"error": "ogiltig signatur"}, status=403)
            payload = request.json
            if not isinstance(payload, dict) or not isinstance(payload.get("entry"), list):
                return response.json({"error": "okänt format"}, status=400)
            messenger = _PageMessenger(self.fb_access_token, on_new_message, self.graph_url)
            await messenger.handle(payload, self.get_metadata(request))
            return response.text("success")

        return blueprint
