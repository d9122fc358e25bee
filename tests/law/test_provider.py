"""provider_decision: boundaries named after the boundary; reasons asserted, not only ok."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistansguiden.law.decision import Decision
from assistansguiden.law.provider import provider_decision
from tests.law.factories import Factory, make_provider

DAY = date(2026, 3, 10)
FULL: dict[str, Any] = {"personkrets": 1, "age_group": "adults"}


def _reason(decision: Decision, code: str) -> str:
    return next(r.text for r in decision.reasons if r.code == code)


def _refs(decision: Decision) -> str:
    return " ".join(decision.legal_refs())


def test_ok_when_everything_holds(provider: Factory) -> None:
    d = provider_decision(provider(), DAY, **FULL)
    assert d.ok and d.codes == ("OK",)
    assert "sedan 1 januari 2020" in _reason(d, "PERMIT")
    assert all(r.met for r in d.reasons)
    assert "51 kap. 16 b §" in _refs(d) and "16 a" not in _refs(d)
    assert d.to_json()["provider"] == {"org_nr": "556036-0793", "name": "Exempelassistans AB"}


def test_municipal_needs_no_permit(provider: Factory) -> None:
    d = provider_decision(provider(kind="municipal", permit_from=None), DAY, **FULL)
    assert d.ok and d.codes == ("MUNICIPAL",)
    assert "kommun" in _reason(d, "MUNICIPAL")


def test_no_permit(provider: Factory) -> None:
    d = provider_decision(provider(permit_from=None), DAY, **FULL)
    assert not d.ok and d.codes == ("NO_PERMIT",)
    assert "inget tillstånd" in _reason(d, "NO_PERMIT")
    assert any("IVO" in s for s in d.next_steps)
    assert any("0771-524 524" in s for s in d.next_steps)


def test_permit_starts_on_the_day(provider: Factory) -> None:
    p = provider(permit_from=DAY)
    assert provider_decision(p, DAY, **FULL).codes == ("OK",)
    before = provider_decision(p, date(2026, 3, 9), **FULL)
    assert not before.ok and before.codes == ("PERMIT_NOT_YET_VALID",)
    assert "gäller från 10 mars 2026" in _reason(before, "PERMIT_NOT_YET_VALID")


def test_permit_revoked_on_the_day(provider: Factory) -> None:
    p = provider(permit_revoked=DAY)
    assert provider_decision(p, date(2026, 3, 9), **FULL).codes == ("OK",)
    on_the_day = provider_decision(p, DAY, **FULL)
    assert not on_the_day.ok and on_the_day.codes == ("PERMIT_REVOKED",)
    assert "upphörde 10 mars 2026" in _reason(on_the_day, "PERMIT_REVOKED")


def test_grace_ends_after_fourteen_days(provider: Factory) -> None:
    p = provider(permit_revoked=date(2026, 3, 1))
    informed = date(2026, 3, 1)
    last = provider_decision(p, date(2026, 3, 15), informed=informed, **FULL)
    assert last.ok and last.codes == ("REVOKED_GRACE_PERIOD",)
    assert "till och med 15 mars 2026" in _reason(last, "REVOKED_GRACE_PERIOD")
    assert "51 kap. 16 b §" in _refs(last)
    after = provider_decision(p, date(2026, 3, 16), informed=informed, **FULL)
    assert not after.ok and after.codes == ("PERMIT_REVOKED",)
    assert "Den 16 mars 2026 är för sent" in _reason(after, "PERMIT_REVOKED")


def test_grace_unknown_without_the_day_you_were_told(provider: Factory) -> None:
    d = provider_decision(provider(permit_revoked=date(2026, 3, 1)), date(2026, 3, 2), **FULL)
    assert not d.ok and d.codes == ("PERMIT_REVOKED",)
    assert "vet inte vilken dag" in _reason(d, "PERMIT_REVOKED")
    assert any("vilken dag du fick besked" in s for s in d.next_steps)
    assert "särskilda skäl" in _reason(d, "SPECIAL_REASONS")


def test_assistance_before_you_were_told_is_in_grace(provider: Factory) -> None:
    p = provider(permit_revoked=date(2026, 3, 1))
    d = provider_decision(p, date(2026, 3, 5), informed=date(2026, 3, 20), **FULL)
    assert d.ok and d.codes == ("REVOKED_GRACE_PERIOD",)


def test_group_not_covered(provider: Factory) -> None:
    d = provider_decision(
        provider(personkrets=frozenset({1, 2})), DAY, personkrets=3, age_group="adults"
    )
    assert not d.ok and d.codes == ("GROUP_NOT_COVERED",)
    assert "1, 2, men inte 3" in _reason(d, "GROUP_NOT_COVERED")


def test_age_group_not_covered(provider: Factory) -> None:
    d = provider_decision(
        provider(age_groups=frozenset({"adults"})), DAY, personkrets=1, age_group="children"
    )
    assert not d.ok and d.codes == ("AGE_GROUP_NOT_COVERED",)
    assert "barn" in _reason(d, "AGE_GROUP_NOT_COVERED")


def test_every_failing_finding_is_listed(provider: Factory) -> None:
    p = provider(
        permit_from=date(2026, 4, 1), personkrets=frozenset({1}), age_groups=frozenset({"children"})
    )
    d = provider_decision(p, DAY, personkrets=2, age_group="adults")
    assert d.codes == ("PERMIT_NOT_YET_VALID", "GROUP_NOT_COVERED", "AGE_GROUP_NOT_COVERED")
    assert not d.ok


def test_grace_does_not_hide_a_group_not_covered(provider: Factory) -> None:
    p = provider(permit_revoked=date(2026, 3, 1), personkrets=frozenset({1}))
    d = provider_decision(
        p, date(2026, 3, 5), informed=date(2026, 3, 1), personkrets=2, age_group="adults"
    )
    assert d.codes == ("REVOKED_GRACE_PERIOD", "GROUP_NOT_COVERED") and not d.ok


def test_groups_not_checked_are_said_so(provider: Factory) -> None:
    d = provider_decision(provider(), DAY)
    assert d.ok and d.codes == ("OK",)
    assert "inte kontrollerat" in _reason(d, "GROUP_NOT_CHECKED")
    assert "inte kontrollerat" in _reason(d, "AGE_GROUP_NOT_CHECKED")
    assert any("personkrets" in s for s in d.next_steps)
    assert "om tillståndet omfattar din grupp" in d.summary


def test_before_the_permit_rule_a_missing_permit_did_not_stop_payment(provider: Factory) -> None:
    d = provider_decision(provider(permit_from=None), date(2021, 10, 31), **FULL)
    assert d.ok and d.codes == ("NO_PERMIT",)
    assert "1 november 2021" in _reason(d, "PERMIT_RULE")
    assert "trots att" in d.summary


def test_the_permit_rule_applies_from_november_2021(provider: Factory) -> None:
    d = provider_decision(provider(permit_from=None), date(2021, 11, 1), **FULL)
    assert not d.ok and d.codes == ("NO_PERMIT",)


def test_no_grace_tail_before_november_2021_for_provider(provider: Factory) -> None:
    p = provider(permit_revoked=date(2021, 10, 1))
    d = provider_decision(p, date(2021, 10, 5), informed=date(2021, 10, 1), **FULL)
    assert d.ok and d.codes == ("PERMIT_REVOKED",)


def test_invalid_inputs_are_refused(provider: Factory) -> None:
    with pytest.raises(ValueError, match="Personkretsen"):
        provider_decision(provider(), DAY, personkrets=4)
    with pytest.raises(ValueError, match="Åldersgruppen"):
        provider_decision(provider(), DAY, age_group="seniors")


def test_every_reason_has_text_ref_and_url(provider: Factory) -> None:
    p = provider(permit_revoked=date(2026, 3, 1), personkrets=frozenset({1}))
    for d in (
        provider_decision(p, DAY),
        provider_decision(p, DAY, personkrets=3, age_group="adults"),
    ):
        assert d.summary.endswith(".") and d.next_steps
        for reason in d.reasons:
            assert reason.text and reason.legal_ref and reason.url.startswith("https://")


@given(
    st.dates(date(2021, 11, 1), date(2030, 12, 31)),
    st.dates(date(2021, 11, 1), date(2030, 12, 31)),
    st.integers(0, 40),
)
def test_grace_window_is_exactly_fourteen_days(revoked: date, informed: date, shift: int) -> None:
    on = max(revoked, informed) + timedelta(days=shift)
    d = provider_decision(make_provider(permit_revoked=revoked), on, informed=informed, **FULL)
    inside = on <= informed + timedelta(days=14)
    assert d.ok == inside
    assert d.codes == (("REVOKED_GRACE_PERIOD",) if inside else ("PERMIT_REVOKED",))
