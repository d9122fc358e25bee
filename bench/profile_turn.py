"""Where a turn's milliseconds go, in the Rasa server and in the action server.

Starts the assistant as bare_compare.py does, warms it, attaches py-spy (a sampling
profiler in the dev extras: it reads the processes from outside, so the servers run as
they always do; by default it pauses a process for each sample, so every stack is whole)
to both processes, plays the turns of bare_compare.py's mix (FAQ, the provider form,
date questions), and prints per process the busy milliseconds per turn in buckets (NLU
components, policies, masking, tracker store, lock store, the action server call, HTTP),
then the top functions by self and by cumulative time. `--bare` profiles the
bare `rasa init` bot the same way, to tell what is ours from what every Rasa bot pays.
Writes results/profile_turn.json and the raw stacks (results/profile/*.txt, for a
flamegraph). `make bench-profile` runs it.

    python bench/profile_turn.py --turns 60
    python bench/profile_turn.py --users 20 --seconds 20   # over a load run instead
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import servers  # noqa: E402
from bench.bare_compare import (  # noqa: E402
    ASSISTANT_SCRIPTS,
    BARE_SCRIPTS,
    Script,
    concurrent,
    conversations,
    play_scripts,
    send,
)
from bench.servers import Bot  # noqa: E402

# (file path fragment, bucket). The deepest frame of a stack that matches one names its
# bucket, so the cost of a library (TensorFlow, spaCy, json, SQLAlchemy) goes to the
# component that called it.
OWNERS: tuple[tuple[str, str], ...] = (
    # NLU pipeline, one bucket per component
    ("rasa/nlu/utils/spacy_utils.py", "NLU: SpacyNLP"),
    ("rasa/nlu/tokenizers/", "NLU: SpacyTokenizer"),
    ("sparse_featurizer/regex_featurizer.py", "NLU: RegexFeaturizer"),
    ("sparse_featurizer/lexical_syntactic_featurizer.py", "NLU: LexicalSyntacticFeaturizer"),
    ("sparse_featurizer/count_vectors_featurizer.py", "NLU: CountVectorsFeaturizer (all)"),
    ("rasa/nlu/featurizers/", "NLU: featurizer base classes"),
    ("rasa/nlu/classifiers/diet_classifier.py", "NLU: DIETClassifier"),
    ("rasa/nlu/extractors/entity_synonyms.py", "NLU: EntitySynonymMapper"),
    ("rasa/nlu/extractors/regex_entity_extractor.py", "NLU: RegexEntityExtractor"),
    ("rasa/nlu/classifiers/fallback_classifier.py", "NLU: FallbackClassifier"),
    ("bot/addons/message_guard.py", "NLU: MessageGuard (ours)"),
    ("assistansguiden/text/", "NLU: MessageGuard (ours)"),
    # dialogue policies
    ("rasa/core/policies/ted_policy.py", "policy: TEDPolicy"),
    ("rasa/core/policies/rule_policy.py", "policy: RulePolicy"),
    ("rasa/core/policies/memoization.py", "policy: MemoizationPolicy"),
    ("rasa/core/policies/", "policy: ensemble, other"),
    ("rasa/core/featurizers/", "policy: state featurization"),
    # privacy (ours); refined by caller below
    ("assistansguiden/privacy/", "masking"),
    # stores
    ("bot/addons/tracker_store.py", "tracker store: ours (serialise, parse)"),
    ("rasa/core/tracker_store.py", "tracker store: Rasa"),
    ("rasa/core/lock_store.py", "lock store"),
    ("rasa/core/lock.py", "lock store"),
    # the call to the action server, from Rasa's side
    ("aiohttp/", "action server call (Rasa side: aiohttp)"),
    ("rasa/utils/endpoints.py", "action server call (Rasa side: aiohttp)"),
    ("bot/addons/action_fallback.py", "action server call (Rasa side: events)"),
    ("_validate_action_result (rasa/core/actions/", "action server call (Rasa side: reply check)"),
    ("bot/addons/action_result.py", "action server call (Rasa side: reply check)"),
    ("rasa/core/nlg/", "responses (NLG)"),
    ("rasa/core/actions/", "Rasa actions (listen, utter, form loop)"),
    # the action server
    ("actions/forms.py", "actions: forms (ours)"),
    ("actions/", "actions: other (ours)"),
    ("assistansguiden/registry/", "provider registry (ours)"),
    ("assistansguiden/law/", "law and dates (ours)"),
    ("rasa_sdk/forms.py", "rasa_sdk: forms"),
    ("rasa_sdk/", "rasa_sdk: executor, endpoint"),
    # the rest of a turn
    ("logging/", "logging (stdlib handlers)"),
    ("structlog/", "logging (stdlib handlers)"),
    ("rasa/engine/", "graph runner"),
    ("rasa/core/processor.py", "Rasa processor, other"),
    ("rasa/core/agent.py", "Rasa processor, other"),
    ("bot/addons/channels/", "HTTP: Sanic, channel"),
    ("rasa/core/channels/", "HTTP: Sanic, channel"),
    ("rasa/server.py", "HTTP: Sanic, channel"),
    ("sanic/", "HTTP: Sanic, channel"),
    ("sanic_cors/", "HTTP: Sanic, channel"),
)
# A leaf frame in one of these means the thread was waiting, not working.
IDLE_LEAVES = re.compile(
    r"^(?:\w+ \((?:asyncio/(?:runners|base_events)|selectors|threading|queue|"
    r"concurrent/futures/thread|sanic/server/runners|multiprocessing/\w+|socket)\.py\)"
    r"|(?:sleep|select|poll|epoll|accept|recv|wait)\b.*)$"
)
# The cumulative list shows the functions of Rasa, rasa_sdk and the project, without the
# plumbing that holds every turn (the graph runner, dask, the request handler).
CUMULATIVE_SHOWN = re.compile(r"\((?:rasa|rasa_sdk|bot|actions|assistansguiden)/|/work/")
CUMULATIVE_HIDDEN = re.compile(r"\((?:rasa/engine/|rasa/core/channels/|rasa/server\.py)|<module>")
FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*?)(?::\d+)?\)$")


def frame_key(frame: str) -> str:
    """'process (rasa/core/processor.py:123)' without its line."""
    match = FRAME.match(frame)
    return f"{match['func']} ({match['file']})" if match else frame


def bucket_of(frames: list[str]) -> str:
    """The bucket of one stack (root first)."""
    if not frames or IDLE_LEAVES.match(frames[-1]):
        return "idle"
    for depth in range(len(frames) - 1, -1, -1):
        for fragment, bucket in OWNERS:
            if fragment in frames[depth]:
                if bucket == "masking":
                    callers = " ".join(frames[:depth])
                    if "privacy/logs.py" in frames[depth] or "privacy/logs.py" in callers:
                        return "masking: log records (ours)"
                    if "tracker_store.py" in callers:
                        return "masking: tracker store (ours)"
                    return "masking: other (ours)"
                if bucket.startswith("Rasa actions") and "action_fallback.py" in " ".join(
                    frames[:depth]
                ):
                    return "action server call (Rasa side: events)"  # RemoteAction.run
                return bucket
    return "other"


@dataclass
class Profile:
    samples: int = 0
    buckets: Counter[str] = field(default_factory=Counter)
    self_time: Counter[str] = field(default_factory=Counter)
    cumulative: Counter[str] = field(default_factory=Counter)

    @property
    def busy(self) -> int:
        return self.samples - self.buckets["idle"]


def read_raw(path: Path) -> Profile:
    """py-spy's raw format: 'thread (0x…): name;frame;…;frame COUNT' per line."""
    profile = Profile()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [frame_key(f) for f in stack.split(";")[1:]]  # [0] is the thread
        bucket = bucket_of(frames)
        profile.samples += count
        profile.buckets[bucket] += count
        if bucket == "idle":
            continue
        profile.self_time[frames[-1]] += count
        for frame in set(frames):
            profile.cumulative[frame] += count
    return profile


