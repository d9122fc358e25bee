"""SMS through Rasa's Twilio connector, with buttons as numbered choices.

Environment: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_NUMBER (the sending number),
TWILIO_WEBHOOK_URL (the public address Twilio posts to, needed to check its signature
behind a proxy), TWILIO_API_URL (only for the test stand-in).

The signature is checked over exactly the fields the handler then reads: a body that
repeats a field is refused (400), since Twilio never sends one and a validator and a
handler that pick different copies let one captured request carry any text. A message
whose MessageSid was handled already is answered 204 and not handled again. The
conversation (and its Redis lock) is keyed by an HMAC of the phone number, never the
number itself (ASSISTANS_ID_KEY, required).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.http.http_client import TwilioHttpClient
from twilio.request_validator import RequestValidator

from assistansguiden.privacy.ids import ENV_KEY, conversation_id, id_key
from bot.addons.channels.choices import (
    choice_number,
    chosen_payload,
    latest_buttons,
    numbered_choices,
)
from bot.addons.channels.guards import DUPLICATE_FIELD_TEXT, SeenIds, limit_body_size
from bot.addons.channels.identity import platform_messages
from bot.addons.channels.settings import (
    is_staff_payload,
    missing,
    not_configured_blueprint,
    setting,
)

logger = logging.getLogger(__name__)

TWILIO_API = "https://api.twilio.com"
SIGNATURE_HEADER = "X-Twilio-Signature"


class _ApiBaseHttpClient(TwilioHttpClient):
    """Sends Twilio's REST calls to another base address (the test stand-in)."""

    def __init__(self, api_url: str) -> None:
        super().__init__()
        self.api_url = api_url.rstrip("/")

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        if url.startswith(TWILIO_API):
            url = self.api_url + url[len(TWILIO_API) :]
        return super().request(method, url, *args, **kwargs)


class SmsOutput(TwilioOutput):
    def __init__(
        self, account_sid: str, auth_token: str, twilio_number: str, api_url: str | None
    ) -> None:
        super().__init__(account_sid, auth_token, twilio_number)
        if api_url:
            self.http_client = _ApiBaseHttpClient(api_url)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self._send_message(
            {
                "to": recipient_id,
                "from_": self.twilio_number,
                "body": numbered_choices(text, buttons),
            }
        )

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        if is_staff_payload(json_message):
            return
        await super().send_custom_json(recipient_id, json_message, **kwargs)


class SmsChannel(TwilioInput):
    @classmethod
    def name(cls) -> str:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(
            setting(credentials, "account_sid", "TWILIO_ACCOUNT_SID"),
            setting(credentials, "auth_token", "TWILIO_AUTH_TOKEN"),
            setting(credentials, "twilio_number", "TWILIO_NUMBER"),
            webhook_url=setting(credentials, "webhook_url", "TWILIO_WEBHOOK_URL"),
            api_url=setting(credentials, "api_url", "TWILIO_API_URL"),
        )

    def __init__(
        self,
        account_sid: str | None,
        auth_token: str | None,
        twilio_number: str | None,
        debug_mode: bool = False,
        webhook_url: str | None = None,
        api_url: str | None = None,
    ) -> None:
        super().__init__(account_sid, auth_token, twilio_number, debug_mode)
        self.webhook_url = webhook_url
        self.api_url = api_url
        self.seen_messages = SeenIds()

    @staticmethod
    def fields(body: bytes) -> dict[str, str] | None:
        """The posted fields, empty ones too (Twilio signs them, request.form drops them);
        None when a field occurs more than once."""
        pairs = parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True)
        fields = dict(pairs)
        return fields if len(fields) == len(pairs) else None

    def signature_is_valid(self, request: Request, fields: dict[str, str]) -> bool:
        url = self.webhook_url or request.url
        signatures = request.headers.getall(SIGNATURE_HEADER, [])
        if len(signatures) != 1:
            return False
        return bool(RequestValidator(self.auth_token).validate(url, fields, signatures[0]))

    async def _with_choice_resolved(self, request: Request, conversation: str, text: str) -> str:
        """A bare number answering numbered choices becomes that button's payload."""
        if choice_number(text) is None:
            return text  # ordinary words: no need to read the conversation
        try:
            tracker = await request.app.ctx.agent.tracker_store.retrieve(conversation)
        except Exception:  # a store that is down must not lose the message itself
            logger.exception("Could not read the conversation to resolve a numbered choice.")
            return text
        if tracker is None:
            return text
        events = [event.as_dict() for event in tracker.events]
        return chosen_payload(text, latest_buttons(events)) or text

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        key = id_key()
        absent = missing(
            {
                "TWILIO_ACCOUNT_SID": self.account_sid,
                "TWILIO_AUTH_TOKEN": self.auth_token,
                "TWILIO_NUMBER": self.twilio_number,
                ENV_KEY: key,
            }
        )
        if absent or key is None:
            return not_configured_blueprint(self.name(), absent)
        on_new_message = platform_messages(self.name(), key, on_new_message)
        blueprint = limit_body_size(Blueprint("twilio_webhook", __name__))

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @blueprint.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            fields = self.fields(request.body)
            if fields is None:
                return response.json({"error": DUPLICATE_FIELD_TEXT}, status=400)
            if not self.signature_is_valid(request, fields):
                return response.json({"error": "ogiltig signatur"}, status=403)
            sender = fields.get("From")
            text = fields.get("Body") or ""
            if not sender:
                return response.json({"error": "avsändare saknas"}, status=400)
            message_sid = fields.get("MessageSid") or fields.get("SmsSid")
            if message_sid and not self.seen_messages.first_time(message_sid):
                return response.text("", status=204)  # delivered before: handled once
            conversation = conversation_id(self.name(), sender, key)
            text = await self._with_choice_resolved(request, conversation, text.replace("¡", "@"))
            await on_new_message(
                UserMessage(
                    text,
                    self.get_output_channel(),
                    sender,
                    input_channel=self.name(),
                    metadata=self.get_metadata(request),
                )
            )
            return response.text("", status=204)

        return blueprint

    def get_output_channel(self) -> SmsOutput:
        return SmsOutput(
            self.account_sid or "", self.auth_token or "", self.twilio_number or "", self.api_url
        )
