"""The check of each action server reply, made once per event kind instead of 23 times.

Rasa 3.6 checks every reply of the action server against its JSON schema
(RemoteAction._validate_action_result) with `jsonschema.validate`, which first checks the
schema itself against the meta-schema and then tries each returned event against all 23
event schemas of a `oneOf`, building an error object for every one that does not fit. In a
form (one call per turn to validate the slots, one to decide) that was a third of the Rasa
server's time per turn (bench/profile_turn.py).

The event schemas differ in their `event` constant and the event schema requires `event`
to be a string, so an event can only ever fit the one schema named by its own `event`:
checking that one, with validators built once, decides exactly what the `oneOf` decides.
A reply this check does not accept goes to Rasa's own check, which raises its usual error,
so what is accepted and what is refused (and how) are Rasa's. If Rasa's schema ever has
another shape than this reasoning needs, nothing is replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction

_installed = False

Check = Callable[[Any], bool]


def _event_checks(event_schema: Mapping[str, Any], make: Callable[[Any], Any]) -> dict[str, Any]:
    """One validator per event kind: the event schema with its `oneOf` cut to that kind."""
    if set(event_schema) - {"type", "properties", "required", "oneOf"}:
        return {}
    properties = event_schema.get("properties", {})
    if event_schema.get("type") != "object" or "event" not in event_schema.get("required", []):
        return {}
    if properties.get("event") != {"type": "string"}:
        return {}
    base = {key: value for key, value in event_schema.items() if key != "oneOf"}
    checks: dict[str, Any] = {}
    for branch in event_schema["oneOf"]:
        kind = branch.get("properties", {}).get("event", {}).get("const")
        if not isinstance(kind, str) or kind in checks:
            return {}  # not told apart by `event`: the reasoning above does not hold
        checks[kind] = make({**base, "allOf": [branch]})
    return checks


def quick_check(schema: Mapping[str, Any]) -> Check | None:
    """A check that accepts only what `jsonschema.validate(…, schema)` accepts, or None."""
    make = validator_for(schema)
    make.check_schema(schema)
    events_schema = schema.get("properties", {}).get("events")
    if (
        set(schema) - {"type", "properties"}
        or not isinstance(events_schema, Mapping)
        or set(events_schema) != {"type", "items"}
        or events_schema["type"] != "array"
        or not isinstance(events_schema["items"], Mapping)
    ):
        return None
    checks = _event_checks(events_schema["items"], make)
    if not checks:
        return None
    shell = make({**schema, "properties": {**schema["properties"], "events": {"type": "array"}}})

    def check(result: Any) -> bool:
        if not shell.is_valid(result):
            return False
        for event in result.get("events", ()):
            kind = event.get("event") if isinstance(event, dict) else None
            validator = checks.get(kind) if isinstance(kind, str) else None
            if validator is None or not validator.is_valid(event):
                return False
        return True

    return check


def install_quick_action_result_check() -> None:
    """Replaces Rasa's check of each reply with quick_check, falling back to Rasa's."""
    global _installed
    if _installed:
        return
    check = quick_check(RemoteAction.action_response_format_spec())
    if check is None:
        return
    rasa_validate = RemoteAction._validate_action_result

    def validate(self: RemoteAction, result: dict[str, Any]) -> bool:
        return True if check(result) else bool(rasa_validate(self, result))

    RemoteAction._validate_action_result = validate  # type: ignore[method-assign]
    _installed = True
