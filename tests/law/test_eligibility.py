from __future__ import annotations

from datetime import date

import pytest

from assistansguiden.law.eligibility import eligibility_screening

DAY = date(2026, 11, 23)


def test_eligible_with_more_than_twenty_hours() -> None:
    d = eligibility_screening(1, 20.5, on=DAY)
    assert d.ok and d.codes == ("ELIGIBLE",) and d.question == "eligibility"
    assert "51 kap. 3 § socialförsäkringsbalken (2010:110)" in d.legal_refs()
    assert d.as_of == DAY


def test_exactly_twenty_hours_is_not_enough() -> None:
    d = eligibility_screening(2, 20, on=DAY)
    assert not d.ok and d.codes == ("BELOW_HOURS",)
    assert "kommun" in d.summary
    assert any("9 § 2" in ref for ref in d.legal_refs())


def test_not_in_personkrets() -> None:
    d = eligibility_screening(0, 40, on=DAY)
    assert not d.ok and d.codes == ("NOT_IN_PERSONKRETS",)


def test_unknown_inputs() -> None:
    d = eligibility_screening(None, None, on=DAY)
    assert not d.ok and d.codes == ("UNKNOWN",)
    assert len(d.reasons) == 2 and len(d.next_steps) >= 2
    assert eligibility_screening(3, None, on=DAY).codes == ("UNKNOWN",)


def test_unknown_group_and_few_hours_lists_both() -> None:
    assert eligibility_screening(None, 5, on=DAY).codes == ("UNKNOWN", "BELOW_HOURS")


def test_negative_hours_are_refused() -> None:
    with pytest.raises(ValueError):
        eligibility_screening(1, -1, on=DAY)
