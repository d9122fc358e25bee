"""Deleting conversations older than N days: whole conversations, never half of one,
on SQLite (the store of `make run`) and on PostgreSQL (production)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from assistansguiden.privacy.purge import purge_conversations
from assistansguiden.settings import (
    DEFAULT_TRACKER_DB,
    tracker_db_url,
    tracker_db_url_from_environment,
)
from bot.addons.tracker_store import MaskingSQLTrackerStore
from tests.conftest import REPO_ROOT, TrackerDatabase

DAY = 86_400.0


def save(store: MaskingSQLTrackerStore, sender: str, *timestamps: float) -> None:
    tracker = DialogueStateTracker(sender, [])
    for stamp in timestamps:
        tracker.update(ActionExecuted("action_listen", timestamp=stamp))
        tracker.update(UserUttered("hej", {"name": "greet"}, timestamp=stamp))
    asyncio.run(store.save(tracker))


def senders(db_url: str) -> dict[str, int]:
    engine = create_engine(db_url)
    with engine.connect() as connection:
        rows = connection.execute(text("select sender_id, count(*) from events group by 1"))
        result = {row[0]: row[1] for row in rows}
    engine.dispose()
    return result


def test_purge_deletes_only_conversations_whose_last_event_is_old(
    tracker_database: TrackerDatabase,
) -> None:
    store = MaskingSQLTrackerStore(Domain.empty(), **tracker_database.store_kwargs)
    now = time.time()
    save(store, "old", now - 100 * DAY, now - 95 * DAY)
    save(store, "still-active", now - 200 * DAY, now - 1 * DAY)
    save(store, "new", now - 2 * DAY)
    store.engine.dispose()

    result = purge_conversations(tracker_database.url, 90, now=now)
    assert (result.conversations, result.events) == (1, 4)
    assert senders(tracker_database.url) == {"still-active": 4, "new": 2}
    assert purge_conversations(tracker_database.url, 90, now=now).conversations == 0


def test_purge_on_a_database_without_conversations_does_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    create_engine(f"sqlite:///{empty}").connect().close()
    assert purge_conversations(f"sqlite:///{empty}", 30).events == 0


def test_purge_of_a_sqlite_file_not_yet_made_makes_none(tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite"
    assert purge_conversations(f"sqlite:///{missing}", 30).conversations == 0
    assert not missing.exists()


def run_purge(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistansguiden.privacy.purge", *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
        env={"PATH": "", **env},
    )


def test_command_line_reports_in_swedish_and_refuses_bad_input(tmp_path: Path) -> None:
    db = tmp_path / "trackers.sqlite"
    store = MaskingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    save(store, "old", time.time() - 40 * DAY)
    store.engine.dispose()

    done = run_purge("--older-than-days", "30", "--db-url", f"sqlite:///{db}", env={})
    assert done.returncode == 0 and "Raderade 1 samtal (2 händelser)" in done.stdout
    bad = run_purge("--older-than-days", "-1", "--db-url", f"sqlite:///{db}", env={})
    assert bad.returncode == 2 and "0 eller mer" in bad.stderr


def test_without_db_url_it_purges_the_store_the_environment_names(tmp_path: Path) -> None:
    db = tmp_path / "trackers.sqlite"
    store = MaskingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    save(store, "old", time.time() - 40 * DAY)
    store.engine.dispose()
    done = run_purge("--older-than-days", "30", env={"ASSISTANS_TRACKER_DB_URL": f"sqlite:///{db}"})
    assert done.returncode == 0 and "Raderade 1 samtal" in done.stdout
    assert senders(f"sqlite:///{db}") == {}


def test_db_url_from_the_production_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DB_HOST", "db.internal")
    monkeypatch.setenv("DB_USER", "rasa")
    monkeypatch.setenv("DB_PASSWORD", "p@ss word")
    monkeypatch.setenv("DB_NAME", "assistans")
    monkeypatch.delenv("DB_PORT", raising=False)
    monkeypatch.delenv("ASSISTANS_TRACKER_DB_URL", raising=False)
    expected = "postgresql://rasa:p%40ss%20word@db.internal:5432/assistans"
    assert tracker_db_url_from_environment() == expected
    assert tracker_db_url() == expected


def test_the_embedded_default_is_the_sqlite_file_of_make_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("ASSISTANS_TRACKER_DB_URL", "DB_HOST"):
        monkeypatch.delenv(name, raising=False)
    assert tracker_db_url() == f"sqlite:///{DEFAULT_TRACKER_DB}"
    assert DEFAULT_TRACKER_DB == REPO_ROOT / ".data" / "conversations.sqlite"
