"""Form validation: what people type becomes clean slot values, or a kind re-ask."""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.forms import (
    ValidateBirthDateForm,
    ValidateChangeForm,
    ValidatePayeeForm,
    ValidateProviderForm,
)
from assistansguiden.registry.service import shared_service
from tests.actions.form_helpers import (
    ask_provider,
    make_tracker,
    payloads,
    run_action,
    texts,
)
from tests.registry.conftest import SAMPLE_CSV

# --- provider_query -------------------------------------------------------------------


@pytest.mark.usefixtures("registry")
def test_wrong_check_digit_once_says_so_without_a_way_out() -> None:
    slots, messages = ask_provider("559901-0014")
    assert slots["provider_query"] is None
    assert slots["provider_query_failures"] == 1.0
    assert texts(messages) == (
        "Organisationsnumret 559901-0014 verkar inte stämma: kontrollsiffran blir fel. "
        "Skriv numret igen, med tio siffror."
    )
    assert "/deny" not in payloads(messages)


@pytest.mark.usefixtures("registry")
def test_wrong_check_digit_twice_offers_a_way_out() -> None:
    slots, messages = ask_provider("5599010014", failures=1.0)
    assert slots["provider_query_failures"] == 2.0
    assert "kontrollsiffran blir fel" in texts(messages[:1])
    way_out = messages[-1]
    assert way_out["response"] == "utter_way_out"
    assert "0771-524 524" in texts([way_out]) and "namn" in texts([way_out])


@pytest.mark.usefixtures("registry")
def test_ambiguous_name_gives_one_button_per_candidate() -> None:
    slots, messages = ask_provider("norrsken")
    assert slots == {"provider_query": None}  # several matches is not a failure
    assert payloads(messages) == [
        '/inform{"org_nr":"559901-0104"}',
        '/inform{"org_nr":"559901-0112"}',
    ]
    assert "Exempelassistans Norrsken AB (559901-0104)" in messages[0]["buttons"][0]["title"]


@pytest.mark.usefixtures("registry")
def test_unknown_name_is_a_failure_with_the_ivo_hint() -> None:
    slots, messages = ask_provider("Finns Inte Omsorg")
    assert slots == {"provider_query": None, "provider_query_failures": 1.0}
    assert "ingen anordnare som matchar ”Finns Inte Omsorg”" in texts(messages)
    assert "IVO" in texts(messages)


@pytest.mark.usefixtures("registry")
@pytest.mark.parametrize(
    ("value", "says"),
    [("12345", "inte ut som ett organisationsnummer"), ("5599010146", "numret 559901-0146")],
)
def test_not_an_org_nr_or_not_registered(value: str, says: str) -> None:
    assert says in texts(ask_provider(value)[1])


EARLIER = {"provider_query": "559901-0013", "personkrets": "2"}


@pytest.mark.usefixtures("registry")
@pytest.mark.parametrize(("slot", "stray"), [("provider_query", "trean"), ("personkrets", "hej")])
def test_a_stray_value_while_another_slot_is_asked_keeps_the_earlier_one(
    slot: str, stray: str
) -> None:
    before = [{"event": "slot", "name": n, "value": v} for n, v in EARLIER.items()]
    tracker = make_tracker(
        stray, form="provider_form", requested="age_group", before=before, candidates={slot: stray}
    )
    assert run_action(ValidateProviderForm(), tracker) == ({slot: EARLIER[slot]}, [])


@pytest.mark.usefixtures("registry")
def test_found_by_name_without_swedish_letters() -> None:
    slots, messages = ask_provider("solstralen")
    assert slots == {
        "provider_query": "559901-0013",
        "permit_ceased": False,
        "provider_without_permit": False,
    }
    assert texts(messages) == "Nu har jag hittat Exempelassistans Solstrålen AB (559901-0013)."


@pytest.mark.usefixtures("registry")
def test_candidate_button_resolves_and_payee_form_shares_the_validation() -> None:
    slots, _ = ask_provider("559901-0104", action=ValidatePayeeForm())
    assert slots == {
        "provider_query": "559901-0104",
        "permit_ceased": False,
        "provider_without_permit": False,
    }
    assert ValidatePayeeForm().name() == "validate_payee_form"


