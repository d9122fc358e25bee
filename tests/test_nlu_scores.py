"""The held-out scoring script: how annotated messages are read and entities are scored."""

from __future__ import annotations

import pytest

from scripts.nlu_scores import entities_of, entity_scores, plain_example


@pytest.mark.parametrize(
    ("annotated", "text", "spans"),
    [
        (
            "född [21 januari 2008](date), vad händer",
            "född 21 januari 2008, vad händer",
            (("date", "21 januari 2008"),),
        ),
        (
            'ingår [grupp 2]{"entity": "personkrets", "value": "2"} i rätten',
            "ingår grupp 2 i rätten",
            (("personkrets", "grupp 2"),),
        ),
        ("är [vuxen](age_group:adults) nu", "är vuxen nu", (("age_group", "vuxen"),)),
        ("vad är LSS", "vad är LSS", ()),
    ],
)
def test_annotated_messages_become_text_and_entities(
    annotated: str, text: str, spans: tuple[tuple[str, str], ...]
) -> None:
    assert plain_example(annotated) == (text, spans)


def test_entity_scores_count_type_and_exact_words() -> None:
    gold = [
        (("provider_name", "Lugna Vågen Assistans AB"), ("date", "2 maj")),
        None,  # not annotated: whatever is found there is not scored
        (),  # annotated as holding no entity: anything found is wrong
    ]
    found = [
        [("provider_name", "AB"), ("date", "2 maj")],
        [("date", "i morgon")],
        [("provider_name", "LSS")],
    ]
    annotated, precision, recall = entity_scores(gold, found)
    assert annotated == 2
    assert precision == pytest.approx(1 / 3)  # "2 maj" right; "AB" and "LSS" wrong
    assert recall == pytest.approx(1 / 2)


def test_no_annotated_entities_gives_no_figures() -> None:
    assert entity_scores([None], [[("date", "2 maj")]]) == (0, None, None)


def test_an_entity_found_by_two_extractors_counts_once() -> None:
    parsed = {
        "text": "har 559901-0013 tillstånd",
        "entities": [
            {"entity": "org_nr", "start": 4, "end": 15, "extractor": "CRFEntityExtractor"},
            {"entity": "org_nr", "start": 4, "end": 15, "extractor": "RegexEntityExtractor"},
        ],
    }
    assert entities_of(parsed) == [("org_nr", "559901-0013")]
