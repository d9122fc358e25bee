"""Misspelled provider names: close to exactly one provider, close to several, or none."""

from __future__ import annotations

from datetime import date

import pytest

from assistansguiden.registry import ProviderRepository, decide

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("typed", "org_nr"),
    [
        ("solstrålen asistans", "559901-0013"),  # a letter missing, part of a compound
        ("exempelassistans norsken", "559901-0104"),
        ("fiktiva omsorghjalpen", "559901-0021"),
        ("testkomun", "212000-9994"),
    ],
)
def test_a_name_close_to_one_provider_is_decided_for_it_and_says_so(
    repo: ProviderRepository, typed: str, org_nr: str
) -> None:
    decision = decide(repo, typed, TODAY)
    assert decision.provider is not None and decision.provider.org_nr == org_nr
    assert decision.interpreted_from == typed
    # The summary says which provider was taken, before the answer.
    assert decision.summary.startswith(f"Jag hittade ingen anordnare som heter exakt ”{typed}”")
    assert decision.provider.name in decision.summary.split(".")[0]


def test_a_name_close_to_several_providers_is_ambiguous(repo: ProviderRepository) -> None:
    decision = decide(repo, "exempelasistans", TODAY)  # every Exempelassistans … AB
    assert decision.codes == ("AMBIGUOUS",) and decision.interpreted_from is None
    assert len(decision.candidates) >= 2
    assert all(c.name.startswith("Exempelassistans") for c in decision.candidates)


@pytest.mark.parametrize("typed", ["xyz", "qwertyuiop", "Helt Annat Bolag", "ab"])
def test_nothing_close_is_not_found(repo: ProviderRepository, typed: str) -> None:
    decision = decide(repo, typed, TODAY)
    assert decision.codes == ("NOT_FOUND",) and decision.interpreted_from is None


def test_an_exact_name_is_not_reported_as_a_misspelling(repo: ProviderRepository) -> None:
    decision = decide(repo, "Exempelassistans Solstrålen AB", TODAY)
    assert decision.interpreted_from is None and decision.summary.startswith("Du kan få")
