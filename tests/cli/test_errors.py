"""Exit codes: 0 for every decision, 2 for unusable input, 3 for an unreachable registry."""

from __future__ import annotations

import pytest

from assistansguiden.cli import main
from tests.cli.conftest import Cli

ENGLISH = ("usage:", "error:", "invalid choice", "unrecognized", "required", "Traceback")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["provider", "solstralen", "--date", "2026-13-01"], "ÅÅÅÅ-MM-DD"),
        (["provider", "solstralen", "--date", "23/11/2026"], "inget datum"),
        (["provider", "solstralen", "--informed", "igår"], "inget datum"),
        (["provider", "solstralen", "--personkrets", "4"], "ogiltigt val"),
        (["provider", "solstralen", "--age-group", "barn"], "ogiltigt val"),
        (["provider", "solstralen", "--okand"], "okända argument"),
        (["provider"], "saknas"),
        (["payee", "--json"], "saknas"),
        ([], "saknas"),
        (["hjälp"], "ogiltigt val"),
        (["amounts", "--year", "1990"], "1990"),
        (["amounts", "--year", "tjugo"], "årtal"),
        (["deadline"], "--change-date"),
        (["deadline", "--change-date", "2026-02-30"], "inget datum"),
        (["age", "--birth-date", "2030-01-01"], "efter dagens datum"),
        (["age", "--birth-date", "2008-05-14", "--today", "x"], "inget datum"),
        (["import-providers", "finns-inte.csv"], "filen finns inte"),
    ],
)
def test_unusable_input_exits_2(cli: Cli, args: list[str], words: str) -> None:
    for json_flag in ([], ["--json"]) if args and args[0] in ("amounts", "age") else ([],):
        run = cli(*args, *json_flag)
        assert run.code == 2
        assert run.out == ""
        assert words in run.err
        assert not any(english in run.err for english in ENGLISH), run.err


def test_bad_today_in_the_environment(cli: Cli) -> None:
    run = cli("amounts", env={"ASSISTANS_TODAY": "2026-11-31"})
    assert run.code == 2 and run.out == "" and "ASSISTANS_TODAY" in run.err


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////finns/inte/mappen/registry.sqlite",
        "postgresql+psycopg2://postgres@127.0.0.1:1/test?connect_timeout=2",
    ],
)
def test_unreachable_registry_exits_3(cli: Cli, url: str) -> None:
    run = cli("provider", "solstralen", "--json", env={"ASSISTANS_DB_URL": url})
    assert run.code == 3
    assert run.out == ""
    assert "anordnarregistret kunde inte nås" in run.err


def test_help_documents_the_exit_codes(cli: Cli) -> None:
    run = cli("--help")
    assert run.code == 0
    assert "användning: assistans" in run.out and "slutkoder" in run.out
    assert "  3  anordnarregistret kunde inte nås" in run.out


def test_main_returns_the_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["amounts", "--year", "2024", "--json"]) == 0
    assert '"standard_hourly_amount": 332.6' in capsys.readouterr().out
    assert main(["amounts", "--year", "1990"]) == 2
    assert main(["--okand"]) == 2
    assert capsys.readouterr().out == ""
