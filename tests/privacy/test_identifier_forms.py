"""Every way of writing a personnummer, samordningsnummer or phone number is masked,
in free text and in what the tracker stores keep (texts, entities, slots, bot replies).

Hypothesis writes them as people do: with or without century, together or with a hyphen,
an en or em dash, a minus sign, a plus or spaces; phone numbers as 07x or 08 numbers, or
with +46 or 0046, grouped with spaces or dashes. The words around them hold no digit, so a
masked text may hold no digit at all.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import text as sql

from assistansguiden.privacy.masking import (
    PERSONNUMMER_MASK,
    PHONE_MASK,
    SAMORDNINGSNUMMER_MASK,
    mask_text,
)
from bot.addons.tracker_store import MaskingInMemoryTrackerStore, MaskingSQLTrackerStore

DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"]  # ‐ ‑ ‒ – — −
PNR_SEPARATORS = ["", "+", " ", "  ", "\u00a0", *DASHES, " - ", " \u2013 ", "\u2014 "]
PHONE_GAPS = ["", " ", "-", "\u2013", "\u2014", "\u2212"]
BEFORE = ["", " ", "pnr ", "mitt nummer är ", "(", "nr:", "ring ", "»", "\n"]
AFTER = ["", ".", ",", " tack", ")", "!", "?", "«", "\n"]


@st.composite
def personal_numbers(draw: st.DrawFn, coordination: bool = False) -> tuple[str, str]:
    """(how it is written, its ten significant digits)."""
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
    day = birth.day + (60 if coordination else 0)
    serial = draw(st.integers(min_value=0, max_value=9999))
    core = f"{birth:%y%m}{day:02d}"
    century = draw(st.booleans())
    head = f"{birth.year // 100}{core}" if century else core
    written = f"{head}{draw(st.sampled_from(PNR_SEPARATORS))}{serial:04d}"
    return written, f"{core}{serial:04d}"


@st.composite
def phone_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """(how it is written, its digits after the leading 0 or +46)."""
    mobile = draw(st.booleans())
    if mobile:
        area = "7" + draw(st.sampled_from("02369"))
        subscriber = draw(st.text("0123456789", min_size=7, max_size=7))
    else:
        area = draw(st.sampled_from(["8", "31", "40", "480", "90"]))
        subscriber = draw(st.text("0123456789", min_size=9 - len(area), max_size=9 - len(area)))
    gap = draw(st.sampled_from(PHONE_GAPS))
    grouping = draw(st.sampled_from(["together", "pairs", "one gap"]))
    if grouping == "pairs":
        rest = subscriber[:3] + "".join(gap + subscriber[i : i + 2] for i in range(3, 9, 2))
        rest = rest.rstrip(gap) if gap else rest
    elif grouping == "one gap":
        rest = subscriber
    else:
        rest, gap = subscriber, ""
    prefix = draw(st.sampled_from(["0", "+46 ", "+46", "0046 ", "+46 (0)", "+46-"]))
    written = f"{prefix}{area}{gap}{rest}"
    return written, area + subscriber


def identifiers() -> st.SearchStrategy[tuple[str, str]]:
    return st.one_of(personal_numbers(), personal_numbers(coordination=True), phone_numbers())


def digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


@given(identifiers(), st.sampled_from(BEFORE), st.sampled_from(AFTER))
@settings(max_examples=400, deadline=None)
def test_every_written_form_is_masked_in_text(
    identifier: tuple[str, str], before: str, after: str
) -> None:
    masked = mask_text(f"{before}{identifier[0]}{after}")
    assert not digits(masked), masked
    assert any(m in masked for m in (PERSONNUMMER_MASK, SAMORDNINGSNUMMER_MASK, PHONE_MASK))


@pytest.mark.parametrize(
    ("text", "mask"),
    [
        ("850412–1234", PERSONNUMMER_MASK),  # the example: en dash
        ("850412—1234", PERSONNUMMER_MASK),
        ("850412−1234", PERSONNUMMER_MASK),
        ("850412 1234", PERSONNUMMER_MASK),
        ("19850412 – 1234", PERSONNUMMER_MASK),
        ("850472–1234", SAMORDNINGSNUMMER_MASK),
        ("070–123 45 67", PHONE_MASK),
        ("+46 (0)70-123 45 67", PHONE_MASK),
        ("0731234567", PHONE_MASK),
    ],
)
def test_the_forms_the_old_patterns_missed(text: str, mask: str) -> None:
    assert mask_text(f"nr {text}.") == f"nr {mask}."
    assert mask_text(f"tel-{text}") == f"tel-{mask}"  # a dash before was a way past


@pytest.mark.parametrize(
    "text", ["+46 771 524 524", "0046 771-524 524", "+46 (0)771 524 524", "+46 10 788 50 00"]
)
def test_the_public_numbers_are_kept_in_international_form_too(text: str) -> None:
    assert mask_text(f"Ring {text}.") == f"Ring {text}."


# --- the tracker stores ---------------------------------------------------------------


def conversation(sender: str, written: str) -> DialogueStateTracker:
    said = f"jag är {written} och undrar"
    start = said.index(written)
    entity = {"entity": "provider_query", "value": written, "start": start, "end": start + 9}
    parse = {"text": said, "intent": {"name": "inform", "confidence": 0.9}, "entities": [entity]}
    tracker = DialogueStateTracker(sender, [])
    for event in (
        ActionExecuted("action_listen"),
        UserUttered(said, parse["intent"], [entity], parse),
        SlotSet("provider_query", written),
        SlotSet("contact", [written, {"phone": written}]),
        BotUttered(f"Jag hittade ingen anordnare som heter ”{written}”."),
        ActionExecuted("action_listen"),
    ):
        tracker.update(event)
    return tracker


def strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def assert_nothing_in_clear(stored: list[Any], significant: str) -> None:
    found = [s for s in itertools.chain.from_iterable(map(strings_in, stored)) if s]
    assert found, "nothing stored"
    for text in found:
        assert significant not in digits(text), text


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MaskingSQLTrackerStore]:
    path = Path(tmp_path_factory.mktemp("trackers")) / "trackers.db"
    store = MaskingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(path))
    yield store
    store.engine.dispose()


SENDERS = itertools.count()


@given(identifier=identifiers())
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_no_identifier_is_stored_in_clear_in_any_tracker_store(
    identifier: tuple[str, str], sqlite_store: MaskingSQLTrackerStore
) -> None:
    written, significant = identifier
    sender = f"hypothesis-{next(SENDERS)}"

    memory = MaskingInMemoryTrackerStore(Domain.empty())
    asyncio.run(memory.save(conversation(sender, written)))
    assert_nothing_in_clear([json.loads(memory.store[sender])], significant)

    asyncio.run(sqlite_store.save(conversation(sender, written)))
    with sqlite_store.engine.connect() as connection:
        rows = connection.execute(
            sql("select data from events where sender_id = :s order by id"), {"s": sender}
        )
        stored = [json.loads(row[0]) for row in rows]
    assert len(stored) == 6
    assert_nothing_in_clear(stored, significant)

    for store in (memory, sqlite_store):
        restored = asyncio.run(store.retrieve(sender))
        assert restored is not None
        slots = [restored.get_slot("provider_query"), restored.get_slot("contact")]
        assert_nothing_in_clear([restored.latest_message.parse_data, *slots], significant)
