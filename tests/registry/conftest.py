"""Registry fixtures: every registry test runs on SQLite and on PostgreSQL.

PostgreSQL comes from $ASSISTANS_TEST_PG_URL; each test gets its own schema,
dropped afterwards, so parallel runs and other data in the database are safe.
"""

from __future__ import annotations

import csv
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.future import create_engine
from sqlalchemy.orm import Session

from assistansguiden.law import with_check_digit
from assistansguiden.registry import (
    ProviderRepository,
    create_schema,
    import_providers,
    make_engine,
    session_factory,
)
from assistansguiden.registry.csvfile import COLUMNS
from tests.conftest import REPO_ROOT, skip_or_fail

PG_DEFAULT_URL = "postgresql+psycopg2://postgres@127.0.0.1:5432/test"
SAMPLE_CSV = REPO_ROOT / "data" / "providers" / "sample_providers.csv"


def org_nr(n: int, prefix: str = "559") -> str:
    """A valid organisation number "NNNNNN-NNNN" built from a counter."""
    digits = with_check_digit(f"{prefix}{n:06d}")
    return f"{digits[:6]}-{digits[6:]}"


def provider_row(**overrides: Any) -> dict[str, str]:
    """A valid CSV row (a private provider with a permit for everyone)."""
    row = {
        "org_nr": org_nr(1),
        "name": "Exempelassistans Test AB",
        "kind": "private",
        "permit_from": "2020-01-01",
        "permit_revoked": "",
        "personkrets": "1;2;3",
        "age_groups": "children;adults",
        "f_skatt": "true",
        "employer_registered": "true",
    }
    row.update({k: str(v) for k, v in overrides.items()})
    return row


def write_csv(
    path: Path,
    rows: list[dict[str, str]],
    *,
    columns: tuple[str, ...] = COLUMNS,
    bom: bool = False,
) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(scope="session")
def pg_url() -> str:
    """The PostgreSQL URL, after checking once that the server answers."""
    url = os.environ.get("ASSISTANS_TEST_PG_URL", PG_DEFAULT_URL)
    probe = create_engine(url, future=True, connect_args={"connect_timeout": 3})
    try:
        with probe.connect() as conn:
            conn.execute(text("select 1"))
    except SQLAlchemyError as error:
        skip_or_fail(f"PostgreSQL på {make_url(url)!r} svarar inte: {str(error).splitlines()[0]}")
    finally:
        probe.dispose()
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'registry.sqlite'}")
        create_schema(engine)
        yield engine
        engine.dispose()
        return

    url = request.getfixturevalue("pg_url")
    schema = f"test_registry_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, future=True)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    # libpq "options" puts every connection of the engine in the test's schema.
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    engine = make_engine(scoped.render_as_string(hide_password=False))
    create_schema(engine)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sample_engine(engine: Engine) -> Engine:
    """A registry holding the fictional sample providers."""
    import_providers(engine, SAMPLE_CSV)
    return engine


@pytest.fixture
def session(sample_engine: Engine) -> Iterator[Session]:
    with session_factory(sample_engine)() as session:
        yield session


@pytest.fixture
def repo(session: Session) -> ProviderRepository:
    return ProviderRepository(session)
