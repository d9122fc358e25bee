"""payee_decision: the provider also needs F-skatt and employer registration (51 kap. 19 §)."""

from __future__ import annotations

from datetime import date
from typing import Any

from assistansguiden.law.decision import Decision
from assistansguiden.law.provider import payee_decision
from tests.law.factories import Factory

DAY = date(2026, 3, 10)
FULL: dict[str, Any] = {"personkrets": 2, "age_group": "children"}


def _reason(decision: Decision, code: str) -> str:
    return next(r.text for r in decision.reasons if r.code == code)


def test_payee_ok_asks_for_form_3079_with_the_agreement(provider: Factory) -> None:
    d = payee_decision(provider(), DAY, **FULL)
    assert d.ok and d.codes == ("OK",) and d.question == "payee"
    assert any("3079" in s and "avtalet" in s for s in d.next_steps)
    assert "51 kap. 19 § socialförsäkringsbalken (2010:110)" in d.legal_refs()


def test_no_f_skatt(provider: Factory) -> None:
    d = payee_decision(provider(f_skatt=False), DAY, **FULL)
    assert not d.ok and d.codes == ("NO_F_SKATT",)
    assert "F-skatt" in _reason(d, "NO_F_SKATT")
    assert any("betalas till dig" in s for s in d.next_steps)


def test_not_registered_employer(provider: Factory) -> None:
    d = payee_decision(provider(employer_registered=False), DAY, **FULL)
    assert not d.ok and d.codes == ("NOT_REGISTERED_EMPLOYER",)
    assert "arbetsgivare" in _reason(d, "NOT_REGISTERED_EMPLOYER")


def test_payee_lists_every_failing_finding(provider: Factory) -> None:
    p = provider(permit_from=None, f_skatt=False, employer_registered=False)
    d = payee_decision(p, DAY, **FULL)
    assert d.codes == ("NO_PERMIT", "NO_F_SKATT", "NOT_REGISTERED_EMPLOYER")
    assert "saknar tillstånd" in d.summary and "F-skatt" in d.summary


def test_payee_needs_the_permit_conditions(provider: Factory) -> None:
    d = payee_decision(provider(personkrets=frozenset({1})), DAY, **FULL)
    assert not d.ok and d.codes == ("GROUP_NOT_COVERED",)


def test_payee_needed_a_permit_also_before_november_2021(provider: Factory) -> None:
    d = payee_decision(provider(permit_from=None), date(2021, 10, 31), **FULL)
    assert not d.ok and d.codes == ("NO_PERMIT",)


def test_payee_revoked_before_november_2021_has_no_grace(provider: Factory) -> None:
    p = provider(permit_revoked=date(2021, 10, 1))
    d = payee_decision(p, date(2021, 10, 5), informed=date(2021, 10, 1), **FULL)
    assert not d.ok and d.codes == ("PERMIT_REVOKED",)
    assert "1 november 2021" in _reason(d, "PERMIT_REVOKED")


def test_payee_grace_period(provider: Factory) -> None:
    p = provider(permit_revoked=date(2026, 3, 1))
    d = payee_decision(p, date(2026, 3, 15), informed=date(2026, 3, 1), **FULL)
    assert d.ok and d.codes == ("REVOKED_GRACE_PERIOD",)


def test_municipality_may_be_payee(provider: Factory) -> None:
    p = provider(kind="municipal", permit_from=None, f_skatt=False, employer_registered=False)
    d = payee_decision(p, DAY, **FULL)
    assert d.ok and d.codes == ("MUNICIPAL",)
    assert any("3079" in s for s in d.next_steps)