@pytest.mark.usefixtures("registry_down")
def test_registry_down_ends_the_form_politely() -> None:
    slots, messages = ask_provider("solstralen")
    assert slots == {"provider_query": None, "requested_slot": None}
    assert "kan inte kontrollera registret just nu" in texts(messages)
    assert "0771-524 524" in texts(messages)


# --- personkrets and age_group ---------------------------------------------------------


def validate(slot: str, value: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    tracker = make_tracker(value, form="provider_form", requested=slot, candidates={slot: value})
    return run_action(ValidateProviderForm(), tracker)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", "1"),
        ("ett", "1"),
        ("ettan", "1"),
        ("grupp 1", "1"),
        ("personkrets 2", "2"),
        ("Tvåan", "2"),
        ("krets 3", "3"),
        ("trean tror jag", "3"),
        ("vet inte", "unknown"),
        ("Jag är osäker", "unknown"),
        ("vet ej om det är 1 eller 2", "unknown"),
    ],
)
def test_personkrets_is_read_from_text(text: str, expected: str) -> None:
    slots, messages = validate("personkrets", text)
    assert slots == {"personkrets": expected}
    assert messages == []


@pytest.mark.parametrize("text", ["fyra", "grupp 4", "1 eller 2", "ett barn med autism", "hej"])
def test_unclear_personkrets_is_asked_again(text: str) -> None:
    slots, messages = validate("personkrets", text)
    assert slots == {"personkrets": None}
    assert "1, 2 eller 3" in texts(messages) and "vet inte" in texts(messages)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("barn", "children"),
        ("child", "children"),
        ("under 18", "children"),
        ("han är 12", "children"),
        ("hon är 8 månader", "children"),
        ("vuxen", "adults"),
        ("Vuxna", "adults"),
        ("adults", "adults"),
        ("hon är 30 år", "adults"),
        ("han har fyllt 18", "adults"),
        ("mitt vuxna barn", "adults"),
    ],
)
def test_age_group_is_read_from_text(text: str, expected: str) -> None:
    assert validate("age_group", text) == ({"age_group": expected}, [])


def test_unclear_age_group_is_asked_again() -> None:
    slots, messages = validate("age_group", "vet inte")
    assert slots == {"age_group": None}
    assert "barn" in texts(messages) and "vuxen" in texts(messages)


# --- birth_date -----------------------------------------------------------------------


def birth(text: str, requested: str | None = "birth_date", **kw: Any) -> tuple[dict, list]:
    return run_action(
        ValidateBirthDateForm(),
        make_tracker(text, form="birth_date_form", requested=requested, **kw),
    )


@pytest.mark.parametrize("text", ["14 maj 2008", "2008-05-14", "080514", "född den 14/5 2008"])
def test_birth_date_formats(text: str) -> None:
    assert birth(text) == ({"birth_date": "2008-05-14"}, [])


@pytest.mark.parametrize("text", ["20080514-1234", "han är född 080514-1234", "0805141234"])
def test_personnummer_gives_only_the_date_and_is_never_kept(text: str) -> None:
    slots, messages = birth(text)
    assert slots == {"birth_date": "2008-05-14"}
    assert "fyra sista siffrorna" in texts(messages) and "sparar jag inte" in texts(messages)
    assert "1234" not in repr(slots) + repr(messages)


def test_personnummer_in_the_question_that_starts_the_form() -> None:
    slots, messages = birth("vad händer när 20100301-1234 fyller 18", requested=None)
    assert slots == {"birth_date": "2010-03-01"}
    assert "1234" not in repr(slots) + repr(messages)


def test_first_turn_without_a_date_leaves_the_asking_to_the_form() -> None:
    assert birth("vad händer när mitt barn fyller 18", requested=None) == ({}, [])


def test_another_slot_requested_is_left_alone() -> None:
    assert birth("2008-05-14", requested="age_group") == ({}, [])


