"""Who may do what in the production stack: Redis only with its password, and the website's
database role can read the provider registry and nothing else (checked on the local
PostgreSQL with deploy/postgres-init.sh, the script the postgres image runs)."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import yaml
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from assistansguiden.registry import create_schema, import_providers, make_engine
from assistansguiden.registry.service import RegistryService
from tests.conftest import REPO_ROOT, skip_or_fail
from tests.deploy.test_compose import ENDPOINTS_PROD, as_args, raw_compose

PG_HOST = os.environ.get("ASSISTANS_TEST_PG_HOST", "127.0.0.1")
INIT_SCRIPT = REPO_ROOT / "deploy" / "postgres-init.sh"


def test_redis_needs_a_password_that_is_not_in_its_arguments() -> None:
    redis = raw_compose()["services"]["redis"]
    command = " ".join(as_args(redis["entrypoint"]) + as_args(redis["command"]))
    assert "requirepass" in command and "redis-server -" in command  # config on stdin
    assert "$$REDIS_PASSWORD" in command and "--requirepass" not in command
    assert redis["environment"]["REDIS_PASSWORD"].startswith("${REDIS_PASSWORD:?")
    assert redis["environment"]["REDISCLI_AUTH"].startswith("${REDIS_PASSWORD")  # health check
    rasa_env = raw_compose()["services"]["rasa"]["environment"]
    assert rasa_env["REDIS_PASSWORD"].startswith("${REDIS_PASSWORD")
    lock_store = yaml.safe_load(ENDPOINTS_PROD.read_text(encoding="utf-8"))["lock_store"]
    assert lock_store["password"] == "${REDIS_PASSWORD}"


@pytest.fixture()
def database() -> Iterator[dict[str, Any]]:
    """A fresh database with deploy/postgres-init.sh run on it, and its reader role."""
    admin = create_engine(
        f"postgresql://postgres@{PG_HOST}:5432/postgres",
        isolation_level="AUTOCOMMIT",
        connect_args={"connect_timeout": 3},
    )
    try:
        with admin.connect() as connection:
            connection.execute(text("select 1"))
    except Exception as error:  # noqa: BLE001 (any connection failure)
        admin.dispose()
        skip_or_fail(f"PostgreSQL på {PG_HOST}:5432 svarar inte: {error}")
    name = f"roles_{uuid.uuid4().hex[:10]}"
    reader, password = f"{name}_reader", f"pw-{uuid.uuid4().hex}"
    with admin.connect() as connection:
        connection.execute(text(f'create database "{name}"'))
    env = dict(
        os.environ,
        PGHOST=PG_HOST,
        POSTGRES_USER="postgres",
        POSTGRES_DB=name,
        REGISTRY_READER_USER=reader,
        REGISTRY_READER_PASSWORD=password,
    )
    try:
        subprocess.run(["sh", str(INIT_SCRIPT)], env=env, check=True, capture_output=True)
        yield {"name": name, "reader": reader, "password": password}
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'drop database if exists "{name}" with (force)'))
            connection.execute(text(f'drop role if exists "{reader}"'))
        admin.dispose()


@pytest.mark.postgres
def test_the_website_role_reads_the_registry_and_nothing_else(database: dict[str, Any]) -> None:
    base = f"postgresql+psycopg2://postgres@{PG_HOST}:5432/{database['name']}"
    writer = make_engine(base + "?options=-csearch_path%3Dregistry")  # as the action server
    create_schema(writer)
    import_providers(writer, REPO_ROOT / "data" / "providers" / "sample_providers.csv")
    with writer.begin() as connection:  # a conversation table, as Rasa's tracker store
        connection.execute(text("create table public.events (id int, data text)"))
    writer.dispose()

    url = (
        f"postgresql+psycopg2://{database['reader']}:{database['password']}"
        f"@{PG_HOST}:5432/{database['name']}"
    )
    service = RegistryService(url)
    try:
        assert service.decide("559901-0013", date(2026, 11, 23)).codes == ("OK",)
    finally:
        service.close()
    reader = create_engine(url)
    try:
        for statement in (
            "select * from public.events",
            "delete from providers",
            "insert into providers (org_nr) values ('x')",
            "create table registry.mine (id int)",
        ):
            with pytest.raises(DBAPIError), reader.connect() as connection:
                connection.execute(text(statement))
    finally:
        reader.dispose()
