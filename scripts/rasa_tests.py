"""Rasa's own tests: held-out NLU evaluation and story tests, in one model load.

`rasa test` scores NLU on the training data unless given a separate file, so the NLU set
is tests/test_nlu.yml, which training never sees. Fails below the accuracy threshold or on
any story prediction error, and prints the weakest intents either way.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

# tests/test_nlu.yml scored 0.907 while earlier training data had been written with its
# errors in view (stop 8's note). With the training data rebalanced blind, and the examples
# that duplicated the real-style set removed, Rasa's own intent accuracy on it is 0.89.
# This floor guards against regression; the gates that measure understanding are the
# real-style set's, below.
MIN_INTENT_ACCURACY = 0.87
# The real-style set (tests/nlu_real_style.yml, written before tuning): in-scope accuracy
# and rejection of what is outside the assistant's topics (out_of_scope or nlu_fallback).
REAL_STYLE = "tests/nlu_real_style.yml"
MIN_REAL_STYLE_ACCURACY = 0.90
MIN_OUT_OF_SCOPE_REJECTION = 0.85
RESULTS = Path("results")


def wait_for(url: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {timeout_s:.0f} s")


def report_intents(report_path: Path) -> float:
    report = json.loads(report_path.read_text(encoding="utf-8"))
    accuracy = float(report["accuracy"])
    macro_f1 = float(report["macro avg"]["f1-score"])
    per_intent = {
        name: scores
        for name, scores in report.items()
        if isinstance(scores, dict)
        and "f1-score" in scores
        and name not in {"macro avg", "weighted avg", "micro avg"}
    }
    weakest = sorted(per_intent.items(), key=lambda item: item[1]["f1-score"])[:8]
    print(
        f"\nNLU held-out: accuracy {accuracy:.3f}, macro-F1 {macro_f1:.3f}, "
        f"{sum(int(s['support']) for s in per_intent.values())} messages"
    )
    print("Weakest intents (F1, precision, recall, support):")
    for name, s in weakest:
        print(
            f"  {name:28s} {s['f1-score']:.3f}  {s['precision']:.3f}  {s['recall']:.3f}"
            f"  {int(s['support'])}"
        )
    return accuracy


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--actions-port", default="5056")
    args = parser.parse_args()

    rasa = str(Path(sys.executable).with_name("rasa"))
    env = dict(os.environ)
    env.setdefault("ASSISTANS_TODAY", "2026-11-23")
    endpoints = RESULTS / "endpoints.test.yml"
    RESULTS.mkdir(exist_ok=True)
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{args.actions_port}/webhook"\n',
        encoding="utf-8",
    )
    action_server = subprocess.Popen(
        [rasa, "run", "actions", "--actions", "actions", "--port", args.actions_port],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"http://127.0.0.1:{args.actions_port}/health", 120)
        nlu = subprocess.run(
            [
                rasa,
                "test",
                "nlu",
                "--model",
                args.model,
                "--nlu",
                "tests/test_nlu.yml",
                "--out",
                str(RESULTS),
            ],
            env=env,
        )
        stories = subprocess.run(
            [
                rasa,
                "test",
                "core",
                "--model",
                args.model,
                "--endpoints",
                str(endpoints),
                "--stories",
                "tests/test_stories.yml",
                "--fail-on-prediction-errors",
                "--out",
                str(RESULTS),
            ],
            env=env,
        )
    finally:
        action_server.terminate()
        action_server.wait(timeout=30)

    if nlu.returncode != 0:
        print("The NLU evaluation did not run.", file=sys.stderr)
        return 1
    accuracy = report_intents(RESULTS / "intent_report.json")
    failed_stories = RESULTS / "failed_test_stories.yml"
    if stories.returncode != 0:
        if failed_stories.exists():
            print(failed_stories.read_text(encoding="utf-8"))
        print("Story tests failed (prediction errors above).", file=sys.stderr)
        return 1
    if accuracy < MIN_INTENT_ACCURACY:
        print(
            f"Intent accuracy {accuracy:.3f} is below {MIN_INTENT_ACCURACY:.2f}.", file=sys.stderr
        )
        return 1
    print(f"Story tests passed; intent accuracy {accuracy:.3f} >= {MIN_INTENT_ACCURACY:.2f}.")
    return real_style_gate(args.model, env)


def real_style_gate(model: str, env: dict[str, str]) -> int:
    """Scores both held-out sets as a person meets them (scripts/nlu_scores.py) and holds
    the real-style set to its gates; false rejection is reported, not gated."""
    scores_file = RESULTS / "nlu_scores.json"
    scored = subprocess.run(
        [
            sys.executable,
            "scripts/nlu_scores.py",
            "--model",
            model,
            "tests/test_nlu.yml",
            REAL_STYLE,
            "--json",
            str(scores_file),
        ],
        env=env,
    )
    if scored.returncode != 0:
        print("The held-out scoring did not run.", file=sys.stderr)
        return 1
    real = next(s for s in json.loads(scores_file.read_text("utf-8")) if s["file"] == REAL_STYLE)
    failures = []
    if real["in_scope_accuracy"] < MIN_REAL_STYLE_ACCURACY:
        failures.append(
            f"in-scope accuracy {real['in_scope_accuracy']:.3f} < {MIN_REAL_STYLE_ACCURACY:.2f}"
        )
    if real["out_of_scope_rejection"] < MIN_OUT_OF_SCOPE_REJECTION:
        failures.append(
            f"out-of-scope rejection {real['out_of_scope_rejection']:.3f} "
            f"< {MIN_OUT_OF_SCOPE_REJECTION:.2f}"
        )
    if failures:
        print(f"{REAL_STYLE}: " + "; ".join(failures), file=sys.stderr)
        return 1
    print(
        f"{REAL_STYLE}: in-scope accuracy {real['in_scope_accuracy']:.3f}, out-of-scope "
        f"rejection {real['out_of_scope_rejection']:.3f}, false rejection "
        f"{real['false_rejection']:.3f}: gates passed."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