def test_an_old_message_is_not_read_again_after_the_bot_spoke() -> None:
    after = [{"event": "bot", "text": "Något annat svar."}]
    assert birth("schablonbelopp", after=after) == ({}, [])


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("fjortonde maj", "förstod inte datumet"),
        ("2027-01-01", "har inte kommit ännu"),
        ("1890-01-01", "mer än 120 år sedan"),
    ],
)
def test_unusable_birth_dates_are_asked_again(text: str, says: str) -> None:
    slots, messages = birth(text)
    assert slots == {"birth_date": None}
    assert says in texts(messages)


# --- change_kind and change_date ------------------------------------------------------


def change(text: str, requested: str | None, **kw: Any) -> tuple[dict, list]:
    return run_action(
        ValidateChangeForm(), make_tracker(text, form="change_form", requested=requested, **kw)
    )


def test_change_kind_from_a_button() -> None:
    entities = [{"entity": "change_kind", "value": "stod"}]
    slots = change('/inform{"change_kind":"stod"}', "change_kind", entities=entities)
    assert slots == ({"change_kind": "stod"}, [])


@pytest.mark.parametrize(
    ("text", "age_group", "expected"),
    [
        ("vi ska flytta ihop", None, "samboskap"),
        ("jag flyttar", None, "flytt"),
        ("jag ska börja jobba", None, "arbete"),
        ("min son byter skola", "children", "forskola_skola"),
        ("börjar på förskolan", None, "forskola_skola"),
        ("vi ska vara utomlands i tre månader", None, "utlandsvistelse"),
        ("hon läggs in på sjukhus", None, "sjukhus"),
        ("mer hjälp än förut", None, "behov"),
    ],
)
def test_change_kind_from_free_text(text: str, age_group: str | None, expected: str) -> None:
    slots, _ = change(text, "change_kind", slots={"age_group": age_group})
    assert slots == {"change_kind": expected}


def test_other_change_keeps_only_annat_never_the_words() -> None:
    slots, messages = change("något hemligt med min granne", "change_kind")
    assert slots == {"change_kind": "annat"}
    assert "hemligt" not in repr(slots) + repr(messages)
    assert "sparas inte" in texts(messages)


def test_the_starting_message_may_already_name_the_change() -> None:
    assert change("jag har glömt att anmäla flytten", None) == ({"change_kind": "flytt"}, [])
    assert change("vad räknas som en ändring?", None) == ({}, [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("igår", "2026-11-22"),
        ("2026-11-20", "2026-11-20"),
        ("den 3 december", "2026-12-03"),  # no year: the nearest 3 December
        ("1 februari 2027", "2027-02-01"),  # a planned change is fine
    ],
)
def test_change_date(text: str, expected: str) -> None:
    slots, messages = change(text, "change_date", slots={"change_kind": "flytt"})
    assert slots == {"change_date": expected}
    assert messages == []


def test_change_more_than_a_year_ago_is_asked_again() -> None:
    slots, messages = change("2025-01-10", "change_date")
    assert slots == {"change_date": None}
    assert "mer än ett år sedan" in texts(messages) and "0771-524 524" in texts(messages)


@pytest.mark.parametrize(
    ("opening", "slots"),
    [
        (
            "Min son är 12 år och har autism, får vi anlita 559901-0021?",
            {"personkrets": "1", "age_group": "children"},
        ),
        (
            "har Solstrålen tillstånd för min vuxna dotter med Downs syndrom",
            {
                "personkrets": "1",
                "age_group": "adults",
            },
        ),
        ("min man har ALS, kan vi välja Solstrålen", {"personkrets": "3"}),
        ("har 559901-0013 tillstånd?", {}),
    ],
)
def test_the_opening_message_fills_what_it_already_says(
    opening: str, slots: dict[str, str]
) -> None:
    form = ValidateProviderForm()
    tracker = make_tracker(opening, form="provider_form")
    found: dict[str, str] = {}
    for slot in ("personkrets", "age_group"):
        dispatcher = CollectingDispatcher()
        found |= asyncio.run(getattr(form, f"extract_{slot}")(dispatcher, tracker, {}))
    assert found == slots


