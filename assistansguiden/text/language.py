"""Swedish ways of naming a year in a question ("i år", "förra året", "2024")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

_RELATIVE_YEARS = (
    (re.compile(r"\b(förra|forra)\s+(året|år|aret|ar)\b|\bi\s*fjol", re.IGNORECASE), -1),
    (re.compile(r"\b(nästa|nasta|kommande)\s+(året|år|aret|ar)\b", re.IGNORECASE), 1),
)
_YEAR = re.compile(r"\b(19[9]\d|20\d\d)\b")


def asked_year(text: str, entity_values: Iterable[str], today: date) -> int:
    """The year a message asks about; the current year when it names none."""
    for value in [*entity_values, text]:
        match = _YEAR.search(value or "")
        if match:
            return int(match.group(1))
    for pattern, offset in _RELATIVE_YEARS:
        if pattern.search(text or ""):
            return today.year + offset
    return today.year


def kronor(amount: object) -> str:
    """347.7 -> '347,70' (Swedish decimal comma)."""
    return f"{float(str(amount)):.2f}".replace(".", ",")
