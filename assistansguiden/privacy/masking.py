"""Masking of personal identifiers in free text and in serialised conversation events.

Pure Python (no Rasa), so the tracker store, the log filter and the tests share one
definition. What is masked: personnummer and samordningsnummer (10 or 12 digits, with or
without century, written together or with a hyphen, an en or em dash, a minus sign, a plus
or spaces between the date and the last four), Swedish phone numbers (07x, 08-, 0771-,
+46, 0046, with or without spaces and dashes), e-mail addresses. What is kept:
organisation numbers (their month digits are 20 or more), dates, years, amounts, and the
public service numbers the assistant itself gives out.

Every pattern runs in linear time in the length of the text: each repetition is either
bounded or can start only where a run of its characters starts (a lookbehind), so no
input makes the engine retry a long stretch from every position (tests/privacy/
test_linear_patterns.py feeds each 100,000 characters of its worst case).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

PERSONNUMMER_MASK = "[personnummer]"
SAMORDNINGSNUMMER_MASK = "[samordningsnummer]"
PHONE_MASK = "[telefonnummer]"
EMAIL_MASK = "[e-post]"

# Hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal
# bar, minus sign, small and full-width hyphen-minus: what keyboards and phones insert.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_DASH = f"[{DASHES}]"
_MONTH = r"(?:0[1-9]|1[0-2])"
_DAY = r"(?:0[1-9]|[12]\d|3[01])"
_COORDINATION_DAY = r"(?:6[1-9]|[78]\d|9[01])"  # a samordningsnummer's day is raised by 60
# Between the birth date and the last four: nothing, a dash or a plus (over 100), either
# with up to two spaces around it, or only spaces.
_SEPARATOR = rf"(?:\s{{0,2}}(?:{_DASH}|\+)\s{{0,2}}|\s{{1,3}})?"
_TAIL = rf"{_SEPARATOR}\d{{4}}(?!\d)"
_PERSONNUMMER = re.compile(rf"(?<!\d)(?:19|20)?\d{{2}}{_MONTH}{_DAY}{_TAIL}")
_SAMORDNINGSNUMMER = re.compile(rf"(?<!\d)(?:19|20)?\d{{2}}{_MONTH}{_COORDINATION_DAY}{_TAIL}")
# The local part can start only where a run of its characters starts: without that
# lookbehind a long run with no "@" is rescanned from each of its positions (quadratic).
_EMAIL_LOCAL = r"[\w.!#$%&'*+/=?^`{|}~-]"
_EMAIL = re.compile(rf"(?<!{_EMAIL_LOCAL}){_EMAIL_LOCAL}+@[\w-]+(?:\.[\w-]+)+")
# +46 70 123 45 67, +46 (0)70-123 45 67, 0046701234567, 070-123 45 67, 070–1234567,
# 08-123 456 78, (08) 123 45 67. One optional space or dash between any two digits. Two
# numbers joined by a dash are both masked: when in doubt, a number is hidden.
_GAP = rf"(?:\s|{_DASH})?"
_PHONE = re.compile(
    rf"(?<![\w+])(?:\+|00)\d{{1,3}}{_GAP}(?:\(0\){_GAP})?\(?\d{{1,4}}\)?(?:{_GAP}\d){{5,10}}(?!\d)"
    rf"|(?<![\w+])\(?0\d{{1,3}}\)?(?:{_GAP}\d){{5,9}}(?!\d)"
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


def _national(number: str) -> str:
    """The digits as dialled in Sweden: +46 771 …, 0046 771 … and +46 (0)771 … are 0771 …"""
    digits = _digits(number)
    if number.startswith(("+46", "0046")):
        return "0" + digits.removeprefix("00").removeprefix("46").removeprefix("0")
    return digits


def _mask_phone(match: re.Match[str]) -> str:
    number = match.group(0)
    return number if _national(number) in PUBLIC_NUMBERS else PHONE_MASK


# Each identifier holds a digit (personnummer, samordningsnummer, phone number; `\d` as in
# the patterns, any script's digits) or an "@" (e-mail address): a text with neither, as
# most log lines and bot answers are, is returned as it is without running the patterns.
_MAYBE_IDENTIFIER = re.compile(r"[\d@]")


def mask_text(text: str) -> str:
    """The text with personal numbers, phone numbers and e-mail addresses replaced."""
    if not text or _MAYBE_IDENTIFIER.search(text) is None:
        return text
    text = _EMAIL.sub(EMAIL_MASK, text)
    text = _PERSONNUMMER.sub(PERSONNUMMER_MASK, text)
    text = _SAMORDNINGSNUMMER.sub(SAMORDNINGSNUMMER_MASK, text)
    return _PHONE.sub(_mask_phone, text)


def contains_personal_number(text: str) -> bool:
    """True when the text holds a personnummer or samordningsnummer, in any way of writing."""
    return bool(text) and (
        _PERSONNUMMER.search(text) is not None or _SAMORDNINGSNUMMER.search(text) is not None
    )


def without_personal_numbers(text: str) -> str:
    """The text with every personnummer and samordningsnummer replaced by its mask, so
    that nothing read from the rest (a date, a name) comes out of one."""
    if not text:
        return text
    text = _PERSONNUMMER.sub(PERSONNUMMER_MASK, text)
    return _SAMORDNINGSNUMMER.sub(SAMORDNINGSNUMMER_MASK, text)


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
