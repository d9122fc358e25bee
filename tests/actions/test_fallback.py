"""Messages that are not questions get an answer that says why."""

from __future__ import annotations

import pytest

from actions.fallback import ActionExplainUnclearMessage
from assistansguiden.text.message_checks import ANSWERS, MAX_MESSAGE_CHARS, Unusual, unusual_message
from tests.actions.form_helpers import make_tracker, run_action, texts


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", Unusual.EMPTY),
        ("   \n\t ", Unusual.EMPTY),
        (None, Unusual.EMPTY),
        ("😀🙈👍", Unusual.NO_WORDS),
        ("?!?! ...", Unusual.NO_WORDS),
        ("\x00\x07\x1b", Unusual.NO_WORDS),
        ("x" * (MAX_MESSAGE_CHARS + 1), Unusual.TOO_LONG),
        ("hej " * 2500, Unusual.TOO_LONG),
    ],
)
def test_unusual_messages_are_recognised(text: str | None, reason: Unusual) -> None:
    assert unusual_message(text) is reason


@pytest.mark.parametrize(
    "text",
    [
        "hej",
        "2024?",
        "Vad är timbeloppet 😀",
        "<b>hej</b>",
        "a" * MAX_MESSAGE_CHARS,
        "'; DROP TABLE providers; --",
        "åäö",
    ],
)
def test_ordinary_messages_pass(text: str) -> None:
    assert unusual_message(text) is None


@pytest.mark.parametrize("reason", list(Unusual))
def test_each_reason_has_a_swedish_answer(reason: Unusual) -> None:
    answer = ANSWERS[reason]
    assert answer.strip() and any(word in answer for word in ("Skriv", "skriv"))


def test_the_action_explains_a_too_long_message() -> None:
    _, messages = run_action(ActionExplainUnclearMessage(), make_tracker("ord " * 1000))
    assert "för långt" in texts(messages) and "0771-524 524" in texts(messages)


def test_the_action_explains_a_message_without_words() -> None:
    _, messages = run_action(ActionExplainUnclearMessage(), make_tracker("👍👍"))
    assert "med ord" in texts(messages)


def test_an_ordinary_unclear_question_gets_the_general_fallback() -> None:
    _, messages = run_action(ActionExplainUnclearMessage(), make_tracker("blä blä"))
    assert [message.get("response") for message in messages] == ["utter_default"]
