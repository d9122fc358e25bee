"""Conversations that decide, over REST, against the sample registry and 2026-11-23."""

from __future__ import annotations

from tests.e2e.rest import RestClient

PERSONKRETS_1 = '/inform{"personkrets":"1"}'
ADULT = '/inform{"age_group":"adults"}'
CHILD = '/inform{"age_group":"children"}'


def transcript(chat: RestClient, *messages: str) -> list[str]:
    """Sends the messages; returns the bot's text for each turn."""
    return [chat.text(message) for message in messages]


def test_provider_without_permit(chat: RestClient) -> None:
    """No permit at all is a no for every group and age: answered without asking them."""
    turns = transcript(
        chat,
        "kan du kolla om min anordnare har tillstånd från IVO?",
        "Exempelbolaget Utan Tillstånd",
    )
    assert "anordnare" in turns[0].lower()
    decision = turns[1]
    assert "personkrets" not in decision.lower()
    assert "tillstånd" in decision and "IVO" in decision
    assert "Nej." in decision


def test_provider_whose_permit_does_not_cover_adults(chat: RestClient) -> None:
    turns = transcript(
        chat,
        "kan du kolla om min anordnare har tillstånd från IVO?",
        "Exempelassistans Barn och Unga AB",
        PERSONKRETS_1,
        ADULT,
    )
    assert "personkrets" in turns[1].lower()
    assert "vuxen" in turns[2].lower() or "barn" in turns[2].lower()
    assert "Nej." in turns[3] and "vuxna" in turns[3]


def test_a_municipality_typed_as_the_provider_is_an_answer(chat: RestClient) -> None:
    """A name with "kommun" fills the provider; the form goes on, it does not end with the
    answer on whether the kommun or Försäkringskassan decides (issue 11)."""
    turns = transcript(
        chat, "kan du kolla om min anordnare har tillstånd från IVO?", "Exempelstad kommun"
    )
    assert "Exempelstad kommun" in turns[1]
    assert "20 timmar" not in turns[1]  # the responsibility answer


def test_a_father_is_not_taken_for_a_child_by_the_provider_s_name(chat: RestClient) -> None:
    """'Barn och Unga' in the provider's name says nothing about the person's age."""
    turns = transcript(
        chat,
        "har Exempelassistans Barn och Unga AB tillstånd att ge assistans till min pappa?",
        PERSONKRETS_1,
    )
    assert not any(turn.startswith("Ja.") for turn in turns)


def test_payee_without_f_skatt(chat: RestClient) -> None:
    turns = transcript(
        chat, "kan min anordnare få pengarna direkt?", "559901-0088", PERSONKRETS_1, ADULT
    )
    assert "3079" in turns[0]
    assert "F-skatt" in turns[-1]


def test_child_turning_18_with_a_children_only_permit(chat: RestClient) -> None:
    turns = transcript(chat, "vad händer när min son fyller 18", "14 maj 2009")
    assert "18" in turns[0]
    assert "14 maj 2027" in turns[1]
    replies = chat.send('/check_provider{"age_group":"adults"}')
    assert any("anordnare" in str(r.get("text", "")).lower() for r in replies)
    turns = transcript(chat, "559901-0070", PERSONKRETS_1)
    assert "vuxna" in turns[-1].lower()


def test_personnummer_is_never_kept(chat: RestClient) -> None:
    chat.text("när når jag åldersgränsen för assistans")
    answer = chat.text("19600201-1234")
    assert "1234" not in answer
    tracker = chat.tracker()
    assert "1234" not in str(tracker["slots"])
    assert tracker["slots"].get("birth_date") is None  # reset after the answer
    # The stored conversation (masking tracker store) keeps the message, masked.
    texts = [str(e.get("text")) for e in tracker["events"] if e.get("event") == "user"]
    assert "[personnummer]" in texts
    assert "0201-1234" not in str(tracker["events"])
    assert "02011234" not in str(tracker["events"])


def test_wrong_org_nr_twice_offers_a_way_out(chat: RestClient) -> None:
    chat.text("kolla om min anordnare har tillstånd")
    first = chat.text("556677-8890")
    assert "kontrollsiffr" in first.lower()
    second = chat.text("556677-8891")
    assert "0771-524 524" in second


def test_a_flow_can_be_cancelled(chat: RestClient) -> None:
    chat.text("kolla om min anordnare har tillstånd")
    assert "avbryt" in chat.text("avbryt").lower()
    assert chat.tracker()["active_loop"] in ({}, None) or not chat.tracker()["active_loop"].get(
        "name"
    )


def test_report_change_gives_the_date_to_report_by(chat: RestClient) -> None:
    turns = transcript(chat, "jag ska flytta", '/inform{"change_kind":"flytt"}', "1 december")
    assert "14 dagar" in turns[0]
    assert "15 december 2026" in turns[-1]
