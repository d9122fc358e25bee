"""Engines, schema and the first-run sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from assistansguiden.registry import ensure_sample_loaded, import_providers, make_engine
from assistansguiden.registry.db import REPO_ROOT, provider_count
from tests.registry.conftest import provider_row, write_csv


def test_url_from_argument_then_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANS_DB_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    assert make_engine().url.database == str(tmp_path / "env.sqlite")
    assert make_engine(f"sqlite:///{tmp_path / 'arg.sqlite'}").url.database == str(
        tmp_path / "arg.sqlite"
    )


def test_default_is_a_sqlite_file_in_dot_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASSISTANS_DB_URL", raising=False)
    engine = make_engine()
    assert engine.dialect.name == "sqlite"
    assert engine.url.database == str(REPO_ROOT / ".data" / "registry.sqlite")
    assert (REPO_ROOT / ".data").is_dir()


def test_importing_the_package_makes_no_engine() -> None:
    import assistansguiden.registry.db as db

    assert not [v for v in vars(db).values() if isinstance(v, Engine)]


def test_sample_loaded_on_first_run_only(engine: Engine, tmp_path: Path) -> None:
    if engine.dialect.name != "sqlite":
        # Production registry: never filled with fictional providers.
        assert ensure_sample_loaded(engine) is False
        assert provider_count(engine) == 0
        return
    assert ensure_sample_loaded(engine) is True
    assert provider_count(engine) == 15
    assert ensure_sample_loaded(engine) is False
    assert provider_count(engine) == 15


def test_sample_not_loaded_into_a_registry_with_data(engine: Engine, tmp_path: Path) -> None:
    import_providers(engine, write_csv(tmp_path / "one.csv", [provider_row()]))
    assert ensure_sample_loaded(engine) is False
    assert provider_count(engine) == 1
