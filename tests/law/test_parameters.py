from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from assistansguiden.law.parameters import (
    ParameterError,
    ParameterNotDecided,
    load_parameters,
    parse_parameters,
    value_on,
)

REF = 'ref: "51 kap. 11 § SFB", url: "https://lagen.nu/2010:110#K51P11"'


def _table(tmp_path: Path, *values: str, extra: str = "") -> str:
    """Write a one-parameter table to a temporary YAML file and read it back."""
    lines = "\n".join(f"      - {{{v}}}" for v in values)
    text = (
        textwrap.dedent(
            """\
        parameters:
          - name: example
            unit: SEK
            description: Ett exempel.
        """
        )
        + extra
        + "    values:\n"
        + lines
        + "\n"
    )
    path = tmp_path / "parameters.yml"
    path.write_text(text, encoding="utf-8")
    return path.read_text(encoding="utf-8")


def test_a_valid_table_loads(tmp_path: Path) -> None:
    table = parse_parameters(
        _table(
            tmp_path,
            f"from: 2024-01-01, until: 2024-12-31, value: 1, {REF}",
            f"from: 2025-01-01, value: 2, {REF}",
        )
    )
    example = table["example"]
    assert example.on(date(2024, 12, 31)).value == 1
    assert example.on(date(2025, 1, 1)).value == 2
    assert example.on(date(2099, 1, 1)).value == 2


def test_a_gap_is_refused(tmp_path: Path) -> None:
    text = _table(
        tmp_path,
        f"from: 2024-01-01, until: 2024-12-30, value: 1, {REF}",
        f"from: 2025-01-01, value: 2, {REF}",
    )
    with pytest.raises(ParameterError, match="gap"):
        parse_parameters(text)


def test_an_overlap_is_refused(tmp_path: Path) -> None:
    text = _table(
        tmp_path,
        f"from: 2024-01-01, until: 2025-01-01, value: 1, {REF}",
        f"from: 2025-01-01, value: 2, {REF}",
    )
    with pytest.raises(ParameterError, match="overlap"):
        parse_parameters(text)


@pytest.mark.parametrize("second", ["2023-06-01", "2024-01-01"])
def test_unsorted_or_duplicate_dates_are_refused(tmp_path: Path, second: str) -> None:
    text = _table(
        tmp_path, f"from: 2024-01-01, value: 1, {REF}", f"from: {second}, value: 2, {REF}"
    )
    with pytest.raises(ParameterError, match="unsorted or duplicate"):
        parse_parameters(text)


def test_a_missing_ref_is_refused(tmp_path: Path) -> None:
    text = _table(tmp_path, 'from: 2024-01-01, value: 1, url: "https://lagen.nu/2010:110"')
    with pytest.raises(ParameterError, match="missing"):
        parse_parameters(text)


def test_a_missing_url_is_refused(tmp_path: Path) -> None:
    text = _table(tmp_path, 'from: 2024-01-01, value: 1, ref: "51 kap. 11 § SFB"')
    with pytest.raises(ParameterError, match="missing"):
        parse_parameters(text)


def test_an_empty_ref_is_refused(tmp_path: Path) -> None:
    text = _table(tmp_path, 'from: 2024-01-01, value: 1, ref: "", url: "https://lagen.nu/x"')
    with pytest.raises(ParameterError, match="ref"):
        parse_parameters(text)


def test_an_unknown_value_key_is_refused(tmp_path: Path) -> None:
    text = _table(tmp_path, f"from: 2024-01-01, value: 1, source: x, {REF}")
    with pytest.raises(ParameterError, match="unknown keys"):
        parse_parameters(text)


def test_an_unknown_parameter_key_is_refused(tmp_path: Path) -> None:
    text = _table(tmp_path, f"from: 2024-01-01, value: 1, {REF}", extra="    owner: x\n")
    with pytest.raises(ParameterError, match="unknown keys"):
        parse_parameters(text)


def test_until_before_from_is_refused(tmp_path: Path) -> None:
    text = _table(tmp_path, f"from: 2024-01-01, until: 2023-12-31, value: 1, {REF}")
    with pytest.raises(ParameterError, match="before"):
        parse_parameters(text)


def test_a_parameter_defined_twice_is_refused() -> None:
    one = (
        "  - {name: a, unit: x, description: y, values: [{from: 2024-01-01, value: 1, "
        + REF
        + "}]}\n"
    )
    with pytest.raises(ParameterError, match="twice"):
        parse_parameters("parameters:\n" + one + one)


def test_outside_the_range_is_not_decided() -> None:
    with pytest.raises(ParameterNotDecided, match="inget beslutat värde"):
        value_on("standard_hourly_amount", date(2027, 1, 1))
    with pytest.raises(ParameterNotDecided, match="2019-01-01 till 2026-12-31"):
        value_on("standard_hourly_amount", date(2018, 12, 31))
    with pytest.raises(ParameterNotDecided):
        value_on("riktalder_for_pension", date(2032, 1, 1))


def test_the_project_table_loads_and_every_value_has_a_source() -> None:
    table = load_parameters()
    for name in (
        "standard_hourly_amount",
        "higher_amount_max_percent",
        "change_report_days",
        "revocation_grace_days",
        "adult_age",
        "age_limit",
        "riktalder_for_pension",
        "basic_needs_hours_per_week",
        "permit_required_for_payment",
    ):
        for value in table[name].values:
            assert value.ref and value.url.startswith("https://")


def test_age_limit_note_records_the_seed_and_the_new_law() -> None:
    note = load_parameters()["age_limit"].note or ""
    assert "66" in note and "riktåldern" in note and "2026-01-01" in note


@pytest.mark.parametrize(
    ("name", "day", "expected"),
    [
        ("age_limit", date(2022, 12, 31), 65),
        ("age_limit", date(2023, 1, 1), 66),
        ("age_limit", date(2025, 12, 31), 66),
        ("age_limit", date(2026, 1, 1), "riktalder"),
        ("riktalder_for_pension", date(2031, 12, 31), 67),
        ("revocation_grace_days", date(2021, 11, 1), 14),
        ("permit_required_for_payment", date(2021, 10, 31), False),
        ("permit_required_for_payment", date(2021, 11, 1), True),
        ("change_report_days", date(2026, 1, 1), 14),
        ("basic_needs_hours_per_week", date(2026, 1, 1), 20),
        ("higher_amount_max_percent", date(2026, 1, 1), 12),
        ("adult_age", date(2026, 1, 1), 18),
    ],
)
def test_values_of_law(name: str, day: date, expected: object) -> None:
    assert value_on(name, day).value == expected


def test_grace_rule_is_not_decided_before_november_2021() -> None:
    with pytest.raises(ParameterNotDecided):
        value_on("revocation_grace_days", date(2021, 10, 31))


def test_standard_amount_changes_at_the_year_end() -> None:
    assert value_on("standard_hourly_amount", date(2025, 12, 31)).value == 339.20
    assert value_on("standard_hourly_amount", date(2026, 1, 1)).value == 347.70
    assert value_on("standard_hourly_amount", date(2026, 12, 31)).value == 347.70
