"""Search keys: what people type must meet what the registry stores."""

from __future__ import annotations

import pytest

from assistansguiden.registry import name_key
from assistansguiden.registry.names import distinctive


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Solstrålen Assistans AB", "solstralen assistans"),
        ("SOLSTRÅLEN ASSISTANS", "solstralen assistans"),
        ("solstralen assistans ab", "solstralen assistans"),
        ("Omsorgshjälpen i Norr AB", "omsorgshjalpen i norr"),
        ("Café Ödmjuk HB", "cafe odmjuk"),
        ("Kooperativet Trygghet ek. för.", "kooperativet trygghet"),
        ("Kooperativet Trygghet ek för", "kooperativet trygghet"),
        ("Bröderna Svensson KB", "broderna svensson"),
        ("Assistans Aktiebolag", "assistans"),
        ("A.B. Hjälpen", "hjalpen"),
        ("Testkommunen (fiktiv kommun)", "testkommunen fiktiv kommun"),
        ("  Många   mellanslag\tAB ", "manga mellanslag"),
    ],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


def test_legal_form_inside_a_word_is_kept() -> None:
    # "ab" only as a word of its own: "Abela" and "Kbarn" are names, not company forms.
    assert name_key("Abela Assistans AB") == "abela assistans"
    assert name_key("Hbk Omsorg") == "hbk omsorg"


def test_key_has_no_like_wildcards() -> None:
    assert name_key("100% Omsorg_Nu AB") == "100 omsorgnu"


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("avslutad assistans exempel", True),
        ("exempelassistans solstralen", True),
        ("personlig assistans", False),  # words of an ordinary question
        ("assistans", False),
        ("solstralen", False),  # one word is too little to find inside a sentence
    ],
)
def test_only_distinctive_names_are_found_inside_a_sentence(key: str, expected: bool) -> None:
    assert distinctive(key) is expected
