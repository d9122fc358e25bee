"""Checks that `rasa data validate` does not make.

`rasa data validate --fail-on-warnings` does not fail on an intent that no rule or story
uses, nor on a response with a button to an intent that does not exist, nor on held-out
test messages that leak into training. These tests do.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistansguiden.topics import TOPICS
from tests.conftest import REPO_ROOT

# DESIGN.md's intent table: the topics (assistansguiden.topics) and the rest.
DESIGN_INTENTS = set(TOPICS) | {
    "greet",
    "goodbye",
    "thank",
    "affirm",
    "deny",
    "bot_challenge",
    "request_human",
    "out_of_scope",
    "inform",
    "request_easy_read",
    "feedback",
}
# Sent by a button of the web page ("Hjälpte svaret?"), hardly ever typed: a few examples
# for `rasa data validate`, none held out.
PAYLOAD_INTENTS = {"feedback"}
MIN_TRAINING_EXAMPLES = 25
MIN_TEST_EXAMPLES = 8
# Numbers of law that change over time must come from the parameter table via an action.
CHANGING_NUMBERS = re.compile(
    r"\b(6[5-7] år|14 dagar|två veckor|12 ?%|12 procent|\d{3},\d{2} ?kr)", re.IGNORECASE
)


def load_yaml_files(folder: str) -> list[dict[str, Any]]:
    return [
        yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        for p in sorted((REPO_ROOT / folder).glob("*.yml"))
    ]


def examples_by_intent(documents: list[dict[str, Any]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for document in documents:
        for block in document.get("nlu", []):
            if "intent" in block:
                lines = [
                    line[2:].strip()
                    for line in block["examples"].splitlines()
                    if line.strip().startswith("- ")
                ]
                found.setdefault(block["intent"], []).extend(lines)
    return found


def plain_text(example: str) -> str:
    """The message a user typed, without entity annotations."""
    without_annotations = re.sub(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})", r"\1", example)
    return re.sub(r"\s+", " ", without_annotations).strip().lower()


@pytest.fixture(scope="module")
def domain() -> dict[str, Any]:
    merged: dict[str, Any] = {"intents": [], "responses": {}, "actions": [], "forms": []}
    for document in load_yaml_files("bot/domain"):
        merged["intents"] += [
            i if isinstance(i, str) else next(iter(i)) for i in document.get("intents", [])
        ]
        merged["responses"].update(document.get("responses", {}))
        merged["actions"] += document.get("actions", [])
        merged["forms"] += list(document.get("forms", {}))
    return merged


@pytest.fixture(scope="module")
def training() -> dict[str, list[str]]:
    return examples_by_intent(load_yaml_files("data/nlu"))


@pytest.fixture(scope="module")
def held_out() -> dict[str, list[str]]:
    return examples_by_intent([yaml.safe_load((REPO_ROOT / "tests/test_nlu.yml").read_text())])


@pytest.fixture(scope="module")
def dialogue_steps() -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = []
    for folder, key in (("data/rules", "rules"), ("data/stories", "stories")):
        for document in load_yaml_files(folder):
            for entry in document.get(key, []):
                steps += entry.get("steps", [])
    return steps


def test_every_design_intent_is_declared_exactly(domain: dict[str, Any]) -> None:
    declared = set(domain["intents"])
    assert DESIGN_INTENTS - declared == set(), "missing intents"
    assert declared - DESIGN_INTENTS == set(), "intents that DESIGN.md does not name"
    duplicates = [name for name, n in Counter(domain["intents"]).items() if n > 1]
    assert duplicates == []


def test_every_intent_has_enough_training_examples(training: dict[str, list[str]]) -> None:
    too_few = {
        i: len(training.get(i, []))
        for i in DESIGN_INTENTS - PAYLOAD_INTENTS
        if len(training.get(i, [])) < MIN_TRAINING_EXAMPLES
    }
    assert too_few == {}


def test_every_intent_has_enough_held_out_examples(held_out: dict[str, list[str]]) -> None:
    too_few = {
        i: len(held_out.get(i, []))
        for i in DESIGN_INTENTS - PAYLOAD_INTENTS
        if len(held_out.get(i, [])) < MIN_TEST_EXAMPLES
    }
    assert too_few == {}


@pytest.mark.parametrize("held_out_file", ["tests/test_nlu.yml", "tests/nlu_real_style.yml"])
def test_held_out_messages_never_appear_in_training(
    training: dict[str, list[str]], held_out_file: str
) -> None:
    held = examples_by_intent([yaml.safe_load((REPO_ROOT / held_out_file).read_text())])
    trained = {plain_text(e) for examples in training.values() for e in examples}
    leaked = [e for examples in held.values() for e in examples if plain_text(e) in trained]
    assert leaked == []


def test_the_real_style_set_has_the_shapes_it_promises() -> None:
    """At least 400 messages, 80 out of scope, 20 nonsense or not Swedish (issue 11)."""
    held = examples_by_intent(
        [yaml.safe_load((REPO_ROOT / "tests/nlu_real_style.yml").read_text())]
    )
    assert sum(len(v) for v in held.values()) >= 400
    assert len(held.get("out_of_scope", [])) >= 80
    assert len(held.get("nlu_fallback", [])) >= 20


def test_training_examples_are_not_duplicated(training: dict[str, list[str]]) -> None:
    counts = Counter(plain_text(e) for examples in training.values() for e in examples)
    assert [text for text, n in counts.items() if n > 1] == []


def test_every_intent_is_answered_by_a_rule_or_story(
    domain: dict[str, Any], dialogue_steps: list[dict[str, Any]]
) -> None:
    used = {step["intent"] for step in dialogue_steps if "intent" in step}
    assert set(domain["intents"]) - used == set()


def test_every_action_in_rules_exists(
    domain: dict[str, Any], dialogue_steps: list[dict[str, Any]]
) -> None:
    known = (
        set(domain["responses"])
        | set(domain["actions"])
        | set(domain["forms"])
        | {"action_listen", "action_restart", "action_default_fallback", "action_deactivate_loop"}
    )
    used = {step["action"] for step in dialogue_steps if "action" in step}
    assert used - known == set()


def test_buttons_lead_to_declared_intents(domain: dict[str, Any]) -> None:
    broken = []
    for name, variants in domain["responses"].items():
        for variant in variants:
            for button in variant.get("buttons", []):
                target = str(button["payload"]).lstrip("/").split("{")[0]
                if target not in domain["intents"]:
                    broken.append((name, button["payload"]))
    assert broken == []


def test_static_answers_hold_no_changing_numbers_of_law(domain: dict[str, Any]) -> None:
    offending = [
        (name, match.group(0))
        for name, variants in domain["responses"].items()
        for variant in variants
        for match in [CHANGING_NUMBERS.search(str(variant.get("text", "")))]
        if match
    ]
    assert offending == []


def test_answers_are_short(domain: dict[str, Any]) -> None:
    too_long = [
        name
        for name, variants in domain["responses"].items()
        for variant in variants
        if len(str(variant.get("text", ""))) > 900
    ]
    assert too_long == []


def test_payload_intents_have_a_few_examples_only(training: dict[str, list[str]]) -> None:
    for intent in PAYLOAD_INTENTS:
        assert 1 <= len(training.get(intent, [])) <= 5, intent


def test_the_topics_of_the_domain_are_the_design_topics() -> None:
    """assistansguiden.topics (what is rated and counted as answered) and the human titles
    of "Menade du …?" name the same questions as DESIGN.md."""
    from actions.topics import TOPIC_TITLES
    from assistansguiden.topics import TOPICS

    assert TOPICS <= DESIGN_INTENTS
    assert set(TOPIC_TITLES) == TOPICS | {"request_human"}


def test_sources_exist() -> None:
    assert Path(REPO_ROOT / "tests/test_stories.yml").exists()


def test_interruption_rules_are_generated_from_the_current_topics() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "scripts/generate_interruption_rules.py", "--check"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_every_response_is_used_by_a_rule_a_form_or_an_action(
    domain: dict[str, Any], dialogue_steps: list[dict[str, Any]]
) -> None:
    """Rasa only warns, and --fail-on-warnings lets it pass (its validator ORs the flag)."""
    in_rules = {step["action"] for step in dialogue_steps if "action" in step}
    in_code = "\n".join(p.read_text(encoding="utf-8") for p in (REPO_ROOT / "actions").glob("*.py"))
    asked_by_forms = {name for name in domain["responses"] if name.startswith("utter_ask_")}
    unused = [
        name
        for name in domain["responses"]
        if name not in in_rules and name not in asked_by_forms and f'"{name}"' not in in_code
    ]
    assert unused == []
