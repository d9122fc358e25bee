"""Numbers written the Swedish way, for everything a person reads.

Decimal comma, a space between thousands and the unit written out:
"12 procent", "347,70 kr", "20,5". JSON keeps plain numbers; only texts use these.
"""

from __future__ import annotations

from decimal import Decimal

NBSP = "\u00a0"  # between thousands, so "1 234,50" stays on one line


def format_number(value: Decimal | float | int) -> str:
    """20.5 -> '20,5', 12.0 -> '12', 1234 -> '1 234' (no trailing zeros)."""
    number = Decimal(str(value)).normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    whole, _, fraction = f"{number:f}".partition(".")
    return _group(whole) + (f",{fraction}" if fraction else "")


def format_kronor(amount: Decimal | float | int) -> str:
    """347.7 -> '347,70 kr' (always two decimals)."""
    number = Decimal(str(amount)).quantize(Decimal("0.01"))
    whole, _, fraction = f"{number:f}".partition(".")
    return f"{_group(whole)},{fraction} kr"


def format_percent(value: Decimal | float | int) -> str:
    """12 -> '12 procent', 1.5 -> '1,5 procent'."""
    return f"{format_number(value)} procent"


def _group(whole: str) -> str:
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return sign + NBSP.join(groups)
