"""A personnummer or samordningsnummer never fills a slot: whatever slot it is typed into
(provider, group, age, the day of a change, the day the person was told), in any way of
writing, it is refused with a short answer and no slot or message keeps its digits."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionExplainUnclearMessage
from actions.forms import ValidateChangeForm, ValidatePayeeForm, ValidateProviderForm
from actions.personal_numbers import NOT_NEEDED_TEXT
from tests.actions.form_helpers import make_tracker, payloads, run_action, texts
from tests.privacy.test_identifier_forms import personal_numbers

# 12 April 1985 and its samordningsnummer (day + 60), in the shapes people type.
WRITTEN = [
    "850412-1234",
    "850412\u20131234",  # en dash
    "850412\u20141234",  # em dash
    "850412\u22121234",  # minus sign
    "850412 1234",
    "850412 \u2013 1234",
    "850412+1234",
    "8504121234",
    "198504121234",
    "19850412-1234",
    "850472-1234",  # samordningsnummer
    "19850472\u20131234",
]


def ask(form: Any, requested: str, text: str, **kw: Any) -> tuple[dict, list]:
    name = "change_form" if isinstance(form, ValidateChangeForm) else "provider_form"
    return run_action(form, make_tracker(text, form=name, requested=requested, **kw))


def leaves_no_trace(slots: dict[str, Any], messages: list[dict[str, Any]]) -> bool:
    return "1234" not in repr(slots) + repr(messages)


def said_not_needed_once(messages: list[dict[str, Any]]) -> bool:
    return [m.get("text") for m in messages].count(NOT_NEEDED_TEXT) == 1


# --- provider_query -------------------------------------------------------------------


@pytest.mark.usefixtures("registry_down")
@pytest.mark.parametrize("written", WRITTEN)
@pytest.mark.parametrize("form", [ValidateProviderForm(), ValidatePayeeForm()])
def test_a_personnummer_is_no_provider_and_is_never_looked_up(form: Any, written: str) -> None:
    slots, messages = ask(form, "provider_query", written, candidates={"provider_query": written})
    # Refused before the registry is asked (it is down here: asking it would say so).
    assert slots == {"provider_query": None}
    assert [m.get("text") for m in messages] == [NOT_NEEDED_TEXT]
    assert "personnummer" in texts(messages) and leaves_no_trace(slots, messages)


@pytest.mark.usefixtures("registry_down")
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(number=st.one_of(personal_numbers(), personal_numbers(coordination=True)))
def test_any_way_of_writing_one_is_refused_for_the_provider(number: tuple[str, str]) -> None:
    written, digits = number
    text = f"kolla {written} tack"
    slots, messages = ask(
        ValidateProviderForm(), "provider_query", text, candidates={"provider_query": text}
    )
    assert slots == {"provider_query": None}
    assert said_not_needed_once(messages)
    assert digits[-4:] not in repr(slots) and written not in repr(messages)


@pytest.mark.usefixtures("registry")
def test_an_org_nr_entity_that_is_a_personnummer_keeps_the_provider_found_before() -> None:
    # Named on the side while the form asks for the group: the provider already found stays.
    before = [{"event": "slot", "name": "provider_query", "value": "559901-0013"}]
    entities = [{"entity": "org_nr", "value": "850412-1234"}]
    slots, messages = ask(
        ValidateProviderForm(),
        "personkrets",
        "850412-1234",
        before=before,
        entities=entities,
        candidates={"provider_query": "850412-1234"},
    )
    assert slots["provider_query"] == "559901-0013"
    assert said_not_needed_once(messages) and leaves_no_trace(slots, messages)


@pytest.mark.usefixtures("registry")
def test_an_organisation_number_is_still_a_provider() -> None:
    # Its "month" is 20 or more, so it is no personnummer.
    slots, messages = ask(
        ValidateProviderForm(),
        "provider_query",
        "559901-0013",
        candidates={"provider_query": "559901-0013"},
    )
    assert slots["provider_query"] == "559901-0013"
    assert NOT_NEEDED_TEXT not in [m.get("text") for m in messages]


# --- personkrets and age_group ---------------------------------------------------------


@pytest.mark.parametrize("written", ["850412-1234", "850472\u20131234", "19850412 1234"])
def test_a_personnummer_is_no_personkrets(written: str) -> None:
    slots, messages = ask(
        ValidateProviderForm(), "personkrets", written, candidates={"personkrets": written}
    )
    assert slots == {"personkrets": None}
    assert said_not_needed_once(messages) and "personkrets" in texts(messages)
    assert leaves_no_trace(slots, messages)


@pytest.mark.parametrize(
    "written", ["min son 100301-1234", "100361\u20131234", "dottern 1003011234"]
)
def test_a_personnummer_is_no_age_group(written: str) -> None:
    slots, messages = ask(
        ValidateProviderForm(), "age_group", written, candidates={"age_group": written}
    )
    assert slots == {"age_group": None}
    assert said_not_needed_once(messages) and "barn" in texts(messages)
    assert leaves_no_trace(slots, messages)


def test_the_message_that_starts_the_form_is_read_without_the_number() -> None:
    # Group and age in the first message count; the number's digits are no group or age.
    tracker = make_tracker("min vuxna dotter 850412-1234 har autism", form="provider_form")
    dispatcher = CollectingDispatcher()
    form = ValidateProviderForm()
    group = asyncio.run(form.extract_personkrets(dispatcher, tracker, {}))
    age = asyncio.run(form.extract_age_group(dispatcher, tracker, {}))
    assert group == {"personkrets": "1"} and age == {"age_group": "adults"}
    assert said_not_needed_once(dispatcher.messages)


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["100301-1234", "100361 \u2013 1234", "201003011234"])
def test_a_personnummer_gives_no_change_date(written: str) -> None:
    # Its date is a birthday (2010-03-01), never the day of the change.
    slots, messages = ask(ValidateChangeForm(), "change_date", written)
    assert slots == {"change_date": None}
    assert said_not_needed_once(messages) and "förstod inte datumet" in texts(messages)
    assert leaves_no_trace(slots, messages) and "2010" not in repr(slots)


def test_the_day_of_the_change_is_read_beside_a_personnummer() -> None:
    slots, messages = ask(
        ValidateChangeForm(), "change_date", "100301\u20131234 flyttade den 3 november"
    )
    assert slots == {"change_date": "2026-11-03"}
    assert said_not_needed_once(messages) and leaves_no_trace(slots, messages)


def test_a_change_form_started_with_a_personnummer_takes_no_date_from_it() -> None:
    slots, messages = ask(ValidateChangeForm(), None, "min son 100301-1234 har flyttat")  # type: ignore[arg-type]
    assert slots == {"change_kind": "flytt"}
    assert said_not_needed_once(messages) and leaves_no_trace(slots, messages)


@pytest.mark.parametrize("written", ["850412-1234", "850412\u20131234", "850472 1234"])
def test_a_personnummer_gives_no_day_the_person_was_told(written: str) -> None:
    tracker = make_tracker(written, form="provider_form", requested="informed_date")
    dispatcher = CollectingDispatcher()
    found = asyncio.run(ValidateProviderForm().extract_informed_date(dispatcher, tracker, {}))
    assert found == {"informed_date": None}
    assert said_not_needed_once(dispatcher.messages)


def test_a_personnummer_as_a_date_value_is_refused() -> None:
    # However it came (a typed payload), the validator does not read a date out of it.
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("x", form="change_form", requested="change_date")
    result = asyncio.run(
        ValidateChangeForm().validate_change_date("100301-1234", dispatcher, tracker, {})
    )
    assert result == {"change_date": None}
    assert said_not_needed_once(dispatcher.messages)


# --- the birth date: the one date wanted from a personnummer ------------------------------


@pytest.mark.parametrize("written", ["850412\u20131234", "850412 \u2013 1234", "19850412 1234"])
def test_the_birth_date_form_keeps_only_the_date_in_every_way_of_writing(written: str) -> None:
    from actions.forms import ValidateBirthDateForm

    slots, messages = run_action(
        ValidateBirthDateForm(),
        make_tracker(written, form="birth_date_form", requested="birth_date"),
    )
    assert slots == {"birth_date": "1985-04-12"}
    assert "fyra sista siffrorna" in texts(messages) and leaves_no_trace(slots, messages)


# --- "Menade du …?" buttons ----------------------------------------------------------------


def test_a_did_you_mean_button_never_carries_a_personnummer() -> None:
    tracker = make_tracker("kolla 850412-1234", intent="nlu_fallback")
    tracker.latest_message["entities"] = [{"entity": "org_nr", "value": "850412-1234"}]
    tracker.latest_message["intent_ranking"] = [
        {"name": "check_provider", "confidence": 0.4},
        {"name": "ask_payee", "confidence": 0.3},
    ]
    _, messages = run_action(ActionExplainUnclearMessage(), tracker)
    assert payloads(messages) and not any("1234" in payload for payload in payloads(messages))
