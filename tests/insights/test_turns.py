"""Which turn answered a question completely: when the web page asks "Hjälpte svaret?"."""

from __future__ import annotations

from typing import Any

from assistansguiden.insights import answered_topic, read_conversation
from tests.insights.known import Talk, at


def events(talk: Talk) -> list[dict[str, Any]]:
    return [event.as_dict() for event in talk.events]


def talk() -> Talk:
    return Talk("s", at(23, 10)).session()


def asking_provider_form(t: Talk) -> Talk:
    t.user("kolla en anordnare", "check_provider").action("provider_form")
    t.loop("provider_form").slot("requested_slot", "provider_query")
    return t.bot("Vilken anordnare?", "utter_ask_provider_query").listen()


def test_small_talk_is_not_rated() -> None:
    for intent in ("greet", "thank", "goodbye", "affirm", "out_of_scope", "nlu_fallback"):
        assert answered_topic(events(talk().user("hej", intent).answer("utter_x"))) is None


def test_a_topic_answered_by_its_response_is_rated() -> None:
    assert answered_topic(
        events(talk().user("ansöka?", "ask_apply").answer("utter_ask_apply"))
    ) == ("ask_apply")


def test_not_while_a_form_asks_and_once_when_it_is_done() -> None:
    t = asking_provider_form(talk())
    assert answered_topic(events(t)) is None
    t.user("559901-0013", "inform").action("provider_form").slot("provider_query", "559901-0013")
    t.slot("requested_slot", "personkrets").bot("Vilken personkrets?").listen()
    assert answered_topic(events(t)) is None
    t.user("1 vuxen", "inform").action("provider_form").slot("personkrets", "1")
    t.slot("age_group", "adults").loop(None).slot("requested_slot", None)
    t.action("action_check_provider").bot("Ja.").listen()
    assert answered_topic(events(t)) == "check_provider"
    t.user("tack", "thank").answer("utter_thank")
    assert answered_topic(events(t)) is None


def test_a_form_filled_by_the_first_message_answers_at_once() -> None:
    t = talk().user("fyller 18, född 2008-05-14", "ask_turning_18")
    t.action("action_answer_turning_18").action("birth_date_form").loop("birth_date_form")
    t.slot("birth_date", "2008-05-14").loop(None).slot("requested_slot", None)
    t.action("action_age_dates").bot("Barnet fyller 18 år 14 maj 2026.").listen()
    assert answered_topic(events(t)) == "ask_turning_18"


def test_an_aside_in_a_form_is_answered_but_not_rated_while_the_form_asks() -> None:
    t = asking_provider_form(talk())
    t.user("vad är LSS", "ask_what_is").answer("utter_ask_what_is")
    t.action("provider_form").slot("requested_slot", "provider_query").bot("Vilken?").listen()
    assert answered_topic(events(t)) is None
    last = read_conversation(events(t)).turns[-1]
    assert (last.answered, last.in_form) == ("ask_what_is", True)


def test_a_cancelled_form_is_not_rated_and_a_new_topic_is() -> None:
    cancelled = asking_provider_form(talk()).user("avbryt", "deny")
    cancelled.action("action_deactivate_loop").loop(None).slot("requested_slot", None)
    cancelled.answer("utter_flow_cancelled")
    assert answered_topic(events(cancelled)) is None
    switched = asking_provider_form(talk()).user("hur ansöker jag", "ask_apply")
    switched.action("action_deactivate_loop").loop(None).slot("requested_slot", None)
    switched.action("action_reset_decision_slots").answer("utter_ask_apply")
    assert answered_topic(events(switched)) == "ask_apply"
    runs = read_conversation(events(switched)).forms
    assert [(r.form, r.finished, r.left_at) for r in runs] == [
        ("provider_form", False, "provider_query")
    ]


def test_nothing_is_rated_when_the_answer_could_not_be_given() -> None:
    down = talk().user("timbeloppet", "ask_hourly_amount").action("action_answer_hourly_amount")
    assert answered_topic(events(down.down().listen())) is None
    registry = talk().user("kolla 559901-0013 grupp 1 vuxen", "check_provider")
    registry.action("provider_form").loop("provider_form").loop(None)
    registry.action("action_check_provider").bot("Går inte nu.", "utter_registry_unavailable")
    assert answered_topic(events(registry.listen())) is None


def test_a_feedback_click_is_recorded_and_not_rated_itself() -> None:
    t = talk().user("ansöka?", "ask_apply").answer("utter_ask_apply").feedback("nej", "ask_apply")
    assert answered_topic(events(t)) is None
    assert read_conversation(events(t)).turns[-1].feedback == ("ask_apply", "nej")


def test_feedback_with_values_the_action_did_not_accept_is_not_counted() -> None:
    t = talk().user('/feedback{"feedback_value":"kanske"}', "feedback")
    t.action("action_record_feedback").bot("Tack!").listen()
    assert read_conversation(events(t)).turns[-1].feedback is None
