"""Swedish dates: read them from free text, write them for people.

A personnummer gives only its birth date here; its last four digits are never kept,
and mask_personnummer() hides them wherever text is stored or shown.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
_MONTH_RE = "|".join(m[:3] for m in MONTHS)
_RELATIVE = {"idag": 0, "i dag": 0, "igår": -1, "i går": -1, "imorgon": 1, "i morgon": 1}

# A samordningsnummer is a personnummer whose day is raised by 60.
_DAY = r"(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])"
_MONTH = r"(?:0[1-9]|1[0-2])"
_PERSONNUMMER = re.compile(
    rf"(?<![\d-])((?:19|20)?\d{{2}}{_MONTH}{_DAY})"
    r"([-+ \u00a0\u2010-\u2015\u2212\ufe63\uff0d]?)(\d{4})(?!\d)"  # hyphens, dashes, minus
)
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_COMPACT = re.compile(r"(?<![\d-])(\d{6}|\d{8})(?![\d-])")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[/.](\d{1,2})(?:[/.]|\s+)(\d{4})(?!\d)")
_WORDS = re.compile(rf"(?<!\d)(\d{{1,2}})(?::?[ae])?\s+({_MONTH_RE})[a-z]*\.?\s+(\d{{4}})(?!\d)")


def format_date(day: date) -> str:
    """ "1 mars 2026": how a date is written in Swedish running text."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_weekday_date(day: date) -> str:
    """ "måndag 28 december 2026": the date with its weekday, for a day that was moved."""
    return f"{WEEKDAYS[day.weekday()]} {format_date(day)}"


def mask_personnummer(text: str) -> str:
    """Replace the last four digits of anything shaped like a personnummer with XXXX."""
    return _PERSONNUMMER.sub(lambda m: f"{m.group(1)}{m.group(2)}XXXX", text)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _with_century(yymmdd: str, today: date, centenarian: bool = False) -> date | None:
    """The latest century that does not put the date after today ("+" = over 100)."""
    yy, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
    if day > 60:
        day -= 60
    for century in range(today.year // 100 * 100, 0, -100):
        found = _safe_date(century + yy, month, day)
        if found is None:
            # 29 February may exist in another century (2000 vs 1900), so keep looking.
            continue
        if found <= today:
            if centenarian:
                return _safe_date(found.year - 100, month, day)
            return found
    return None


def _from_digits(digits: str, today: date, centenarian: bool = False) -> date | None:
    if len(digits) == 8:
        day = int(digits[6:8])
        return _safe_date(int(digits[:4]), int(digits[4:6]), day - 60 if day > 60 else day)
    return _with_century(digits, today, centenarian)


def parse_swedish_date(text: str, today: date) -> date | None:
    """The first date in a Swedish free text, or None.

    Accepts 2008-05-14, 20080514, 080514, "14 maj 2008", "den 3 januari 2026",
    14/5 2008, 14.5.2008, idag, igår, and a personnummer (its birth date).
    """
    lowered = " ".join(text.lower().split())
    for word, offset in _RELATIVE.items():
        if re.search(rf"(?<!\w){word}(?!\w)", lowered):
            return today + timedelta(days=offset)
    if match := _PERSONNUMMER.search(lowered):
        return _from_digits(match.group(1), today, centenarian=match.group(2) == "+")
    if match := _ISO.search(lowered):
        return _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := _COMPACT.search(lowered):
        return _from_digits(match.group(1), today)
    if match := _NUMERIC.search(lowered):
        return _safe_date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    if match := _WORDS.search(lowered):
        month = [m[:3] for m in MONTHS].index(match.group(2)) + 1
        return _safe_date(int(match.group(3)), month, int(match.group(1)))
    return None
