"""Whole conversations over the REST channel against one running Rasa server."""

from __future__ import annotations

from tests.e2e.rest import RestClient


def test_greeting_says_what_it_can_help_with_and_offers_buttons(chat: RestClient) -> None:
    [reply] = chat.send("hej")
    assert "assistansersättning" in reply["text"]
    assert {"payload": "/ask_apply", "title": "Hur ansöker jag?"} in reply["buttons"]


def test_a_button_payload_answers_its_topic(chat: RestClient) -> None:
    assert "3062" in chat.text("/ask_apply")


def test_hourly_amount_for_a_named_year(chat: RestClient) -> None:
    text = chat.text("vad var schablonbeloppet 2024?")
    assert "332,60" in text and "2024" in text


def test_hourly_amount_this_year_uses_the_fixed_today(chat: RestClient) -> None:
    text = chat.text("hur mycket är timbeloppet i år")
    assert "347,70" in text and "2026" in text


def test_year_without_a_decided_amount_is_not_guessed(chat: RestClient) -> None:
    text = chat.text("vad blir schablonbeloppet 2030")
    assert "2030" in text and "347,70" not in text


def test_age_limit_answer_says_what_holds_today(chat: RestClient) -> None:
    text = chat.text("vad händer med min assistans när jag fyller 66")
    assert "67 år" in text and "riktåldern" in text


def test_report_change_gives_the_deadline_from_the_table(chat: RestClient) -> None:
    text = chat.text("jag ska flytta till en ny lägenhet, behöver jag säga till?")
    assert "14 dagar" in text and "0771-524 524" in text


def test_out_of_scope_is_honest_and_says_where_to_turn(chat: RestClient) -> None:
    text = chat.text("vad blir det för väder i helgen")
    assert "Det kan jag tyvärr inte svara på" in text
    assert "0771-524 524" in text


def test_gibberish_gets_the_honest_fallback_not_another_topic(chat: RestClient) -> None:
    text = chat.text("qwxz plörk fnurg blä")
    assert "Det kan jag tyvärr inte svara på" in text


def test_a_conversation_keeps_its_history(chat: RestClient) -> None:
    chat.send("hej")
    chat.send("vem kan få assistansersättning")
    chat.send("tack")
    intents = [
        e["parse_data"]["intent"]["name"] for e in chat.tracker()["events"] if e["event"] == "user"
    ]
    assert intents == ["greet", "ask_eligibility", "thank"]
