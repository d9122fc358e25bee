"""Deleting conversations older than N days: whole conversations, never half of one."""

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

from assistansguiden.privacy.purge import purge_conversations, tracker_db_url_from_environment
from bot.addons.tracker_store import MaskingSQLTrackerStore
from tests.conftest import REPO_ROOT

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


def test_purge_deletes_only_conversations_whose_last_event_is_old(tmp_path: Path) -> None:
    db = tmp_path / "trackers.db"
    store = MaskingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    now = time.time()
    save(store, "old", now - 100 * DAY, now - 95 * DAY)
    save(store, "still-active", now - 200 * DAY, now - 1 * DAY)
    save(store, "new", now - 2 * DAY)
    store.engine.dispose()
    db_url = f"sqlite:///{db}"

    result = purge_conversations(db_url, 90, now=now)
    assert (result.conversations, result.events) == (1, 4)
    assert senders(db_url) == {"still-active": 4, "new": 2}
    assert purge_conversations(db_url, 90, now=now).conversations == 0


def test_purge_on_a_database_without_conversations_does_nothing(tmp_path: Path) -> None:
    assert purge_conversations(f"sqlite:///{tmp_path / 'empty.db'}", 30).events == 0


def test_command_line_reports_in_swedish_and_refuses_bad_input(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'none.db'}"
    run = [sys.executable, "-m", "assistansguiden.privacy.purge"]
    done = subprocess.run(
        [*run, "--older-than-days", "30", "--db-url", db_url],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    assert done.returncode == 0 and "Raderade 0 samtal" in done.stdout
    bad = subprocess.run(
        [*run, "--older-than-days", "-1", "--db-url", db_url],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    assert bad.returncode == 2 and "0 eller mer" in bad.stderr
    env_only = subprocess.run(
        [*run, "--older-than-days", "30"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
        env={"PATH": ""},
    )
    assert env_only.returncode == 2 and "DB_HOST" in env_only.stderr


def test_db_url_from_the_production_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DB_HOST", "db.internal")
    monkeypatch.setenv("DB_USER", "rasa")
    monkeypatch.setenv("DB_PASSWORD", "p@ss word")
    monkeypatch.setenv("DB_NAME", "assistans")
    monkeypatch.delenv("DB_PORT", raising=False)
    assert tracker_db_url_from_environment() == (
        "postgresql://rasa:p%40ss%20word@db.internal:5432/assistans"
    )
