"""What every channel checks before a message reaches NLU or a tracker store.

- A request body over MAX_BODY_BYTES is refused with 413 before it is read: the limit is
  lowered on the request as soon as it is routed, so Sanic stops at the Content-Length
  (or at the first chunk over the limit) instead of reading up to its default 100 MB.
  nginx refuses the same size first (client_max_body_size 16k in deploy/nginx.conf).
- A message over MAX_MESSAGE_CHARS gets the Swedish "too long" answer straight back on its
  channel; it never runs through NLU, the dialogue or the tracker store.
- A webhook that a platform signs is refused when a field occurs twice (what was checked
  must be what is read), and an update a platform has already delivered is not handled
  again (SeenIds).
"""

from __future__ import annotations

import json
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.exceptions import PayloadTooLarge
from sanic.request import Request
from sanic.response import HTTPResponse

from assistansguiden.text.message_checks import ANSWERS, MAX_MESSAGE_CHARS, Unusual

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 16 * 1024  # nginx: client_max_body_size 16k
TOO_LONG_ANSWER = ANSWERS[Unusual.TOO_LONG]
BODY_TOO_LARGE_TEXT = (
    f"Förfrågan är för stor (högst {MAX_BODY_BYTES // 1024} kB). "
    f"Ett meddelande får vara högst {MAX_MESSAGE_CHARS} tecken."
)
DUPLICATE_FIELD_TEXT = "Förfrågan har samma fält mer än en gång och tas inte emot."

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def too_long(text: object) -> bool:
    return isinstance(text, str) and len(text) > MAX_MESSAGE_CHARS


def refusing_long_messages(on_new_message: OnNewMessage) -> OnNewMessage:
    """on_new_message, except that a message over the limit is answered at once, unread."""

    async def handle(message: UserMessage) -> Any:
        if too_long(message.text):
            logger.info(
                "Refused a message of %d characters on %s without NLU.",
                len(message.text or ""),
                message.input_channel,
            )
            await message.output_channel.send_text_message(message.sender_id, TOO_LONG_ANSWER)
            return None
        return await on_new_message(message)

    return handle


def _route_in(route: Any, blueprint: Blueprint) -> bool:
    # Sanic names a blueprint's routes "<app>.<blueprint>.<handler>".
    parts = str(getattr(route, "name", "")).split(".")
    return len(parts) > 2 and parts[1] == blueprint.name


def limit_body_size(blueprint: Blueprint, paths: Iterable[str] = ()) -> Blueprint:
    """Requests to the blueprint's routes (and to `paths`) may carry MAX_BODY_BYTES at most."""
    prefixes = tuple(paths)

    # A blueprint's signal sees every request of the app, hence the check of the route.
    @blueprint.signal("http.routing.after")
    async def lower_the_limit(request: Request, route: Any, **_: Any) -> None:
        ours = _route_in(route, blueprint) or (prefixes and request.path.startswith(prefixes))
        if ours and request.stream is not None:
            request.stream.request_max_size = min(request.stream.request_max_size, MAX_BODY_BYTES)

    @blueprint.exception(PayloadTooLarge)
    async def too_large(request: Request, error: Exception) -> HTTPResponse:
        return response.json({"error": BODY_TOO_LARGE_TEXT}, status=413)

    return blueprint


class DuplicateKeyError(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise DuplicateKeyError("duplicate key")
    return dict(pairs)


def strict_json(body: bytes) -> Any:
    """The JSON body; ValueError when it is not JSON or an object repeats a key."""
    return json.loads(body.decode("utf-8"), object_pairs_hook=_no_duplicates)


def json_problem(body: bytes) -> HTTPResponse | None:
    """A 400 for a body that is not JSON or repeats a key, else None."""
    try:
        strict_json(body)
    except DuplicateKeyError:
        return response.json({"error": DUPLICATE_FIELD_TEXT}, status=400)
    except ValueError:
        return response.json({"error": "Förfrågan är inte giltig JSON."}, status=400)
    return None


class SeenIds:
    """Ids of updates already handled, remembered for a day (at most `size` of them).

    Platforms deliver again when they do not get an answer in time, and a captured signed
    request can be sent again by anyone: either way an id seen before is not handled twice.
    The memory is per server process; a replay that reaches another replica is stopped by
    that replica's memory only once it has seen the id.
    """

    def __init__(self, ttl_s: float = 86_400.0, size: int = 100_000) -> None:
        self.ttl_s = ttl_s
        self.size = size
        self._seen: OrderedDict[str, float] = OrderedDict()

    def first_time(self, update_id: str, now: float | None = None) -> bool:
        """True the first time an id is offered (and remembers it), False after that."""
        now = time.monotonic() if now is None else now
        while self._seen and (
            len(self._seen) >= self.size or next(iter(self._seen.values())) < now
        ):
            self._seen.popitem(last=False)
        if update_id in self._seen:
            return False
        self._seen[update_id] = now + self.ttl_s
        return True
