"""The answer actions fill their responses from the parameter table, never from copies."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import (
    ActionAnswerHigherAmount,
    ActionAnswerHourlyAmount,
    ActionAnswerReportChange,
    ActionAnswerTurning18,
    ActionAnswerTurning66,
    ActionAskChangeKind,
)


def tracker_for(
    text: str, entities: list[dict[str, Any]] | None = None, slots: dict[str, Any] | None = None
) -> Tracker:
    return Tracker(
        sender_id="test",
        slots=slots or {},
        latest_message={"text": text, "intent": {"name": "x"}, "entities": entities or []},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def run(action: Any, tracker: Tracker) -> list[dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    action.run(dispatcher, tracker, {})
    return dispatcher.messages


def test_hourly_amount_this_year_comes_from_the_table() -> None:
    [message] = run(ActionAnswerHourlyAmount(), tracker_for("vad är schablonbeloppet i år"))
    assert message["response"] == "utter_hourly_amount"
    assert message["year"] == 2026
    assert message["standard_amount"] == "347,70"
    assert message["max_higher_amount"] == "389,42"


def test_hourly_amount_for_a_named_year_from_the_date_entity() -> None:
    tracker = tracker_for("timbeloppet 2024?", [{"entity": "date", "value": "2024"}])
    [message] = run(ActionAnswerHourlyAmount(), tracker)
    assert (message["year"], message["standard_amount"]) == (2024, "332,60")


def test_hourly_amount_last_year() -> None:
    [message] = run(ActionAnswerHourlyAmount(), tracker_for("och förra året då"))
    assert (message["year"], message["standard_amount"]) == (2025, "339,20")


def test_next_year_without_a_decided_amount_says_so() -> None:
    [message] = run(ActionAnswerHourlyAmount(), tracker_for("hur mycket blir det nästa år"))
    assert message["response"] == "utter_hourly_amount_unknown_year"
    assert message["year"] == 2027
    assert message["known_years"] == "2019–2026"


def test_higher_amount_has_the_cap_in_percent() -> None:
    [message] = run(ActionAnswerHigherAmount(), tracker_for("förhöjt timbelopp 2023"))
    assert message["response"] == "utter_higher_amount"
    assert (message["standard_amount"], message["max_higher_amount"]) == ("324,50", "363,44")
    assert message["max_percent"] == "12 procent"  # never "12.0 %"


def test_report_change_gives_the_deadline_in_days() -> None:
    messages = run(ActionAnswerReportChange(), tracker_for("jag ska byta jobb"))
    assert [m["response"] for m in messages] == ["utter_report_change"]
    assert messages[0]["days"] == 14


def test_forgotten_change_is_answered_honestly_first() -> None:
    messages = run(ActionAnswerReportChange(), tracker_for("jag har glömt att anmäla flytten"))
    assert messages[0]["response"] == "utter_report_change_forgot"


def test_change_kinds_offered_for_a_child_when_the_question_is_about_a_child() -> None:
    tracker = tracker_for("skolan")
    tracker.events = [
        {
            "event": "user",
            "text": "min son ska byta skola",
            "parse_data": {"intent": {"name": "report_change"}},
        }
    ]
    [message] = run(ActionAskChangeKind(), tracker)
    titles = [b["title"] for b in message["buttons"]]
    assert any("förskola" in t for t in titles)
    assert not any("jobb" in t for t in titles)


def test_change_kinds_for_an_adult_include_work() -> None:
    [message] = run(ActionAskChangeKind(), tracker_for("x", slots={"age_group": "adults"}))
    assert any("jobb" in b["title"] for b in message["buttons"])


def test_turning_18() -> None:
    [message] = run(ActionAnswerTurning18(), tracker_for("vad händer när han fyller 18"))
    assert (message["response"], message["adult_age"]) == ("utter_turning_18", 18)


def test_turning_66_says_the_limit_in_force_today() -> None:
    [message] = run(ActionAnswerTurning66(), tracker_for("vad händer när jag fyller 66"))
    assert message["response"] == "utter_turning_66"
    assert message["age_limit"] == 67
    assert message["previous_limit"] == 66
    assert message["age_limit_period"] == "2026–2031"
    assert message["age_limit_since"] == "1 januari 2026"


def test_turning_66_in_2025_was_still_66(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANS_TODAY", "2025-06-01")
    [message] = run(ActionAnswerTurning66(), tracker_for("66"))
    assert (message["age_limit"], message["previous_limit"]) == (66, 65)
