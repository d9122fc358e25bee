"""Rasa's socket.io channel (the website chat) with the size limits of the other channels.

Configured in credentials.yml as `bot.addons.channels.socketio.SocketIOChannel` with Rasa's
settings (user_message_evt, bot_message_evt, session_persistence). Its name stays
"socketio", so conversations and the page are the same as with Rasa's own class.

- Engine.IO refuses a long-polling body or a websocket message over MAX_BODY_BYTES
  (max_http_buffer_size), Sanic refuses a bigger request body (413) before reading it and a
  bigger websocket frame (WEBSOCKET_MAX_SIZE, set for the app when the channel registers).
- A message over 2,000 characters is answered "too long" on the socket without NLU.
- With session_persistence (credentials.yml), the session ids are the channel's own:
  signed, with their issue time, valid for 24 h (assistansguiden/privacy/sessions.py). A
  client that presents any other id (forged, altered, expired, someone else's guess) gets
  a fresh one. A socket speaks only in the session it was confirmed: the session_id in a
  message is not read, so no client can name another conversation.
- After a turn that answered a question completely, the page is told which one, so it can
  ask "Hjälpte svaret?" (bot/addons/channels/feedback.py).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from assistansguiden.privacy import sessions
from assistansguiden.privacy.sessions import Session
from bot.addons.channels.feedback import asking_for_feedback
from bot.addons.channels.guards import (
    MAX_BODY_BYTES,
    OnNewMessage,
    limit_body_size,
    refusing_long_messages,
)

logger = logging.getLogger(__name__)
Clock = Callable[[], float]


class _LimitedSocketBlueprint(SocketBlueprint):
    def register(self, app: Sanic, options: dict[str, Any]) -> None:
        # Sanic reads the websocket frame limit when the server starts, so it is set here.
        app.config.WEBSOCKET_MAX_SIZE = min(app.config.WEBSOCKET_MAX_SIZE, MAX_BODY_BYTES)
        super().register(app, options)
        channel = getattr(self.ctx, "channel", None)
        if channel is not None:
            channel.app = app  # whose agent reads the tracker after a turn (feedback)


class SocketIOChannel(SocketIOInput):
    # The clock of issue and expiry (a test sets another).
    clock: Clock = staticmethod(time.time)

    app: Sanic | None = None  # the Rasa server's app, once the blueprint is registered

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def agent(self) -> Any:
        return getattr(self.app.ctx, "agent", None) if self.app else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # Rasa's blueprint sets up self.sio and its event handlers; the blueprint that
        # attaches that server to the app is this module's, with the limits.
        handle = refusing_long_messages(asking_for_feedback(on_new_message, self.agent))
        super().blueprint(handle)
        assert self.sio is not None
        self.sio.eio.max_http_buffer_size = MAX_BODY_BYTES
        if self.session_persistence:
            # Replaces Rasa's two handlers, which take any session id a client names.
            SignedSessions(self, sessions.session_key(), handle).register(self.sio)
        path = self.socketio_path or "/socket.io"
        blueprint = _LimitedSocketBlueprint(self.sio, path, "socketio_webhook", __name__)
        blueprint.ctx.channel = self

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        return limit_body_size(blueprint, paths=[path])


class SignedSessions:
    """session_request and user messages with the channel's own session ids."""

    def __init__(self, channel: SocketIOChannel, key: bytes, on_new_message: OnNewMessage):
        self.channel = channel
        self.key = key
        self.on_new_message = on_new_message

    def register(self, sio: AsyncServer) -> None:
        namespace = self.channel.namespace

        async def session_request(sid: str, data: Any) -> None:
            claimed = data.get("session_id") if isinstance(data, dict) else None
            session = sessions.verify(claimed, self.key, self.channel.clock())
            if session is None and claimed:
                logger.info("Socket %s presented a session id not issued here.", sid)
            # A socket that already holds a valid session keeps it (its first message may
            # have been handled first); any other gets a new one.
            session = session or await self.bound(sio, sid)
            if session is None:
                session = sessions.issue(self.key, self.channel.clock())
            await self.bind(sio, sid, session)

        async def user_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict):
                return
            session = await self.bound(sio, sid)
            if session is None:
                # No session asked for, or it expired while connected: a new conversation.
                session = sessions.issue(self.key, self.channel.clock())
                await self.bind(sio, sid, session)
            message = UserMessage(
                data.get("message", ""),
                SocketIOOutput(sio, self.channel.bot_message_evt),
                session.conversation,
                input_channel=self.channel.name(),
                metadata=self.metadata(data),
            )
            await self.on_new_message(message)

        sio.on("session_request", session_request, namespace=namespace)
        sio.on(self.channel.user_message_evt, user_message, namespace=namespace)

    async def bind(self, sio: AsyncServer, sid: str, session: Session) -> None:
        """The socket joins the session's room (where the replies go) and leaves any other."""
        namespace = self.channel.namespace
        held = await sio.get_session(sid, namespace=namespace)
        if held.get("room") not in (None, session.conversation):
            sio.leave_room(sid, held["room"], namespace=namespace)
        sio.enter_room(sid, session.conversation, namespace=namespace)
        await sio.save_session(
            sid, {"token": session.token, "room": session.conversation}, namespace=namespace
        )
        await sio.emit("session_confirm", session.token, room=sid, namespace=namespace)

    async def bound(self, sio: AsyncServer, sid: str) -> Session | None:
        """The session this socket was confirmed, while it is valid."""
        held = await sio.get_session(sid, namespace=self.channel.namespace)
        return sessions.verify(held.get("token"), self.key, self.channel.clock())

    def metadata(self, data: dict[str, Any]) -> dict[str, Any]:
        metadata = data.get(self.channel.metadata_key or "metadata", {})
        if isinstance(metadata, str):
            try:
                metadata = json.loads(metadata)
            except ValueError:
                return {}
        return metadata if isinstance(metadata, dict) else {}
