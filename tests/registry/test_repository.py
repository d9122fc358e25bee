"""Finding providers by number and by name (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from assistansguiden.registry import ProviderRepository, import_providers, session_factory
from tests.registry.conftest import org_nr, provider_row, write_csv

SOLSTRALEN = "559901-0013"


@pytest.mark.parametrize(
    "typed", ["559901-0013", "5599010013", "16559901-0013", "165599010013", " 559901 0013 "]
)
def test_find_by_org_nr_in_the_ways_people_write_it(repo: ProviderRepository, typed: str) -> None:
    record = repo.find_by_org_nr(typed)
    assert record is not None
    assert record.org_nr == SOLSTRALEN
    assert record.name == "Exempelassistans Solstrålen AB"


def test_find_by_org_nr_returns_the_whole_record(repo: ProviderRepository) -> None:
    record = repo.find_by_org_nr("559901-0070")  # children only
    assert record is not None
    assert record.kind == "private"
    assert record.personkrets == frozenset({1, 2, 3})
    assert record.age_groups == frozenset({"children"})
    assert record.f_skatt and record.employer_registered
    assert str(record.permit_from) == "2020-04-01" and record.permit_revoked is None


def test_find_by_org_nr_unknown_or_malformed(repo: ProviderRepository) -> None:
    assert repo.find_by_org_nr(org_nr(424242)) is None
    assert repo.find_by_org_nr("12345") is None
    assert repo.find_by_org_nr("Solstrålen") is None


def names(repo: ProviderRepository, query: str) -> list[str]:
    return [p.name for p in repo.search_by_name(query)]


@pytest.mark.parametrize(
    "query",
    [
        "solstralen",  # without å
        "SOLSTRÅLEN",  # case
        "Exempelassistans Solstrålen AB",  # the full name
        "exempelassistans solstralen",  # without "AB"
        "Solstr",  # the start of a word
        "strålen",  # part of a word
        "solstrålen exempelassistans",  # words in another order
    ],
)
def test_search_finds_solstralen(repo: ProviderRepository, query: str) -> None:
    assert names(repo, query) == ["Exempelassistans Solstrålen AB"]


def test_search_every_word_must_occur(repo: ProviderRepository) -> None:
    assert names(repo, "omsorg norr") == ["Fiktiva Omsorgshjälpen i Norr AB"]
    assert names(repo, "omsorg söder") == []


def test_search_without_ek_for(repo: ProviderRepository) -> None:
    assert names(repo, "assistanskooperativet trygghet ek för") == [
        "Fiktiva Assistanskooperativet Trygghet ek. för."
    ]


def test_search_similar_names_gives_both(repo: ProviderRepository) -> None:
    assert names(repo, "norrsken") == [
        "Exempelassistans Norrsken AB",
        "Exempelassistans Norrskenet AB",
    ]


def test_exact_name_wins_outright(repo: ProviderRepository) -> None:
    # "Norrsken" is also inside "Norrskenet", but the exact name leaves no doubt.
    assert names(repo, "Exempelassistans Norrsken AB") == ["Exempelassistans Norrsken AB"]
    assert names(repo, "exempelassistans norrsken") == ["Exempelassistans Norrsken AB"]


def test_search_nothing(repo: ProviderRepository) -> None:
    assert names(repo, "Ingen Sådan Anordnare") == []
    assert names(repo, "") == []
    assert names(repo, "AB") == []  # only a company form: nothing to search for
    assert names(repo, "%") == []


def test_search_respects_limit(repo: ProviderRepository) -> None:
    assert len(repo.search_by_name("exempelassistans", limit=3)) == 3


def test_search_ranks_whole_words_then_word_starts(engine: Engine, tmp_path: Path) -> None:
    rows = [
        provider_row(org_nr=org_nr(1), name="Hemtjänsten Parasol AB"),  # mid-word
        provider_row(org_nr=org_nr(2), name="Solgårdens Assistans Norr AB"),  # word start
        provider_row(org_nr=org_nr(3), name="Assistans Sol AB"),  # whole word
        provider_row(org_nr=org_nr(4), name="Sol AB Assistans i Syd"),  # starts with it
    ]
    import_providers(engine, write_csv(tmp_path / "p.csv", rows))
    with session_factory(engine)() as session:
        found = [p.name for p in ProviderRepository(session).search_by_name("sol", limit=10)]
    assert found == [
        "Sol AB Assistans i Syd",
        "Assistans Sol AB",
        "Solgårdens Assistans Norr AB",
        "Hemtjänsten Parasol AB",
    ]


def test_search_ties_go_by_name(engine: Engine, tmp_path: Path) -> None:
    rows = [
        provider_row(org_nr=org_nr(1), name="Exempel Bravo AB"),
        provider_row(org_nr=org_nr(2), name="Exempel Alfa AB"),
    ]
    import_providers(engine, write_csv(tmp_path / "p.csv", rows))
    with session_factory(engine)() as session:
        found = [p.name for p in ProviderRepository(session).search_by_name("exempel")]
    assert found == ["Exempel Alfa AB", "Exempel Bravo AB"]


def test_look_ups_among_ten_thousand_providers(engine: Engine, tmp_path: Path) -> None:
    """Right answers in a registry of realistic size; bench/registry_bench.py times them."""
    rows = [
        provider_row(org_nr=org_nr(n), name=f"Exempelassistans Nummer {n} AB")
        for n in range(10_000)
    ]
    import_providers(engine, write_csv(tmp_path / "many.csv", rows))
    with session_factory(engine)() as session:
        repo = ProviderRepository(session)
        for n in range(0, 10_000, 100):
            found = repo.find_by_org_nr(org_nr(n))
            assert found is not None and found.name == f"Exempelassistans Nummer {n} AB"
            named = repo.search_by_name(f"nummer {n}")
            assert named and named[0].org_nr == org_nr(n)  # the exact number first
