"""Klarspråk and lättläst, measured: every text the assistant can say (tests/text/corpus.py).

- Standard texts: LIX at most 40 (a plain newspaper text; 50 reads like an official
  document). Every utter_* variation, every decision text in every form.
- Lättläst texts: every utter_* response has a variation with the easy_read condition,
  every decision code a lättläst rendering, each at most LIX 30 and 15 words a sentence,
  with no section numbers and no unexplained abbreviation.

`python scripts/lix_report.py` prints the distribution behind these gates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pytest

from actions import easy_read as easy
from actions.render import reasons_shown, render_decision, steps_shown
from assistansguiden.law.provider import PAYEE_CODES, PERMIT_CODES
from assistansguiden.text.readability import easy_read_problems, lix, longest_sentence
from tests.text import corpus

STANDARD_MAX_LIX = 40
EASY_READ_MAX_LIX = 30
EASY_READ_MAX_WORDS = 15
DECISION_CODES = (
    PERMIT_CODES
    | PAYEE_CODES
    | {"OK", "MUNICIPAL", "REVOKED_GRACE_PERIOD", "NOT_FOUND", "INVALID_ORG_NR", "AMBIGUOUS"}
)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANS_TODAY", corpus.ON.isoformat())


def over(texts: Iterable[corpus.Text], limit: float) -> list[str]:
    """'LIX 42.8  utter_x[0]: Första orden …' for every text above the limit."""
    found = [(round(lix(text), 1), label, text) for label, text in texts]  # as reported
    return [
        f"LIX {value:.1f}  {label}: {text[:70]!r}"
        for value, label, text in sorted(found, reverse=True)
        if value > limit
    ]


def test_every_standard_response_reads_at_lix_40_or_less() -> None:
    texts = [*corpus.response_texts(False), *corpus.python_texts(False)]
    assert len(texts) > 50
    assert over(texts, STANDARD_MAX_LIX) == []


def test_every_standard_decision_text_reads_at_lix_40_or_less() -> None:
    texts = [*corpus.decision_texts(False), *corpus.rule_texts()]
    assert len(texts) > 300
    assert over(texts, STANDARD_MAX_LIX) == []


def test_the_decisions_measured_hold_every_code() -> None:
    codes = {code for _, decision in corpus.all_decisions() for code in decision.codes}
    assert DECISION_CODES - codes == set()


def test_every_response_has_a_lättläst_variation_and_no_other_condition() -> None:
    missing, other = [], []
    for name, variations in corpus.load_responses().items():
        if not any(corpus.is_easy_read(v) for v in variations):
            missing.append(name)
        if not any("condition" not in v for v in variations):
            missing.append(f"{name} (no standard variation)")
        other += [
            name
            for v in variations
            if v.get("condition") and v["condition"] != [corpus.EASY_READ_CONDITION]
        ]
    assert missing == []
    assert other == []


def _payloads(variation: dict[str, Any]) -> list[str]:
    return [str(button["payload"]) for button in variation.get("buttons", [])]


def test_a_lättläst_variation_offers_the_same_buttons_and_values() -> None:
    differ = []
    for name, variations in corpus.load_responses().items():
        standard = [v for v in variations if not corpus.is_easy_read(v)]
        for variation in filter(corpus.is_easy_read, variations):
            if _payloads(variation) != _payloads(standard[0]):
                differ.append(f"{name}: buttons")
            filled_in = set(re.findall(r"\{(\w+)\}", variation["text"]))
            given = {p for v in standard for p in re.findall(r"\{(\w+)\}", v["text"])}
            if filled_in - given:
                differ.append(f"{name}: {sorted(filled_in - given)}")
    assert differ == []


def _easy_texts() -> list[corpus.Text]:
    return [
        *corpus.response_texts(True),
        *corpus.python_texts(True),
        *corpus.decision_texts(True),
    ]


def test_every_lättläst_text_reads_at_lix_30_or_less() -> None:
    texts = _easy_texts()
    assert len(texts) > 300
    assert over(texts, EASY_READ_MAX_LIX) == []


def test_lättläst_sentences_are_short() -> None:
    long = [
        f"{label}: {longest_sentence(text)} ord"
        for label, text in _easy_texts()
        if longest_sentence(text) > EASY_READ_MAX_WORDS
    ]
    assert long == []


def test_lättläst_has_no_section_numbers_and_no_unexplained_abbreviations() -> None:
    found = [
        f"{label}: {', '.join(problems)}"
        for label, text in _easy_texts()
        if (problems := easy_read_problems(text))
    ]
    assert found == []


def test_every_reason_and_step_the_chat_shows_has_lättläst_words() -> None:
    missing = set()
    for _, decision in corpus.all_decisions():
        if decision.provider is None:  # not found, a wrong number, several: said whole
            assert easy.render_decision(decision)[0].text
            continue
        missing |= {r.code for r in reasons_shown(decision) if not easy.reason_text(r, "Den")}
        missing |= {s.code for s in steps_shown(decision) if not easy.step_text(s.code, decision)}
    assert missing == set()


def test_lättläst_decisions_answer_first_and_keep_the_buttons() -> None:
    for label, decision in corpus.all_decisions():
        standard = render_decision(decision)
        easy_read = easy.render_decision(decision)
        assert [m.buttons for m in easy_read] == [m.buttons for m in standard], label
        first = easy_read[0].text.splitlines()[0]
        if "AMBIGUOUS" not in decision.codes:
            assert first in ("Ja.", "Nej.", "Troligen ja.", "Ja, men bara en kort tid."), label
