from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistansguiden.law.amounts import UnknownYear, hourly_amounts, known_years
from assistansguiden.law.deadline import report_deadline
from assistansguiden.law.workdays import day_off

AMOUNTS = {
    2019: "299.80",
    2020: "304.30",
    2021: "315.00",
    2022: "319.70",
    2023: "324.50",
    2024: "332.60",
    2025: "339.20",
    2026: "347.70",
}


@pytest.mark.parametrize(("year", "amount"), AMOUNTS.items())
def test_standard_amount_of_every_year(year: int, amount: str) -> None:
    result = hourly_amounts(year)
    assert result.standard_hourly_amount == Decimal(amount)
    assert result.to_json()["standard_hourly_amount"] == float(amount)
    assert result.max_percent == 12


def test_higher_amount_2023() -> None:
    data = hourly_amounts(2023).to_json()
    assert data == {
        "year": 2023,
        "standard_hourly_amount": 324.5,
        "max_higher_hourly_amount": 363.44,
        "legal_refs": [
            "5 § förordningen (1993:1091) om assistansersättning, i lydelse enligt SFS 2022:1541",
            "51 kap. 11 § andra stycket socialförsäkringsbalken (2010:110)",
        ],
    }


def test_higher_amount_is_rounded_down_to_stay_under_the_cap() -> None:
    # 299.80 * 1.12 = 335.776: 335.78 would exceed the cap by a fraction of an öre.
    assert hourly_amounts(2019).max_higher_hourly_amount == Decimal("335.77")


@pytest.mark.parametrize("year", AMOUNTS)
def test_max_higher_amount_within_the_cap(year: int) -> None:
    result = hourly_amounts(year)
    cap = result.standard_hourly_amount * Decimal("1.12")
    assert result.standard_hourly_amount <= result.max_higher_hourly_amount <= cap
    assert cap - result.max_higher_hourly_amount < Decimal("0.01")


@pytest.mark.parametrize("year", [2018, 2027])
def test_unknown_year(year: int) -> None:
    with pytest.raises(UnknownYear) as error:
        hourly_amounts(year)
    assert f"{year} är inte känt" in str(error.value)
    assert "2019" in str(error.value) and "2026" in str(error.value)


def test_known_years() -> None:
    assert known_years() == list(range(2019, 2027))


def test_deadline_json() -> None:
    assert report_deadline(date(2026, 12, 25)).to_json() == {
        "change_date": "2026-12-25",
        "deadline": "2027-01-08",
        "legal_refs": ["110 kap. 47 § socialförsäkringsbalken (2010:110)"],
        "counted_day": "2027-01-08",
        "move": "NOT_MOVED",
        "moved_because": None,
    }


def test_deadline_over_a_leap_day() -> None:
    # 20 February + 14 days = Sunday 5 March 2028: the last day is Monday 6 March.
    result = report_deadline(date(2028, 2, 20))
    assert (result.counted_day, result.deadline) == (date(2028, 3, 5), date(2028, 3, 6))


@given(st.dates(date(2011, 1, 1), date(2099, 12, 31)))
def test_deadline_is_the_first_weekday_from_the_fourteenth_day(change: date) -> None:
    result = report_deadline(change)
    assert result.counted_day - result.change_date == timedelta(days=14) and result.days == 14
    assert result.deadline >= result.counted_day and day_off(result.deadline) is None
    between = (result.counted_day + timedelta(days=n) for n in range(7))
    skipped = [d for d in between if d < result.deadline]
    assert all(day_off(d) is not None for d in skipped)
    assert result.moved == bool(skipped)
    # The longest run of days off: a Saturday before a Monday julafton (22-26 December).
    assert result.deadline - result.counted_day <= timedelta(days=5)


def test_the_longest_move_is_christmas_from_a_saturday() -> None:
    # 8 December 2029 + 14 days = Saturday 22 December; Sunday, julafton (Monday), juldagen
    # and annandag jul follow, so the last day is Thursday 27 December.
    result = report_deadline(date(2029, 12, 8))
    assert (result.counted_day, result.deadline) == (date(2029, 12, 22), date(2029, 12, 27))
