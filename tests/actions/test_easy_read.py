"""Lättläst on request: the switch, and every answer written in Python following the slot,
while the staff view keeps the standard decision and its citations."""

from __future__ import annotations

from typing import Any

import pytest

from actions.answers import ActionAskChangeKind
from actions.decisions import ActionAgeDates, ActionChangeDeadline, ActionCheckProvider
from actions.fallback import ActionExplainUnclearMessage
from actions.text_style import ActionSetTextStyle
from assistansguiden.text.message_checks import EASY_ANSWERS, Unusual
from tests.actions.form_helpers import make_tracker, run_action

EASY = {"easy_read": True}
STANDARD_ENTITY = [{"entity": "text_style", "value": "standard"}]


def switch(text: str, entities: list[dict[str, Any]] | None = None) -> tuple[Any, Any]:
    tracker = make_tracker(text, intent="request_easy_read", entities=entities)
    return run_action(ActionSetTextStyle(), tracker)


def test_asking_for_lättläst_switches_it_on_and_tells_the_page() -> None:
    slots, messages = switch("kan du skriva enklare")
    assert slots == {"easy_read": True}
    assert messages[0]["custom"] == {"data": {"text_style": "easy"}}


@pytest.mark.parametrize(
    ("text", "entities"),
    [("/request_easy_read", STANDARD_ENTITY), ("skriv som vanligt igen", None)],
)
def test_asking_for_the_standard_text_switches_it_off(
    text: str, entities: list[dict[str, Any]] | None
) -> None:
    slots, messages = switch(text, entities)
    assert slots == {"easy_read": False}
    assert messages[0]["custom"] == {"data": {"text_style": "standard"}}


def chat_and_staff(slots: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    tracker = make_tracker("/affirm", slots=slots)
    _, messages = run_action(ActionCheckProvider(), tracker)
    chat = "\n".join(str(m.get("text") or "") for m in messages if not m.get("custom"))
    return chat, [m["custom"]["data"]["decision"] for m in messages if m.get("custom")]


@pytest.mark.usefixtures("registry")
def test_a_decision_in_lättläst_and_the_staff_view_still_standard() -> None:
    asked = {"provider_query": "559901-0039", "personkrets": "1", "age_group": "adults"}
    standard_chat, [standard] = chat_and_staff(asked)
    easy_chat, [staff] = chat_and_staff({**asked, **EASY})
    assert easy_chat.startswith("Nej.\nDu kan inte få pengar för assistans från")
    assert "§" not in easy_chat and "IVO" not in easy_chat and "Regel:" not in easy_chat
    assert "Regel:" in standard_chat
    # The staff view: the same standard summary, reasons and citations either way.
    assert staff == standard and staff["legal_refs"]


def test_age_dates_in_lättläst() -> None:
    tracker = make_tracker("2010-05-14", slots={"birth_date": "2010-05-14", **EASY})
    _, messages = run_action(ActionAgeDates(), tracker)
    assert messages[0]["text"].startswith("Barnet fyller 18 år 14 maj 2028.")


def test_a_deadline_in_lättläst_then_how_to_report() -> None:
    slots = {"change_date": "2026-11-20", "change_kind": "flytt", "age_group": "adults", **EASY}
    _, messages = run_action(ActionChangeDeadline(), make_tracker("20 november", slots=slots))
    assert "Sista dagen är 4 december 2026." in messages[0]["text"]
    assert messages[1]["response"] == "utter_how_to_report"  # its lättläst variation
    # The staff view's deadline panel is the same as without lättläst.
    assert messages[2]["custom"]["data"]["decision"]["deadline"] == "2026-12-04"


def test_an_unreadable_message_is_explained_in_lättläst() -> None:
    tracker = make_tracker("asdfgh", intent="nlu_fallback", slots=EASY)
    _, messages = run_action(ActionExplainUnclearMessage(), tracker)
    assert messages == [{**messages[0], "text": EASY_ANSWERS[Unusual.NONSENSE]}]


def test_the_kinds_of_change_are_asked_with_a_response_that_has_a_lättläst_variation() -> None:
    tracker = make_tracker("x", slots={"age_group": "adults", **EASY})
    [message] = run_action(ActionAskChangeKind(), tracker)[1]
    assert message["response"] == "utter_which_change" and message["buttons"]
