"""A real Sanic server on loopback with the channels' blueprints, as Rasa registers them,
and an agent stand-in that records each message and answers it; no model, no NLU."""

from __future__ import annotations

import socket
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage, register
from sanic import Sanic

ANSWER = "Här är svaret."


@dataclass
class RecordingAgent:
    """Stands in for Rasa's agent: what reached "NLU", and a tracker store to read."""

    messages: list[UserMessage] = field(default_factory=list)
    tracker_store: Any = None

    async def handle_message(self, message: UserMessage) -> None:
        self.messages.append(message)
        await message.output_channel.send_text_message(message.sender_id, ANSWER)


@dataclass
class RecordingOutput:
    """An output channel that keeps what would have been sent to the platform."""

    sent: list[tuple[str, str]] = field(default_factory=list)

    async def send_text_message(self, recipient_id: str, text: str, **_: Any) -> None:
        self.sent.append((recipient_id, text))

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.sent.append((recipient_id, str(message.get("text", ""))))

    @classmethod
    def name(cls) -> str:
        return "recording"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def serving(channels: Sequence[InputChannel], agent: RecordingAgent) -> AsyncIterator[str]:
    """The base URL of a server with the channels under /webhooks/ (and /socket.io/)."""
    # Sanic rewrites its request reader when an app starts; in test mode it keeps the
    # original, so that several apps can start in one process.
    Sanic.test_mode = True
    app = Sanic(f"test_{uuid.uuid4().hex}")
    app.ctx.agent = agent
    register(list(channels), app, route="/webhooks/")
    port = free_port()
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    assert server is not None
    await server.startup()
    await server.start_serving()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        await server.wait_closed()
