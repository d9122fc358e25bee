from __future__ import annotations

from datetime import date

from assistansguiden.law.decision import Decision, ProviderRef, Reason

KEYS = [
    "question",
    "ok",
    "codes",
    "provider",
    "as_of",
    "summary",
    "reasons",
    "legal_refs",
    "next_steps",
]


def _decision(codes: tuple[str, ...], provider: ProviderRef | None = None) -> Decision:
    reasons = (
        Reason("A", True, "Första.", "51 kap. 16 b § SFB", "https://lagen.nu/2010:110#K51P16b"),
        Reason("B", False, "Andra", "51 kap. 16 b § SFB", "https://lagen.nu/2010:110#K51P16b"),
        Reason("C", False, "Tredje.", "23 § LSS", "https://lagen.nu/1993:387#P23"),
    )
    return Decision(
        question="provider",
        ok=False,
        codes=codes,
        as_of=date(2026, 11, 23),
        summary="En mening.",
        reasons=reasons,
        next_steps=("Gör så här.",),
        provider=provider,
        candidates=(ProviderRef("556036-0793", "A AB"), ProviderRef("556677-8899", "B AB")),
    )


def test_json_has_exactly_the_design_keys() -> None:
    data = _decision(("NO_PERMIT",), ProviderRef("556036-0793", "A AB")).to_json()
    assert list(data) == KEYS
    assert data["provider"] == {"org_nr": "556036-0793", "name": "A AB"}
    assert data["as_of"] == "2026-11-23"
    assert data["codes"] == ["NO_PERMIT"]


def test_legal_refs_are_unique_and_in_order() -> None:
    decision = _decision(("NO_PERMIT",))
    assert decision.legal_refs() == ["51 kap. 16 b § SFB", "23 § LSS"]
    assert decision.to_json()["legal_refs"] == ["51 kap. 16 b § SFB", "23 § LSS"]


def test_reasons_render_text_then_citation() -> None:
    reasons = _decision(("NO_PERMIT",)).to_json()["reasons"]
    assert reasons[0] == "Första (51 kap. 16 b § SFB)."
    assert reasons[1] == "Andra (51 kap. 16 b § SFB)."


def test_provider_null_and_candidates_only_when_ambiguous() -> None:
    plain = _decision(("NOT_FOUND",)).to_json()
    assert plain["provider"] is None and "candidates" not in plain
    ambiguous = _decision(("AMBIGUOUS",)).to_json()
    assert list(ambiguous) == [*KEYS, "candidates"]
    assert ambiguous["candidates"] == [
        {"org_nr": "556036-0793", "name": "A AB"},
        {"org_nr": "556677-8899", "name": "B AB"},
    ]


def test_parameters_default_is_not_shared() -> None:
    first = Decision("provider", True, ("OK",), date(2026, 1, 1), "", (), ())
    second = Decision("provider", True, ("OK",), date(2026, 1, 1), "", (), ())
    assert first.parameters == {} and first.parameters is not second.parameters
