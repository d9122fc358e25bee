"""Chat rendering: the answer first, at most three reasons and steps, no legal clutter."""

from __future__ import annotations

from datetime import date

import pytest

from actions.render import (
    ChatMessage,
    deadline_payload,
    intent_payload,
    render_age,
    render_deadline,
    render_decision,
    short_ref,
)
from assistansguiden.law import (
    age_stage,
    ambiguous_decision,
    not_found_decision,
    payee_decision,
    provider_decision,
    report_deadline,
)
from assistansguiden.law.decision import ProviderRef
from assistansguiden.text.change_kinds import (
    CHANGE_KINDS,
    change_kind_buttons,
    kinds_for,
    match_change_kind,
)
from tests.law.factories import make_provider

ON = date(2026, 11, 23)
LONG_LAWS = ("socialförsäkringsbalken", "lagen (1993:387)", "https://")


def bullet_lines(message: ChatMessage) -> list[str]:
    return [line for line in message.text.splitlines() if line.startswith("- ")]


def test_ok_decision_says_yes_first_and_gives_reasons_without_legal_refs() -> None:
    decision = provider_decision(make_provider(), ON, personkrets=2, age_group="adults")
    first, steps = render_decision(decision)
    assert first.text.startswith("Ja. Du kan få assistansersättning")
    assert len(bullet_lines(first)) == 3
    assert not any(law in first.text + steps.text for law in LONG_LAWS)
    assert "Regel:" not in first.text  # only a "no" needs the rule spelled out
    assert first.buttons == [] and "buttons" not in first.kwargs()


def test_worst_case_is_still_three_reasons_three_steps_phone_last() -> None:
    provider = make_provider(
        permit_revoked=date(2026, 10, 1),
        personkrets=frozenset({1}),
        age_groups=frozenset({"children"}),
        f_skatt=False,
        employer_registered=False,
    )
    decision = payee_decision(provider, ON, personkrets=3, age_group="adults")
    assert len(decision.codes) == 5
    first, steps = render_decision(decision)
    assert first.text.startswith("Nej. ")
    assert len(bullet_lines(first)) == 3
    assert first.text.splitlines()[-1] == "Regel: 51 kap. 16 b § andra stycket 1 SFB"
    assert len(bullet_lines(steps)) == 3
    assert "0771-524 524" in bullet_lines(steps)[-1]
    assert steps.buttons == [
        {"title": "Hur väljer jag anordnare?", "payload": "/ask_choose_provider"}
    ]


def test_unknown_groups_make_a_careful_yes_with_few_steps() -> None:
    decision = provider_decision(make_provider(), ON)
    first, steps = render_decision(decision)
    assert first.text.startswith("Troligen ja. ")
    assert "inte kontrollerat" in first.text
    assert len(bullet_lines(steps)) <= 3


def test_ambiguous_decision_becomes_candidate_buttons() -> None:
    refs = (ProviderRef("559901-0104", "A AB"), ProviderRef("559901-0112", "B AB"))
    [first, _steps] = render_decision(ambiguous_decision("norrsken", refs, ON))
    assert not first.text.startswith(("Ja", "Nej"))
    assert [b["payload"] for b in first.buttons] == [
        '/inform{"org_nr":"559901-0104"}',
        '/inform{"org_nr":"559901-0112"}',
    ]


def test_not_found_never_echoes_a_personnummer() -> None:
    messages = render_decision(not_found_decision("min son 20080514-1234", ON))
    assert "1234" not in repr([m.kwargs() for m in messages])
    assert messages[0].text.startswith("Nej. ")


@pytest.mark.parametrize(
    ("long", "short"),
    [
        ("51 kap. 16 b § socialförsäkringsbalken (2010:110)", "51 kap. 16 b § SFB"),
        ("23 § lagen (1993:387) om stöd och service till vissa funktionshindrade", "23 § LSS"),
    ],
)
def test_short_ref(long: str, short: str) -> None:
    assert short_ref(long) == short


def test_intent_payload() -> None:
    assert intent_payload("ask_payee") == "/ask_payee"
    assert intent_payload("check_provider", age_group="adults") == (
        '/check_provider{"age_group":"adults"}'
    )


def test_age_18_for_someone_past_the_age_limit_has_no_permit_button() -> None:
    messages = render_age(age_stage(date(1950, 1, 1), ON), "18", 18)
    assert all(not m.buttons for m in messages)
    assert "åldersgränsen" in messages[-1].text


def test_age_limit_notes_a_preliminary_limit() -> None:
    [first, details] = render_age(age_stage(date(2010, 3, 1), ON), "66", 18)
    assert "67 år" in first.text
    assert "preliminär" in details.text
    assert "Barnet fyller" not in details.text


def test_deadline_named_change_and_other() -> None:
    deadline = report_deadline(date(2026, 11, 20))
    [first, how] = render_deadline(deadline, ON, "Flyttar")
    assert first.text.startswith("Flyttar. Ändringen skedde 20 november 2026")
    assert "så snart som möjligt och senast 4 december 2026." in first.text
    assert "räknas de 14 dagarna från den dagen" in first.text
    assert how.response == "utter_how_to_report"
    [other, _] = render_deadline(deadline, ON, "Något annat")
    assert other.text.startswith("Ändringen skedde")


def test_deadline_moved_by_julafton_says_which_day_and_why() -> None:
    deadline = report_deadline(date(2026, 12, 10))
    [first, _how] = render_deadline(deadline, date(2026, 12, 11), "Flyttar")
    assert "Meddela Försäkringskassan så snart som möjligt och senast 28 december 2026." in (
        first.text
    )
    assert "torsdag 24 december 2026, som är julafton" in first.text
    assert "nästa vardag, måndag 28 december 2026" in first.text
    assert "12.0" not in first.text and "2026-12" not in first.text


def test_a_change_ahead_is_reported_as_soon_as_possible() -> None:
    [first, _how] = render_deadline(report_deadline(date(2026, 12, 1)), ON, "Flyttar")
    assert "Ändringen sker 1 december 2026" in first.text
    assert "så snart som möjligt" in first.text and "Sista dagen är 15 december 2026" in first.text


def test_the_staff_view_gets_the_deadline_with_its_codes_and_laws() -> None:
    payload = deadline_payload(report_deadline(date(2026, 12, 10)), "Flyttar")
    assert payload["question"] == "deadline" and payload["codes"] == ["MOVED_HOLIDAY"]
    assert (payload["deadline"], payload["moved_because"]) == ("2026-12-28", "julafton")
    assert payload["legal_refs"] == [
        "110 kap. 47 § socialförsäkringsbalken (2010:110)",
        "2 § lagen (1930:173) om beräkning av lagstadgad tid",
    ]
    assert "julafton" in payload["summary"]


def test_change_kind_table_covers_both_lists() -> None:
    adults = {k.key for k in kinds_for("adults")}
    children = {k.key for k in kinds_for("children")}
    assert {"flytt", "samboskap", "arbete", "skola", "behov", "stod"} <= adults
    assert {"utlandsvistelse", "egenvard", "annat"} <= adults & children
    assert "forskola_skola" in children and "arbete" not in children
    assert len(change_kind_buttons(None)) == len(CHANGE_KINDS)
    assert change_kind_buttons("children")[0]["payload"].startswith('/inform{"change_kind":')
    assert all(match_change_kind(k.key) == k.key for k in CHANGE_KINDS)
