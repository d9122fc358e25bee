"""The standard hourly amount (schablonbelopp) of a year and the highest higher amount."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Any

from assistansguiden.law.parameters import ParameterNotDecided, parameter, value_on

CENT = Decimal("0.01")


class UnknownYear(LookupError):  # noqa: N818 (name fixed by the rules API)
    """No hourly amount is decided for the year."""


@dataclass(frozen=True)
class HourlyAmounts:
    year: int
    standard_hourly_amount: Decimal  # kronor, two decimals
    max_higher_hourly_amount: Decimal  # kronor, two decimals, never above the 12 % cap
    max_percent: Decimal
    legal_refs: tuple[str, ...]
    urls: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "standard_hourly_amount": round(float(self.standard_hourly_amount), 2),
            "max_higher_hourly_amount": round(float(self.max_higher_hourly_amount), 2),
            "legal_refs": list(self.legal_refs),
        }


def known_years() -> list[int]:
    """The years that have a decided standard hourly amount."""
    return sorted({v.start.year for v in parameter("standard_hourly_amount").values})


def _unknown(year: int) -> UnknownYear:
    years = known_years()
    return UnknownYear(
        f"Schablonbeloppet för {year} är inte känt. "
        f"Vi har beloppen för åren {', '.join(str(y) for y in years)}."
    )


def hourly_amounts(year: int) -> HourlyAmounts:
    """The standard hourly amount of `year` and the most a higher amount may be."""
    try:
        standard = value_on("standard_hourly_amount", date(year, 1, 1))
        # The amount is set per calendar year; a year only partly covered is not known.
        if value_on("standard_hourly_amount", date(year, 12, 31)) != standard:
            raise _unknown(year)
        percent = value_on("higher_amount_max_percent", date(year, 1, 1))
    except (ParameterNotDecided, ValueError) as error:
        raise _unknown(year) from error
    amount = Decimal(str(standard.value)).quantize(CENT)
    share = Decimal(str(percent.value))
    # "Får inte överstiga med mer än 12 procent": round down so the cap is never passed
    # (2019: 299.80 * 1.12 = 335.776 gives 335.77, not 335.78).
    highest = (amount * (1 + share / 100)).quantize(CENT, rounding=ROUND_DOWN)
    return HourlyAmounts(
        year=year,
        standard_hourly_amount=amount,
        max_higher_hourly_amount=highest,
        max_percent=share,
        legal_refs=(standard.ref, percent.ref),
        urls=(standard.url, percent.url),
    )
