"""A tiny client for Rasa's REST channel."""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass
from typing import Any


@dataclass
class RestClient:
    base_url: str
    sender: str
    token: str | None = None  # Rasa's --auth-token, for the HTTP API (not the channel)

    def send(self, message: str) -> list[dict[str, Any]]:
        body = json.dumps({"sender": self.sender, "message": message}).encode("utf-8")
        request = urllib.request.Request(
            f"{self.base_url}/webhooks/rest/webhook",
            data=body,
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return list(json.loads(response.read().decode("utf-8")))

    def text(self, message: str) -> str:
        """All reply texts of one turn, joined, for assertions."""
        return "\n".join(str(part.get("text", "")) for part in self.send(message))

    def tracker(self) -> dict[str, Any]:
        url = f"{self.base_url}/conversations/{self.sender}/tracker"
        if self.token:
            url += f"?token={self.token}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return dict(json.loads(response.read().decode("utf-8")))
