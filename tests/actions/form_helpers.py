"""Shared by the form and decision tests: a sample registry, trackers, running actions."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import registry_access
from actions.forms import ValidateProviderForm
from actions.registry import create_schema, import_providers, make_engine
from tests.registry.conftest import SAMPLE_CSV

UNREACHABLE_DB = "postgresql+psycopg2://nobody@127.0.0.1:1/none"
DOMAIN: dict[str, Any] = {
    "forms": {
        "provider_form": {"required_slots": ["provider_query", "personkrets", "age_group"]},
        "payee_form": {"required_slots": ["provider_query", "personkrets", "age_group"]},
        "birth_date_form": {"required_slots": ["birth_date"]},
        "change_form": {"required_slots": ["change_kind", "change_date"]},
    },
    "slots": {},
}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANS_TODAY", "2026-11-23")


@pytest.fixture
def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A SQLite registry holding the fictional sample providers."""
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    engine = make_engine(url)
    create_schema(engine)
    import_providers(engine, SAMPLE_CSV)
    engine.dispose()
    monkeypatch.setenv("ASSISTANS_DB_URL", url)
    registry_access.clear_cache()
    yield url
    registry_access.clear_cache()


@pytest.fixture
def registry_down(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ASSISTANS_DB_URL", UNREACHABLE_DB)
    registry_access.clear_cache()
    yield
    registry_access.clear_cache()


def make_tracker(
    text: str,
    *,
    form: str | None = None,
    requested: str | None = None,
    slots: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
    intent: str = "inform",
    candidates: dict[str, Any] | None = None,
    before: list[dict[str, Any]] | None = None,
    after: list[dict[str, Any]] | None = None,
) -> Tracker:
    """A tracker as Rasa hands it over: the user's message, then the slot candidates."""
    parse = {"text": text, "intent": {"name": intent}, "entities": entities or []}
    events = [*(before or []), {"event": "user", "text": text, "parse_data": parse}]
    events += [*(after or []), *(SlotSet(k, v) for k, v in (candidates or {}).items())]
    return Tracker(
        sender_id="test",
        slots={"requested_slot": requested, **(slots or {}), **(candidates or {})},
        latest_message=parse,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": form} if form and requested else {},
        latest_action_name="action_listen",
    )


def run_action(action: Action, tracker: Tracker) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(slot values set, messages sent) by an action, sync or async."""
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, tracker, DOMAIN)
    events = asyncio.run(result) if asyncio.iscoroutine(result) else result
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return slots, dispatcher.messages


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(str(m.get("text") or "") for m in messages)


def payloads(messages: list[dict[str, Any]]) -> list[str]:
    return [b["payload"] for m in messages for b in m.get("buttons") or []]


def ask_provider(
    value: str, failures: float = 0.0, action: Action | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    tracker = make_tracker(
        value,
        form="provider_form",
        requested="provider_query",
        slots={"provider_query_failures": failures},
        candidates={"provider_query": value},
    )
    return run_action(action or ValidateProviderForm(), tracker)
