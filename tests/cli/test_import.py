"""`assistans import-providers`: summary, all-or-nothing, --replace."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from assistansguiden.registry import make_engine
from assistansguiden.registry.models import Provider
from tests.cli.conftest import Cli
from tests.registry.conftest import SAMPLE_CSV, org_nr, provider_row, write_csv


def org_nrs(db_url: str) -> set[str]:
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            return set(conn.execute(select(Provider.org_nr)).scalars())
    finally:
        engine.dispose()


def test_import_sample(cli: Cli, db_url: str) -> None:
    run = cli("import-providers", str(SAMPLE_CSV))
    assert run.code == 0, run.err
    assert run.out.startswith("Importerade 15 anordnare ")
    assert "15 nya, 0 uppdaterade" in run.out
    assert len(org_nrs(db_url)) == 15


def test_import_json(cli: Cli) -> None:
    data = cli("import-providers", str(SAMPLE_CSV), "--json").json()
    assert data["inserted"] == 15 and data["updated"] == 0 and data["total"] == 15


def test_failed_import_names_the_line_and_changes_nothing(
    cli: Cli, db_url: str, tmp_path: Path
) -> None:
    cli("import-providers", str(SAMPLE_CSV))
    rows = [provider_row(org_nr=org_nr(n), name=f"Ny {n} AB") for n in range(5)]
    rows.append(provider_row(org_nr=org_nr(9), permit_from="2026-02-30"))  # line 7
    run = cli("import-providers", str(write_csv(tmp_path / "bad.csv", rows)), "--replace")
    assert run.code == 2
    assert run.out == ""
    assert "Rad 7:" in run.err and "permit_from" in run.err and "oförändrat" in run.err
    assert len(org_nrs(db_url)) == 15


def test_replace(cli: Cli, db_url: str, tmp_path: Path) -> None:
    cli("import-providers", str(SAMPLE_CSV))
    rows = [provider_row(org_nr="559901-0013", name="Exempelassistans Solstrålen AB")]
    rows.append(provider_row(org_nr=org_nr(5), name="Ny Anordnare AB"))
    run = cli("import-providers", str(write_csv(tmp_path / "new.csv", rows)), "--replace")
    assert run.code == 0, run.err
    assert "Importerade 2 anordnare" in run.out and "14 borttagna" in run.out
    assert org_nrs(db_url) == {"559901-0013", org_nr(5)}


def test_import_does_not_load_the_sample_first(cli: Cli, db_url: str, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "one.csv", [provider_row()])
    assert cli("import-providers", str(path)).code == 0
    assert org_nrs(db_url) == {org_nr(1)}
    # and a look-up afterwards does not add the sample to a registry that has data
    assert cli("provider", "solstralen", "--json").json()["codes"] == ["NOT_FOUND"]