class Sampler:
    """py-spy attached to a running process until stopped (SIGINT makes it write)."""

    def __init__(self, pid: int, out: Path, rate: int, blocking: bool = False) -> None:
        py_spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or "py-spy"
        self.out = out
        self.log = out.with_suffix(".log")
        out.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [py_spy, "record", "--pid", str(pid), "--rate", str(rate), "--format", "raw"]
                + ["--output", str(out), "--idle", "--threads"]
                + ([] if blocking else ["--nonblocking"]),
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def stop(self) -> Profile:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
        if not self.out.exists():
            raise RuntimeError(f"py-spy wrote nothing: {self.log.read_text(errors='replace')}")
        return read_raw(self.out)


def sequential(bot: Bot, scripts: tuple[Script, ...], turns: int) -> list[float]:
    async def go() -> list[float]:
        stream = conversations(f"prof-{bot.label}", scripts)
        async with aiohttp.ClientSession() as session:
            return [(await send(session, bot.url, next(stream))).ms for _ in range(turns)]

    return asyncio.run(go())


def report(name: str, profile: Profile, turns: int, rate: int, top: int) -> dict[str, Any]:
    per_turn = 1000 / rate / turns  # ms per turn for one sample
    busy = profile.busy or 1
    print(f"\n  {name}: {profile.busy * per_turn:.1f} ms busy per turn ({profile.busy} samples)")
    buckets = {}
    for bucket, count in profile.buckets.most_common():
        if bucket == "idle":
            continue
        buckets[bucket] = {"ms_per_turn": round(count * per_turn, 2), "share": count / busy}
        print(f"    {bucket:<44} {count * per_turn:7.1f} ms  {count / busy:6.1%}")
    print(f"    top {top} by self time:")
    for frame, count in profile.self_time.most_common(top):
        print(f"      {count * per_turn:7.2f} ms  {count / busy:6.1%}  {frame}")
    print(f"    top {top} by cumulative time (Rasa's, rasa_sdk's and our functions):")
    shown = 0
    for frame, count in profile.cumulative.most_common():
        if not CUMULATIVE_SHOWN.search(frame) or CUMULATIVE_HIDDEN.search(frame):
            continue
        print(f"      {count * per_turn:7.2f} ms  {count / busy:6.1%}  {frame}")
        shown += 1
        if shown >= top:
            break
    return {
        "busy_ms_per_turn": round(profile.busy * per_turn, 2),
        "buckets": buckets,
        "top_self": [[f, round(c * per_turn, 2)] for f, c in profile.self_time.most_common(top)],
    }


