"""Channel settings read from the environment, so no secret is ever in a committed file."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.addons.channels.guards import limit_body_size

logger = logging.getLogger(__name__)

NOT_CONFIGURED_TEXT = "Kanalen är inte konfigurerad på den här servern."


def setting(credentials: Mapping[str, Any] | None, key: str, env_name: str) -> str | None:
    """A value from credentials.yml if given there, otherwise from the environment."""
    value = (credentials or {}).get(key)
    if value in (None, ""):
        value = os.environ.get(env_name, "")
    text = str(value).strip()
    return text or None


def is_staff_payload(json_message: object) -> bool:
    """The staff view's decision JSON (actions/decisions.py), which no messaging app shows."""
    return isinstance(json_message, dict) and "data" in json_message


def missing(values: Mapping[str, object]) -> list[str]:
    return [name for name, value in values.items() if not value]


def not_configured_blueprint(name: str, missing_names: list[str]) -> Blueprint:
    """The channel's routes when its secrets are not set: healthy, but refusing messages.

    A missing secret must not stop the whole assistant (web chat and the other channels
    keep working), and a platform posting to us gets a clear 503 rather than silence.
    """
    logger.warning(
        "Channel %s is off: set %s to turn it on.", name, ", ".join(sorted(missing_names))
    )
    blueprint = limit_body_size(Blueprint(f"{name}_webhook_not_configured", __name__))

    @blueprint.route("/", methods=["GET"])
    async def health(_: Request) -> HTTPResponse:
        return response.json({"status": "not configured", "missing": sorted(missing_names)})

    @blueprint.route("/webhook", methods=["GET", "POST"])
    async def webhook(_: Request) -> HTTPResponse:
        return response.json({"error": NOT_CONFIGURED_TEXT}, status=503)

    return blueprint
