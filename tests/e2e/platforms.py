"""A local stand-in for the messaging platforms' APIs, on loopback.

The Rasa server under test is started with TELEGRAM_API_URL, SLACK_API_URL, TWILIO_API_URL
and FACEBOOK_GRAPH_URL pointing here, so every outgoing call a channel makes (the answer
to the user) is recorded instead of reaching the internet, and each gets the reply shape
its client library expects.
"""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import re
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TELEGRAM_BOT_NAME = "assistansguiden_test_bot"


@dataclass(frozen=True)
class OutgoingCall:
    platform: str
    method: str
    path: str
    body: dict[str, Any]


@dataclass
class PlatformStandIn:
    calls: list[OutgoingCall] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    port: int = 0
    _server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        return {
            "TELEGRAM_API_URL": f"{self.base_url}/telegram",
            "SLACK_API_URL": f"{self.base_url}/slack/api/",
            "TWILIO_API_URL": f"{self.base_url}/twilio",
            "FACEBOOK_GRAPH_URL": f"{self.base_url}/facebook",
        }

    def start(self) -> None:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                self._answer()

            def do_POST(self) -> None:  # noqa: N802
                self._answer()

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = parse_body(self.headers.get("Content-Type", ""), raw)
                path = urllib.parse.urlparse(self.path).path
                status, reply = stand_in.record(path, body)
                data = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self._server.server_address[1])
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()

    def record(self, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        platform = path.strip("/").split("/")[0]
        method = path.rstrip("/").split("/")[-1]
        with self.lock:
            self.calls.append(OutgoingCall(platform, method, path, body))
            number = len(self.calls)
        return reply_for(platform, method, body, number)

    def calls_to(
        self, platform: str, predicate: Callable[[OutgoingCall], bool]
    ) -> list[OutgoingCall]:
        with self.lock:
            return [c for c in self.calls if c.platform == platform and predicate(c)]

    def wait_for(
        self,
        platform: str,
        predicate: Callable[[OutgoingCall], bool],
        count: int = 1,
        timeout_s: float = 60,
        settle_s: float = 1.0,
    ) -> list[OutgoingCall]:
        """The matching calls once at least `count` arrived and no more came for a moment."""
        deadline = time.monotonic() + timeout_s
        seen = -1
        while time.monotonic() < deadline:
            found = self.calls_to(platform, predicate)
            if len(found) >= count and len(found) == seen:
                return found
            seen = len(found)
            time.sleep(settle_s if len(found) >= count else 0.2)
        found = self.calls_to(platform, predicate)
        if len(found) >= count:
            return found
        raise AssertionError(f"{platform}: expected {count} calls, got {found!r}")


def parse_body(content_type: str, raw: bytes) -> dict[str, Any]:
    if not raw:
        return {}
    if content_type.startswith("application/json"):
        loaded = json.loads(raw)
        return loaded if isinstance(loaded, dict) else {"_list": loaded}
    if content_type.startswith("application/x-www-form-urlencoded"):
        return {k: v[0] for k, v in urllib.parse.parse_qs(raw.decode()).items()}
    if content_type.startswith("multipart/form-data"):
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw
        )
        return {
            str(part.get_param("name", header="content-disposition")): part.get_content()
            for part in message.iter_parts()
        }
    return {"_raw": raw.decode(errors="replace")}


_ids = itertools.count(1000)


def reply_for(
    platform: str, method: str, body: dict[str, Any], number: int
) -> tuple[int, dict[str, Any]]:
    if platform == "telegram":
        if method == "getMe":
            return 200, {
                "ok": True,
                "result": {
                    "id": 42,
                    "is_bot": True,
                    "first_name": "Assistansguiden",
                    "username": TELEGRAM_BOT_NAME,
                },
            }
        if method == "sendMessage":
            chat_id = int(str(body.get("chat_id", "0")))
            return 200, {
                "ok": True,
                "result": {
                    "message_id": next(_ids),
                    "date": int(time.time()),
                    "chat": {"id": chat_id, "type": "private"},
                    "text": body.get("text", ""),
                },
            }
        return 200, {"ok": True, "result": True}
    if platform == "slack":
        return 200, {"ok": True, "channel": body.get("channel", "D1"), "ts": f"{number}.0001"}
    if platform == "twilio":
        sid = re.sub(r"\D", "", str(number)).rjust(32, "0")
        return 201, {
            "sid": f"SM{sid}",
            "status": "queued",
            "body": body.get("Body", ""),
            "to": body.get("To"),
            "from": body.get("From"),
        }
    if platform == "facebook":
        recipient = (body.get("recipient") or {}).get("id", "")
        return 200, {"recipient_id": recipient, "message_id": f"m_{number}"}
    return 404, {"error": "unknown platform"}


# Made-up secrets for the test server only; the real ones come from the environment.
TEST_SECRETS = {
    "ASSISTANS_ID_KEY": "e2e-id-key",  # the platforms' person ids are stored as its HMAC
    "TELEGRAM_ACCESS_TOKEN": "123456789:AAtest-token-for-loopback-only",
    "TELEGRAM_BOT_NAME": TELEGRAM_BOT_NAME,
    "TELEGRAM_SECRET_TOKEN": "telegram-test-secret",
    "SLACK_TOKEN": "xoxb-test-token",
    "SLACK_SIGNING_SECRET": "slack-test-signing-secret",
    "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
    "TWILIO_AUTH_TOKEN": "twilio-test-auth-token",
    "TWILIO_NUMBER": "+46700000000",
    "FACEBOOK_VERIFY": "facebook-test-verify",
    "FACEBOOK_SECRET": "facebook-test-app-secret",
    "FACEBOOK_PAGE_ACCESS_TOKEN": "facebook-test-page-token",
}