def test_a_misspelled_provider_is_offered_with_yes_and_no(registry: str) -> None:
    slots, messages = ask_provider("solstrålen asistans")
    assert slots["provider_query"] is None  # nothing decided before the person says yes
    assert "Menade du Exempelassistans Solstrålen AB (559901-0013)?" in texts(messages)
    assert payloads(messages) == ['/inform{"org_nr":"559901-0013"}', "/inform"]


def test_a_ceased_permit_adds_the_question_of_when_the_person_was_told(registry: str) -> None:
    slots, _ = ask_provider("Avslutad Assistans Exempel AB")
    assert slots["permit_ceased"] is True
    form = ValidateProviderForm()
    tracker = make_tracker("x", form="provider_form", requested="personkrets", slots=slots)
    required = asyncio.run(
        form.required_slots(["provider_query", "personkrets", "age_group"], None, tracker, {})  # type: ignore[arg-type]
    )
    assert required[-1] == "informed_date"


def test_a_provider_without_any_permit_is_answered_without_group_and_age(
    registry: str,
) -> None:
    """No permit at all is a no for every group and age (51 kap. 16 b § SFB): not asked."""
    found, _ = ask_provider("559901-0039")
    assert found["provider_without_permit"] is True
    form = ValidateProviderForm()
    slots = ["provider_query", "personkrets", "age_group"]
    without = make_tracker("x", form="provider_form", slots=found)
    with_permit, _ = ask_provider("559901-0013")
    assert with_permit["provider_without_permit"] is False
    with_permit_tracker = make_tracker("x", form="provider_form", slots=with_permit)
    assert asyncio.run(form.required_slots(slots, None, without, {})) == ["provider_query"]  # type: ignore[arg-type]
    assert asyncio.run(form.required_slots(slots, None, with_permit_tracker, {})) == slots  # type: ignore[arg-type]


def test_a_permit_in_force_asks_nothing_more(registry: str) -> None:
    slots, _ = ask_provider("559901-0013")
    assert slots["permit_ceased"] is False


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("den 20 november 2026", "2026-11-20"),
        ("vet inte", "unknown"),
        ("det minns jag inte", None),
        ("Jag har inte fått något besked", "unknown"),
        ("vi fick aldrig veta det", "unknown"),
        ("inget brev har kommit", "unknown"),
    ],
)
def test_the_day_the_person_was_told_is_read(answer: str, value: str | None) -> None:
    tracker = make_tracker(answer, form="provider_form", requested="informed_date")
    found = asyncio.run(
        ValidateProviderForm().extract_informed_date(CollectingDispatcher(), tracker, {})
    )
    assert found == {"informed_date": value}


@pytest.mark.parametrize("typed", ["AB", "aktiebolag", "ab."])
def test_a_company_form_alone_is_not_searched_as_a_provider(registry: str, typed: str) -> None:
    slots, messages = ask_provider(typed)
    assert slots == {"provider_query": None} and messages == []


@pytest.mark.parametrize(
    ("opening", "slots"),
    [
        # the entity extractor may mark nothing: the whole registered name still counts
        ("kolla tillståndet för Påbörjad Assistans Exempel", {"provider_query": "559901-0047"}),
        ("KAN VI FORTSÄTTA MED AVSLUTAD ASSISTANS EXEMPEL AB", {"provider_query": "559901-0054"}),
        # no whole name, or two of them: the form asks
        ("har Påbörjad tillstånd?", {}),
        ("Påbörjad Assistans Exempel eller Avslutad Assistans Exempel, vilken?", {}),
        ("har vår anordnare tillstånd?", {}),
    ],
)
def test_the_opening_message_may_name_the_provider_without_an_entity(
    registry: str, opening: str, slots: dict[str, str]
) -> None:
    tracker = make_tracker(opening, form="provider_form")
    dispatcher = CollectingDispatcher()
    found = asyncio.run(ValidateProviderForm().extract_provider_query(dispatcher, tracker, {}))
    assert (found, dispatcher.messages) == (slots, [])


