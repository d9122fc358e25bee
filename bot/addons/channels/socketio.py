"""Rasa's socket.io channel (the website chat) with the size limits of the other channels.

Configured in credentials.yml as `bot.addons.channels.socketio.SocketIOChannel` with Rasa's
settings (user_message_evt, bot_message_evt, session_persistence). Its name stays
"socketio", so conversations and the page are the same as with Rasa's own class.

- Engine.IO refuses a long-polling body or a websocket message over MAX_BODY_BYTES
  (max_http_buffer_size), Sanic refuses a bigger request body (413) before reading it and a
  bigger websocket frame (WEBSOCKET_MAX_SIZE, set for the app when the channel registers).
- A message over 2,000 characters is answered "too long" on the socket without NLU.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.addons.channels.guards import MAX_BODY_BYTES, limit_body_size, refusing_long_messages


class _LimitedSocketBlueprint(SocketBlueprint):
    def register(self, app: Sanic, options: dict[str, Any]) -> None:
        # Sanic reads the websocket frame limit when the server starts, so it is set here.
        app.config.WEBSOCKET_MAX_SIZE = min(app.config.WEBSOCKET_MAX_SIZE, MAX_BODY_BYTES)
        super().register(app, options)


class SocketIOChannel(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # Rasa's blueprint sets up self.sio and its event handlers; the blueprint that
        # attaches that server to the app is this module's, with the limits.
        super().blueprint(refusing_long_messages(on_new_message))
        assert self.sio is not None
        self.sio.eio.max_http_buffer_size = MAX_BODY_BYTES
        path = self.socketio_path or "/socket.io"
        blueprint = _LimitedSocketBlueprint(self.sio, path, "socketio_webhook", __name__)

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        return limit_body_size(blueprint, paths=[path])
