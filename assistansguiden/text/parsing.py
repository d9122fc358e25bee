"""What people type in the forms, read into slot values: groups, ages, dates.

Pure functions (no Rasa), so they are easy to test and reuse. Whatever is echoed back
goes through shown(), which masks a personnummer's last four digits.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from typing import Any

from assistansguiden.law import mask_personnummer, parse_swedish_date
from assistansguiden.law.dates import MONTHS
from assistansguiden.privacy.masking import contains_personal_number

CHILDREN = "children"
ADULTS = "adults"
UNKNOWN = "unknown"

_UNKNOWN = re.compile(r"vet (inte|ej)|osaker|ingen aning|oklart|okant|vet inget")
# "Jag har inte fått något besked", "fick aldrig veta", "inget brev": not told at all.
_NEVER_TOLD = re.compile(
    r"\b(?:inte|aldrig|ej|inget|ingen|inga)\b(?:\s+\w+){0,3}?\s+"
    r"(?:besked|beskedet|brev|meddelande|information|veta|fatt|fick|hort|sagt|blivit)\b"
)
# Words that are a group number only when they are the whole answer or follow
# "grupp"/"krets" ("ett barn" is not group 1, "andra" is often just "other").
_BARE = {"ett": "1", "en": "1", "ettan": "1", "tva": "2", "andra": "2", "tre": "3"}
_ANYWHERE = {
    "etta": "1",
    "ettan": "1",
    "forsta": "1",
    "tvaa": "2",
    "tvaan": "2",
    "trea": "3",
    "trean": "3",
    "tredje": "3",
}
_GROUP_WORD = re.compile(r"\b(?:personkrets|krets|grupp|nummer|nr)(?:en)?\s+(\w+)")
_DIGIT = re.compile(r"(?<![\d-])(\d)(?![\d-])")

_UNDER_18 = re.compile(r"\b(under|yngre an)\s*18\b|\bminderarig")
_OVER_18 = re.compile(r"\b(over|aldre an)\s*18\b|\b18\s*(ar\s*)?(eller|och)\s*(aldre|over)\b")
_AGE = re.compile(r"(?<![\d-])(\d{1,3})(?![\d-])\s*(manad|man\b|veck)?")
_CHILD_WORDS = re.compile(
    r"\b(barn|barnet|barnen|child|children|kid|son|sonen|dotter|dottern|tonaring|bebis)\b"
)
_ADULT_WORDS = re.compile(r"\b(vuxen|vuxna|vuxet|adult|adults|myndig|pensionar)\b")
_SHOWN_MAX = 60
# "20 november", "3:e mars", "1 jan." without a year (a change's day is often written so).
_DAY_MONTH = re.compile(
    r"(?<!\d)\d{1,2}(?::?[ae])?\s+(?:" + "|".join(m[:3] for m in MONTHS) + r")[a-zåäö]*\.?"
)


def plain(text: str) -> str:
    """Lower case without accents: phones often type "tva" for "två"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def first_value(value: object) -> str | None:
    """A slot value as one string; an entity mapping may give a list."""
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def shown(text: str) -> str:
    """The person's text as it may be echoed: masked, on one line, not too long."""
    masked = mask_personnummer(" ".join(text.split()))
    return masked if len(masked) <= _SHOWN_MAX else masked[: _SHOWN_MAX - 1] + "…"


def contains_personnummer(text: str) -> bool:
    """A personnummer or samordningsnummer in any way of writing (privacy/masking.py)."""
    return contains_personal_number(text)


def says_never_told(text: str) -> bool:
    """The person says they were never told (a ceased permit's day of notice)."""
    return bool(_NEVER_TOLD.search(plain(text)))


