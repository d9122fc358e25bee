"""Session ids that the website chat's socket.io channel issues itself.

Whoever presents a session id reads that conversation's replies and writes into it, so the
channel accepts only ids it issued and signed, and only for a day:

    <conversation>.<issued>.<signature>
    3f2a…(32 hex).1764633600.9c1e…(32 hex)

`conversation` is random (the Rasa sender id and the socket.io room), `issued` the Unix time
of issue, `signature` a keyed HMAC of both. An id that is forged, altered, issued in the
future or older than MAX_AGE_S is not accepted: its holder gets a fresh id, so a new,
empty conversation. The page reads `issued` to forget the id at the same time.

The key is derived from ASSISTANS_ID_KEY (privacy/ids.py), the same on every server. Only
outside production (ASSISTANS_ENV is not "production") does a missing key fall back to a
fixed development key, which anyone can read here, so production refuses to start without
a real one.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from dataclasses import dataclass

from assistansguiden.privacy.ids import ENV_KEY, id_key
from assistansguiden.settings import production

logger = logging.getLogger(__name__)

MAX_AGE_S = 24 * 60 * 60  # the issue asks for at most 24 h
CLOCK_SKEW_S = 5 * 60  # servers' clocks may differ this much
DEV_KEY = b"assistansguiden development key, not secret"
# The placeholder of .env.example: a key everybody knows is no key.
PLACEHOLDER = "change-me"
_TOKEN = re.compile(r"([0-9a-f]{32})\.([0-9]{1,12})\.([0-9a-f]{32})")
_PURPOSE = b"assistansguiden socket.io session ids"


class MissingSessionKeyError(RuntimeError):
    """Production without a real ASSISTANS_ID_KEY: sessions could be forged."""


@dataclass(frozen=True)
class Session:
    conversation: str  # the Rasa sender id and the socket.io room
    issued: int  # Unix seconds
    token: str  # what the page keeps and presents

    def expires(self) -> int:
        return self.issued + MAX_AGE_S


def session_key() -> bytes:
    """The signing key: derived from ASSISTANS_ID_KEY, or DEV_KEY outside production."""
    key = id_key()
    if key is not None and key.decode("utf-8") != PLACEHOLDER:
        # A key of its own, so a session signature is never another id's HMAC.
        return hmac.new(key, _PURPOSE, hashlib.sha256).digest()
    if production():
        raise MissingSessionKeyError(
            f"{ENV_KEY} is not set (or still {PLACEHOLDER!r}): the web chat cannot sign its "
            "session ids in production. Set it to a long random value, e.g. "
            "`openssl rand -hex 32`, the same on every Rasa server."
        )
    logger.warning(
        "%s is not set: web chat sessions are signed with the development key. "
        "Never run like this in production (ASSISTANS_ENV=production refuses to).",
        ENV_KEY,
    )
    return DEV_KEY


def _signature(key: bytes, conversation: str, issued: int) -> str:
    signed = f"{conversation}.{issued}".encode()
    return hmac.new(key, signed, hashlib.sha256).hexdigest()[:32]


def issue(key: bytes, now: float) -> Session:
    """A new session id for a new conversation."""
    conversation = secrets.token_hex(16)
    issued = int(now)
    token = f"{conversation}.{issued}.{_signature(key, conversation, issued)}"
    return Session(conversation, issued, token)


def verify(token: object, key: bytes, now: float) -> Session | None:
    """The session a presented id names, or None when it was not issued with this key, was
    altered, or is expired (or issued in the future)."""
    if not isinstance(token, str) or len(token) > 100:
        return None
    match = _TOKEN.fullmatch(token)
    if match is None:
        return None
    conversation, issued_text, signature = match.groups()
    issued = int(issued_text)
    expected = _signature(key, conversation, issued)
    if not hmac.compare_digest(signature, expected):
        return None
    if not now - MAX_AGE_S < issued <= now + CLOCK_SKEW_S:
        return None
    return Session(conversation, issued, token)
