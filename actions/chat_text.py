"""The chat's words outside a conversation: the standard variation of a bot/domain response
with its {placeholders} filled, and the values the answers fill in.

The staff view (web/staff_api.py) shows what the chat says through these, so the two never
drift apart; actions/answers.py fills its responses with the same values. No rasa_sdk here.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from actions.render import ChatMessage
from assistansguiden.law import HourlyAmounts, format_percent
from assistansguiden.text.language import kronor

DOMAIN = Path(__file__).resolve().parent.parent / "bot" / "domain"


def amount_values(amounts: HourlyAmounts) -> dict[str, Any]:
    """The placeholders of utter_hourly_amount and utter_higher_amount."""
    return {
        "year": amounts.year,
        "standard_amount": kronor(amounts.standard_hourly_amount),
        "max_higher_amount": kronor(amounts.max_higher_hourly_amount),
        # "12 procent": a Decimal reaches the chat as 12.0 through JSON.
        "max_percent": format_percent(amounts.max_percent),
    }


@lru_cache(maxsize=1)
def standard_responses() -> dict[str, str]:
    """Each response's text without a condition (the standard one, not lättläst)."""
    responses: dict[str, str] = {}
    for path in sorted(DOMAIN.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variants in (document.get("responses") or {}).items():
            plain = [v for v in variants if not v.get("condition")]
            responses[name] = str((plain or variants)[0].get("text") or "")
    return responses


class _Kept(dict[str, Any]):
    """A placeholder without a value stays as it is, as Rasa leaves it."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def response_text(name: str, **values: Any) -> str:
    return standard_responses()[name].format_map(_Kept(values))


def message_texts(messages: list[ChatMessage], **values: Any) -> list[str]:
    """What the person reads, one text per chat message."""
    return [response_text(m.response, **values) if m.response else m.text for m in messages]
