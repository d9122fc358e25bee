from __future__ import annotations

from datetime import date

import pytest

from assistansguiden.law.dates import format_date, mask_personnummer, parse_swedish_date

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2008-05-14", date(2008, 5, 14)),
        ("20080514", date(2008, 5, 14)),
        ("080514", date(2008, 5, 14)),
        ("14 maj 2008", date(2008, 5, 14)),
        ("14/5 2008", date(2008, 5, 14)),
        ("14.5.2008", date(2008, 5, 14)),
        ("den 3 januari 2026", date(2026, 1, 3)),
        ("Han är född den 3 jan. 2026", date(2026, 1, 3)),
        ("idag", TODAY),
        ("Igår", date(2026, 11, 22)),
        ("20080514-1234", date(2008, 5, 14)),
        ("080514-1234", date(2008, 5, 14)),
        ("0805141234", date(2008, 5, 14)),
        ("080574-1234", date(2008, 5, 14)),  # samordningsnummer: day + 60
        ("120101+1234", date(1912, 1, 1)),  # "+": over a hundred years old
    ],
)
def test_parse(text: str, expected: date) -> None:
    assert parse_swedish_date(text, TODAY) == expected


def test_six_digits_take_the_latest_century_not_after_today() -> None:
    assert parse_swedish_date("261123", TODAY) == date(2026, 11, 23)
    assert parse_swedish_date("261124", TODAY) == date(1926, 11, 24)


def test_leap_day_in_six_digits() -> None:
    assert parse_swedish_date("000229", TODAY) == date(2000, 2, 29)
    assert parse_swedish_date("20230229", TODAY) is None


@pytest.mark.parametrize("text", ["", "hej", "556036-0793", "2026-13-01", "32 maj 2020"])
def test_not_a_date(text: str) -> None:
    assert parse_swedish_date(text, TODAY) is None


def test_mask_personnummer() -> None:
    text = "20080514-1234, 080514-1234, 0805141234, 800171-1234 och 556036-0793"
    assert mask_personnummer(text) == (
        "20080514-XXXX, 080514-XXXX, 080514XXXX, 800171-XXXX och 556036-0793"
    )


def test_format_date() -> None:
    assert format_date(date(2026, 3, 1)) == "1 mars 2026"
