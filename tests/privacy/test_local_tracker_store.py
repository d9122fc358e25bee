"""`make run` keeps conversations in a SQLite file, masked like production, across restarts."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from rasa.core.tracker_store import TrackerStore
from rasa.core.utils import read_endpoints_from_path
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from assistansguiden.privacy.purge import purge_conversations
from assistansguiden.settings import DEFAULT_TRACKER_DB
from bot.addons.tracker_store import MaskingSQLTrackerStore
from tests.conftest import REPO_ROOT

ENDPOINTS = REPO_ROOT / "bot" / "endpoints.yml"


def open_store() -> TrackerStore:
    """The tracker store exactly as `rasa run --endpoints bot/endpoints.yml` makes it."""
    endpoints = read_endpoints_from_path(ENDPOINTS)
    return TrackerStore.create(endpoints.tracker_store, Domain.empty())


def test_endpoints_name_the_default_file_of_the_settings() -> None:
    endpoints = read_endpoints_from_path(ENDPOINTS)
    config = endpoints.tracker_store
    assert config is not None
    assert config.type == "bot.addons.tracker_store.MaskingSQLTrackerStore"
    assert config.kwargs["dialect"] == "sqlite"
    assert REPO_ROOT / config.kwargs["db"] == DEFAULT_TRACKER_DB


def test_conversations_are_masked_and_survive_a_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # make run starts Rasa in the repository; here a copy of .data/
    (tmp_path / ".data").mkdir()
    store = open_store()
    assert isinstance(store, MaskingSQLTrackerStore)
    tracker = DialogueStateTracker("besökare", [])
    for event in (
        ActionExecuted("action_listen"),
        UserUttered("Jag är 850412-1234, ring 070-123 45 67", {"name": "ask_apply"}),
        BotUttered("Du ansöker hos Försäkringskassan."),
    ):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    store.engine.dispose()

    restarted = open_store()
    assert isinstance(restarted, MaskingSQLTrackerStore)
    again = asyncio.run(restarted.retrieve("besökare"))
    assert again is not None
    said = [e.text for e in again.events if isinstance(e, UserUttered)]
    assert said == ["Jag är [personnummer], ring [telefonnummer]"]
    restarted.engine.dispose()

    db_url = f"sqlite:///{tmp_path / '.data' / 'conversations.sqlite'}"
    engine = create_engine(db_url)
    with engine.connect() as connection:
        stored = [json.loads(row[0]) for row in connection.execute(text("select data from events"))]
    engine.dispose()
    assert "1234" not in json.dumps(stored) and "45 67" not in json.dumps(stored)
    assert purge_conversations(db_url, 0).conversations == 1


def test_sqlite_store_commits_to_a_write_ahead_log(tmp_path: Path) -> None:
    """A turn's commit does not wait for two syncs of the database file (speed), and the
    insights report can read while the server writes."""
    db = tmp_path / "trackers.sqlite"
    store = MaskingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    tracker = DialogueStateTracker.from_events("wal", [UserUttered("hej")])
    asyncio.run(store.save(tracker))
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
    store.engine.dispose()
    reader = create_engine(f"sqlite:///{db}")
    with reader.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM events")).scalar() == 1
    reader.dispose()
