"""Form validation: turn what people type into clean slot values, or say what was wrong.

The forms ask with their `utter_ask_<slot>` responses; these validators only explain a
rejected value, so the form's own question follows. Dates are parsed here from the text
and only the ISO date is kept. A personnummer or samordningsnummer is never a slot's value:
it is refused with a short answer, and the rest of the message is read without it
(actions/personal_numbers.py; assistansguiden.text.parsing has the pure text parsers).
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeAlias

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.personal_numbers import (
    holds_personal_number,
    latest_text_without_numbers,
    say_not_needed,
)
from actions.render import candidate_buttons, intent_payload
from assistansguiden.law import Decision, format_date, parse_org_nr
from assistansguiden.registry.lookup import Question
from assistansguiden.registry.names import name_key, without_name
from assistansguiden.registry.service import RegistryUnavailable, shared_service
from assistansguiden.settings import today
from assistansguiden.text.change_kinds import OTHER, match_change_kind
from assistansguiden.text.parsing import (
    UNKNOWN,
    contains_personnummer,
    date_in_text,
    first_value,
    parse_age_group,
    parse_personkrets,
    personkrets_in_text,
    previous_value,
    says_never_told,
    shown,
    slot_date,
)

DomainDict = dict[str, Any]
Dispatcher: TypeAlias = CollectingDispatcher
REQUESTED = "requested_slot"
INFORMED = "informed_date"
PERMIT_CEASED = "permit_ceased"
NO_PERMIT = "provider_without_permit"
FAILURES = "provider_query_failures"
MAX_BIRTH_YEARS = 120


def permit_ceased(decision: Decision) -> bool:
    """The law needs the day the person was told (51 kap. 16 b § SFB) to decide."""
    return any(step.code == "TELL_INFORMED_DATE" for step in decision.next_steps)


def without_permit(decision: Decision) -> bool:
    """A found provider that has no permit from IVO at all: the answer is no whatever the
    person's group and age (the groups are checked only against a permit), so the form
    does not ask for them."""
    return decision.provider is not None and "NO_PERMIT" in decision.codes


def about_the_person(tracker: Tracker, dispatcher: Dispatcher) -> str:
    """The message that started the form without the provider's name in it: the words of
    "Exempelassistans Barn och Unga AB" or "… Grupp Ett och Två AB" say nothing about the
    person's age or group (personal numbers are masked out too)."""
    text = latest_text_without_numbers(tracker, dispatcher)
    try:
        named = shared_service().provider_named_in(text)
    except RegistryUnavailable:
        named = None
    if named is not None:
        text = without_name(text, named.name)
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "provider_name" and isinstance(entity.get("value"), str):
            text = text.replace(entity["value"], " ")
    return text


def latest_text(tracker: Tracker) -> str:
    return str(tracker.latest_message.get("text") or "")


def fresh_user_turn(tracker: Tracker) -> bool:
    """True when the bot has not spoken since the latest user message.

    A form that resumes after another answer must not read that older message again
    as if it answered the form's question.
    """
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return False
        if event.get("event") == "user":
            return True
    return True


def should_read(tracker: Tracker, slot: str) -> bool | None:
    """None: leave the slot alone; False: the form's first turn (fill only when found);
    True: the slot was asked for, so an unreadable answer is an error to explain."""
    requested = tracker.get_slot(REQUESTED)
    if requested is None:
        return False
    if requested == slot and fresh_user_turn(tracker):
        return True
    return None


def stray(tracker: Tracker, slot: str) -> bool:
    """The value came on the side, while another slot was asked or in the message that
    started the form (a stray entity: "Grupp Ett och Två" in a provider's name): an
    unusable one then keeps the slot's earlier value, silently."""
    return tracker.get_slot(REQUESTED) != slot