def parse_personkrets(text: str) -> str | None:
    """'1', 'ettan', 'grupp 2', 'krets 3', 'vet inte' -> '1' | '2' | '3' | 'unknown'."""
    words = plain(text)
    if words in ("1", "2", "3", UNKNOWN):
        return words
    found: set[str] = set(_DIGIT.findall(words))
    tokens = re.findall(r"\w+", words)
    found |= {_ANYWHERE[t] for t in tokens if t in _ANYWHERE}
    found |= {_BARE[t] for t in _GROUP_WORD.findall(words) if t in _BARE}
    if len(tokens) == 1 and tokens[0] in _BARE:
        found.add(_BARE[tokens[0]])
    if _UNKNOWN.search(words):
        # "2, men jag vet inte säkert" is honest uncertainty: the answer will then say
        # the group was not checked, rather than rest on a guess.
        return UNKNOWN
    if len(found) == 1 and found <= {"1", "2", "3"}:
        return found.pop()
    return None


# What people write about the person when they describe them, mapped to the personkrets of
# LSS 1 § it clearly belongs to. Only clear cases: a brain injury counts for group 2 only
# when it came in adult age; anything else is asked.
_KRETS_1 = re.compile(
    r"\b(autism|autistisk|asperger|autismspektr|utvecklingsstorning|"
    r"intellektuell funktionsnedsattning|downs syndrom)"
)
_KRETS_2 = re.compile(r"\bhjarnskada\w* (i|som) vuxen alder|\bforvarvad hjarnskada")
_KRETS_3 = re.compile(
    r"\b(cp-skada|cerebral pares|ryggmargsskad|tetraplegi|paraplegi|\bals\b|"
    r"muskelsjukdom|muskeldystrofi|multipel skleros)"
)


def personkrets_in_text(text: str) -> str | None:
    """The personkrets a description names ("min son 12 år med autism" -> '1'), or None."""
    words = plain(text)
    found = {
        krets
        for krets, pattern in (("1", _KRETS_1), ("2", _KRETS_2), ("3", _KRETS_3))
        if pattern.search(words)
    }
    return found.pop() if len(found) == 1 else None


def parse_age_group(text: str) -> str | None:
    """'barn', 'vuxen', 'under 18', 'han är 12', 'hon är 30 år' -> 'children' | 'adults'."""
    words = plain(text)
    if words in (CHILDREN, ADULTS):
        return words
    if _UNDER_18.search(words):
        return CHILDREN
    if _OVER_18.search(words):
        return ADULTS
    ages = _AGE.findall(words)
    if len(ages) == 1:
        years, unit = int(ages[0][0]), ages[0][1]
        if unit:  # months or weeks old
            return CHILDREN
        if years <= 120:
            return CHILDREN if years < 18 else ADULTS
    # "Mitt vuxna barn": "barn" also means someone's child of any age, so "vuxen" wins.
    if _ADULT_WORDS.search(words):
        return ADULTS
    if _CHILD_WORDS.search(words):
        return CHILDREN
    return None


def date_in_text(text: str, today: date, *, year_optional: bool = False) -> date | None:
    """The date a message names. With year_optional, "3 januari" is the nearest 3 January.

    People name a change's day without the year; the nearest such day (at most half a
    year away) is what they mean, and the answer repeats the date with its year.
    """
    found = parse_swedish_date(text, today)
    if found is not None or not year_optional:
        return found
    day_month = _DAY_MONTH.search(" ".join(text.lower().split()))
    if day_month is None:
        return None
    # The year goes right after the day and month, wherever they stand in the message.
    guess = parse_swedish_date(f"{day_month.group(0)} {today.year}", today)
    if guess is None:
        return None
    half_year = timedelta(days=183)
    for year in (today.year, today.year - 1, today.year + 1):
        try:
            candidate = guess.replace(year=year)
        except ValueError:  # 29 February in a common year
            continue
        if abs(candidate - today) <= half_year:
            return candidate
    return guess


def slot_date(value: object, today: date, *, year_optional: bool = False) -> date | None:
    """A date slot's value (ISO from extraction, or text from an entity) as a date."""
    text = first_value(value)
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return date_in_text(text, today, year_optional=year_optional)


def previous_value(events: list[dict[str, Any]], slot: str) -> Any:
    """A slot's value as it was before the latest user message (None if never set)."""
    seen_user = False
    for event in reversed(events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "slot" and event.get("name") == slot:
            return event.get("value")
    return None
