from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistansguiden.law.orgnr import (
    OrgNr,
    looks_like_org_nr,
    luhn_valid,
    normalize_org_nr,
    parse_org_nr,
    with_check_digit,
)

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


@pytest.mark.parametrize(
    "raw",
    [
        "556036-0793",
        "5560360793",
        "16556036-0793",
        "165560360793",
        " 556036 0793 ",
        "55 60 36-0793",
    ],
)
def test_accepted_shapes_normalise(raw: str) -> None:
    assert normalize_org_nr(raw) == "556036-0793"
    assert parse_org_nr(raw) == OrgNr("556036-0793", well_formed=True, checksum_ok=True)


@pytest.mark.parametrize(
    "raw",
    ["", "12345", "55603607930", "556036--0793", "19556036-0793", "abcdef-ghij", "556036-079X"],
)
def test_wrong_shapes_are_refused(raw: str) -> None:
    assert normalize_org_nr(raw) is None
    result = parse_org_nr(raw)
    assert not result.well_formed and not result.checksum_ok and not result.valid


def test_wrong_check_digit_is_well_formed_but_not_ok() -> None:
    result = parse_org_nr("556036-0794")
    assert result.well_formed and not result.checksum_ok
    assert result.normalized == "556036-0794"


def test_luhn_rejects_wrong_lengths() -> None:
    assert not luhn_valid("556036079")
    assert not luhn_valid("55603607930")


def test_with_check_digit_refuses_other_lengths() -> None:
    with pytest.raises(ValueError):
        with_check_digit("12345678")


@given(nine_digits)
def test_luhn_round_trip(nine: str) -> None:
    assert luhn_valid(with_check_digit(nine))


@given(nine_digits, st.integers(0, 9), st.integers(1, 9))
def test_any_single_digit_change_breaks_luhn(nine: str, position: int, delta: int) -> None:
    digits = with_check_digit(nine)
    changed = str((int(digits[position]) + delta) % 10)
    assert not luhn_valid(digits[:position] + changed + digits[position + 1 :])


def test_looks_like_org_nr_in_text() -> None:
    assert looks_like_org_nr("Kolla 556036-0793 tack")
    assert looks_like_org_nr("5560360793")
    assert not looks_like_org_nr("ring 0771-524 524")
    assert not looks_like_org_nr("19800101-1234")
