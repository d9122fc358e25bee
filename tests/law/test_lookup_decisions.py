from __future__ import annotations

from datetime import date

import pytest

from assistansguiden.law.decision import ProviderRecord, ProviderRef
from assistansguiden.law.provider import (
    ambiguous_decision,
    invalid_org_nr_decision,
    not_found_decision,
)
from tests.law.factories import make_provider

DAY = date(2026, 11, 23)


def test_not_found() -> None:
    d = not_found_decision("Okänd Assistans AB", DAY)
    assert not d.ok and d.codes == ("NOT_FOUND",) and d.provider is None
    assert "Okänd Assistans AB" in d.summary
    assert any("IVO" in s for s in d.next_steps)


def test_invalid_org_nr_wrong_check_digit() -> None:
    d = invalid_org_nr_decision("556036-0794", DAY, "payee")
    assert d.question == "payee" and d.codes == ("INVALID_ORG_NR",) and not d.ok
    assert "kontrollsiffra" in d.reasons[0].text


def test_invalid_org_nr_wrong_shape() -> None:
    d = invalid_org_nr_decision("12345", DAY)
    assert "tio siffror" in d.reasons[0].text


def test_a_personnummer_is_never_echoed_whole() -> None:
    d = not_found_decision("19800101-1234", DAY)
    assert "1234" not in str(d.to_json()) and "XXXX" in d.summary


def test_ambiguous_lists_candidates() -> None:
    candidates: list[ProviderRef | ProviderRecord] = [
        make_provider(),
        ProviderRef("556677-8899", "Exempel Omsorg AB"),
    ]
    data = ambiguous_decision("Exempel", candidates, DAY).to_json()
    assert data["codes"] == ["AMBIGUOUS"] and data["ok"] is False
    assert data["candidates"] == [
        {"org_nr": "556036-0793", "name": "Exempelassistans AB"},
        {"org_nr": "556677-8899", "name": "Exempel Omsorg AB"},
    ]


def test_unknown_question_is_refused() -> None:
    with pytest.raises(ValueError):
        not_found_decision("x", DAY, "eligibility")
