"""`assistans insights`: the report of the known conversations, as JSON and as text."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Cli
from tests.insights import known


def known_store(tmp_path: Path) -> str:
    path = tmp_path / "conversations.sqlite"
    known.write({"dialect": "sqlite", "db": str(path)})
    return f"sqlite:///{path}"


def test_insights_json_is_the_report(cli: Cli, tmp_path: Path) -> None:
    run = cli("insights", "--days", "7", "--json", "--db-url", known_store(tmp_path))
    assert run.code == 0, run.err
    assert run.json() == known.EXPECTED


def test_insights_reads_the_store_the_environment_names(cli: Cli, tmp_path: Path) -> None:
    url = known_store(tmp_path)
    run = cli("insights", "--days", "7", "--json", env={"ASSISTANS_TRACKER_DB_URL": url})
    assert run.code == 0 and run.json()["messages"] == 25


def test_insights_text_for_a_person(cli: Cli, tmp_path: Path) -> None:
    run = cli("insights", "--days", "7", "--db-url", known_store(tmp_path))
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "Insikter 17 november 2026–23 november 2026 (7 dagar)"
    assert "Samtal: 10. Meddelanden: 25." in lines
    assert "Inte förstått (fallback): 4 (16 %)." in lines
    assert "  check_provider: 2, 1, 50 %" in lines
    assert "  provider_form: 2, 1, 1 (personkrets 1)" in lines
    assert "  check_provider: 0, 1" in lines
    assert "  4 × ”vad kostar en hund” (4 avsändare)" in lines
    assert "sender-" not in run.out and "1234" not in run.out


def test_insights_refuses_a_period_that_is_no_number_of_days(cli: Cli) -> None:
    for days in ("0", "-3", "tio"):
        run = cli("insights", "--days", days)
        assert run.code == 2 and "antal dagar" in run.err and run.out == ""


def test_insights_says_when_the_conversations_cannot_be_read(cli: Cli) -> None:
    run = cli("insights", "--db-url", "postgresql://nobody@127.0.0.1:1/none")
    assert run.code == 3 and "samtalsdatabasen kunde inte läsas" in run.err and run.out == ""


def test_insights_of_a_store_not_yet_made(cli: Cli, tmp_path: Path) -> None:
    run = cli("insights", "--json", "--db-url", f"sqlite:///{tmp_path / 'none.sqlite'}")
    assert run.code == 0 and run.json()["period"]["days"] == 30
    assert not (tmp_path / "none.sqlite").exists()
