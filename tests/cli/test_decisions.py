"""`assistans provider` and `assistans payee`: the decision JSON and the text."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Cli

DECISION_KEYS = {
    "question", "ok", "codes", "provider", "as_of", "summary", "reasons", "legal_refs",
    "next_steps",
}  # fmt: skip


def test_provider_json_shape(cli: Cli) -> None:
    run = cli("provider", "559901-0054", "--json")
    assert run.code == 0, run.err
    data = run.json()
    assert set(data) == DECISION_KEYS
    assert data["question"] == "provider"
    assert data["ok"] is False
    assert data["codes"] == ["PERMIT_REVOKED"]
    assert data["provider"] == {"org_nr": "559901-0054", "name": "Avslutad Assistans Exempel AB"}
    assert data["as_of"] == "2026-11-23"
    assert isinstance(data["summary"], str) and data["summary"]
    assert all(isinstance(r, str) and r for r in data["reasons"])
    assert any(ref.startswith("51 kap. 16 ") for ref in data["legal_refs"])
    assert all(isinstance(s, str) for s in data["next_steps"])


def test_json_keeps_swedish_letters(cli: Cli) -> None:
    out = cli("provider", "solstralen", "--json").out
    assert "Solstrålen" in out and "\\u00e5" not in out


@pytest.mark.parametrize(
    ("args", "codes", "ok"),
    [
        (["provider", "solstralen", "--personkrets", "1", "--age-group", "adults"], ["OK"], True),
        (["provider", "Testkommunen"], ["MUNICIPAL"], True),
        (["provider", "5599010039"], ["NO_PERMIT"], False),
        (["provider", "559901-0047"], ["PERMIT_NOT_YET_VALID"], False),
        (["provider", "559901-0047", "--date", "2027-02-01"], ["OK"], True),
        (["provider", "559901-0054", "--informed", "2026-11-20"], ["REVOKED_GRACE_PERIOD"], True),
        (["provider", "559901-0062", "--personkrets", "3"], ["GROUP_NOT_COVERED"], False),
        (["provider", "559901-0070", "--age-group", "adults"], ["AGE_GROUP_NOT_COVERED"], False),
        (["provider", "559901-0146"], ["NOT_FOUND"], False),
        (["provider", "Ingen Sådan Anordnare"], ["NOT_FOUND"], False),
        (["provider", "559901-0014"], ["INVALID_ORG_NR"], False),
        (["payee", "559901-0088"], ["NO_F_SKATT"], False),
        (["payee", "559901-0096"], ["NOT_REGISTERED_EMPLOYER"], False),
        (["payee", "559901-0013"], ["OK"], True),
    ],
)
def test_codes_exit_zero(cli: Cli, args: list[str], codes: list[str], ok: bool) -> None:
    run = cli(*args, "--json")
    assert run.code == 0, run.err
    data = run.json()
    assert data["codes"] == codes and data["ok"] is ok
    assert data["question"] == args[0]


def test_ambiguous_json_has_candidates(cli: Cli) -> None:
    data = cli("provider", "norrsken", "--json").json()
    assert data["codes"] == ["AMBIGUOUS"]
    assert set(data) == DECISION_KEYS | {"candidates"}
    assert data["provider"] is None
    assert data["candidates"] == [
        {"org_nr": "559901-0104", "name": "Exempelassistans Norrsken AB"},
        {"org_nr": "559901-0112", "name": "Exempelassistans Norrskenet AB"},
    ]


def test_text_for_a_person(cli: Cli) -> None:
    run = cli("provider", "559901-0054")
    assert run.code == 0 and run.err == ""
    out = run.out
    assert out.startswith("Avslutad Assistans Exempel AB (559901-0054)\n")
    assert "23 november 2026" in out
    assert "Skäl:" in out and "Nästa steg:" in out and "  1. " in out
    assert "✗ Tillståndet från IVO upphörde 1 oktober 2026" in out
    assert "(51 kap. 16 b § socialförsäkringsbalken (2010:110))" in out  # with its law
    assert "{" not in out  # not JSON


def test_text_ambiguous_is_a_numbered_list(cli: Cli) -> None:
    out = cli("provider", "norrsken").out
    assert "  1. Exempelassistans Norrsken AB (559901-0104)\n" in out
    assert "  2. Exempelassistans Norrskenet AB (559901-0112)\n" in out


def test_text_unchecked_group_is_marked_as_unknown(cli: Cli) -> None:
    out = cli("provider", "559901-0013").out
    assert "  ✓ " in out and "  ? " in out and "  ✗ " not in out


def test_fresh_registry_answers_from_the_sample(cli: Cli) -> None:
    # No import has been run: the first look-up loads the fictional sample.
    assert cli("provider", "solstralen", "--json").json()["codes"] == ["OK"]


def test_today_from_the_environment(cli: Cli) -> None:
    data = cli("provider", "solstralen", "--json", env={"ASSISTANS_TODAY": "2027-01-05"}).json()
    assert data["as_of"] == "2027-01-05"
