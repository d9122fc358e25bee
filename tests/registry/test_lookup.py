"""decide(): from what a person typed to a Decision, for every code (sample registry)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from assistansguiden.registry import ProviderRepository, decide

TODAY = date(2026, 11, 23)


def codes(repo: ProviderRepository, query: str, **kwargs: Any) -> tuple[str, ...]:
    return decide(repo, query, TODAY, **kwargs).codes


def test_ok(repo: ProviderRepository) -> None:
    decision = decide(repo, "559901-0013", TODAY, personkrets=1, age_group="adults")
    assert decision.ok and decision.codes == ("OK",)
    assert (
        decision.provider is not None and decision.provider.name == "Exempelassistans Solstrålen AB"
    )
    assert decision.question == "provider" and decision.as_of == TODAY


def test_ok_by_name_without_a_ring(repo: ProviderRepository) -> None:
    decision = decide(repo, "solstralen", TODAY, personkrets=2, age_group="children")
    assert decision.ok and decision.codes == ("OK",)
    assert decision.provider is not None and decision.provider.org_nr == "559901-0013"


@pytest.mark.parametrize(
    ("query", "kwargs", "code", "ok"),
    [
        ("212000-9994", {}, "MUNICIPAL", True),
        ("Testkommunen", {"question": "payee"}, "MUNICIPAL", True),
        ("559901-0039", {}, "NO_PERMIT", False),
        ("Påbörjad Assistans", {}, "PERMIT_NOT_YET_VALID", False),
        ("559901-0054", {}, "PERMIT_REVOKED", False),
        ("559901-0054", {"informed": date(2026, 11, 20)}, "REVOKED_GRACE_PERIOD", True),
        ("559901-0054", {"informed": date(2026, 11, 1)}, "PERMIT_REVOKED", False),
        ("559901-0062", {"personkrets": 3}, "GROUP_NOT_COVERED", False),
        ("Barn och Unga", {"age_group": "adults"}, "AGE_GROUP_NOT_COVERED", False),
        ("559901-0088", {"question": "payee"}, "NO_F_SKATT", False),
        ("559901-0096", {"question": "payee"}, "NOT_REGISTERED_EMPLOYER", False),
    ],
)
def test_each_code(
    repo: ProviderRepository, query: str, kwargs: dict[str, Any], code: str, ok: bool
) -> None:
    decision = decide(repo, query, TODAY, **kwargs)
    assert decision.codes == (code,)
    assert decision.ok is ok
    assert decision.reasons and all(r.legal_ref for r in decision.reasons)


def test_child_turning_18_loses_the_age_group(repo: ProviderRepository) -> None:
    # The same provider is fine for the child and not once the person is an adult.
    assert codes(repo, "559901-0070", age_group="children") == ("OK",)
    assert codes(repo, "559901-0070", age_group="adults") == ("AGE_GROUP_NOT_COVERED",)


def test_payee_conditions_do_not_stop_the_provider_question(repo: ProviderRepository) -> None:
    assert codes(repo, "559901-0088") == ("OK",)
    assert codes(repo, "559901-0088", question="payee") == ("NO_F_SKATT",)


def test_several_findings_are_all_listed(repo: ProviderRepository) -> None:
    decision = decide(
        repo, "Flera Brister", TODAY, question="payee", personkrets=3, age_group="adults"
    )
    assert not decision.ok
    assert set(decision.codes) == {
        "PERMIT_REVOKED",
        "GROUP_NOT_COVERED",
        "AGE_GROUP_NOT_COVERED",
        "NO_F_SKATT",
        "NOT_REGISTERED_EMPLOYER",
    }


def test_permit_not_yet_valid_becomes_ok_when_it_starts(repo: ProviderRepository) -> None:
    assert decide(repo, "559901-0047", date(2027, 2, 1)).codes == ("OK",)


@pytest.mark.parametrize("query", ["559901-0014", "5599010014", "55990", "16559901-001"])
def test_invalid_org_nr(repo: ProviderRepository, query: str) -> None:
    decision = decide(repo, query, TODAY)
    assert decision.codes == ("INVALID_ORG_NR",) and not decision.ok
    assert decision.provider is None


@pytest.mark.parametrize("query", ["559901-0146", "Ingen Sådan Anordnare", "AB"])
def test_not_found(repo: ProviderRepository, query: str) -> None:
    assert codes(repo, query) == ("NOT_FOUND",)


def test_ambiguous_lists_the_candidates(repo: ProviderRepository) -> None:
    decision = decide(repo, "norrsken", TODAY)
    assert decision.codes == ("AMBIGUOUS",) and not decision.ok
    assert [(c.org_nr, c.name) for c in decision.candidates] == [
        ("559901-0104", "Exempelassistans Norrsken AB"),
        ("559901-0112", "Exempelassistans Norrskenet AB"),
    ]
    assert decision.to_json()["candidates"][0]["org_nr"] == "559901-0104"


def test_exact_name_is_not_ambiguous(repo: ProviderRepository) -> None:
    decision = decide(repo, "Exempelassistans Norrsken AB", TODAY)
    assert decision.provider is not None and decision.provider.org_nr == "559901-0104"


def test_number_with_16_prefix_and_spaces(repo: ProviderRepository) -> None:
    decision = decide(repo, " 16 559901-0013 ", TODAY)
    assert decision.provider is not None and decision.provider.org_nr == "559901-0013"
