"""Fixtures of the action tests: a fixed today, a sample registry, a registry that is down."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistansguiden.registry import create_schema, import_providers, make_engine
from assistansguiden.registry import service as registry_service
from tests.actions.form_helpers import UNREACHABLE_DB
from tests.registry.conftest import SAMPLE_CSV


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANS_TODAY", "2026-11-23")


@pytest.fixture
def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A SQLite registry holding the fictional sample providers."""
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    engine = make_engine(url)
    create_schema(engine)
    import_providers(engine, SAMPLE_CSV)
    engine.dispose()
    monkeypatch.setenv("ASSISTANS_DB_URL", url)
    registry_service.clear_cache()
    yield url
    registry_service.clear_cache()


@pytest.fixture
def registry_down(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ASSISTANS_DB_URL", UNREACHABLE_DB)
    registry_service.clear_cache()
    yield
    registry_service.clear_cache()