def profile_bot(
    bot: Bot, scripts: tuple[Script, ...], args: argparse.Namespace, out_dir: Path
) -> dict[str, Any]:
    play_scripts(bot.url, scripts, f"warm-{bot.label}", 2)
    samplers = {
        server.name: Sampler(
            server.pid, out_dir / f"{bot.label}-{server.name}.txt", args.rate, not args.nonblocking
        )
        for server in bot.servers
    }
    time.sleep(1.5)  # py-spy attaches
    started = time.perf_counter()
    if args.users > 1:
        run = concurrent(bot, scripts, args.users, args.seconds)
        latencies, turns = run.ms(), len(run.samples)
    else:
        latencies = sequential(bot, scripts, args.turns)
        turns = len(latencies)
    elapsed = time.perf_counter() - started
    profiles = {name: sampler.stop() for name, sampler in samplers.items()}
    mean = sum(latencies) / len(latencies)
    print(
        f"\n{bot.label}: {turns} turns in {elapsed:.1f} s under the profiler, "
        f"mean {mean:.0f} ms per turn (wall, {args.users} user(s))"
    )
    result: dict[str, Any] = {"turns": turns, "mean_ms": round(mean, 1), "processes": {}}
    for name, profile in profiles.items():
        label = "Rasa server" if name == "rasa" else "action server"
        result["processes"][name] = report(label, profile, turns, args.rate, args.top)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=str(servers.MODEL))
    parser.add_argument("--turns", type=int, default=60, help="one-user turns to profile")
    parser.add_argument("--users", type=int, default=1, help=">1: profile a load run")
    parser.add_argument("--seconds", type=float, default=20, help="the load run's length")
    parser.add_argument("--rate", type=int, default=250, help="samples per second")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--bare", action="store_true", help="also profile the bare bot")
    parser.add_argument(
        "--nonblocking",
        action="store_true",
        help="sample without pausing the process (less overhead, some stacks torn)",
    )
    parser.add_argument("--json", default=str(REPO / "results" / "profile_turn.json"))
    args = parser.parse_args()
    if not (
        shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    ):
        raise SystemExit("py-spy is missing: pip install -c constraints.txt -e '.[dev]'")
    model = Path(args.model).resolve()
    if not model.exists():
        raise SystemExit(f"no model at {model}; run `make train` first")
    out_dir = Path(args.json).parent / "profile"
    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"settings": {k: v for k, v in vars(args).items() if k != "json"}}
    with tempfile.TemporaryDirectory(prefix="profile-turn-") as tmp:
        bots = [(servers.assistant(Path(tmp) / "assistant", model), ASSISTANT_SCRIPTS)]
        if args.bare:
            servers.ensure_bare_bot()
            bots.append((servers.bare_bot(Path(tmp) / "bare"), BARE_SCRIPTS))
        for bot, scripts in bots:
            try:
                bot.start()
                results[bot.label] = profile_bot(bot, scripts, args, out_dir)
            finally:
                bot.stop()
    Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.json} (raw stacks in {out_dir})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
