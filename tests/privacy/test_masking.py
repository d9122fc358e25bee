"""What is masked and what is kept, in text and in serialised events."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistansguiden.law import with_check_digit
from assistansguiden.privacy.logs import install_log_masking
from assistansguiden.privacy.masking import (
    EMAIL_MASK,
    PERSONNUMMER_MASK,
    PHONE_MASK,
    SAMORDNINGSNUMMER_MASK,
    mask_event,
    mask_text,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mitt pnr är 19800514-1234", f"mitt pnr är {PERSONNUMMER_MASK}"),
        ("800514-1234", PERSONNUMMER_MASK),
        ("8005141234", PERSONNUMMER_MASK),
        ("198005141234", PERSONNUMMER_MASK),
        (
            "hundraåring 191005141234 eller 100514+1234",
            f"hundraåring {PERSONNUMMER_MASK} eller {PERSONNUMMER_MASK}",
        ),
        ("sam.nr 800574-1234", f"sam.nr {SAMORDNINGSNUMMER_MASK}"),
        ("ring 070-123 45 67", f"ring {PHONE_MASK}"),
        ("+46 70 123 45 67 eller 0046701234567", f"{PHONE_MASK} eller {PHONE_MASK}"),
        ("08-123 456 78", PHONE_MASK),
        ("mejla anna.berg@exempel.se!", f"mejla {EMAIL_MASK}!"),
        # Two numbers joined by a dash are both masked (Hypothesis found the second kept).
        ("ring 070-123 45 67-070-765 43 21", f"ring {PHONE_MASK}-{PHONE_MASK}"),
        ("+4619800514-07019800514", f"{PHONE_MASK}-{PHONE_MASK}"),
    ],
)
def test_personal_identifiers_are_masked(text: str, expected: str) -> None:
    assert mask_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "anordnaren 559901-0039",  # organisation numbers: month digits 20 or more
        "5599010039",
        "född 2008-05-14, 14 maj 2008, 080514",
        "347,70 kr för 2026, 20 timmar i veckan, 14 dagar",
        "Ring Försäkringskassan på 0771-524 524.",  # public numbers stay
        "IVO: 010-788 50 00",
        "51 kap. 16 a § SFB",
    ],
)
def test_what_is_not_personal_is_kept(text: str) -> None:
    assert mask_text(text) == text


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(min_value=0, max_value=9999),
)
def test_every_personnummer_of_any_date_is_masked(birth: date, serial: int) -> None:
    ymd = f"{birth:%y%m%d}"
    number = with_check_digit(f"{ymd}{serial:04d}"[:9])
    for written in (f"{number[:6]}-{number[6:]}", number, f"{birth:%Y}"[:2] + number):
        assert mask_text(f"pnr {written} tack") == f"pnr {PERSONNUMMER_MASK} tack"


def test_an_event_is_masked_in_text_entities_and_slots_but_keeps_its_structure() -> None:
    user = {
        "event": "user",
        "timestamp": 1.5,
        "text": "jag är född 19800514-1234",
        "parse_data": {
            "text": "jag är född 19800514-1234",
            "intent": {"name": "inform", "confidence": 0.9},
            "entities": [
                {
                    "entity": "birth_date",
                    "value": "19800514-1234",
                    "start": 12,
                    "end": 25,
                    "extractor": "RegexEntityExtractor",
                }
            ],
        },
        "input_channel": "rest",
        "message_id": "abc",
    }
    masked = mask_event(user)
    assert "1234" not in str(masked)
    assert masked["parse_data"]["intent"] == {"name": "inform", "confidence": 0.9}
    assert masked["parse_data"]["entities"][0]["entity"] == "birth_date"
    assert masked["timestamp"] == 1.5 and masked["event"] == "user"

    slot = mask_event({"event": "slot", "name": "contact", "value": ["anna@exempel.se"]})
    assert slot == {"event": "slot", "name": "contact", "value": [EMAIL_MASK]}


def test_log_records_are_masked(caplog: pytest.LogCaptureFixture) -> None:
    install_log_masking()
    install_log_masking()  # idempotent
    logger = logging.getLogger("assistansguiden.test")
    with caplog.at_level(logging.INFO):
        logger.info("Användaren skrev %s och %s", "19800514-1234", "anna@exempel.se")
        try:
            raise ValueError("bad 800514-1234")
        except ValueError:
            logger.exception("failed for 070-123 45 67")
    text = caplog.text
    assert "1234" not in text.replace("[personnummer]", "")
    assert "anna@" not in text and "070-123" not in text
    assert PERSONNUMMER_MASK in text and EMAIL_MASK in text and PHONE_MASK in text
