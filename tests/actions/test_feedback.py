"""Feedback ("Hjälpte svaret?"): the click is kept with the conversation; "Nej" gets help."""

from __future__ import annotations

from typing import Any

from actions.feedback import ActionRecordFeedback, other_topics
from tests.actions.form_helpers import make_tracker, payloads, run_action, texts


def answered(intent: str, ranking: list[tuple[str, float]] | None = None) -> list[dict[str, Any]]:
    """The events of a question answered by a response, as the tracker holds them."""
    parse = {
        "text": "fråga",
        "intent": {"name": intent},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in (ranking or [(intent, 1.0)])],
    }
    return [
        {"event": "user", "text": "fråga", "parse_data": parse},
        {"event": "action", "name": f"utter_{intent}"},
        {"event": "bot", "text": "Svaret.", "metadata": {"utter_action": f"utter_{intent}"}},
        {"event": "action", "name": "action_listen"},
    ]


def click(value: str, rated: str, before: list[dict[str, Any]]) -> Any:
    payload = f'/feedback{{"feedback_value":"{value}","rated_intent":"{rated}"}}'
    entities = [
        {"entity": "feedback_value", "value": value},
        {"entity": "rated_intent", "value": rated},
    ]
    tracker = make_tracker(payload, intent="feedback", entities=entities, before=before)
    return run_action(ActionRecordFeedback(), tracker)


def test_ja_is_stored_with_the_intent_it_rates_and_thanked() -> None:
    slots, messages = click("ja", "ask_apply", answered("ask_apply"))
    assert slots == {"feedback_value": "ja", "rated_intent": "ask_apply"}
    assert [m["response"] for m in messages] == ["utter_feedback_thanks"]


def test_nej_offers_the_phone_number_and_the_other_likely_topics() -> None:
    ranking = [("ask_reporting", 0.5), ("report_change", 0.3), ("ask_overpayment", 0.1)]
    slots, messages = click("nej", "ask_reporting", answered("ask_reporting", ranking))
    assert slots == {"feedback_value": "nej", "rated_intent": "ask_reporting"}
    assert [m["response"] for m in messages] == ["utter_feedback_no", "utter_feedback_did_you_mean"]
    assert "0771-524 524" in texts(messages)
    assert payloads(messages) == [
        "/report_change",
        "/ask_overpayment",
        "/ask_apply",
        "/out_of_scope",
    ]
    titles = [b["title"] for b in messages[1]["buttons"]]
    assert titles == [
        "Anmäla en ändring",
        "Betala tillbaka pengar",
        "Hur ansöker jag?",
        "Inget av dem",
    ]


def test_after_a_button_question_the_common_topics_are_offered() -> None:
    assert other_topics(answered("ask_apply"), "ask_apply") == [
        "ask_eligibility",
        "ask_choose_provider",
        "check_provider",
    ]


def test_a_rated_intent_the_page_did_not_send_is_replaced_by_the_latest_answer() -> None:
    slots, _ = click("ja", "utter_hack", answered("ask_hospital"))
    assert slots == {"feedback_value": "ja", "rated_intent": "ask_hospital"}


def test_typed_feedback_reads_the_words_and_rates_the_latest_answer() -> None:
    tracker = make_tracker("svaret hjälpte inte", intent="feedback", before=answered("ask_abroad"))
    slots, messages = run_action(ActionRecordFeedback(), tracker)
    assert slots == {"feedback_value": "nej", "rated_intent": "ask_abroad"}
    assert messages[0]["response"] == "utter_feedback_no"


def test_nothing_to_rate_is_thanked_and_not_stored() -> None:
    tracker = make_tracker("bra svar", intent="feedback")
    slots, messages = run_action(ActionRecordFeedback(), tracker)
    assert slots == {}
    assert [m["response"] for m in messages] == ["utter_feedback_thanks"]
