"""The LIX measure and the lättläst checks themselves, on texts counted by hand."""

from __future__ import annotations

import pytest

from assistansguiden.text.readability import (
    easy_read_problems,
    lix,
    longest_sentence,
    readability,
    sentences,
)
from assistansguiden.text.text_style import asks_for_standard_text


def test_lix_is_words_per_sentence_plus_the_share_of_long_words() -> None:
    # 5 words, 2 sentences, 1 word over six letters ("assistans"): 2.5 + 20.
    assert readability("Ring oss. Vi ger assistans.").lix == pytest.approx(22.5)


def test_a_word_of_exactly_six_letters_is_not_long_and_seven_is() -> None:
    assert readability("betala").long_words == 0
    assert readability("betalar").long_words == 1


def test_a_text_without_words_has_lix_zero() -> None:
    assert lix("") == 0.0
    assert lix("… 🙂 §") == 0.0


def test_numbers_and_section_references_are_short_words_and_end_no_sentence() -> None:
    found = sentences("Enligt 51 kap. 16 b § SFB gäller det. Ring 0771-524 524!")
    assert found == [["Enligt", "0", "0", "0", "b", "SFB", "gäller", "det"], ["Ring", "0", "0"]]


def test_abbreviations_and_web_addresses_do_not_end_a_sentence() -> None:
    found = sentences("Sök t.ex. på forsakringskassan.se eller ivo.se. Klart.")
    assert found == [["Sök", "0", "på", "forsakringskassan", "eller", "ivo"], ["Klart"]]
    assert readability("forsakringskassan.se").long_words == 1  # its name is long


def test_joined_words_are_one_word() -> None:
    assert sentences("e-tjänsten, F-skatt och IVO:s register") == [
        ["e-tjänsten", "F-skatt", "och", "IVO:s", "register"]
    ]


def test_a_colon_a_line_break_and_every_bullet_end_a_sentence() -> None:
    text = "Det här kan du göra:\n- Ring oss\n- Skriv till oss"
    assert [len(s) for s in sentences(text)] == [5, 2, 3]
    assert longest_sentence(text) == 5


def test_section_signs_and_unexplained_abbreviations_are_not_lättläst() -> None:
    problems = easy_read_problems("Enligt 51 kap. 16 b § SFB (2010:110), t.ex. LSS och 300 kr.")
    assert problems == [
        "innehåller §",
        "innehåller kap.",
        "innehåller ett SFS-nummer",
        "förkortningen t.ex.",
        "förkortningen kr",
        "förkortningen LSS",
        "förkortningen SFB",
    ]


def test_an_abbreviation_explained_in_brackets_once_is_lättläst() -> None:
    assert easy_read_problems("Bor du i EU (Europeiska unionen)? Norge räknas som EU.") == []
    assert easy_read_problems("Det står på ivo.se och forsakringskassan.se.") == []
    assert easy_read_problems("IVO ger tillstånd.") == ["förkortningen IVO"]


@pytest.mark.parametrize(
    "text",
    ["Stäng av lättläst", "skriv som vanligt igen", "lättläst av", "VANLIG TEXT tack"],
)
def test_plain_words_for_the_standard_text_again(text: str) -> None:
    assert asks_for_standard_text(text)


@pytest.mark.parametrize(
    "text", ["kan du skriva enklare", "lättläst", "jag förstår inte vanlig svenska"]
)
def test_asking_for_lättläst_is_not_asking_for_the_standard_text(text: str) -> None:
    assert not asks_for_standard_text(text)
