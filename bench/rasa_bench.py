"""Benchmark of the assistant: accuracy, training time, model size, start-up, latency.

Prints figures; it is not a test. Run with `make bench`. Training time is measured by a
fresh training into a temporary folder (with Rasa's cache off), so it takes minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.e2e.conftest import free_port  # noqa: E402
from tests.e2e.rest import RestClient  # noqa: E402

RASA = str(Path(sys.executable).with_name("rasa"))
MESSAGES = [
    "hej",
    "hur ansöker jag om assistansersättning",
    "vem kan få assistans",
    "vad är schablonbeloppet i år",
    "kan anordnaren få pengarna direkt",
    "jag ska flytta, vad ska jag anmäla",
    "vad händer när min son fyller 18",
    "får jag ha assistans på sjukhuset",
    "vad är LSS",
    "jag vill prata med en människa",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def held_out_scores(model: Path, out: Path) -> tuple[float, float]:
    subprocess.run(
        [
            RASA,
            "test",
            "nlu",
            "--model",
            str(model),
            "--nlu",
            "tests/test_nlu.yml",
            "--out",
            str(out),
        ],
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    report = json.loads((out / "intent_report.json").read_text(encoding="utf-8"))
    return float(report["accuracy"]), float(report["macro avg"]["f1-score"])


def training_seconds(workdir: Path) -> float:
    env = dict(os.environ, RASA_CACHE_DIRECTORY=str(workdir / "cache"))
    started = time.perf_counter()
    subprocess.run(
        [
            RASA,
            "train",
            "--config",
            "bot/config.yml",
            "--domain",
            "bot/domain",
            "--data",
            "data",
            "--out",
            str(workdir),
            "--fixed-model-name",
            "bench",
        ],
        cwd=REPO,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def serve_and_measure(model: Path, workdir: Path, count: int) -> tuple[float, list[float]]:
    actions_port, rasa_port = free_port(), free_port()
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n')
    env = dict(os.environ, ASSISTANS_TODAY="2026-11-23")
    started = time.perf_counter()
    actions = subprocess.Popen(
        [RASA, "run", "actions", "--actions", "actions", "--port", str(actions_port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = subprocess.Popen(
        [
            RASA,
            "run",
            "--model",
            str(model),
            "--port",
            str(rasa_port),
            "--endpoints",
            str(endpoints),
            "--enable-api",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{rasa_port}/status", timeout=2):
                    break
            except OSError:
                if time.perf_counter() - started > 600:
                    raise SystemExit("Rasa did not start within 600 s") from None
                time.sleep(0.5)
        startup = time.perf_counter() - started
        client = RestClient(f"http://127.0.0.1:{rasa_port}", sender="bench")
        client.send("hej")  # warm-up
        latencies = []
        for index in range(count):
            client.sender = f"bench-{index // 10}"
            begin = time.perf_counter()
            client.send(MESSAGES[index % len(MESSAGES)])
            latencies.append((time.perf_counter() - begin) * 1000)
        return startup, latencies
    finally:
        for process in (server, actions):
            process.terminate()
            process.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="models/assistansguiden.tar.gz")
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--skip-training", action="store_true")
    args = parser.parse_args()
    model = REPO / args.model
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        accuracy, macro_f1 = held_out_scores(model, workdir / "nlu")
        print(f"held-out intent accuracy   {accuracy:.3f}")
        print(f"held-out intent macro-F1   {macro_f1:.3f}")
        print(f"model size                 {model.stat().st_size / 1e6:.1f} MB")
        if not args.skip_training:
            print(f"training time (no cache)   {training_seconds(workdir):.0f} s")
            shutil.rmtree(workdir / "cache", ignore_errors=True)
        startup, latencies = serve_and_measure(model, workdir, args.messages)
        print(f"server start-up            {startup:.1f} s (action server + Rasa, to /status)")
        print(
            f"REST latency over {len(latencies)} msgs p50 {statistics.median(latencies):.0f} ms, "
            f"p95 {percentile(latencies, 0.95):.0f} ms, max {max(latencies):.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
