"""Facebook Messenger through Rasa's FacebookInput.

Environment: FACEBOOK_VERIFY (the verify token you choose when adding the webhook),
FACEBOOK_SECRET (the app secret; every POST must be signed with it),
FACEBOOK_PAGE_ACCESS_TOKEN, FACEBOOK_GRAPH_URL (only for the test stand-in).

A POST counts only with X-Hub-Signature-256 (HMAC-SHA256 of the body with the app secret),
compared in constant time; the SHA-1 X-Hub-Signature is not accepted. A body that repeats
a JSON key is refused (400), and a message whose mid was handled already is not handled
again (the answer is still 200, as Meta expects). The conversation is stored under a
keyed HMAC of the page-scoped id (ASSISTANS_ID_KEY, required).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fbmessenger.elements import Text as MessengerText
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput, Messenger, MessengerBot
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistansguiden.privacy.ids import ENV_KEY, id_key
from bot.addons.channels.choices import short_title
from bot.addons.channels.guards import SeenIds, json_problem, limit_body_size
from bot.addons.channels.identity import platform_messages
from bot.addons.channels.settings import (
    is_staff_payload,
    missing,
    not_configured_blueprint,
    setting,
)

logger = logging.getLogger(__name__)

MAX_QUICK_REPLIES = 13  # Messenger's limit
QUICK_REPLY_TITLE_LIMIT = 20
SIGNATURE_HEADER = "X-Hub-Signature-256"
SIGNATURE_PREFIX = "sha256="


def _event_id(event: dict[str, Any]) -> str:
    """A messaging event's id: its message's or postback's mid, else sender and time."""
    for kind in ("message", "postback"):
        inner = event.get(kind)
        if isinstance(inner, dict) and inner.get("mid"):
            return str(inner["mid"])
    return f"{(event.get('sender') or {}).get('id')}:{event.get('timestamp')}"


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

    def __init__(self, fb_verify: str, fb_secret: str, fb_access_token: str) -> None:
        super().__init__(fb_verify, fb_secret, fb_access_token)
        self.graph_url: str | None = None
        self.seen_messages = SeenIds()

    def signature_is_valid(self, request: Request) -> bool:
        headers = request.headers.getall(SIGNATURE_HEADER, [])
        if len(headers) != 1 or not headers[0].startswith(SIGNATURE_PREFIX):
            return False
        sent = headers[0][len(SIGNATURE_PREFIX) :].strip().lower().encode()
        expected = hmac.new(self.fb_secret.encode(), request.body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(sent, expected.encode())

    def unseen(self, payload: dict[str, Any]) -> dict[str, Any]:
        """The payload without the messaging events handled before (by their mid)."""
        entries = []
        for entry in payload["entry"]:
            if not isinstance(entry, dict):
                continue
            fresh = [
                event
                for event in entry.get("messaging") or []
                if isinstance(event, dict) and self.seen_messages.first_time(_event_id(event))
            ]
            if fresh:
                entries.append({**entry, "messaging": fresh})
        return {**payload, "entry": entries}

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        key = id_key()
        absent = missing(
            {
                "FACEBOOK_VERIFY": self.fb_verify,
                "FACEBOOK_SECRET": self.fb_secret,
                "FACEBOOK_PAGE_ACCESS_TOKEN": self.fb_access_token,
                ENV_KEY: key,
            }
        )
        if absent or key is None:
            return not_configured_blueprint(self.name(), absent)
        on_new_message = platform_messages(self.name(), key, on_new_message)
        blueprint = limit_body_size(Blueprint("fb_webhook", __name__))

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @blueprint.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            sent = str(request.args.get("hub.verify_token", "")).encode()
            if hmac.compare_digest(sent, self.fb_verify.encode()):
                return response.text(request.args.get("hub.challenge", ""))
            return response.json({"error": "fel verifieringstoken"}, status=403)

        @blueprint.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.signature_is_valid(request):
                return response.json({"error": "ogiltig signatur"}, status=403)
            problem = json_problem(request.body)  # not JSON, or a key twice: 400
            if problem is not None:
                return problem
            payload = request.json
            if not isinstance(payload, dict) or not isinstance(payload.get("entry"), list):
                return response.json({"error": "okänt format"}, status=400)
            payload = self.unseen(payload)
            if not payload["entry"]:
                return response.text("success")  # delivered before: handled once already
            messenger = _PageMessenger(self.fb_access_token, on_new_message, self.graph_url)
            await messenger.handle(payload, self.get_metadata(request))
            return response.text("success")

        return blueprint
