"""Answers whose figures come from the law's parameter table.

The texts live in the domain (bot/domain/*.yml) with {placeholders}; these actions only fill
them with values from assistansguiden.law, so next year's amount is a data change, never a text
change.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.chat_text import amount_values
from assistansguiden.law import (
    UnknownYear,
    age_limit_in_force,
    format_date,
    hourly_amounts,
    known_years,
    report_deadline,
)
from assistansguiden.settings import today
from assistansguiden.text.change_kinds import change_kind_buttons
from assistansguiden.text.language import asked_year
from assistansguiden.text.parsing import date_in_text

DomainDict = dict[str, Any]


def _entity_values(tracker: Tracker, entity: str) -> list[str]:
    return [str(value) for value in tracker.get_latest_entity_values(entity)]


def _year_asked(tracker: Tracker) -> int:
    text = str(tracker.latest_message.get("text") or "")
    return asked_year(text, _entity_values(tracker, "date"), today())


def _utter_amounts(dispatcher: CollectingDispatcher, tracker: Tracker, response: str) -> None:
    year = _year_asked(tracker)
    try:
        amounts = hourly_amounts(year)
    except UnknownYear:
        years = known_years()
        dispatcher.utter_message(
            response="utter_hourly_amount_unknown_year",
            year=year,
            known_years=f"{years[0]}–{years[-1]}",
        )
        return
    dispatcher.utter_message(response=response, **amount_values(amounts))


class ActionAnswerHourlyAmount(Action):
    def name(self) -> str:
        return "action_answer_hourly_amount"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        _utter_amounts(dispatcher, tracker, "utter_hourly_amount")
        return []


class ActionAnswerHigherAmount(Action):
    def name(self) -> str:
        return "action_answer_higher_amount"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        _utter_amounts(dispatcher, tracker, "utter_higher_amount")
        return []


_FORGOT = re.compile(
    r"\b(glömt|glomt|glömde|glomde|missat|missade|inte anmält|inte anmalt)", re.IGNORECASE
)
_ABOUT_A_CHILD = re.compile(
    r"\b(barn|barnet|barnets|son|sonen|dotter|dottern|förskola|forskola)\b", re.IGNORECASE
)


class ActionAnswerReportChange(Action):
    def name(self) -> str:
        return "action_answer_report_change"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        text = str(tracker.latest_message.get("text") or "")
        deadline = report_deadline(today())
        if _FORGOT.search(text):
            dispatcher.utter_message(response="utter_report_change_forgot")
        dispatcher.utter_message(response="utter_report_change", days=deadline.days)
        return []


def _gave_a_date(tracker: Tracker) -> bool:
    """The question carries a birth date: the form reads it at once and the personal dates
    are the answer, so the general text would only be in the way."""
    return date_in_text(str(tracker.latest_message.get("text") or ""), today()) is not None


class ActionAnswerTurning18(Action):
    def name(self) -> str:
        return "action_answer_turning_18"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if _gave_a_date(tracker):
            return []
        limit = age_limit_in_force(today())
        dispatcher.utter_message(response="utter_turning_18", adult_age=limit.adult_age)
        return []


class ActionAnswerTurning66(Action):
    def name(self) -> str:
        return "action_answer_turning_66"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if _gave_a_date(tracker):
            return []
        limit = age_limit_in_force(today())
        dispatcher.utter_message(
            response="utter_turning_66",
            age_limit=limit.age_limit,
            age_limit_period=limit.period_label,
            previous_limit=limit.previous_limit,
            age_limit_since=format_date(limit.since),
            today_year=today().year,
        )
        return []


class ActionAskChangeKind(Action):
    """Asks which change, with the seed's list for children or for adults as buttons."""

    def name(self) -> str:
        return "action_ask_change_kind"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        age_group = tracker.get_slot("age_group")
        if age_group is None:
            question = next(
                (
                    str(e.get("text") or "")
                    for e in reversed(tracker.events)
                    if e.get("event") == "user"
                    and (e.get("parse_data") or {}).get("intent", {}).get("name") == "report_change"
                ),
                "",
            )
            age_group = "children" if _ABOUT_A_CHILD.search(question) else "adults"
        dispatcher.utter_message(
            response="utter_which_change", buttons=change_kind_buttons(age_group)
        )
        return []
