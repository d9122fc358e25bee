"""Dialogue scenarios played by a simulated user against the running assistant.

The user of tests/e2e/dialogues.yml knows some facts and answers only what the assistant
asks: after each reply it looks for the first fact whose pattern the reply contains and
sends that fact's answer. A scenario succeeds when a reply matches `expect` within
`max_turns` user turns, and never shows `forbid`. At the end the session prints task
success and mean user turns, and writes them to results/dialogues.json.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import REPO_ROOT
from tests.e2e.conftest import Servers
from tests.e2e.rest import RestClient

SCENARIOS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).with_name("dialogues.yml")).read_text(encoding="utf-8")
)


@dataclass
class Played:
    success: bool
    turns: int
    transcript: list[tuple[str, str]] = field(default_factory=list)
    why: str = ""


def reply_text(parts: list[dict[str, Any]]) -> str:
    """What the person sees: texts and button titles."""
    lines = []
    for part in parts:
        if part.get("text"):
            lines.append(str(part["text"]))
        lines += [f"[{b.get('title')}]" for b in part.get("buttons") or []]
    return "\n".join(lines)


def button_payload(parts: list[dict[str, Any]], title: str) -> str | None:
    for part in parts:
        for button in part.get("buttons") or []:
            if str(button.get("title", "")).strip().lower() == title.strip().lower():
                return str(button.get("payload"))
    return None


def play(chat: RestClient, scenario: dict[str, Any]) -> Played:
    facts: dict[str, str] = scenario.get("facts") or {}
    scripted: list[str] = list(scenario.get("steps") or [])
    expect = re.compile(scenario["expect"], re.S | re.I)
    forbid = re.compile(scenario["forbid"], re.S | re.I) if scenario.get("forbid") else None
    played = Played(success=False, turns=0)
    message: str | None = " ".join(str(scenario["opening"]).split())
    while message is not None and played.turns < int(scenario["max_turns"]):
        parts = chat.send(message)
        played.turns += 1
        text = reply_text(parts)
        played.transcript.append((message, text))
        if forbid and forbid.search(text):
            played.why = f"said what it must not: {forbid.pattern!r}"
            return played
        if expect.search(text):
            played.success = True
            return played
        message = None
        if scripted:
            message = scripted.pop(0)
            continue
        # The user answers the assistant's last question: what its last message asks,
        # else anything in the turn that a fact answers.
        last = reply_text(parts[-1:])
        for where in (last, text):
            for question, answer in facts.items():
                if re.search(question, where, re.I):
                    # A button with the answer as its title is clicked, as a person would.
                    message = button_payload(parts, answer) or answer
                    break
            if message is not None:
                break
        if message is None:
            played.why = "stuck: no fact answers the assistant's question"
    if not played.why:
        played.why = f"no {expect.pattern!r} within {scenario['max_turns']} turns"
    return played


MIN_TASK_SUCCESS = 0.85


def test_dialogues(servers: Servers) -> None:
    """Every scenario is played; the assistant must never say what a scenario forbids (a
    confident wrong answer), and at least MIN_TASK_SUCCESS of the tasks must succeed."""
    results = []
    for scenario in SCENARIOS:
        chat = RestClient(servers.rasa_url, sender=f"sim-{time.time_ns()}", token=servers.token)
        played = play(chat, scenario)
        results.append((scenario, played))
    done = [p for _, p in results if p.success]
    mean_turns = sum(p.turns for _, p in results) / len(results)
    failed = [(s["name"], p) for s, p in results if not p.success]
    summary = {
        "scenarios": len(results),
        "task_success": len(done) / len(results),
        "mean_user_turns": round(mean_turns, 2),
        "failed": {name: p.why for name, p in failed},
        "failed_transcripts": {name: p.transcript for name, p in failed},
    }
    out = REPO_ROOT / "results" / "dialogues.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    print(
        f"\nDialogue scenarios: {len(done)}/{len(results)} succeeded "
        f"({summary['task_success']:.0%}), mean user turns {mean_turns:.2f}"
    )
    report = "\n\n".join(
        f"{name}: {p.why}\n" + "\n".join(f"> {u}\n{b}" for u, b in p.transcript)
        for name, p in failed
    )
    wrong = [name for name, p in failed if p.why.startswith("said what it must not")]
    assert not wrong, f"confident wrong answers in {wrong}\n{report}"
    assert summary["task_success"] >= MIN_TASK_SUCCESS, report