class ValidateProviderForm(FormValidationAction):
    """provider_form: provider_query, personkrets, age_group (payee_form shares it)."""

    question: Question = "provider"

    def name(self) -> str:
        return "validate_provider_form"

    async def extract_provider_query(
        self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The message that starts the form may name a provider that the entity extractor
        did not mark ("kolla tillståndet för Påbörjad Assistans Exempel"): a whole
        registered name in it fills the slot, so the form does not ask for what was said."""
        if tracker.get_slot(REQUESTED) is not None:
            return {}  # not the form's first turn: the form asks, and reads the answer
        if "provider_query" in tracker.slots_to_validate():
            return {}  # this message's own entity: validate_provider_query reads it whole
        if holds_personal_number(latest_text(tracker)):
            return {}
        try:
            found = shared_service().named_in(latest_text(tracker))
        except RegistryUnavailable:
            return {}  # validate_provider_query says so when the form asks and gets an answer
        if found is None:
            return {}
        # Also over a value left from earlier in the conversation: this message names one.
        return {"provider_query": found}

    async def validate_provider_query(
        self, slot_value: Any, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        query = first_value(slot_value)
        if holds_personal_number(slot_value):
            say_not_needed(dispatcher)
            # Asked for: the form asks again. On the side: what the form had stays.
            keep = (
                previous_value(tracker.events, "provider_query")
                if stray(tracker, "provider_query")
                else None
            )
            return {"provider_query": keep}
        if not query or query.startswith("/"):
            # A button payload meant for another question is not a provider's name.
            return {"provider_query": None}
        if not name_key(query) and not any(c.isdigit() for c in query):
            # "AB", "aktiebolag", "kommun?" alone name no provider: ask, do not search.
            return {"provider_query": None}
        try:
            decision = shared_service().decide(query, today(), question=self.question)
            text = latest_text_without_numbers(tracker, dispatcher)
            if decision.provider is None and text and " ".join(text.split()) != query:
                # The classifier may cut a name short ("Exempel" of "Avslutad Assistans
                # Exempel AB"): a whole registered name in the message wins.
                whole = shared_service().named_in(text)
                if whole is not None:
                    decision = shared_service().decide(whole, today(), question=self.question)
        except RegistryUnavailable:
            dispatcher.utter_message(response="utter_registry_unavailable")
            # Ending the form keeps the conversation; the submit action sees no query.
            return {"provider_query": None, REQUESTED: None}
        if decision.provider is not None and decision.interpreted_from:
            # A misspelled name close to one provider: never answer for it silently.
            found = decision.provider
            dispatcher.utter_message(
                response="utter_provider_did_you_mean",
                provider_name=found.name,
                org_nr=found.org_nr,
                buttons=[
                    {"title": "Ja", "payload": intent_payload("inform", org_nr=found.org_nr)},
                    {"title": "Nej, jag skriver igen", "payload": "/inform"},
                ],
            )
            return {"provider_query": None}
        if decision.provider is not None:
            found = decision.provider
            dispatcher.utter_message(
                response="utter_provider_found", provider_name=found.name, org_nr=found.org_nr
            )
            # A ceased permit may still be paid for two weeks after the person was told:
            # the form then asks for that day too (required_slots).
            return {
                "provider_query": found.org_nr,
                PERMIT_CEASED: permit_ceased(decision),
                NO_PERMIT: without_permit(decision),
            }
        if tracker.get_slot(REQUESTED) not in (None, "provider_query"):
            # Named on the side while another slot was asked: keep what we had. (A name in
            # the message that started the form is the question, so it is explained.)
            return {"provider_query": previous_value(tracker.events, "provider_query")}
        if "AMBIGUOUS" in decision.codes:
            # Not a failure: the person is one click from the answer.
            dispatcher.utter_message(
                response="utter_provider_ambiguous",
                query=shown(query),
                buttons=candidate_buttons(decision),
            )
            return {"provider_query": None}
        failures = float(tracker.get_slot(FAILURES) or 0.0) + 1.0
        response, values = self.failure_response(query, decision.codes)
        dispatcher.utter_message(response=response, **values)
        if failures >= 2:
            dispatcher.utter_message(response="utter_way_out")
        return {"provider_query": None, FAILURES: failures}

    @staticmethod
    def failure_response(query: str, codes: tuple[str, ...]) -> tuple[str, dict[str, str]]:
        """The response that explains why no provider was found, and its values."""
        parsed = parse_org_nr(query)
        if "INVALID_ORG_NR" in codes and parsed.well_formed:
            return "utter_org_nr_check_digit", {"org_nr": parsed.normalized}
        if "INVALID_ORG_NR" in codes:
            return "utter_org_nr_malformed", {"query": shown(query)}
        what = (
            f"med organisationsnumret {parsed.normalized}"
            if parsed.valid
            else f"som matchar ”{shown(query)}”"
        )
        return "utter_provider_not_found", {"what": what}

    async def extract_personkrets(
        self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The message that started the form may already say it ("… med autism")."""
        if should_read(tracker, "personkrets") is not False or tracker.get_slot("personkrets"):
            return {}
        found = personkrets_in_text(about_the_person(tracker, dispatcher))
        return {"personkrets": found} if found else {}

    async def extract_age_group(
        self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """… or the age ("min son på 12 år", "min vuxna dotter")."""
        if should_read(tracker, "age_group") is not False or tracker.get_slot("age_group"):
            return {}
        found = parse_age_group(about_the_person(tracker, dispatcher))
        return {"age_group": found} if found else {}

    async def validate_personkrets(
        self, slot_value: Any, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if holds_personal_number(slot_value):
            say_not_needed(dispatcher)
            slot_value = None
        value = parse_personkrets(first_value(slot_value) or "")
        if value is None and stray(tracker, "personkrets"):
            return {"personkrets": previous_value(tracker.events, "personkrets")}
        if value is None:
            dispatcher.utter_message(response="utter_personkrets_again")
        return {"personkrets": value}

    async def validate_age_group(
        self, slot_value: Any, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if holds_personal_number(slot_value):
            say_not_needed(dispatcher)
            slot_value = None
        value = parse_age_group(first_value(slot_value) or "")
        if value is None and stray(tracker, "age_group"):
            return {"age_group": previous_value(tracker.events, "age_group")}
        if value is None:
            dispatcher.utter_message(response="utter_age_group_again")
        return {"age_group": value}

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: Dispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """The day the person was told is needed only when the permit has ceased; the
        person's group and age only when the provider has a permit that could cover them."""
        slots = list(domain_slots)
        if tracker.get_slot(PERMIT_CEASED) and INFORMED not in slots:
            slots.append(INFORMED)
        if tracker.get_slot(NO_PERMIT) and tracker.get_slot("provider_query"):
            slots = [s for s in slots if s not in ("personkrets", "age_group")]
        return slots

    async def extract_informed_date(
        self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        asked = should_read(tracker, INFORMED)
        if asked is not True:
            return {}
        entity = next(tracker.get_latest_entity_values(INFORMED), None)
        if entity == UNKNOWN:
            return {INFORMED: UNKNOWN}
        text = latest_text_without_numbers(tracker, dispatcher)
        if parse_personkrets(text) == UNKNOWN or says_never_told(text):
            return {INFORMED: UNKNOWN}  # "vet inte", "jag har inte fått något besked"
        found = date_in_text(text, today(), year_optional=True)
        return {INFORMED: found.isoformat() if found else None}

    async def validate_informed_date(
        self, slot_value: Any, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if slot_value == UNKNOWN:
            return {INFORMED: UNKNOWN}
        if holds_personal_number(slot_value):
            say_not_needed(dispatcher)
            slot_value = None
        day = slot_date(slot_value, today(), year_optional=True)
        if day is None:
            dispatcher.utter_message(response="utter_informed_date_again")
            return {INFORMED: None}
        if day > today():
            dispatcher.utter_message(response="utter_informed_date_in_future", day=format_date(day))
            return {INFORMED: None}
        return {INFORMED: day.isoformat()}


class ValidatePayeeForm(ValidateProviderForm):
    """payee_form: the same slots; the registry answers the payee question."""

    question: Question = "payee"

    def name(self) -> str:
        return "validate_payee_form"


class ValidateBirthDateForm(FormValidationAction):
    def name(self) -> str:
        return "validate_birth_date_form"

    async def extract_birth_date(
        self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        asked = should_read(tracker, "birth_date")
        if asked is None:
            return {}
        text = latest_text(tracker)
        if contains_personnummer(text):
            dispatcher.utter_message(response="utter_personnummer_notice")
        found = date_in_text(text, today())
        if found is None:
            return {"birth_date": None} if asked else {}
        return {"birth_date": found.isoformat()}

    async def validate_birth_date(
        self, slot_value: Any, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        now = today()
        born = slot_date(slot_value, now)
        if born is None:
            dispatcher.utter_message(response="utter_birth_date_again")
            return {"birth_date": None}
        if born > now:
            dispatcher.utter_message(response="utter_birth_date_in_future", day=format_date(born))
            return {"birth_date": None}
        if born < _years_before(now, MAX_BIRTH_YEARS):
            dispatcher.utter_message(
                response="utter_birth_date_too_old", day=format_date(born), years=MAX_BIRTH_YEARS
            )
            return {"birth_date": None}
        return {"birth_date": born.isoformat()}


class ValidateChangeForm(FormValidationAction):
    def name(self) -> str:
        return "validate_change_form"

    async def extract_change_kind(
        self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        asked = should_read(tracker, "change_kind")
        if asked is None:
            return {}
        entity = next(tracker.get_latest_entity_values("change_kind"), None)
        if entity:
            return {"change_kind": str(entity)}
        text = latest_text_without_numbers(tracker, dispatcher)
        kind = match_change_kind(text, tracker.get_slot("age_group"))
        if kind:
            return {"change_kind": kind}
        # Asked and answered in the person's own words: keep only that it is "annat".
        return {"change_kind": OTHER} if asked else {}

    async def validate_change_kind(
        self, slot_value: Any, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = first_value(slot_value)
        if not text:
            dispatcher.utter_message(response="utter_change_kind_again")
            return {"change_kind": None}
        kind = match_change_kind(text, tracker.get_slot("age_group"))
        if kind is None or kind == OTHER:
            dispatcher.utter_message(response="utter_change_kind_other")
            return {"change_kind": OTHER}
        return {"change_kind": kind}

    async def extract_change_date(
        self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        asked = should_read(tracker, "change_date")
        if asked is None:
            return {}
        # A personnummer's date is a birthday, never the day of the change.
        text = latest_text_without_numbers(tracker, dispatcher)
        found = date_in_text(text, today(), year_optional=True)
        if found is None:
            return {"change_date": None} if asked else {}
        return {"change_date": found.isoformat()}

    async def validate_change_date(
        self, slot_value: Any, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        now = today()
        if holds_personal_number(slot_value):
            say_not_needed(dispatcher)
            slot_value = None
        day = slot_date(slot_value, now, year_optional=True)
        if day is None:
            dispatcher.utter_message(response="utter_change_date_again")
            return {"change_date": None}
        if day < _years_before(now, 1):
            # An old change is better handled by a person than by a computed date.
            dispatcher.utter_message(response="utter_change_date_too_old", day=format_date(day))
            return {"change_date": None}
        return {"change_date": day.isoformat()}


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
