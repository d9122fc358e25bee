"""Engine, schema and sessions for the registry (SQLAlchemy 1.4, 2.0 style)."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.future import create_engine
from sqlalchemy.orm import Session, sessionmaker

from assistansguiden.registry.models import Provider, metadata

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_CSV = REPO_ROOT / "data" / "providers" / "sample_providers.csv"
ENV_URL = "ASSISTANS_DB_URL"


def default_url() -> str:
    data_dir = REPO_ROOT / ".data"
    data_dir.mkdir(exist_ok=True)
    return f"sqlite:///{data_dir / 'registry.sqlite'}"


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url`, else $ASSISTANS_DB_URL, else the SQLite file in .data/."""
    url = url or os.environ.get(ENV_URL) or default_url()
    # pool_pre_ping: the action server keeps engines for days; PostgreSQL may
    # have been restarted in between.
    return create_engine(url, future=True, pool_pre_ping=True)


def create_schema(engine: Engine) -> None:
    metadata.create_all(engine)


def session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(bind=engine, class_=Session, future=True, expire_on_commit=False)


def provider_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Provider)).scalar_one())
