"""Form validation: turn what people type into clean slot values, or say what was wrong.

The forms ask with their `utter_ask_<slot>` responses; these validators only explain a
rejected value, so the form's own question follows. Dates are parsed here from the text
and only the ISO date is kept, so a personnummer never reaches a slot (see
actions.parsing for the pure text parsers).
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeAlias

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.change_kinds import OTHER, match_change_kind
from actions.parsing import (
    PERSONNUMMER_NOTICE,
    contains_personnummer,
    date_in_text,
    first_value,
    parse_age_group,
    parse_personkrets,
    previous_value,
    shown,
    slot_date,
)
from actions.registry.lookup import Question
from actions.registry_access import RegistryUnavailable, decide_provider
from actions.render import (
    AGE_GROUP_AGAIN,
    PERSONKRETS_AGAIN,
    UNAVAILABLE,
    WAY_OUT,
    WAY_OUT_BUTTONS,
    candidate_buttons,
)
from actions.rules import format_date, parse_org_nr
from actions.rules.refs import FK_PHONE, IVO_REGISTER
from actions.settings import today

DomainDict = dict[str, Any]
Dispatcher: TypeAlias = CollectingDispatcher
REQUESTED = "requested_slot"
FAILURES = "provider_query_failures"
MAX_BIRTH_YEARS = 120

DATE_EXAMPLES = "till exempel 14 maj 2008 eller 2008-05-14"


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
    """The value came on the side while another slot was asked (a stray entity): an
    unusable one then keeps the slot's earlier value, silently."""
    requested = tracker.get_slot(REQUESTED)
    return requested is not None and requested != slot


class ValidateProviderForm(FormValidationAction):
    """provider_form: provider_query, personkrets, age_group (payee_form shares it)."""

    question: Question = "provider"

    def name(self) -> str:
        return "validate_provider_form"

    async def validate_provider_query(
        self, slot_value: Any, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        query = first_value(slot_value)
        if not query or query.startswith("/"):
            # A button payload meant for another question is not a provider's name.
            return {"provider_query": None}
        try:
            decision = decide_provider(query, today(), question=self.question)
        except RegistryUnavailable:
            dispatcher.utter_message(text=UNAVAILABLE)
            # Ending the form keeps the conversation; the submit action sees no query.
            return {"provider_query": None, REQUESTED: None}
        if decision.provider is not None:
            found = decision.provider
            dispatcher.utter_message(text=f"Jag hittade {found.name} ({found.org_nr}).")
            return {"provider_query": found.org_nr}
        if stray(tracker, "provider_query"):
            return {"provider_query": previous_value(tracker.events, "provider_query")}
        if "AMBIGUOUS" in decision.codes:
            # Not a failure: the person is one click from the answer.
            dispatcher.utter_message(
                text=f"Flera anordnare matchar ”{shown(query)}”. Vilken menar du?",
                buttons=candidate_buttons(decision),
            )
            return {"provider_query": None}
        failures = float(tracker.get_slot(FAILURES) or 0.0) + 1.0
        dispatcher.utter_message(text=self.failure_text(query, decision.codes))
        if failures >= 2:
            dispatcher.utter_message(text=WAY_OUT, buttons=WAY_OUT_BUTTONS)
        return {"provider_query": None, FAILURES: failures}

    @staticmethod
    def failure_text(query: str, codes: tuple[str, ...]) -> str:
        parsed = parse_org_nr(query)
        if "INVALID_ORG_NR" in codes and parsed.well_formed:
            return (
                f"Organisationsnumret {parsed.normalized} verkar inte stämma: kontrollsiffran "
                "blir fel. Skriv numret igen, med tio siffror."
            )
        if "INVALID_ORG_NR" in codes:
            return (
                f"”{shown(query)}” ser inte ut som ett organisationsnummer. Det har tio "
                "siffror, till exempel 556036-0793."
            )
        what = (
            f"med organisationsnumret {parsed.normalized}"
            if parsed.valid
            else f"som matchar ”{shown(query)}”"
        )
        return (
            f"Jag hittar ingen anordnare {what} i vårt register. Det betyder inte säkert att "
            f"tillstånd saknas. Kontrollera stavningen, eller sök i {IVO_REGISTER}."
        )

    async def validate_personkrets(
        self, slot_value: Any, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        value = parse_personkrets(first_value(slot_value) or "")
        if value is None and stray(tracker, "personkrets"):
            return {"personkrets": previous_value(tracker.events, "personkrets")}
        if value is None:
            dispatcher.utter_message(text=PERSONKRETS_AGAIN)
        return {"personkrets": value}

    async def validate_age_group(
        self, slot_value: Any, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        value = parse_age_group(first_value(slot_value) or "")
        if value is None and stray(tracker, "age_group"):
            return {"age_group": previous_value(tracker.events, "age_group")}
        if value is None:
            dispatcher.utter_message(text=AGE_GROUP_AGAIN)
        return {"age_group": value}


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
            dispatcher.utter_message(text=PERSONNUMMER_NOTICE)
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
            dispatcher.utter_message(text=f"Jag förstod inte datumet. Skriv det, {DATE_EXAMPLES}.")
            return {"birth_date": None}
        if born > now:
            dispatcher.utter_message(
                text=f"{format_date(born)} har inte kommit ännu. Skriv födelsedatumet igen."
            )
            return {"birth_date": None}
        if born < _years_before(now, MAX_BIRTH_YEARS):
            dispatcher.utter_message(
                text=f"{format_date(born)} är mer än {MAX_BIRTH_YEARS} år sedan. "
                "Kontrollera året och skriv födelsedatumet igen."
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
        kind = match_change_kind(latest_text(tracker), tracker.get_slot("age_group"))
        if kind:
            return {"change_kind": kind}
        # Asked and answered in the person's own words: keep only that it is "annat".
        return {"change_kind": OTHER} if asked else {}

    async def validate_change_kind(
        self, slot_value: Any, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = first_value(slot_value)
        if not text:
            dispatcher.utter_message(
                text="Välj vilken ändring det gäller, eller skriv den med egna ord."
            )
            return {"change_kind": None}
        kind = match_change_kind(text, tracker.get_slot("age_group"))
        if kind is None or kind == OTHER:
            dispatcher.utter_message(
                text="Jag noterar att det gäller en annan ändring. Det du skrev sparas inte."
            )
            return {"change_kind": OTHER}
        return {"change_kind": kind}

    async def extract_change_date(
        self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        asked = should_read(tracker, "change_date")
        if asked is None:
            return {}
        text = latest_text(tracker)
        if asked and contains_personnummer(text):
            dispatcher.utter_message(text=PERSONNUMMER_NOTICE)
        found = date_in_text(text, today(), year_optional=True)
        if found is None:
            return {"change_date": None} if asked else {}
        return {"change_date": found.isoformat()}

    async def validate_change_date(
        self, slot_value: Any, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        now = today()
        day = slot_date(slot_value, now, year_optional=True)
        if day is None:
            dispatcher.utter_message(
                text="Jag förstod inte datumet. Skriv dagen då ändringen skedde eller ska ske, "
                "till exempel 3 januari 2026 eller 2026-01-03."
            )
            return {"change_date": None}
        if day < _years_before(now, 1):
            # An old change is better handled by a person than by a computed date.
            dispatcher.utter_message(
                text=f"{format_date(day)} är mer än ett år sedan. Kontrollera datumet och skriv "
                f"det igen. Gäller det en gammal ändring, ring Försäkringskassan på {FK_PHONE}."
            )
            return {"change_date": None}
        return {"change_date": day.isoformat()}


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