def test_a_whole_name_is_read_only_from_the_message_that_starts_the_form(registry: str) -> None:
    form = ValidateProviderForm()
    text = "kolla Påbörjad Assistans Exempel AB"

    def extracted(tracker: Any) -> dict[str, Any]:
        return asyncio.run(form.extract_provider_query(CollectingDispatcher(), tracker, {}))

    # Another question is asked: the form reads the answer to it, not a name on the side.
    assert extracted(make_tracker(text, form="provider_form", requested="age_group")) == {}
    # This message's own entity is read whole by validate_provider_query.
    own = make_tracker(text, form="provider_form", candidates={"provider_query": "Exempel AB"})
    assert extracted(own) == {}
    # A value left from earlier in the conversation gives way to the name in this message.
    old = make_tracker(text, form="provider_form", slots={"provider_query": "559901-0013"})
    assert extracted(old) == {"provider_query": "559901-0047"}


def test_the_form_s_first_run_reads_validates_and_answers_the_name(registry: str) -> None:
    """The whole run Rasa makes when the form starts: extract, validate, required slots."""
    slots, messages = run_action(
        ValidateProviderForm(),
        make_tracker("kan vi fortsätta med Exempelbolaget Utan Tillstånd?", form="provider_form"),
    )
    assert slots["provider_query"] == "559901-0039"
    assert slots["provider_without_permit"] is True
    assert slots["requested_slot"] is None  # no permit at all: nothing more to ask
    assert "Exempelbolaget Utan Tillstånd AB" in texts(messages)


@pytest.mark.usefixtures("registry_down")
def test_a_registry_that_is_down_leaves_the_provider_to_be_asked() -> None:
    tracker = make_tracker("kolla Påbörjad Assistans Exempel AB", form="provider_form")
    dispatcher = CollectingDispatcher()
    assert asyncio.run(ValidateProviderForm().extract_provider_query(dispatcher, tracker, {})) == {}


def add_provider(tmp_path: Path, org_nr: str, name: str) -> None:
    """One more provider in the sample registry, with the first sample row's permit."""
    extra = tmp_path / "extra.csv"
    rows = list(csv.DictReader(SAMPLE_CSV.open(encoding="utf-8")))
    with extra.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerow({**rows[0], "org_nr": org_nr, "name": name})
    shared_service().import_csv(extra)


@pytest.mark.parametrize(
    ("org_nr", "name", "text"),
    [
        # a name of generic words is more likely words than that provider
        ("559901-0138", "Personlig Assistans AB", "har vi rätt till personlig assistans?"),
        # a sole trader's organisation number is a personnummer: never taken from a sentence
        ("800101-1231", "Eriks Enskilda Assistansfirma", "kolla Eriks Enskilda Assistansfirma"),
    ],
)
def test_a_name_in_a_sentence_is_not_taken_when_it_must_not_be(
    registry: str, tmp_path: Path, org_nr: str, name: str, text: str
) -> None:
    add_provider(tmp_path, org_nr, name)
    tracker = make_tracker(text, form="provider_form")
    found = asyncio.run(
        ValidateProviderForm().extract_provider_query(CollectingDispatcher(), tracker, {})
    )
    assert found == {}


@pytest.mark.parametrize(
    ("opening", "entities"),
    [
        ("min pappa vill ha Exempelassistans Barn och Unga AB, går det?", []),
        (
            "har Exempelassistans Barn och Unga tillstånd för min man?",
            [{"entity": "provider_name", "value": "Exempelassistans Barn och Unga"}],
        ),
        ("gäller Exempelassistans Grupp Ett och Två för oss?", []),
    ],
)
def test_the_words_of_a_provider_s_name_say_nothing_about_the_person(
    registry: str, opening: str, entities: list[dict[str, str]]
) -> None:
    """'Barn och Unga' or 'Grupp Ett och Två' in a name is no age and no group: a father
    must not be answered as a child."""
    form = ValidateProviderForm()
    tracker = make_tracker(opening, form="provider_form", entities=entities)
    found: dict[str, str] = {}
    for slot in ("personkrets", "age_group"):
        found |= asyncio.run(getattr(form, f"extract_{slot}")(CollectingDispatcher(), tracker, {}))
    assert "personkrets" not in found
    assert found.get("age_group") != "children"
