"""CSV import: every row checked first, then all written in one transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from assistansguiden.registry import ImportFailed, ImportReport, import_providers
from assistansguiden.registry.csvfile import COLUMNS
from assistansguiden.registry.models import Provider
from tests.registry.conftest import SAMPLE_CSV, org_nr, provider_row, write_csv


def registry(engine: Engine) -> dict[str, str]:
    """org_nr -> name of everything in the registry."""
    with engine.connect() as conn:
        return dict(conn.execute(select(Provider.org_nr, Provider.name)).all())


def five_rows(start: int = 0) -> list[dict[str, str]]:
    return [
        provider_row(org_nr=org_nr(start + n), name=f"Anordnare {start + n} AB") for n in range(5)
    ]


def test_import_sample(engine: Engine) -> None:
    report = import_providers(engine, SAMPLE_CSV)
    assert report == ImportReport(inserted=15, updated=0, total=15, removed=0)
    assert len(registry(engine)) == 15


def test_import_again_updates(engine: Engine, tmp_path: Path) -> None:
    import_providers(engine, write_csv(tmp_path / "a.csv", five_rows()))
    renamed = [provider_row(org_nr=org_nr(0), name="Nytt Namn AB"), *five_rows(10)[:2]]
    report = import_providers(engine, write_csv(tmp_path / "b.csv", renamed))
    assert report == ImportReport(inserted=2, updated=1, total=3, removed=0)
    assert registry(engine)[org_nr(0)] == "Nytt Namn AB"
    assert len(registry(engine)) == 7  # without replace, the others stay


def test_replace_removes_what_is_not_in_the_file(engine: Engine, tmp_path: Path) -> None:
    import_providers(engine, write_csv(tmp_path / "a.csv", five_rows()))
    rows = [five_rows()[0], *five_rows(10)[:2]]
    report = import_providers(engine, write_csv(tmp_path / "b.csv", rows), replace=True)
    assert report == ImportReport(inserted=2, updated=1, total=3, removed=4)
    assert sorted(registry(engine)) == sorted(r["org_nr"] for r in rows)


def test_bad_row_on_line_7_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    import_providers(engine, write_csv(tmp_path / "a.csv", five_rows()))
    before = registry(engine)
    rows = five_rows(100)  # lines 2-6
    rows.append(provider_row(org_nr=org_nr(200), kind="foretag"))  # line 7
    rows.append(provider_row(org_nr=org_nr(201)))
    path = write_csv(tmp_path / "bad.csv", rows)
    for replace in (False, True):
        with pytest.raises(ImportFailed) as failed:
            import_providers(engine, path, replace=replace)
        assert failed.value.line_number == 7
        assert "kind" in failed.value.reason and "foretag" in failed.value.reason
        assert str(failed.value).startswith("Rad 7: ")
        assert registry(engine) == before


def test_failure_while_writing_rolls_back(engine: Engine, tmp_path: Path) -> None:
    # A name too long for the column would pass a lax check; here the database
    # refuses the last chunk after earlier chunks were written, and all are undone.
    import_providers(engine, write_csv(tmp_path / "a.csv", five_rows()))
    before = registry(engine)
    rows = [provider_row(org_nr=org_nr(1000 + n), name=f"Ny {n} AB") for n in range(1200)]
    path = write_csv(tmp_path / "many.csv", rows)

    from assistansguiden.registry import importer

    real_insert = importer.insert
    calls = {"n": 0}

    def failing_insert(table):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disken tog slut")
        return real_insert(table)

    importer.insert = failing_insert  # type: ignore[assignment]
    try:
        with pytest.raises(RuntimeError):
            import_providers(engine, path, replace=True)
    finally:
        importer.insert = real_insert  # type: ignore[assignment]
    assert registry(engine) == before


def test_duplicate_org_nr_in_the_file(engine: Engine, tmp_path: Path) -> None:
    rows = five_rows()
    rows.append(provider_row(org_nr=org_nr(2).replace("-", ""), name="Samma igen AB"))  # line 7
    with pytest.raises(ImportFailed) as failed:
        import_providers(engine, write_csv(tmp_path / "dup.csv", rows))
    assert failed.value.line_number == 7
    assert org_nr(2) in failed.value.reason and "rad 4" in failed.value.reason
    assert registry(engine) == {}


def test_bom_and_column_order(engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bom.csv", five_rows(), columns=tuple(reversed(COLUMNS)), bom=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert import_providers(engine, path).inserted == 5
    assert registry(engine)[org_nr(0)] == "Anordnare 0 AB"


def test_org_nr_without_hyphen_is_stored_normalised(engine: Engine, tmp_path: Path) -> None:
    row = provider_row(org_nr=org_nr(7).replace("-", ""))
    import_providers(engine, write_csv(tmp_path / "p.csv", [row]))
    assert list(registry(engine)) == [org_nr(7)]


def test_municipal_without_permit(engine: Engine, tmp_path: Path) -> None:
    row = provider_row(
        org_nr=org_nr(1, "212"), kind="municipal", permit_from="", personkrets="", age_groups=""
    )
    assert import_providers(engine, write_csv(tmp_path / "p.csv", [row])).inserted == 1


@pytest.mark.parametrize(
    ("override", "words"),
    [
        ({"org_nr": "55990100"}, "tio siffror"),
        ({"org_nr": "16559901-0013"}, "tio siffror"),
        ({"org_nr": "559901-0014"}, "kontrollsiffra"),
        ({"name": ""}, "Namnet saknas"),
        ({"name": "X" * 201}, "200 tecken"),
        ({"kind": "Private"}, "kind"),
        ({"permit_from": "2020-13-01"}, "ÅÅÅÅ-MM-DD"),
        ({"permit_from": "1/1 2020"}, "ÅÅÅÅ-MM-DD"),
        ({"permit_from": "20200101"}, "ÅÅÅÅ-MM-DD"),
        ({"permit_revoked": "2019-12-31"}, "före permit_from"),
        ({"permit_from": "", "permit_revoked": "2021-01-01"}, "permit_from saknas"),
        ({"personkrets": "1;4"}, "personkrets"),
        ({"personkrets": "1,2"}, "personkrets"),
        ({"personkrets": "1;;2"}, "personkrets"),
        ({"age_groups": "barn"}, "age_groups"),
        ({"f_skatt": "ja"}, "f_skatt"),
        ({"employer_registered": ""}, "employer_registered"),
    ],
)
def test_row_checks(engine: Engine, tmp_path: Path, override: dict[str, str], words: str) -> None:
    rows = [*five_rows(), provider_row(**{"org_nr": org_nr(99), **override})]
    with pytest.raises(ImportFailed) as failed:
        import_providers(engine, write_csv(tmp_path / "bad.csv", rows))
    assert failed.value.line_number == 7
    assert words in failed.value.reason
    assert registry(engine) == {}


def test_revoked_on_the_day_it_started_is_allowed(engine: Engine, tmp_path: Path) -> None:
    row = provider_row(permit_from="2021-01-01", permit_revoked="2021-01-01")
    assert import_providers(engine, write_csv(tmp_path / "p.csv", [row])).inserted == 1


@pytest.mark.parametrize(
    ("columns", "words"),
    [
        (tuple(c for c in COLUMNS if c != "f_skatt"), "saknas"),
        ((*COLUMNS, "telefon"), "Okänd kolumn"),
        ((*COLUMNS, "name"), "mer än en gång"),
    ],
)
def test_header_checks(
    engine: Engine, tmp_path: Path, columns: tuple[str, ...], words: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(",".join(columns) + "\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        import_providers(engine, path)
    assert failed.value.line_number == 1
    assert words in failed.value.reason


def test_wrong_number_of_fields(engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", five_rows())
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"{org_nr(50)},Kort rad AB,private\n")
    with pytest.raises(ImportFailed) as failed:
        import_providers(engine, path)
    assert failed.value.line_number == 7 and "fält" in failed.value.reason


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        (b"", 1, "tom"),
        (",".join(COLUMNS).encode() + b"\n", 2, "inga anordnare"),
        (",".join(COLUMNS).encode() + b"\n559901-0013,Caf\xe9 AB\n", 2, "UTF-8"),
    ],
)
def test_file_checks(engine: Engine, tmp_path: Path, content: bytes, line: int, words: str) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFailed) as failed:
        import_providers(engine, path)
    assert failed.value.line_number == line and words in failed.value.reason


def test_missing_file(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as failed:
        import_providers(engine, tmp_path / "finns-inte.csv")
    assert failed.value.line_number == 0 and "kunde inte läsas" in str(failed.value)


def test_blank_lines_are_skipped(engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", five_rows())
    path.write_text(path.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    assert import_providers(engine, path).total == 5


def test_progress_bar_only_for_large_files(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import_providers(engine, write_csv(tmp_path / "small.csv", five_rows()), progress=True)
    assert capsys.readouterr().err == ""
    rows = [provider_row(org_nr=org_nr(n), name=f"Anordnare {n}") for n in range(1001)]
    import_providers(engine, write_csv(tmp_path / "large.csv", rows), progress=True)
    captured = capsys.readouterr()
    assert "Importerar" in captured.err and "1001" in captured.err
    assert captured.out == ""
