"""Rasa's REST channel, refusing malformed requests with a clear 400 instead of a 500.

For scripts and tests on the server's own network only: the caller chooses the sender id,
so anyone who reaches it can write into any conversation. nginx does not publish it
(deploy/nginx.conf denies /webhooks/rest/). A body over 16 kB is refused with 413 and a
message over 2,000 characters is answered "too long" without NLU (guards.py).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.addons.channels.guards import limit_body_size, refusing_long_messages

MAX_SENDER_CHARS = 256
SHAPE = 'Skicka JSON som {"sender": "…", "message": "din fråga"}.'


def request_problem(body: bytes) -> str | None:
    """What is wrong with a REST request body, in Swedish, or None when it is usable."""
    try:
        payload = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        return f"Förfrågan är inte giltig UTF-8. {SHAPE}"
    except json.JSONDecodeError:
        return f"Förfrågan är inte giltig JSON. {SHAPE}"
    if not isinstance(payload, dict):
        return f"Förfrågan ska vara ett JSON-objekt. {SHAPE}"
    if not isinstance(payload.get("message"), str):
        return f'Fältet "message" saknas eller är inte text. {SHAPE}'
    sender = payload.get("sender", "default")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        return f'Fältet "sender" ska vara text, högst {MAX_SENDER_CHARS} tecken. {SHAPE}'
    return None


class RestChannel(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = limit_body_size(super().blueprint(refusing_long_messages(on_new_message)))

        @blueprint.middleware("request")
        async def refuse_malformed(request: Request) -> HTTPResponse | None:
            if request.method != "POST" or not request.path.endswith("/webhook"):
                return None
            problem = request_problem(request.body)
            return response.json({"error": problem}, status=400) if problem else None

        return blueprint
