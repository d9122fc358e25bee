"""Settings read from the environment, each with an embedded default (DESIGN.md)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from urllib.parse import quote

REPO_ROOT = Path(__file__).resolve().parent.parent
# The conversations of `make run` and `make shell`: the file bot/endpoints.yml names
# (relative to the repository, where make starts Rasa).
DEFAULT_TRACKER_DB = REPO_ROOT / ".data" / "conversations.sqlite"
TRACKER_DB_URL = "ASSISTANS_TRACKER_DB_URL"


def today() -> date:
    """ASSISTANS_TODAY fixes the date for tests and demos; otherwise the real date."""
    fixed = os.environ.get("ASSISTANS_TODAY", "").strip()
    return date.fromisoformat(fixed) if fixed else date.today()


def tracker_db_url_from_environment() -> str | None:
    """The production tracker store (bot/endpoints.prod.yml) from the DB_* variables."""
    host = os.environ.get("DB_HOST")
    if not host:
        return None
    user = quote(os.environ.get("DB_USER", ""), safe="")
    password = quote(os.environ.get("DB_PASSWORD", ""), safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = os.environ.get("DB_PORT", "5432")
    return f"postgresql://{credentials}{host}:{port}/{os.environ.get('DB_NAME', 'rasa')}"


def tracker_db_url() -> str:
    """Where the conversations are: $ASSISTANS_TRACKER_DB_URL, else PostgreSQL from the
    DB_* variables (production), else the SQLite file of `make run`."""
    return (
        os.environ.get(TRACKER_DB_URL, "").strip()
        or tracker_db_url_from_environment()
        or f"sqlite:///{DEFAULT_TRACKER_DB}"
    )


def production() -> bool:
    """ASSISTANS_ENV=production (docker-compose.yml, deploy/prod_local.py): no development
    fallback for a missing secret."""
    return os.environ.get("ASSISTANS_ENV", "").strip().lower() == "production"
