"""Buttons for channels that cannot show them: numbered choices and short titles."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

Button = Mapping[str, Any]

ANSWER_WITH_NUMBER = "Svara med siffran för det du vill välja."
# "\s*[.):]?\s*" would try every split of a run of spaces between its two halves
# (quadratic); with the punctuation required inside the group, each run is tried once.
_NUMBER_REPLY = re.compile(r"^\s*(\d{1,2})(?:\s*[.):])?\s*$")


def numbered_choices(text: str, buttons: Sequence[Button]) -> str:
    """One SMS: the text, the choices as "1. title" lines, and how to answer."""
    lines = [text.strip(), ""]
    lines += [
        f"{number}. {button.get('title', '')}" for number, button in enumerate(buttons, start=1)
    ]
    lines += ["", ANSWER_WITH_NUMBER]
    return "\n".join(lines)


def choice_number(reply: str) -> int | None:
    """The number a reply consists of ("2", " 2. ", "2)"), or None for any other text."""
    match = _NUMBER_REPLY.match(reply or "")
    return int(match.group(1)) if match else None


def chosen_payload(reply: str, buttons: Sequence[Button]) -> str | None:
    """The payload of the button a reply picks ("2", " 2. ", "2)"), or None."""
    number = choice_number(reply)
    if number is None:
        return None
    index = number - 1
    if 0 <= index < len(buttons):
        payload = buttons[index].get("payload")
        return str(payload) if payload else None
    return None


def latest_buttons(events: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The buttons the assistant offered since the user last wrote, newest message first.

    Works on serialised tracker events, so it needs nothing but the tracker store, which
    every server shares: the choice can be answered on any server.
    """
    for event in reversed(list(events)):
        if event.get("event") == "user":
            return []
        if event.get("event") == "bot":
            buttons = (event.get("data") or {}).get("buttons")
            if buttons:
                return [dict(button) for button in buttons]
    return []


def short_title(title: str, limit: int = 20) -> str:
    """A button title cut at a word to fit a platform's limit (Messenger: 20 characters)."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if title[limit - 1] != " " and " " in cut:  # the cut falls inside a word
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:") + "…"
