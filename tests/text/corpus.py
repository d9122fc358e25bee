"""Every text the assistant can say, for the readability gates and the LIX report.

- The responses of bot/domain/*.yml, every variation, with their {placeholders} filled
  with representative values (an unknown placeholder fails loudly: add it here).
- The decision texts: every code the rules return, in every form the chat renders it
  (provider and payee, group and age group known, unknown, covered or not, a ceased
  permit with and without the day the person was told, the rule before 2021-11-01,
  look-up decisions), the age dates at every stage and the reporting deadline in every
  status; each chat message is one text, as a person reads it in one bubble.
- The few answers written in Python (a message that cannot be read as a question).

Each text is (label, text); the label says where it comes from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from actions import easy_read as easy
from actions import easy_read_dates as easy_dates
from actions.render import ChatMessage, render_age, render_deadline, render_decision
from assistansguiden.cli import render_deadline as cli_deadline
from assistansguiden.law import (
    age_stage,
    ambiguous_decision,
    invalid_org_nr_decision,
    not_found_decision,
    payee_decision,
    provider_decision,
    report_deadline,
)
from assistansguiden.law.decision import Decision, ProviderRef
from assistansguiden.registry.lookup import interpreted
from assistansguiden.text import message_checks
from assistansguiden.text.change_kinds import CHANGE_KINDS
from assistansguiden.text.other_services import _TABLE as OTHER_SERVICES
from tests.conftest import REPO_ROOT
from tests.law.factories import make_provider

Text = tuple[str, str]
EASY_READ_CONDITION = {"type": "slot", "name": "easy_read", "value": True}
ON = date(2026, 11, 23)  # tests.conftest.FIXED_TODAY
BEFORE_PERMIT_RULE = date(2021, 6, 1)

# What the actions fill in (answers.py, forms.py, fallback.py), as they would.
SAMPLE_VALUES: dict[str, list[str]] = {
    "adult_age": ["18"],
    "age_limit": ["67"],
    "previous_limit": ["66"],
    "age_limit_since": ["1 januari 2026"],
    "age_limit_period": ["2026–2031"],
    "today_year": ["2026"],
    "year": ["2026"],
    "standard_amount": ["347,70"],
    "max_higher_amount": ["389,42"],
    "max_percent": ["12 procent"],
    "known_years": ["2024–2026"],
    "days": ["14"],
    "provider_name": ["Exempelassistans AB"],
    "org_nr": ["556036-0793"],
    "query": ["Exempel Omsorg"],
    "what": ["med organisationsnumret 556036-0793", "som matchar ”Exempel Omsorg”"],
    "day": ["3 mars 2026"],
    "years": ["120"],
}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _service_names(handler: str) -> list[str]:
    return [name for _stems, name, who in OTHER_SERVICES if who == handler]


def load_responses() -> dict[str, list[dict[str, Any]]]:
    responses: dict[str, list[dict[str, Any]]] = {}
    for path in sorted((REPO_ROOT / "bot" / "domain").glob("*.yml")):
        document = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        responses.update(document.get("responses") or {})
    return responses


def is_easy_read(variation: dict[str, Any]) -> bool:
    return EASY_READ_CONDITION in (variation.get("condition") or [])


def filled(text: str, response: str) -> list[str]:
    """The text with each placeholder filled, once per sample value."""
    names = sorted(set(_PLACEHOLDER.findall(text)))
    texts = [text]
    for name in names:
        if name == "service":
            values = _service_names(response.removeprefix("utter_out_of_scope_"))
        else:
            values = SAMPLE_VALUES[name]
        assert values, f"{response}: no sample value for {{{name}}}"
        texts = [t.replace(f"{{{name}}}", value) for t in texts for value in values]
    return texts


def response_texts(easy_read: bool) -> Iterator[Text]:
    """Every standard (or lättläst) variation of every response, filled in."""
    for name, variations in load_responses().items():
        for index, variation in enumerate(variations):
            if is_easy_read(variation) != easy_read or "text" not in variation:
                continue
            for text in dict.fromkeys(filled(str(variation["text"]), name)):
                yield f"{name}[{index}]", text


def python_texts(easy_read: bool) -> Iterator[Text]:
    """The answers written in Python: a message that cannot be read as a question, and the
    action server being down (bot/addons/action_fallback.py)."""
    from bot.addons import action_fallback  # imports Rasa: only where it is measured

    answers = message_checks.EASY_ANSWERS if easy_read else message_checks.ANSWERS
    for reason, text in answers.items():
        yield f"message_checks.{reason.name}", text
    down = (
        action_fallback.ACTION_SERVER_DOWN_EASY if easy_read else action_fallback.ACTION_SERVER_DOWN
    )
    yield "action_fallback.ACTION_SERVER_DOWN", down


# --- decisions ------------------------------------------------------------------------

_PROVIDERS = {
    "ok": make_provider(),
    "municipal": make_provider(name="Exempels kommun", kind="municipal", permit_from=None),
    "no_permit": make_provider(permit_from=None, personkrets=frozenset(), age_groups=frozenset()),
    "not_yet_valid": make_provider(permit_from=date(2027, 1, 1)),
    "revoked": make_provider(permit_revoked=date(2026, 10, 1)),
    "never_valid": make_provider(permit_from=date(2026, 5, 1), permit_revoked=date(2026, 5, 1)),
    "old_revoked": make_provider(permit_from=date(2015, 1, 1), permit_revoked=date(2021, 3, 1)),
    "narrow": make_provider(personkrets=frozenset({1}), age_groups=frozenset({"children"})),
    "no_tax": make_provider(f_skatt=False, employer_registered=False),
    "worst": make_provider(
        permit_revoked=date(2026, 10, 1),
        personkrets=frozenset({1}),
        age_groups=frozenset({"children"}),
        f_skatt=False,
        employer_registered=False,
    ),
}
_INFORMED = (None, date(2026, 11, 15), date(2026, 10, 2))


def all_decisions() -> Iterator[tuple[str, Decision]]:
    """Every code in every form: providers × questions × groups × days × informed."""
    for key, provider in _PROVIDERS.items():
        for question, decide in (("provider", provider_decision), ("payee", payee_decision)):
            for on in (ON, BEFORE_PERMIT_RULE):
                for group in (None, 1, 3):
                    for age_group in (None, "children", "adults"):
                        for informed in _INFORMED:
                            if informed and on != ON:
                                continue
                            decision = decide(
                                provider,
                                on,
                                personkrets=group,
                                age_group=age_group,
                                informed=informed,
                            )
                            label = f"{question}:{key}:{on}:{group}:{age_group}:{informed}"
                            yield label, decision
    yield "interpreted", interpreted(provider_decision(_PROVIDERS["ok"], ON), "Exempelasistans")
    for question in ("provider", "payee"):
        yield f"{question}:NOT_FOUND", not_found_decision("Exempel Omsorg", ON, question)
        yield f"{question}:NOT_FOUND:orgnr", not_found_decision("556036-0793", ON, question)
        yield f"{question}:INVALID:digit", invalid_org_nr_decision("556036-0794", ON, question)
        yield f"{question}:INVALID:form", invalid_org_nr_decision("12345", ON, question)
        candidates = (
            ProviderRef("556036-0793", "Exempel Omsorg AB"),
            ProviderRef("559901-0013", "Exempel Omsorg Nord AB"),
        )
        yield f"{question}:AMBIGUOUS", ambiguous_decision("Exempel", candidates, ON, question)


BIRTH_DATES = (
    date(2010, 5, 14),  # a child
    date(2008, 11, 30),  # turns 18 in a week
    date(1990, 3, 1),  # an adult, limit not decided yet (preliminary)
    date(1962, 6, 1),  # an adult, decided limit
    date(1958, 6, 1),  # reached 66 in 2024 and keeps it
    date(1950, 1, 1),  # reached 65 long ago
)
CHANGE_DATES = (
    date(2026, 12, 10),  # ahead, the last day is julafton and moves
    date(2026, 12, 20),  # ahead, not moved
    date(2026, 11, 20),  # open
    date(2026, 11, 15),  # open, day 14 is a Sunday
    date(2026, 10, 1),  # passed
    date(2026, 5, 29),  # passed, day 14 is a Friday… after midsommar
)


def _labels() -> list[str]:
    found = [k.adults for k in CHANGE_KINDS] + [k.children for k in CHANGE_KINDS]
    return list(dict.fromkeys(label for label in found if label))


def _messages(label: str, messages: list[ChatMessage]) -> Iterator[Text]:
    for index, message in enumerate(messages):
        if message.text:
            yield f"{label}#{index}", message.text


def rule_texts() -> Iterator[Text]:
    """What the rules themselves write, as the command line and the staff view list it:
    the summary, every reason and every next step (one a line), the deadline's lines."""
    seen: set[str] = set()
    for label, decision in all_decisions():
        lines = [decision.summary, *(r.text for r in decision.reasons), *decision.next_steps]
        text = "\n".join(lines)
        if text not in seen:
            seen.add(text)
            yield f"rules:{label}", text
    for born in BIRTH_DATES:
        stage = age_stage(born, ON)
        yield f"rules:age:{born}", "\n".join([*stage.next_steps, *stage.notes])
    for changed in CHANGE_DATES:
        yield f"cli:deadline:{changed}", "\n".join(cli_deadline(report_deadline(changed), ON))


def decision_texts(easy_read: bool) -> Iterator[Text]:
    """Every chat message the decision actions can send, standard or lättläst."""
    seen: set[str] = set()

    def new(texts: Iterator[Text]) -> Iterator[Text]:
        for label, text in texts:
            if text not in seen:
                seen.add(text)
                yield label, text

    for label, decision in all_decisions():
        rendered = easy.render_decision(decision) if easy_read else render_decision(decision)
        yield from new(_messages(label, rendered))
    ages = easy_dates.render_age if easy_read else render_age
    for born in BIRTH_DATES:
        stage = age_stage(born, ON)
        for topic in ("18", "66"):
            yield from new(_messages(f"age:{born}:{topic}", ages(stage, topic, 18)))
    deadlines = easy_dates.render_deadline if easy_read else render_deadline
    for changed in CHANGE_DATES:
        deadline = report_deadline(changed)
        for kind in _labels():
            rendered = deadlines(deadline, ON, kind)
            yield from new(_messages(f"deadline:{changed}:{kind}", rendered))
