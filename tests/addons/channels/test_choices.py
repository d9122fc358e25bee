"""Numbered choices for SMS and short titles for Messenger."""

from __future__ import annotations

from bot.addons.channels.choices import (
    ANSWER_WITH_NUMBER,
    chosen_payload,
    latest_buttons,
    numbered_choices,
    short_title,
)

BUTTONS = [
    {"title": "Ja", "payload": "/affirm"},
    {"title": "Nej", "payload": "/deny"},
    {"title": "Personkrets 3", "payload": '/inform{"personkrets": "3"}'},
]


def test_numbered_choices_lists_every_button_with_its_number_and_says_how_to_answer() -> None:
    sms = numbered_choices("Vill du fortsätta?", BUTTONS)
    assert sms.splitlines() == [
        "Vill du fortsätta?",
        "",
        "1. Ja",
        "2. Nej",
        "3. Personkrets 3",
        "",
        ANSWER_WITH_NUMBER,
    ]
    assert "/affirm" not in sms  # payloads are for the machine, not the reader


def test_a_number_picks_that_buttons_payload() -> None:
    assert chosen_payload("1", BUTTONS) == "/affirm"
    assert chosen_payload(" 3. ", BUTTONS) == '/inform{"personkrets": "3"}'
    assert chosen_payload("2)", BUTTONS) == "/deny"


def test_anything_else_is_left_as_the_users_own_words() -> None:
    for reply in ("0", "4", "12", "ja", "1 2", "", "2024", "-1"):
        assert chosen_payload(reply, BUTTONS) is None, reply
    assert chosen_payload("1", []) is None


def test_latest_buttons_are_those_offered_since_the_user_last_wrote() -> None:
    events = [
        {"event": "user", "text": "hej"},
        {"event": "bot", "text": "Välj", "data": {"buttons": BUTTONS}},
        {"event": "action", "name": "action_listen"},
    ]
    assert latest_buttons(events) == BUTTONS


def test_buttons_already_answered_do_not_count() -> None:
    events = [
        {"event": "bot", "text": "Välj", "data": {"buttons": BUTTONS}},
        {"event": "user", "text": "1"},
        {"event": "bot", "text": "Tack!", "data": {}},
    ]
    assert latest_buttons(events) == []


def test_short_title_keeps_short_titles_and_cuts_long_ones_at_a_word() -> None:
    assert short_title("Ja") == "Ja"
    assert short_title("Exakt tjugo tecken!!") == "Exakt tjugo tecken!!"
    cut = short_title("Kolla en anordnares tillstånd")
    assert cut == "Kolla en anordnares…"
    assert len(cut) <= 20
    assert len(short_title("Ettmycketlångtordutanmellanslag")) <= 20
