"""Fixtures of the website tests: a sample registry, a fixed today, the application."""

from __future__ import annotations

from typing import Any

import pytest

from assistansguiden.registry import create_schema, import_providers, make_engine
from tests.conftest import FIXED_TODAY, REPO_ROOT
from web.server import create_app

SAMPLE_CSV = REPO_ROOT / "data" / "providers" / "sample_providers.csv"
RASA = "http://127.0.0.1:5105"


@pytest.fixture(scope="module")
def registry_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A temporary SQLite registry holding the fictional sample providers."""
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'registry.sqlite'}"
    engine = make_engine(url)
    create_schema(engine)
    import_providers(engine, SAMPLE_CSV)
    engine.dispose()
    return url


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANS_TODAY", FIXED_TODAY)


@pytest.fixture
def app(registry_url: str) -> Any:
    return create_app(rasa_url=RASA, db_url=registry_url)
