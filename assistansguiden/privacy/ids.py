"""Conversation ids that are not the person's platform id.

A messaging platform names a person by an id that is personal or easy to guess (Twilio: the
phone number; Telegram: the chat id; Slack: the user id; Messenger: the page-scoped id).
Conversations are stored, and locked, under a keyed HMAC of that id instead, so a tracker
row or a Redis lock key never holds a phone number, and no one without the key can name
another person's conversation. The key is ASSISTANS_ID_KEY (the same on every server, or
a person's messages would land in different conversations); the channel's name is part
of what is signed, so one platform's id never opens another platform's conversation.
"""

from __future__ import annotations

import hashlib
import hmac
import os

ENV_KEY = "ASSISTANS_ID_KEY"
_DIGEST_CHARS = 32  # 128 bits of the SHA-256 HMAC


def id_key() -> bytes | None:
    """The key from the environment, or None when it is not set."""
    value = os.environ.get(ENV_KEY, "").strip()
    return value.encode("utf-8") if value else None


def conversation_id(channel: str, platform_id: str, key: bytes) -> str:
    """'twilio-3f2a…': the id a platform's person is stored and locked under."""
    signed = f"{channel}\x1f{platform_id}".encode()
    digest = hmac.new(key, signed, hashlib.sha256).hexdigest()[:_DIGEST_CHARS]
    return f"{channel}-{digest}"
