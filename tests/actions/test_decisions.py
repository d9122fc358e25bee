"""The submit actions: a decision in plain Swedish, then clean slots."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.decisions import (
    ActionAgeDates,
    ActionChangeDeadline,
    ActionCheckPayee,
    ActionCheckProvider,
    ActionResetDecisionSlots,
    reset_events,
)
from actions.forms import ValidateBirthDateForm
from tests.actions.form_helpers import (
    make_tracker,
    payloads,
    run_action,
    texts,
)

RESET = {
    "provider_query": None,
    "informed_date": None,
    "permit_ceased": None,
    "provider_without_permit": None,
    "personkrets": None,
    "age_group": None,
    "birth_date": None,
    "change_kind": None,
    "change_date": None,
    "provider_query_failures": 0.0,
}


def check(
    org_nr: str | None,
    personkrets: str | None = "2",
    age_group: str | None = "adults",
    payee: bool = False,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    slots = {"provider_query": org_nr, "personkrets": personkrets, "age_group": age_group}
    action = ActionCheckPayee() if payee else ActionCheckProvider()
    slots_set, messages = run_action(action, make_tracker("/affirm", slots=slots))
    chat = [m for m in messages if not m.get("custom")]
    staff = [m["custom"] for m in messages if m.get("custom")]
    assert len(staff) <= 1
    return slots_set, chat


@pytest.mark.usefixtures("registry")
def test_the_staff_view_gets_the_decision_json_under_data() -> None:
    slots = {"provider_query": "559901-0039", "personkrets": "1", "age_group": "adults"}
    _, messages = run_action(ActionCheckProvider(), make_tracker("/affirm", slots=slots))
    [payload] = [m["custom"] for m in messages if m.get("custom")]
    decision = payload["data"]["decision"]
    assert decision["codes"] == ["NO_PERMIT"] and decision["ok"] is False
    assert decision["legal_refs"]


def test_reset_events_are_exactly_the_decision_slots() -> None:
    assert reset_events() == [SlotSet(k, v) for k, v in RESET.items()]
    slots, messages = run_action(ActionResetDecisionSlots(), make_tracker("avbryt"))
    assert (slots, messages) == (RESET, [])


@pytest.mark.usefixtures("registry")
def test_no_permit_says_no_and_how_to_choose_another() -> None:
    slots, messages = check("559901-0039")
    assert slots == RESET
    first, steps = messages
    assert first["text"].startswith("Nej. Du kan inte få assistansersättning")
    assert "saknar tillstånd från IVO" in first["text"]
    assert "IVO:s register" in steps["text"] and "annan anordnare" in steps["text"]
    assert "/ask_choose_provider" in payloads(messages)


@pytest.mark.usefixtures("registry")
def test_revoked_permit_explains_the_two_week_rule() -> None:
    slots, messages = check("559901-0054")
    assert slots == RESET
    answer = texts(messages)
    assert answer.startswith("Nej.") and "tillståndet har upphört" in answer
    assert "senast 14 dagar efter dagen då du fick besked" in answer
    assert "särskilda skäl" in answer  # 51 kap. 16 b § andra stycket 2, judged by FK
    assert "Regel: 51 kap. 16 b § andra stycket 1 SFB" in answer
    assert "Byt till en anordnare med tillstånd" in answer and "mer än 14 dagar" in answer
    # The chat cannot take that day, so it does not ask for it.
    assert "Berätta vilken dag" not in answer


@pytest.mark.usefixtures("registry")
def test_payee_without_f_skatt() -> None:
    slots, messages = check("559901-0088", payee=True)
    assert slots == RESET
    answer = texts(messages)
    assert answer.startswith("Nej. Ersättningen kan inte betalas ut direkt till Exempelassistans")
    assert "inte godkänd för F-skatt" in answer
    assert "betalas till dig i stället" in answer


@pytest.mark.usefixtures("registry")
def test_payee_ok_points_to_form_3079_and_the_agreement() -> None:
    _slots, messages = check("559901-0013", payee=True)
    answer = texts(messages)
    assert answer.startswith("Ja. ")
    assert "F-skatt" in answer and "arbetsgivare" in answer
    assert "blankett 3079" in answer and "avtalet" in answer


@pytest.mark.usefixtures("registry")
def test_children_only_permit_for_an_adult() -> None:
    _slots, messages = check("559901-0070", personkrets="1", age_group="adults")
    answer = texts(messages)
    assert answer.startswith("Nej.")
    assert "Tillståndet gäller inte assistans till vuxna." in answer
    assert "annan anordnare" in answer


@pytest.mark.usefixtures("registry")
def test_municipality_needs_no_permit() -> None:
    _slots, messages = check("212000-9994")
    answer = texts(messages)
    assert answer.startswith("Ja. Testkommunen (fiktiv kommun) är en kommun")
    assert "inget tillstånd från IVO" in answer


@pytest.mark.usefixtures("registry")
def test_unknown_group_is_a_careful_yes() -> None:
    _slots, messages = check("559901-0013", personkrets="unknown")
    answer = texts(messages)
    assert answer.startswith("Troligen ja.")
    assert "inte kontrollerat om tillståndet gäller din personkrets" in answer


@pytest.mark.usefixtures("registry_down")
def test_registry_down_at_submit() -> None:
    slots, messages = check("559901-0013")
    assert slots == RESET
    assert "kan inte kontrollera registret just nu" in texts(messages)
    assert "0771-524 524" in texts(messages)


@pytest.mark.usefixtures("registry")
def test_no_provider_after_the_form_ended_early_only_resets() -> None:
    assert check(None) == (RESET, [])


def age_tracker(birth_date: str, intent: str) -> Tracker:
    asked: list[dict[str, Any]] = [
        {
            "event": "user",
            "text": "fråga",
            "parse_data": {"intent": {"name": intent}, "entities": []},
        },
        {"event": "bot", "text": "När är personen född?"},
    ]
    return make_tracker("2010-03-01", slots={"birth_date": birth_date}, before=asked)


def test_turning_18_offers_to_check_the_permit_for_adults() -> None:
    slots, messages = run_action(ActionAgeDates(), age_tracker("2010-03-01", "ask_turning_18"))
    assert slots == RESET
    answer = texts(messages)
    assert "Barnet fyller 18 år 1 mars 2028" in answer
    assert "gäller vuxna" in answer and "god man" in answer
    assert '/check_provider{"age_group":"adults"}' in payloads(messages)


def test_turning_66_gives_the_age_limit_67_for_someone_born_1960() -> None:
    slots, messages = run_action(ActionAgeDates(), age_tracker("1960-02-01", "ask_turning_66"))
    assert slots == RESET
    answer = texts(messages)
    assert "Åldersgränsen som gäller för dig är 67 år" in answer
    assert "1 februari 2027" in answer and "31 januari 2027" in answer
    assert "/check_provider" not in repr(payloads(messages))


def test_personnummer_never_leaves_a_trace_through_the_whole_age_flow() -> None:
    form = make_tracker("20100301-1234", form="birth_date_form", requested="birth_date")
    form_slots, form_messages = run_action(ValidateBirthDateForm(), form)
    tracker = age_tracker(form_slots["birth_date"], "ask_turning_18")
    slots, messages = run_action(ActionAgeDates(), tracker)
    assert "1234" not in repr([form_slots, form_messages, slots, messages])
    assert "1 mars 2028" in texts(messages)


@pytest.mark.parametrize(
    ("change_date", "says"),
    [
        ("2026-11-20", "skedde 20 november 2026. Meddela Försäkringskassan så snart som möjligt "
         "och senast 4 december 2026."),
        # 14 days end on julafton: the last day moves to the next weekday (2 § 1930:173).
        ("2026-12-10", "Ändringen sker 10 december 2026. Meddela Försäkringskassan så snart som "
         "möjligt, gärna redan nu. Sista dagen är 28 december 2026.\n14 dagar efter 10 "
         "december 2026 är torsdag 24 december 2026, som är julafton."),
        ("2026-10-01", "sista dagen var 15 oktober 2026. Meddela den ändå"),
    ],
)  # fmt: skip
def test_change_deadline_is_14_days_later_in_swedish(change_date: str, says: str) -> None:
    tracker = make_tracker("x", slots={"change_kind": "flytt", "change_date": change_date})
    slots, messages = run_action(ActionChangeDeadline(), tracker)
    assert slots == RESET
    assert texts(messages).startswith("Flyttar. Ändringen")
    assert says in texts(messages)
    assert "0771-524 524" in texts(messages) and "Mina sidor" in texts(messages)
