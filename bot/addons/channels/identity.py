"""Messaging channels store and lock a conversation under a keyed HMAC of the person's
platform id (assistansguiden/privacy/ids.py), and still answer the person."""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage

from assistansguiden.privacy.ids import conversation_id
from bot.addons.channels.guards import OnNewMessage, refusing_long_messages


class ToPerson(OutputChannel):
    """The output of one message: every reply goes to the person's platform id, whatever
    id the conversation is stored under (Rasa answers to tracker.sender_id)."""

    def __init__(self, inner: OutputChannel, platform_id: str) -> None:
        self.inner = inner
        self.platform_id = platform_id

    def name(self) -> str:  # type: ignore[override]  # Rasa's is a classmethod
        return self.inner.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        await self.inner.send_response(self.platform_id, message)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.inner.send_text_message(self.platform_id, text, **kwargs)


def with_keyed_sender(channel: str, key: bytes, on_new_message: OnNewMessage) -> OnNewMessage:
    """on_new_message for messages whose sender id is replaced by its keyed HMAC."""

    async def handle(message: UserMessage) -> Any:
        platform_id = message.sender_id
        keyed = UserMessage(
            message.text,
            ToPerson(message.output_channel, platform_id),
            conversation_id(channel, platform_id, key),
            message.parse_data,
            message.input_channel,
            message.message_id,
            message.metadata,
        )
        return await on_new_message(keyed)

    return handle


def platform_messages(channel: str, key: bytes, on_new_message: OnNewMessage) -> OnNewMessage:
    """What a messaging platform's channel hands on: too long answered at once, the rest
    under the keyed conversation id."""
    return refusing_long_messages(with_keyed_sender(channel, key, on_new_message))
