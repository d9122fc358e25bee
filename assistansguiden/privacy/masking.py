"""Masking of personal identifiers in free text and in serialised conversation events.

Pure Python (no Rasa), so the tracker store, the log filter and the tests share one
definition. What is masked: personnummer and samordningsnummer (10 or 12 digits, with or
without a hyphen or plus), Swedish and international phone numbers, e-mail addresses. What
is kept: organisation numbers (their month digits are 20 or more), dates, years, amounts,
and the public service numbers the assistant itself gives out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

PERSONNUMMER_MASK = "[personnummer]"
SAMORDNINGSNUMMER_MASK = "[samordningsnummer]"
PHONE_MASK = "[telefonnummer]"
EMAIL_MASK = "[e-post]"

_MONTH = r"(?:0[1-9]|1[0-2])"
_DAY = r"(?:0[1-9]|[12]\d|3[01])"
_COORDINATION_DAY = r"(?:6[1-9]|[78]\d|9[01])"  # a samordningsnummer's day is raised by 60
_TAIL = r"[-+ ]?\d{4}(?!\d)"
_PERSONNUMMER = re.compile(rf"(?<![\d-])(?:19|20)?\d{{2}}{_MONTH}{_DAY}{_TAIL}")
_SAMORDNINGSNUMMER = re.compile(rf"(?<![\d-])(?:19|20)?\d{{2}}{_MONTH}{_COORDINATION_DAY}{_TAIL}")
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# +46 70 123 45 67, 0046701234567, 070-123 45 67, 08-123 456 78, (08) 123 45 67
_PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)\d{1,3}[\s-]?\(?\d{1,4}\)?(?:[\s-]?\d){5,10}(?!\d)"
    r"|(?<![\w-])\(?0\d{1,3}\)?(?:[\s-]?\d){5,9}(?![\d-])"
)
# Public numbers the assistant gives out itself: Försäkringskassan, IVO, 1177, 112.
PUBLIC_NUMBERS = frozenset({"0771524524", "0107885000", "1177", "112", "114114"})

# Keys whose values are names and identifiers of the conversation's structure.
_STRUCTURAL_KEYS = frozenset(
    {
        "event",
        "name",
        "policy",
        "action_name",
        "input_channel",
        "message_id",
        "timestamp",
        "intent",
        "intent_ranking",
        "response_selector",
        "entity",
        "extractor",
        "role",
        "group",
        "confidence",
        "confidence_entity",
        "start",
        "end",
        "action_text",
        "rasa_timestamp",
    }
)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _mask_phone(match: re.Match[str]) -> str:
    number = match.group(0)
    return number if _digits(number) in PUBLIC_NUMBERS else PHONE_MASK


def mask_text(text: str) -> str:
    """The text with personal numbers, phone numbers and e-mail addresses replaced."""
    if not text:
        return text
    text = _EMAIL.sub(EMAIL_MASK, text)
    text = _PERSONNUMMER.sub(PERSONNUMMER_MASK, text)
    text = _SAMORDNINGSNUMMER.sub(SAMORDNINGSNUMMER_MASK, text)
    return _PHONE.sub(_mask_phone, text)


def mask_value(value: Any) -> Any:
    """Masks every string inside a JSON-like value (event, slot value, entity list)."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, Mapping):
        return {
            key: item if key in _STRUCTURAL_KEYS else mask_value(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [mask_value(item) for item in value]
    return value


def mask_event(event: Mapping[str, Any]) -> dict[str, Any]:
    """A serialised Rasa event with every free-text field, entity value and slot masked."""
    return dict(mask_value(event))
