"""age_stage: dated age limits, kept limits, 18th birthdays, leap days."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistansguiden.law.age import age_on, age_stage, birthday

TODAY = date(2026, 11, 23)


def test_limit_65_kept_by_who_reached_it_in_2022() -> None:
    result = age_stage(date(1957, 12, 31), TODAY)
    assert (result.age_limit, result.reaches_age_limit) == (65, date(2022, 12, 31))
    assert result.stage == "past_age_limit"
    # Kept by the transitional provisions to SFS 2022:878, not by 2 kap. 10 c §.
    assert (
        "punkt 4 övergångsbestämmelserna till SFS 2022:878 (socialförsäkringsbalken (2010:110))"
        in result.legal_refs
    )


def test_limit_66_for_who_turned_65_in_2023() -> None:
    result = age_stage(date(1958, 3, 1), TODAY)
    assert (result.age_limit, result.reaches_age_limit) == (66, date(2024, 3, 1))


def test_limit_66_for_who_turned_66_in_2025() -> None:
    result = age_stage(date(1959, 12, 31), TODAY)
    assert (result.age_limit, result.reaches_age_limit) == (66, date(2025, 12, 31))
    assert result.stage == "past_age_limit"
    assert any("inte få fler timmar" in s for s in result.next_steps)


def test_limit_67_from_2026() -> None:
    result = age_stage(date(1960, 1, 1), date(2026, 1, 1))
    assert (result.age_limit, result.reaches_age_limit) == (67, date(2027, 1, 1))
    assert result.stage == "adult" and result.age == 66
    later = age_stage(date(1960, 2, 1), TODAY)
    assert (later.age_limit, later.reaches_age_limit) == (67, date(2027, 2, 1))
    assert any(ref.startswith("2 kap. 10 a § socialförsäkringsbalken") for ref in later.legal_refs)
    assert "2 kap. 10 c § andra stycket socialförsäkringsbalken (2010:110)" in later.legal_refs
    assert not later.notes


def test_application_must_arrive_the_day_before_the_limit() -> None:
    steps = age_stage(date(1960, 2, 1), TODAY).next_steps
    assert any("senast 31 januari 2027" in s for s in steps)
    assert any("Från 1 februari 2027" in s for s in steps)


def test_limit_after_2031_is_preliminary() -> None:
    result = age_stage(date(1970, 5, 5), TODAY)
    assert (result.age_limit, result.reaches_age_limit) == (67, date(2037, 5, 5))
    assert result.notes and "preliminär" in result.notes[0]
    assert result.to_json()["next_steps"][-1] == result.notes[0]


def test_last_decided_riktalder_year_is_not_preliminary() -> None:
    result = age_stage(date(1964, 12, 31), TODAY)
    assert result.reaches_age_limit == date(2031, 12, 31) and not result.notes
    assert age_stage(date(1965, 1, 1), TODAY).notes


def test_turns_18_on_the_day() -> None:
    birth = date(2008, 11, 23)
    assert age_stage(birth, date(2026, 11, 22)).stage == "child"
    on_the_day = age_stage(birth, TODAY)
    assert on_the_day.stage == "adult" and on_the_day.age == 18
    assert on_the_day.turns_18 == TODAY


def test_child_is_told_to_check_the_permit_covers_adults() -> None:
    result = age_stage(date(2010, 6, 1), TODAY)
    assert result.stage == "child" and result.turns_18 == date(2028, 6, 1)
    assert any("vuxna" in s for s in result.next_steps)


def test_leap_day_birthday_turns_older_on_1_march() -> None:
    birth = date(2008, 2, 29)
    assert birthday(birth, 18) == date(2026, 3, 1)
    assert age_on(birth, date(2026, 2, 28)) == 17
    assert age_on(birth, date(2026, 3, 1)) == 18
    assert birthday(birth, 20) == date(2028, 2, 29)
    assert age_stage(birth, date(2026, 2, 28)).stage == "child"
    assert age_stage(birth, date(2026, 3, 1)).stage == "adult"


def test_leap_day_birthday_reaches_the_limit_on_1_march() -> None:
    result = age_stage(date(1960, 2, 29), TODAY)
    assert (result.age_limit, result.reaches_age_limit) == (67, date(2027, 3, 1))


def test_year_end_birthday() -> None:
    assert age_on(date(2000, 12, 31), date(2026, 12, 30)) == 25
    assert age_on(date(2000, 12, 31), date(2026, 12, 31)) == 26


def test_birth_after_today_is_refused() -> None:
    with pytest.raises(ValueError, match="efter dagens datum"):
        age_stage(date(2026, 11, 24), TODAY)


def test_json_shape() -> None:
    data = age_stage(date(2010, 6, 1), TODAY).to_json()
    assert list(data) == [
        "birth_date",
        "today",
        "age",
        "turns_18",
        "age_limit",
        "reaches_age_limit",
        "stage",
        "next_steps",
    ]
    assert data["turns_18"] == "2028-06-01" and data["age"] == 16


@given(st.dates(date(1930, 1, 1), date(2026, 11, 23)))
def test_limit_is_reached_in_its_own_period(birth: date) -> None:
    result = age_stage(birth, TODAY)
    assert result.age_limit in (65, 66, 67)
    assert age_on(birth, result.reaches_age_limit) == result.age_limit
    if result.age_limit == 65:
        assert result.reaches_age_limit <= date(2022, 12, 31)
    elif result.age_limit == 66:
        assert date(2023, 1, 1) <= result.reaches_age_limit <= date(2025, 12, 31)
    else:
        assert result.reaches_age_limit >= date(2026, 1, 1)
