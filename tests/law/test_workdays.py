"""Weekdays for 2 § lagen (1930:173), and numbers written the Swedish way."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from assistansguiden.law.numbers import format_kronor, format_number, format_percent
from assistansguiden.law.workdays import HOLIDAY, WEEKEND, day_off, midsommarafton, next_weekday


@pytest.mark.parametrize(
    ("day", "kind", "name"),
    [
        (date(2026, 11, 14), WEEKEND, "lördag"),
        (date(2026, 11, 15), WEEKEND, "söndag"),
        (date(2026, 4, 5), HOLIDAY, "påskdagen"),  # a Sunday is named by its holiday
        (date(2026, 6, 6), HOLIDAY, "nationaldagen"),  # so is a Saturday
        (date(2026, 5, 14), HOLIDAY, "Kristi himmelsfärdsdag"),
        (date(2026, 6, 19), HOLIDAY, "midsommarafton"),
        (date(2026, 12, 24), HOLIDAY, "julafton"),
        (date(2026, 12, 31), HOLIDAY, "nyårsafton"),
    ],
)
def test_days_off_are_named(day: date, kind: str, name: str) -> None:
    off = day_off(day)
    assert off is not None and (off.kind, off.name) == (kind, name)


@pytest.mark.parametrize(
    "day",
    [date(2026, 11, 16), date(2026, 12, 23), date(2026, 5, 25), date(2026, 4, 7)],
    ids=["monday", "day-before-julafton", "annandag-pingst-is-a-weekday", "after-easter"],
)
def test_weekdays(day: date) -> None:
    assert day_off(day) is None


def test_next_weekday_skips_the_whole_christmas_weekend() -> None:
    assert next_weekday(date(2026, 12, 24)) == date(2026, 12, 28)
    assert next_weekday(date(2026, 12, 31)) == date(2027, 1, 4)


@pytest.mark.parametrize("year", range(2020, 2036))
def test_midsommarafton_is_the_friday_the_holidays_package_names(year: int) -> None:
    from holidays.countries.sweden import Sweden

    named = Sweden(years=year, language="sv", categories=("bank",))
    assert named.get(midsommarafton(year)) == "Midsommarafton"
    assert date(year, 6, 19) <= midsommarafton(year) <= date(year, 6, 25)


@given(st.dates(date(2011, 1, 1), date(2099, 12, 31)))
@example(date(2081, 12, 23))  # Tuesday: julafton to Sunday are all off, the next is Monday 29
def test_ordinary_weekdays_are_weekdays(day: date) -> None:
    off = day_off(day)
    if off is None:
        assert day.weekday() < 5
    assert next_weekday(day) > day and day_off(next_weekday(day)) is None
    # The longest run of days off is julafton on a Wednesday: 24-28 December.
    assert next_weekday(day) - day <= timedelta(days=6)


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("12"), "12"), (12.0, "12"), (20.5, "20,5"), (1234567, "1\u00a0234\u00a0567")],
)
def test_format_number(value: Decimal | float | int, text: str) -> None:
    assert format_number(value) == text


def test_format_kronor_and_percent() -> None:
    assert format_kronor(Decimal("347.7")) == "347,70 kr"
    assert format_kronor(1234.5) == "1\u00a0234,50 kr"
    assert format_percent(Decimal("12")) == "12 procent"
    assert format_percent(1.5) == "1,5 procent"
