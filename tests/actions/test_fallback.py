"""Messages that are not questions get an answer that says why."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionAnswerOutOfScope, ActionExplainUnclearMessage
from assistansguiden.text.message_checks import ANSWERS, MAX_MESSAGE_CHARS, Unusual, unusual_message
from assistansguiden.text.other_services import only_another_service
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
        ("a" * 1500, Unusual.NONSENSE),
        ("asdfgh", Unusual.NONSENSE),
        ("qwerty qwerty", Unusual.NONSENSE),
        ("sdfkjh lkjhg", Unusual.NONSENSE),
        ("x", Unusual.NONSENSE),
        ("hahahahaha", Unusual.NONSENSE),
        ("12345678", Unusual.NONSENSE),
        ("123 456 789", Unusual.NONSENSE),
        ("Lorem ipsum dolor sit amet", Unusual.NONSENSE),
        ("How do I apply for personal assistance?", Unusual.NOT_SWEDISH),
        ("Wie beantrage ich Assistenz für mein Kind?", Unusual.NOT_SWEDISH),
        ("Kuinka haen henkilökohtaista apua?", Unusual.NOT_SWEDISH),
        ("¿Cómo solicito asistencia personal?", Unusual.NOT_SWEDISH),
        ("Jak złożyć wniosek o asystenta?", Unusual.NOT_SWEDISH),
        ("كيف أتقدم بطلب للحصول على مساعدة", Unusual.NOT_SWEDISH),
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
        "'; DROP TABLE providers; --",
        "åäö",
        # Swedish as people type it: keywords, capitals, no å/ä/ö, numbers that mean something.
        "3079",
        "1",
        "556677-8899",
        "2008-05-14",
        "080514",
        "30/6 2007",
        "15/1",
        "schablonbelopp 2026",
        "betalningsmottagare krav blankett",
        "nar betalas ersattningen ut",
        "HUR ANSOKER MAN OM ASSISTANS",
        "sjukhus inlagd veckor",
        "nordljus assistans ab organisationsnummer",
        "Solvik Omsorg AB",
        "ok",
        "LSS",
    ],
)
def test_ordinary_messages_pass(text: str) -> None:
    assert unusual_message(text) in (None, Unusual.NOT_SWEDISH if "DROP" in text else None)


@pytest.mark.parametrize("reason", list(Unusual))
def test_each_reason_has_a_swedish_answer(reason: Unusual) -> None:
    answer = ANSWERS[reason]
    if reason is Unusual.NOT_SWEDISH:
        # Swedish first, then English: who cannot read Swedish learns where to get help.
        swedish, english = answer.split("\n")
        assert "svenska" in swedish and "0771-524 524" in swedish and "tolk" in swedish
        assert "Swedish" in english and "interpreter" in english
        return
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


def unsure(text: str, ranking: list[tuple[str, float]], before: list[Any] | None = None) -> Any:
    tracker = make_tracker(text, intent="nlu_fallback", before=before)
    tracker.latest_message["intent_ranking"] = [
        {"name": name, "confidence": confidence} for name, confidence in ranking
    ]
    return tracker


def test_an_unsure_guess_offers_the_likeliest_topics_with_human_titles() -> None:
    tracker = unsure(
        "hur gör man med pengarna",
        [("nlu_fallback", 0.5), ("ask_reporting", 0.3), ("ask_payee", 0.25), ("greet", 0.2)],
    )
    _, messages = run_action(ActionExplainUnclearMessage(), tracker)
    [message] = messages
    assert message["response"] == "utter_did_you_mean"
    assert "Menade du" in texts(messages)
    assert [b["payload"] for b in message["buttons"]] == [
        "/ask_reporting",
        "/ask_payee",
        "/out_of_scope",
    ]
    assert message["buttons"][0]["title"] == "Redovisning varje månad"


def test_the_second_miss_in_a_row_gets_the_general_answer_with_the_phone_number() -> None:
    before = [{"event": "bot", "text": "…", "metadata": {"utter_action": "utter_did_you_mean"}}]
    tracker = unsure("nej inte det heller", [("ask_reporting", 0.3)], before=before)
    _, messages = run_action(ActionExplainUnclearMessage(), tracker)
    assert [m["response"] for m in messages] == ["utter_default"]
    assert "0771-524 524" in texts(messages)


def test_no_guess_at_all_gets_the_general_answer() -> None:
    _, messages = run_action(ActionExplainUnclearMessage(), unsure("hmm", [("greet", 0.9)]))
    assert [m["response"] for m in messages] == ["utter_default"]


def test_a_message_that_is_not_swedish_is_answered_in_swedish_and_english() -> None:
    tracker = unsure("How do I apply for personal assistance?", [("ask_apply", 0.9)])
    _, messages = run_action(ActionExplainUnclearMessage(), tracker)
    assert "I only understand Swedish" in texts(messages)


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Hur ansöker jag om färdtjänst?", "kommunen"),
        ("när betalas föräldrapenningen ut", "forsakringskassan.se"),
        ("vad tjänar en personlig assistent i timmen", "fackförbund"),
        ("jag behöver en ny rullstol", "regionen"),
        ("hur mycket pension får jag", "Pensionsmyndigheten"),
    ],
)
def test_out_of_scope_says_who_handles_the_service_it_names(text: str, who: str) -> None:
    _, messages = run_action(ActionAnswerOutOfScope(), make_tracker(text, intent="out_of_scope"))
    answer = texts(messages)
    assert who in answer and "assistansersättning" in answer


def test_out_of_scope_without_a_named_service_gets_the_general_answer() -> None:
    tracker = make_tracker("vad blir det för väder i morgon", intent="out_of_scope")
    _, messages = run_action(ActionAnswerOutOfScope(), tracker)
    assert [m["response"] for m in messages] == ["utter_out_of_scope"]


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("Hur ansöker jag om hemtjänst?", "hemtjänst"),
        ("vem har rätt till färdtjänst", "färdtjänst"),
        ("Kan jag få bostadsbidrag?", "bostadsbidrag"),
        ("ansöka om sjukersättning", "sjukersättning"),
    ],
)
def test_a_question_only_about_another_service_is_out_of_scope(text: str, service: str) -> None:
    found = only_another_service(text)
    assert found is not None and found.name == service


@pytest.mark.parametrize(
    "text",
    [
        "kan jag ha hemtjänst och personlig assistans samtidigt",
        "vad tjänar en personlig assistent",  # an assistant's job: left to the classifier
        "får assistenten följa med till vårdcentralen",
        "Hur ansöker jag om assistansersättning?",
        "upphör ersättningen när jag blir pensionär",  # the age limit, not a pension
    ],
)
def test_a_question_about_assistance_is_never_overridden(text: str) -> None:
    assert only_another_service(text) is None


@pytest.mark.parametrize(
    "entities",
    [
        # the entity extractor cut the name short, or marked nothing: the whole registered
        # name in the message is what the button carries
        [{"entity": "provider_name", "value": "Exempel AB"}],
        [],
    ],
)
def test_an_unclear_question_naming_a_provider_offers_checking_it_first(
    registry: str, entities: list[dict[str, str]]
) -> None:
    tracker = unsure(
        "kan vi fortsätta med Avslutad Assistans Exempel AB?",
        [("nlu_fallback", 0.45), ("ask_choose_provider", 0.3), ("check_provider", 0.25)],
    )
    tracker.latest_message["entities"] = entities
    _, messages = run_action(ActionExplainUnclearMessage(), tracker)
    [message] = messages
    payloads = [b["payload"] for b in message["buttons"]]
    assert payloads[0] == '/check_provider{"org_nr":"559901-0054"}'
    assert payloads.count(payloads[0]) == 1
    assert payloads[-1] == "/out_of_scope"


def events_of(tracker: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionExplainUnclearMessage().run(dispatcher, tracker, {}))
    return events, dispatcher.messages


@pytest.mark.parametrize(
    "text",
    [
        "kan vi fortsätta med Avslutad Assistans Exempel AB?",  # whole registered name
        "gäller tillståndet för Exempelassistans Grupp Ett och Två för oss?",  # without AB
    ],
)
def test_a_provider_named_in_full_whose_check_is_likeliest_is_checked(
    registry: str, text: str
) -> None:
    tracker = unsure(text, [("nlu_fallback", 0.45), ("check_provider", 0.35), ("ask_payee", 0.2)])
    events, messages = events_of(tracker)
    assert events == [{"event": "followup", "timestamp": None, "name": "provider_form"}]
    assert messages == []  # the form says which provider it found, and answers


@pytest.mark.parametrize(
    ("text", "ranking", "active_loop"),
    [
        # another topic is likelier: the person chooses
        (
            "kan Avslutad Assistans Exempel AB få pengarna?",
            [("ask_payee", 0.4), ("check_provider", 0.3)],
            None,
        ),
        # no registered provider named in full: the person chooses
        ("kan vi fortsätta med Lugna Vågen?", [("check_provider", 0.4), ("ask_payee", 0.3)], None),
        # inside another form: no new form behind the person's back
        ("Avslutad Assistans Exempel AB?", [("check_provider", 0.4)], "change_form"),
    ],
)
def test_otherwise_an_unclear_question_naming_a_provider_asks_first(
    registry: str, text: str, ranking: list[tuple[str, float]], active_loop: str | None
) -> None:
    tracker = unsure(text, [("nlu_fallback", 0.45), *ranking])
    if active_loop:
        tracker.active_loop = {"name": active_loop}
    events, messages = events_of(tracker)
    assert events == []
    assert [m["response"] for m in messages] == ["utter_did_you_mean"]
