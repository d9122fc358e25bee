"""`assistans amounts`, `deadline` and `age`."""

from __future__ import annotations

from tests.cli.conftest import Cli


def test_amounts_2024(cli: Cli) -> None:
    run = cli("amounts", "--year", "2024", "--json")
    assert run.code == 0, run.err
    data = run.json()
    assert set(data) == {"year", "standard_hourly_amount", "max_higher_hourly_amount", "legal_refs"}
    assert data["year"] == 2024
    assert data["standard_hourly_amount"] == 332.6
    assert data["max_higher_hourly_amount"] == 372.51
    assert data["legal_refs"] and all(isinstance(r, str) for r in data["legal_refs"])


def test_amounts_default_to_this_year(cli: Cli) -> None:
    assert cli("amounts", "--json").json()["year"] == 2026


def test_amounts_text(cli: Cli) -> None:
    out = cli("amounts", "--year", "2024").out
    assert "Schablonbelopp: 332,60 kr per timme." in out
    assert "högst 372,51 kr per timme (12 procent över schablonbeloppet)" in out
    assert "Källor:" in out


def test_deadline(cli: Cli) -> None:
    run = cli("deadline", "--change-date", "2026-11-01", "--json")
    assert run.code == 0, run.err
    data = run.json()
    # DESIGN.md's three keys, and the day counted to and why the last day moved.
    assert {"change_date", "deadline", "legal_refs"} <= set(data)
    assert data["change_date"] == "2026-11-01"
    # 14 days end on Sunday 15 November: the last day is Monday (2 § lagen (1930:173)).
    assert data["deadline"] == "2026-11-16"
    assert (data["counted_day"], data["move"], data["moved_because"]) == (
        "2026-11-15",
        "MOVED_WEEKEND",
        "söndag",
    )
    assert data["legal_refs"] == [
        "110 kap. 47 § socialförsäkringsbalken (2010:110)",
        "2 § lagen (1930:173) om beräkning av lagstadgad tid",
    ]


def test_deadline_text(cli: Cli) -> None:
    out = cli("deadline", "--change-date", "2026-11-01").out
    assert "så snart som möjligt. Sista dagen är 16 november 2026." in out
    assert "är söndag 15 november 2026" in out and "måndag 16 november 2026" in out
    assert "Sista dagen har passerat" in out  # ASSISTANS_TODAY is 23 November 2026


AGE_KEYS = {
    "birth_date", "today", "age", "turns_18", "age_limit", "reaches_age_limit", "stage",
    "next_steps",
}  # fmt: skip


def test_age_child_turning_18(cli: Cli) -> None:
    run = cli("age", "--birth-date", "2009-02-10", "--json")
    assert run.code == 0, run.err
    data = run.json()
    assert set(data) == AGE_KEYS
    assert data["today"] == "2026-11-23"
    assert data["age"] == 17 and data["stage"] == "child"
    assert data["turns_18"] == "2027-02-10"
    assert isinstance(data["age_limit"], int)
    assert data["next_steps"]


def test_age_with_today_option(cli: Cli) -> None:
    # Turned 65 in 2022, before the limit became 66: keeps 65 (SFS 2022:878, p. 4).
    data = cli("age", "--birth-date", "1957-06-01", "--today", "2024-01-01", "--json").json()
    assert data["today"] == "2024-01-01"
    assert data["stage"] == "past_age_limit"
    assert data["age_limit"] == 65 and data["reaches_age_limit"] == "2022-06-01"


def test_age_text(cli: Cli) -> None:
    out = cli("age", "--birth-date", "2009-02-10").out
    assert "Skede: barn." in out and "18 år: 10 februari 2027." in out and "Nästa steg:" in out
