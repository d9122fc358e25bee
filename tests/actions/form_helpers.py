"""Shared by the form and decision tests: a sample registry, trackers, running actions."""

from __future__ import annotations

import asyncio
from functools import lru_cache
from typing import Any

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.forms import ValidateProviderForm
from tests.conftest import REPO_ROOT

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
    """What the person reads: texts, and responses rendered from bot/domain as Rasa would."""
    return "\n".join(domain_text(m) for m in messages)


@lru_cache(maxsize=1)
def domain_responses() -> dict[str, str]:
    responses: dict[str, str] = {}
    for path in sorted((REPO_ROOT / "bot" / "domain").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variants in (data.get("responses") or {}).items():
            plain = [v for v in variants if not v.get("condition")]
            responses[name] = str((plain or variants)[0].get("text") or "")
    return responses


def domain_text(message: dict[str, Any]) -> str:
    name = message.get("response")
    if not name:
        return str(message.get("text") or "")
    values = {k: v for k, v in message.items() if v is not None}
    return domain_responses()[name].format_map(_Missing(values))


class _Missing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


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
