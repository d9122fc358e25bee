"""Swedish organisation numbers (organisationsnummer): normalise and check.

An organisation number has ten digits, the last one a Luhn check digit over
the first nine. Skatteverket sometimes writes it with the century-like prefix
"16" (twelve digits); we accept that and drop it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Spaces and a single hyphen are the only separators people actually type.
_SHAPE = re.compile(r"^(?:16)?(\d{6})-?(\d{4})$")
# For free text: a token of 10 (or 16 + 10) digits, hyphen optional, not part
# of a longer digit run (a personnummer with 19/20 prefix must not match).
_IN_TEXT = re.compile(r"(?<![\d-])(?:16)?\d{6}[- ]?\d{4}(?![\d-])")


@dataclass(frozen=True)
class OrgNr:
    normalized: str | None  # "NNNNNN-NNNN" when the shape is right
    well_formed: bool  # ten digits after an optional "16" prefix
    checksum_ok: bool  # the Luhn check digit holds (False when not well formed)

    @property
    def valid(self) -> bool:
        return self.well_formed and self.checksum_ok


def _compact(raw: str) -> str:
    return "".join(raw.split())


def normalize_org_nr(raw: str) -> str | None:
    """Return "NNNNNN-NNNN" when `raw` has the shape of an organisation number."""
    match = _SHAPE.match(_compact(raw))
    if match is None:
        return None
    return f"{match.group(1)}-{match.group(2)}"


def _luhn_sum(digits: str) -> int:
    total = 0
    # Weights 2,1,2,1,... from the left for a ten-digit number (check digit last).
    for index, char in enumerate(digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return total


def luhn_valid(ten_digits: str) -> bool:
    """True when ten digits (hyphen allowed) carry a correct Luhn check digit."""
    digits = ten_digits.replace("-", "")
    if len(digits) != 10 or not digits.isdigit():
        return False
    return _luhn_sum(digits) % 10 == 0


def with_check_digit(nine_digits: str) -> str:
    """Append the Luhn check digit to nine digits (sample data and tests)."""
    if len(nine_digits) != 9 or not nine_digits.isdigit():
        raise ValueError("Det behövs exakt nio siffror för att räkna ut kontrollsiffran.")
    check = (10 - _luhn_sum(nine_digits + "0") % 10) % 10
    return nine_digits + str(check)


def parse_org_nr(raw: str) -> OrgNr:
    normalized = normalize_org_nr(raw)
    if normalized is None:
        return OrgNr(normalized=None, well_formed=False, checksum_ok=False)
    return OrgNr(normalized=normalized, well_formed=True, checksum_ok=luhn_valid(normalized))


def looks_like_org_nr(text: str) -> bool:
    """True when the text contains something shaped like an organisation number."""
    return _IN_TEXT.search(text) is not None
