"""bench/profile_turn.py reads py-spy's stacks into the right buckets (no profiling here)."""

from __future__ import annotations

from pathlib import Path

from bench.profile_turn import bucket_of, frame_key, read_raw

LOOP = ["serve (sanic/server/runners.py:155)", "handle_message (rasa/core/processor.py:169)"]


def stack(*frames: str) -> list[str]:
    return [frame_key(f) for f in LOOP + list(frames)]


def test_a_library_call_goes_to_the_component_that_made_it() -> None:
    diet = stack(
        "__call__ (rasa/engine/graph.py:496)",
        "process (rasa/nlu/classifiers/diet_classifier.py:1030)",
        "quick_execute (tensorflow/python/eager/execute.py:52)",
    )
    assert bucket_of(diet) == "NLU: DIETClassifier"
    rules = stack("_does_rule_match_state (rasa/core/policies/rule_policy.py:900)")
    assert bucket_of(rules) == "policy: RulePolicy"


def test_masking_is_told_apart_by_its_caller() -> None:
    in_logs = stack(
        "debug (logging/__init__.py:1465)",
        "masking_record (/work/main/assistansguiden/privacy/logs.py:27)",
        "mask_text (/work/main/assistansguiden/privacy/masking.py:110)",
    )
    assert bucket_of(in_logs) == "masking: log records (ours)"
    in_store = stack(
        "save (rasa/core/tracker_store.py:1340)",
        "_additional_events (bot/addons/tracker_store.py:40)",
        "mask_event (assistansguiden/privacy/masking.py:140)",
    )
    assert bucket_of(in_store) == "masking: tracker store (ours)"


def test_the_action_server_call_includes_rasas_check_of_the_reply() -> None:
    call = stack(
        "run_or_explain (bot/addons/action_fallback.py:55)",
        "run (rasa/core/actions/action.py:790)",
    )
    assert bucket_of(call) == "action server call (Rasa side: events)"
    check = call + [frame_key("_validate_action_result (rasa/core/actions/action.py:704)")]
    assert bucket_of(check) == "action server call (Rasa side: reply check)"
    utter = stack("run (rasa/core/actions/action.py:300)")
    assert bucket_of(utter) == "Rasa actions (listen, utter, form loop)"


def test_waiting_is_idle_and_left_out_of_the_busy_time(tmp_path: Path) -> None:
    assert bucket_of(stack()[:1]) == "idle"
    raw = tmp_path / "raw.txt"
    raw.write_text(
        "thread (0x1): MainThread;serve (sanic/server/runners.py:155) 30\n"
        "thread (0x1): MainThread;serve (sanic/server/runners.py:155);"
        "process (rasa/nlu/classifiers/diet_classifier.py:1030) 7\n"
        "thread (0x1): MainThread;serve (sanic/server/runners.py:155);"
        "save (rasa/core/tracker_store.py:1340) 3\n",
        encoding="utf-8",
    )
    profile = read_raw(raw)
    assert profile.samples == 40 and profile.busy == 10
    assert profile.buckets["NLU: DIETClassifier"] == 7
    assert profile.self_time["save (rasa/core/tracker_store.py)"] == 3
