"""Feedback: after a turn that answered a question completely, the web page is told which
question, so it can ask "Hjälpte svaret?" (docs/architecture.md, "Feedback on answers").

The message is a custom payload on the socket.io channel, after the answer's own messages:
`{"feedback": {"intent": "ask_apply"}}` (Rasa's socket.io output emits json_message's keys
as arguments, so it is sent as {"data": {...}}). Which turns count is decided once, for
this and for the insights report, by assistansguiden.insights.turns.answered_topic.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from rasa.core.channels.channel import UserMessage

from assistansguiden.insights.turns import answered_topic
from bot.addons.channels.guards import OnNewMessage

logger = logging.getLogger(__name__)


def feedback_message(topic: str) -> dict[str, Any]:
    return {"data": {"feedback": {"intent": topic}}}


async def offer_feedback(agent: Any, message: UserMessage) -> None:
    """Send the feedback payload when the conversation's latest turn answered a topic."""
    store = getattr(agent, "tracker_store", None)
    if store is None or message.output_channel is None:
        return
    try:
        tracker = await store.retrieve(message.sender_id)
        topic = answered_topic(e.as_dict() for e in tracker.events) if tracker else None
        if topic:
            await message.output_channel.send_custom_json(
                message.sender_id, feedback_message(topic)
            )
    except Exception:  # noqa: BLE001 - the answer is given; the question may be left out
        logger.exception("Could not offer feedback after a turn.")


def asking_for_feedback(on_new_message: OnNewMessage, agent: Callable[[], Any]) -> OnNewMessage:
    """on_new_message, then the feedback payload if the turn answered a topic.

    agent() gives the Rasa server's agent (None until the server has started)."""

    async def handle(message: UserMessage) -> Any:
        result = await on_new_message(message)
        await offer_feedback(agent(), message)
        return result

    return handle
