"""The decision cases of tests/law/cases/*.yml, run against the rules.

Each file is one question (provider, payee, amounts, deadline, age) and each case names
the section it tests, so a lawyer can review the cases without reading Python.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistansguiden.law import (
    Decision,
    ProviderRecord,
    ProviderRef,
    UnknownYear,
    age_stage,
    ambiguous_decision,
    format_date,
    format_percent,
    hourly_amounts,
    invalid_org_nr_decision,
    not_found_decision,
    payee_decision,
    provider_decision,
    report_deadline,
)

CASES = Path(__file__).parent / "cases"
QUESTIONS = ("provider", "payee", "amounts", "deadline", "age")
DECISION_CODES = {
    "OK", "MUNICIPAL", "REVOKED_GRACE_PERIOD", "NOT_FOUND", "INVALID_ORG_NR", "NO_PERMIT",
    "PERMIT_NOT_YET_VALID", "PERMIT_REVOKED", "GROUP_NOT_COVERED", "AGE_GROUP_NOT_COVERED",
    "AMBIGUOUS",
}  # fmt: skip
PAYEE_CODES = {"NO_F_SKATT", "NOT_REGISTERED_EMPLOYER"}


def load(question: str) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((CASES / f"{question}.yml").read_text("utf-8"))
    return document


def cases(question: str) -> list[Any]:
    return [pytest.param(case, id=case["name"]) for case in load(question)["cases"]]


def provider_record(defaults: dict[str, Any], changes: dict[str, Any]) -> ProviderRecord:
    fields = {**defaults, **changes}
    return ProviderRecord(
        org_nr=fields["org_nr"],
        name=fields["name"],
        kind=fields["kind"],
        permit_from=fields["permit_from"],
        permit_revoked=fields["permit_revoked"],
        personkrets=frozenset(fields["personkrets"]),
        age_groups=frozenset(fields["age_groups"]),
        f_skatt=fields["f_skatt"],
        employer_registered=fields["employer_registered"],
    )


def decide(question: str, document: dict[str, Any], case: dict[str, Any]) -> Decision:
    on: date = case["day"]  # the day the assistance is performed
    lookup = case.get("lookup")
    if lookup == "not_found":
        return not_found_decision(case["query"], on, question)
    if lookup == "invalid_org_nr":
        return invalid_org_nr_decision(str(case["query"]), on, question)
    if lookup == "ambiguous":
        refs = [ProviderRef(c["org_nr"], c["name"]) for c in case["candidates"]]
        return ambiguous_decision(case["query"], refs, on, question)
    record = provider_record(document["provider"], case.get("provider", {}))
    rule = payee_decision if question == "payee" else provider_decision
    return rule(
        record,
        on,
        personkrets=case.get("personkrets"),
        age_group=case.get("age_group"),
        informed=case.get("informed"),
    )


def check_decision(decision: Decision, expect: dict[str, Any]) -> None:
    assert list(decision.codes) == expect["codes"]
    assert decision.ok is expect["ok"]
    if "last_day" in expect:
        # The last day of the two-week exception is said in the reason, as a date.
        assert decision.parameters.get("revocation_grace_days"), "no two-week exception used"
        last = f"till och med {format_date(expect['last_day'])}"
        assert any(last in r.text for r in decision.reasons), [r.text for r in decision.reasons]
    unchecked = {r.code for r in decision.reasons if not r.met and r.code not in decision.codes}
    assert set(expect.get("unchecked", [])) <= unchecked
    for code in expect.get("steps", []):
        assert code in [s.code for s in decision.next_steps]
    for ref in expect.get("legal_refs_contain", []):
        assert any(ref in r for r in decision.legal_refs()), (ref, decision.legal_refs())
    for reason in decision.reasons:
        assert reason.text and reason.legal_ref and reason.url.startswith("https://")


@pytest.mark.parametrize("case", cases("provider"))
def test_provider_case(case: dict[str, Any]) -> None:
    check_decision(decide("provider", load("provider"), case), case["expect"])


@pytest.mark.parametrize("case", cases("payee"))
def test_payee_case(case: dict[str, Any]) -> None:
    check_decision(decide("payee", load("payee"), case), case["expect"])


@pytest.mark.parametrize("case", cases("amounts"))
def test_amounts_case(case: dict[str, Any]) -> None:
    expect = case["expect"]
    if expect.get("unknown"):
        with pytest.raises(UnknownYear):
            hourly_amounts(case["year"])
        return
    amounts = hourly_amounts(case["year"])
    assert amounts.standard_hourly_amount == Decimal(expect["standard"])
    assert amounts.max_higher_hourly_amount == Decimal(expect["highest"])
    assert amounts.max_higher_hourly_amount <= amounts.standard_hourly_amount * Decimal("1.12")
    if "percent_text" in expect:
        assert format_percent(amounts.max_percent) == expect["percent_text"]
    for ref in expect.get("legal_refs", []):
        assert ref in amounts.legal_refs


@pytest.mark.parametrize("case", cases("deadline"))
def test_deadline_case(case: dict[str, Any]) -> None:
    expect = case["expect"]
    deadline = report_deadline(case["learned"])
    assert deadline.counted_day == expect["counted_day"]
    assert deadline.deadline == expect["deadline"]
    assert deadline.move == expect["move"]
    assert (deadline.moved_because or None) == expect["moved_because"]
    if "today" in case:
        assert deadline.status_on(case["today"]) == expect["status"]
    refs = " ".join(deadline.legal_refs)
    assert "110 kap. 47 §" in refs
    assert ("lagen (1930:173)" in refs) == (expect["move"] != "NOT_MOVED")


@pytest.mark.parametrize("case", cases("age"))
def test_age_case(case: dict[str, Any]) -> None:
    expect = case["expect"]
    stage = age_stage(case["born"], case.get("today", load("age")["today"]))
    for key in ("age", "stage", "age_limit", "reaches_age_limit", "turns_18"):
        if key in expect:
            assert getattr(stage, key) == expect[key], key
    if "preliminary" in expect:
        assert bool(stage.notes) is expect["preliminary"]
    for ref in expect.get("legal_refs_contain", []):
        assert any(ref in r for r in stage.legal_refs), (ref, stage.legal_refs)
    for text in expect.get("steps_contain", []):
        assert any(text in s for s in stage.next_steps), (text, stage.next_steps)


def test_there_are_enough_cases_and_each_names_its_section() -> None:
    every = [case for question in QUESTIONS for case in load(question)["cases"]]
    assert len(every) >= 80
    assert all(str(case.get("section", "")).strip() for case in every)
    for question in QUESTIONS:
        names = [case["name"] for case in load(question)["cases"]]
        assert len(names) == len(set(names)), question


def test_the_cases_cover_every_code() -> None:
    decided = {
        code
        for question in ("provider", "payee")
        for case in load(question)["cases"]
        for code in case["expect"]["codes"]
    }
    assert decided >= DECISION_CODES | PAYEE_CODES
    moves = {case["expect"]["move"] for case in load("deadline")["cases"]}
    assert moves == {"NOT_MOVED", "MOVED_WEEKEND", "MOVED_HOLIDAY"}
    statuses = {c["expect"]["status"] for c in load("deadline")["cases"] if "status" in c["expect"]}
    assert statuses == {"AHEAD", "OPEN", "PASSED"}
    stages = {case["expect"]["stage"] for case in load("age")["cases"]}
    assert stages == {"child", "adult", "past_age_limit"}
    limits = {case["expect"].get("age_limit") for case in load("age")["cases"]} - {None}
    assert limits == {65, 66, 67}


def test_a_deadline_falls_on_each_kind_of_day_off_in_2026_and_2027() -> None:
    kinds = {
        "nyårsdagen", "trettondedag jul", "långfredagen", "påskdagen", "annandag påsk",
        "första maj", "Kristi himmelsfärdsdag", "pingstdagen", "nationaldagen",
        "midsommarafton", "midsommardagen", "alla helgons dag", "julafton", "juldagen",
        "annandag jul", "nyårsafton", "lördag", "söndag",
    }  # fmt: skip
    for year in (2026, 2027):
        seen = {
            case["expect"]["moved_because"]
            for case in load("deadline")["cases"]
            if case["expect"]["counted_day"].year == year
        }
        assert kinds <= seen, (year, sorted(kinds - seen))
