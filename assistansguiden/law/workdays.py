"""Weekdays (vardagar) in the sense of 2 § lagen (1930:173) om beräkning av lagstadgad tid.

A day is not a weekday when it is a Saturday, a Sunday, a public holiday (allmän
helgdag), midsommarafton, julafton or nyårsafton. Public holidays come from the
maintained `holidays` package; its Sundays are left out on purpose (Sunday is decided
here), and the three eves, which are not public holidays, are added by their own rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

WEEKEND = "WEEKEND"
HOLIDAY = "HOLIDAY"
_FRIDAY, _SATURDAY, _SUNDAY = 4, 5, 6


@dataclass(frozen=True)
class DayOff:
    kind: str  # WEEKEND | HOLIDAY (an eve counts as a holiday here)
    name: str  # as in running text: "lördag", "juldagen", "Kristi himmelsfärdsdag"


def _running_text(name: str) -> str:
    # "Juldagen" -> "juldagen"; the name of a person keeps its capital.
    return name if name.startswith("Kristi") else name[:1].lower() + name[1:]


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> dict[date, str]:
    # Imported on first use, so importing the law stays without cost or effect.
    from holidays.countries.sweden import Sweden

    # include_sundays=False: the package would otherwise call every Sunday a holiday.
    found = Sweden(years=year, language="sv", include_sundays=False)
    return {day: _running_text(str(name).split("; ")[0]) for day, name in found.items()}


def midsommarafton(year: int) -> date:
    """The Friday between 19 and 25 June."""
    june_19 = date(year, 6, 19)
    return june_19 + timedelta(days=(_FRIDAY - june_19.weekday()) % 7)


def _eves(year: int) -> dict[date, str]:
    return {
        midsommarafton(year): "midsommarafton",
        date(year, 12, 24): "julafton",
        date(year, 12, 31): "nyårsafton",
    }


def day_off(day: date) -> DayOff | None:
    """Why `day` is not a weekday, or None when it is one.

    A holiday on a Saturday or Sunday is named as the holiday (påskdagen, not söndag).
    """
    name = _public_holidays(day.year).get(day) or _eves(day.year).get(day)
    if name:
        return DayOff(HOLIDAY, name)
    if day.weekday() == _SATURDAY:
        return DayOff(WEEKEND, "lördag")
    if day.weekday() == _SUNDAY:
        return DayOff(WEEKEND, "söndag")
    return None


def next_weekday(day: date) -> date:
    """The first weekday after `day`."""
    following = day + timedelta(days=1)
    while day_off(following) is not None:
        following += timedelta(days=1)
    return following
