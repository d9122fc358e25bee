"""Shared test settings: a fixed 'today' so dated answers do not drift, and the tracker
databases (SQLite, and PostgreSQL when it answers)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXED_TODAY = "2026-11-23"
PG_DEFAULT_URL = "postgresql+psycopg2://postgres@127.0.0.1:5432/test"


def skip_or_fail(reason: str) -> None:
    """A missing service may skip a local run, never a CI run."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this may not be skipped)")
    print(f"\nSKIP: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@dataclass(frozen=True)
class TrackerDatabase:
    """An empty database for Rasa's SQL tracker store: its URL for SQLAlchemy and the
    keyword arguments that make a (Masking)SQLTrackerStore write there."""

    url: str
    store_kwargs: dict[str, Any]


def _postgres_tracker_database() -> Iterator[TrackerDatabase]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    url = os.environ.get("ASSISTANS_TEST_PG_URL", PG_DEFAULT_URL)
    admin = create_engine(url, future=True, connect_args={"connect_timeout": 3})
    schema = f"test_trackers_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except SQLAlchemyError as error:
        admin.dispose()
        skip_or_fail(f"PostgreSQL på {make_url(url)!r} svarar inte: {str(error).splitlines()[0]}")
    # libpq "options" puts every connection in the test's own schema.
    options = {"options": f"-csearch_path={schema}"}
    scoped = make_url(url).update_query_dict(options)
    parts = make_url(url)
    try:
        yield TrackerDatabase(
            scoped.render_as_string(hide_password=False),
            {
                "dialect": "postgresql",
                "host": parts.host,
                "port": parts.port or 5432,
                "db": parts.database,
                "username": parts.username,
                "password": parts.password,
                "query": options,
            },
        )
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def tracker_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TrackerDatabase]:
    """A tracker store's database: a SQLite file, or a PostgreSQL schema of its own
    (skipped with the reason when no server answers, failed when CI is set)."""
    if request.param == "sqlite":
        path = tmp_path / "trackers.sqlite"
        yield TrackerDatabase(f"sqlite:///{path}", {"dialect": "sqlite", "db": str(path)})
        return
    yield from _postgres_tracker_database()
