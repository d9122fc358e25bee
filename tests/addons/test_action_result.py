"""The quick check of the action server's replies accepts exactly what Rasa's accepts."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
    EntitiesAdded,
    FollowupAction,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)

import bot.addons  # noqa: F401  (installs the quick check, as the Rasa server does)
from bot.addons.action_result import quick_check

SCHEMA = RemoteAction.action_response_format_spec()
CHECK = quick_check(SCHEMA)
KINDS = [
    b["properties"]["event"]["const"] for b in SCHEMA["properties"]["events"]["items"]["oneOf"]
]


def rasa_accepts(result: Any) -> bool:
    try:
        validate(result, SCHEMA)
    except ValidationError:
        return False
    return True


def reply(*events: dict[str, Any], responses: Any = None) -> dict[str, Any]:
    return {"events": list(events), "responses": responses if responses is not None else []}


REAL_EVENTS = [
    SlotSet("provider_query", "559901-0013").as_dict(),
    SlotSet("requested_slot", None).as_dict(),
    ActiveLoop(None).as_dict(),
    ActiveLoop("provider_form").as_dict(),
    BotUttered("Vilken personkrets?", {"buttons": [{"title": "1", "payload": "/x"}]}).as_dict(),
    FollowupAction("action_listen").as_dict(),
    ActionExecuted("action_listen").as_dict(),
    AllSlotsReset().as_dict(),
    Restarted().as_dict(),
    SessionStarted().as_dict(),
    EntitiesAdded([{"entity": "org_nr", "value": "559901-0013"}]).as_dict(),
    UserUttered(
        "hej",
        {"name": "greet", "confidence": 0.9},
        [{"entity": "x", "value": "y", "start": 0, "end": 1}],
    ).as_dict(),
]

CASES = [
    reply(),
    {},
    reply(*REAL_EVENTS, responses=[{"text": "Ja."}, {"response": "utter_greet"}]),
    # what Rasa refuses
    [],
    "events",
    None,
    {"events": {"event": "slot"}},
    {"events": None},
    reply({"event": "no_such_event"}),
    reply({"name": "x", "value": 1}),  # no event
    reply({"event": 5}),
    reply({"event": "slot", "name": "x"}),  # a slot without a value
    reply({"event": "slot", "name": 3, "value": 1}),
    reply({"event": "entities", "entities": "org_nr"}),
    reply({"event": "entities", "entities": [{"entity": "x"}]}),  # an entity without value
    reply({"event": "action", "name": "x", "confidence": "high"}),
    reply({"event": "bot", "timestamp": "today"}),
    reply({"event": "bot", "metadata": []}),
    reply({"event": "user", "parse_data": {"intent": {"name": 3}}}),
    reply({"event": "user", "parse_data": {"entities": [{"value": 1}]}}),
    reply(SlotSet("a", 1).as_dict(), "slot"),
    reply(responses=["text"]),
    reply(responses={"text": "x"}),
]


@pytest.mark.parametrize("result", CASES, ids=lambda case: str(case)[:60])
def test_the_quick_check_decides_as_rasa(result: Any) -> None:
    assert CHECK is not None
    assert CHECK(result) == rasa_accepts(result)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
FIELDS = st.sampled_from(
    ["event", "name", "value", "timestamp", "metadata", "entities", "confidence", "policy"]
    + ["text", "parse_data", "input_channel", "message_id", "hide_rule_turn", "action_text"]
)
EVENTS = st.dictionaries(
    FIELDS,
    JSON | st.sampled_from(KINDS + ["unknown"]) | st.just([{"entity": "e", "value": 1}]),
    max_size=5,
)


@settings(max_examples=100, deadline=None)
@given(st.lists(EVENTS | st.sampled_from(REAL_EVENTS) | JSON, max_size=4), JSON)
def test_any_reply_is_decided_as_rasa_decides(events: list[Any], responses: Any) -> None:
    assert CHECK is not None
    for result in ({"events": events}, {"events": events, "responses": responses}):
        assert CHECK(result) == rasa_accepts(result)


def test_the_server_still_refuses_a_bad_reply_with_rasas_error() -> None:
    action = RemoteAction("action_check_provider", None)
    assert action._validate_action_result(reply(*REAL_EVENTS)) is True
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result(reply({"event": "slot", "name": "x"}))


def test_a_schema_of_another_shape_keeps_rasas_check() -> None:
    not_told_apart = {
        "type": "object",
        "properties": {
            "events": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"event": {"type": "string"}},
                    "required": ["event"],
                    "oneOf": [{"properties": {"name": {"type": "string"}}}],
                },
            }
        },
    }
    assert quick_check(not_told_apart) is None
    assert quick_check({"type": "object"}) is None
