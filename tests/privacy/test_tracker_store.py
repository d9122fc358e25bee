"""The masking tracker stores keep no personal number, in SQLite, PostgreSQL and memory."""

from __future__ import annotations

import asyncio
import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from bot.addons.tracker_store import MaskingInMemoryTrackerStore, MaskingSQLTrackerStore
from tests.conftest import skip_or_fail

PG_HOST = os.environ.get("ASSISTANS_TEST_PG_HOST", "127.0.0.1")
SECRET_BITS = ("1234", "anna@", "070-123")


def conversation(sender: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, [])
    parse = {
        "text": "jag heter Anna, pnr 19800514-1234, ring 070-123 45 67",
        "intent": {"name": "inform", "confidence": 0.93},
        "entities": [{"entity": "birth_date", "value": "19800514-1234", "start": 20, "end": 33}],
    }
    for event in (
        ActionExecuted("action_listen"),
        UserUttered(parse["text"], parse["intent"], parse["entities"], parse),
        SlotSet("email", "anna@exempel.se"),
        BotUttered("Tack! Ring 0771-524 524 om du vill prata med någon."),
        ActionExecuted("action_listen"),
    ):
        tracker.update(event)
    return tracker


def assert_masked(stored: str) -> None:
    for secret in SECRET_BITS:
        assert secret not in stored.replace("[personnummer]", ""), secret
    assert "[personnummer]" in stored and "[telefonnummer]" in stored and "[e-post]" in stored
    assert "0771-524 524" in stored  # the public number in the bot's own text stays


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def sql_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MaskingSQLTrackerStore]:
    if request.param == "sqlite":
        store = MaskingSQLTrackerStore(
            Domain.empty(), dialect="sqlite", db=str(tmp_path / "trackers.db")
        )
    else:
        probe = create_engine(
            f"postgresql://postgres@{PG_HOST}:5432/test", connect_args={"connect_timeout": 3}
        )
        try:
            with probe.connect() as connection:
                connection.execute(text("select 1"))
        except Exception as error:  # noqa: BLE001 (any connection failure)
            skip_or_fail(f"PostgreSQL på {PG_HOST}:5432 svarar inte: {error}")
        finally:
            probe.dispose()
        store = MaskingSQLTrackerStore(
            Domain.empty(),
            dialect="postgresql",
            host=PG_HOST,
            port=5432,
            db="test",
            username="postgres",
        )
    yield store
    store.engine.dispose()


def stored_rows(store: MaskingSQLTrackerStore, sender: str) -> list[str]:
    with store.engine.connect() as connection:
        rows = connection.execute(
            text("select data from events where sender_id = :s order by id"), {"s": sender}
        )
        return [row[0] for row in rows]


def test_sql_store_keeps_the_conversation_but_no_personal_numbers(
    sql_store: MaskingSQLTrackerStore,
) -> None:
    sender = f"privacy-{uuid.uuid4().hex}"
    tracker = conversation(sender)
    asyncio.run(sql_store.save(tracker))
    rows = stored_rows(sql_store, sender)
    assert len(rows) == len(tracker.events)
    assert_masked("\n".join(rows))
    assert [json.loads(r)["event"] for r in rows] == ["action", "user", "slot", "bot", "action"]

    restored = asyncio.run(sql_store.retrieve(sender))
    assert restored is not None
    assert restored.latest_message.intent["name"] == "inform"
    assert restored.get_slot("email") is None or "@" not in str(restored.get_slot("email"))


def test_saving_again_adds_only_new_events_masked(sql_store: MaskingSQLTrackerStore) -> None:
    sender = f"privacy-{uuid.uuid4().hex}"
    tracker = conversation(sender)
    asyncio.run(sql_store.save(tracker))
    tracker.update(UserUttered("min mejl är bo@exempel.se", {"name": "inform"}))
    asyncio.run(sql_store.save(tracker))
    rows = stored_rows(sql_store, sender)
    assert len(rows) == len(tracker.events)  # nothing lost, nothing twice
    assert "bo@exempel.se" not in rows[-1] and "[e-post]" in rows[-1]


def test_in_memory_store_masks_too() -> None:
    store = MaskingInMemoryTrackerStore(Domain.empty())
    asyncio.run(store.save(conversation("memory")))
    assert_masked(store.store["memory"])
    restored = asyncio.run(store.retrieve("memory"))
    assert restored is not None and len(restored.events) == 5
