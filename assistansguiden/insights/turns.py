"""One conversation's Rasa events, read turn by turn.

The events are Rasa's own JSON (as the tracker store keeps them in `events.data`, or as
`Event.as_dict()` gives them): plain dicts, so nothing here imports Rasa. A turn is one
message from the person and everything the assistant did until it listened again.

Which turns answered a question completely is decided here once, for the feedback
question on the web page (bot/addons/channels/socketio.py) and for the insights report:

- a topic question (assistansguiden.topics) is answered by its turn, unless that turn
  started a form that is still asking (the answer comes when the form is done);
- a form that finishes answers the question that started it (a value given with
  `inform`, a "ja" to a name it was unsure of);
- nothing is answered when the action server or the registry could not be reached.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from assistansguiden.topics import (
    FEEDBACK,
    FEEDBACK_VALUE_SLOT,
    FEEDBACK_VALUES,
    OUT_OF_SCOPE,
    RATED_INTENT_SLOT,
    TOPICS,
    intent_of_payload,
)

Event = Mapping[str, Any]

# "Menade du …?" after an unclear message (actions/fallback.py) or a "Nej" to "Hjälpte
# svaret?" (actions/feedback.py).
DID_YOU_MEAN = frozenset({"utter_did_you_mean", "utter_feedback_did_you_mean"})
# Said instead of an answer: the question is not answered by them.
NOT_AN_ANSWER = frozenset({"utter_registry_unavailable", "utter_something_wrong"})
REQUESTED_SLOT = "requested_slot"
UNKNOWN_SLOT = "unknown"
CHOSEN = "chosen"
NONE_OF_THEM = "none_of_them"


@dataclass(frozen=True)
class FormRun:
    """A form from the turn that started it to its end: finished, or left at a question."""

    form: str
    finished: bool
    left_at: str | None  # the slot it was asking for when the person left; None if finished


@dataclass(frozen=True)
class Turn:
    timestamp: float
    text: str
    intent: str | None
    starts_conversation: bool
    answered: str | None = None  # the topic this turn answered completely
    in_form: bool = False  # a form is still asking when the turn ends
    offered: tuple[str, ...] = ()  # the topics a "Menade du …?" in this turn offered
    reply_to_offer: str | None = None  # CHOSEN or NONE_OF_THEM, for the turn after an offer
    feedback: tuple[str, str] | None = None  # (rated intent, "ja" | "nej") recorded here


@dataclass
class Conversation:
    turns: list[Turn] = field(default_factory=list)
    forms: list[FormRun] = field(default_factory=list)


def _intent(event: Event) -> str | None:
    name = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
    return str(name).split("/")[-1] if name else None


def _utter_action(event: Event) -> str:
    return str((event.get("metadata") or {}).get("utter_action") or "")


def _offered_topics(event: Event) -> tuple[str, ...]:
    buttons = (event.get("data") or {}).get("buttons") or []
    intents = (intent_of_payload(str(b.get("payload") or "")) for b in buttons)
    return tuple(i for i in intents if i and i != OUT_OF_SCOPE)


class _Walk:
    """The state carried from event to event: the open form, the turn being read."""

    def __init__(self) -> None:
        self.result = Conversation()
        self.turn: Turn | None = None  # the message; what followed it is below
        self.loop: str | None = None
        self.loop_topic: str | None = None  # the question the open form will answer
        self.requested: str | None = None
        self.new_session = True
        self.last_action = ""
        self.action_failed = False
        # What the current turn did:
        self.started: str | None = None
        self.finished_topic: str | None = None
        self.failed = False
        self.offered: tuple[str, ...] = ()
        self.slots: dict[str, Any] = {}

    # --- turns ---------------------------------------------------------------

    def user(self, event: Event) -> None:
        offered = self.offered if self.turn else ()
        self.end_turn()
        intent = _intent(event)
        reply = None
        if offered and intent in offered:
            reply = CHOSEN
        elif offered and intent == OUT_OF_SCOPE:
            reply = NONE_OF_THEM
        stamp = float(event.get("timestamp") or 0)
        text = str(event.get("text") or "")
        self.turn = Turn(stamp, text, intent, self.new_session, reply_to_offer=reply)
        self.new_session = False
        self.started = self.finished_topic = None
        self.failed = False
        self.offered = ()
        self.slots = {}

    def end_turn(self) -> None:
        turn = self.turn
        if turn is None:
            return
        answered: str | None = None
        if self.failed:
            answered = None
        elif turn.intent in TOPICS:
            pending = self.loop is not None and self.started == self.loop
            answered = None if pending else turn.intent
        else:
            answered = self.finished_topic
        value, rated = self.slots.get(FEEDBACK_VALUE_SLOT), self.slots.get(RATED_INTENT_SLOT)
        feedback = None
        if turn.intent == FEEDBACK and value in FEEDBACK_VALUES and rated in TOPICS:
            feedback = (str(rated), str(value))
        self.result.turns.append(
            replace(
                turn,
                answered=answered,
                in_form=self.loop is not None,
                offered=self.offered,
                feedback=feedback,
            )
        )
        self.turn = None

    # --- forms ---------------------------------------------------------------

    def active_loop(self, name: str | None) -> None:
        if name and name != self.loop:
            self.leave_form()
            self.loop, self.requested = name, None
            self.loop_topic = self.turn.intent if self.turn else None
            self.started = name
        elif not name and self.loop:
            finished = self.last_action == self.loop and not self.action_failed
            left_at = None if finished else (self.requested or UNKNOWN_SLOT)
            self.result.forms.append(FormRun(self.loop, finished, left_at))
            if finished and self.loop_topic in TOPICS:
                self.finished_topic = self.loop_topic
            self.loop = self.loop_topic = self.requested = None

    def leave_form(self) -> None:
        """The open form is left without an end of its own (a new session, the end)."""
        if self.loop:
            self.result.forms.append(FormRun(self.loop, False, self.requested or UNKNOWN_SLOT))
        self.loop = self.loop_topic = self.requested = None

    # --- the other events ----------------------------------------------------

    def event(self, event: Event) -> None:
        kind = event.get("event")
        if kind == "user":
            self.user(event)
        elif kind == "action":
            self.last_action, self.action_failed = str(event.get("name") or ""), False
        elif kind == "bot":
            self.bot(event)
        elif kind == "active_loop":
            self.active_loop(event.get("name"))
        elif kind == "slot":
            self.slot(str(event.get("name") or ""), event.get("value"))
        elif kind in ("session_started", "restart"):
            self.end_turn()
            self.leave_form()
            self.new_session = True

    def bot(self, event: Event) -> None:
        utter = _utter_action(event)
        if (event.get("metadata") or {}).get("action_server") == "down":
            self.failed = self.action_failed = True
        elif utter in NOT_AN_ANSWER:
            self.failed = True
        elif utter in DID_YOU_MEAN and self.turn is not None:
            self.offered = _offered_topics(event)

    def slot(self, name: str, value: Any) -> None:
        if name == REQUESTED_SLOT:
            if self.loop:
                self.requested = str(value) if value else self.requested
        else:
            self.slots[name] = value

    def finish(self) -> Conversation:
        self.end_turn()
        self.leave_form()  # a form still asking at the end of what is stored was left
        return self.result


def read_conversation(events: Iterable[Event]) -> Conversation:
    """The turns and forms of one conversation (one sender's events, in stored order)."""
    walk = _Walk()
    for event in events:
        walk.event(event)
    return walk.finish()


def answered_topic(events: Iterable[Event]) -> str | None:
    """The topic the latest turn answered completely, with no form still asking: the
    moment to ask "Hjälpte svaret?"."""
    turns = read_conversation(events).turns
    if not turns or turns[-1].in_form:
        return None
    return turns[-1].answered
