"""The assistant side by side with a bare Rasa bot, in one run on this machine.

The bare bot is what `rasa init --no-prompt` creates (same Rasa, same Python), trained once
into .data/bare-bot/ and reused. Both start on loopback, are warmed, then measured
alternately: at one user turn by turn (assistant, bare, bare, assistant, …), and at N
concurrent conversations for S seconds each, A B A B. The assistant's turns are a mix of
FAQ questions, a provider check through its form, and date questions; the bare bot's are
its own moods and greetings. Prints both, the ratios, cold start until /status answers,
resident memory after warm-up, CPU time per message (less sensitive to a busy machine than
wall time), and with --train-time the assistant's training time without Rasa's cache.
Writes results/bare_compare.json. Not a test; `make bench` runs it.

    python bench/bare_compare.py                          # 100 turns, 30 s x 2
    python bench/bare_compare.py --turns 20 --seconds 5   # a quick smoke run
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import servers  # noqa: E402
from bench.servers import Bot  # noqa: E402

PERSONKRETS_1 = '/inform{"personkrets":"1"}'
ADULT = '/inform{"age_group":"adults"}'


@dataclass(frozen=True)
class Script:
    kind: str
    turns: tuple[str, ...]
    expect: str = ""  # a regular expression over the last turn's replies


# The assistant: FAQ answers, the provider check through its form (the sample registry,
# tests/e2e/dialogues.yml's first scenario), the age dates for a birth date, in one
# message and asked for.
ASSISTANT_SCRIPTS = (
    Script(
        "faq",
        (
            "hej",
            "hur ansöker jag om assistansersättning",
            "vem kan få assistans",
            "vad är schablonbeloppet i år",
            "får jag ha assistans på sjukhuset",
            "tack",
        ),
    ),
    Script(
        "provider",
        ("kan du kolla om min anordnare har tillstånd?", "559901-0013", PERSONKRETS_1, ADULT),
        r"Ja\..*Solstrålen",
    ),
    Script(
        "date", ("min dotter är född 2008-05-14, vad händer när hon fyller 18?",), "14 maj 2026"
    ),
    Script(
        "date",
        ("vad händer med assistansen när barnet fyller 18", "3 mars 2010"),
        "3 mars 2028",
    ),
)
# The bare bot: its own training stories (greet, moods, bot challenge, goodbye).
BARE_SCRIPTS = (
    Script("bare", ("hello", "I am sad", "yes", "bye"), "Bye"),
    Script("bare", ("hi", "great", "are you a bot?", "goodbye"), "Bye"),
    Script("bare", ("hey there", "I am sad", "no", "bye"), "Bye"),
)


@dataclass
class Turn:
    kind: str
    sender: str
    message: str
    expect: str


def conversations(label: str, scripts: tuple[Script, ...], start: int = 0) -> Iterator[Turn]:
    """The scripts' turns, endlessly, each conversation under a new sender id."""
    for script in itertools.islice(itertools.cycle(scripts), start, None):
        sender = f"bench-{label}-{uuid.uuid4().hex[:12]}"
        for index, message in enumerate(script.turns):
            last = index == len(script.turns) - 1
            yield Turn(script.kind, sender, message, script.expect if last else "")


@dataclass
class Sample:
    kind: str
    ms: float
    ok: bool
    expected: bool


@dataclass
class Run:
    samples: list[Sample] = field(default_factory=list)
    elapsed_s: float = 0.0
    client_cpu_s: float = 0.0
    server_cpu_s: dict[str, float] = field(default_factory=dict)

    def ms(self, kind: str | None = None) -> list[float]:
        return [s.ms for s in self.samples if kind is None or s.kind == kind]

    @property
    def errors(self) -> int:
        return sum(not s.ok for s in self.samples)

    @property
    def unexpected(self) -> int:
        return sum(not s.expected for s in self.samples)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


async def send(session: aiohttp.ClientSession, url: str, turn: Turn) -> Sample:
    started = time.perf_counter()
    ok, text = False, ""
    try:
        async with session.post(
            f"{url}/webhooks/rest/webhook",
            json={"sender": turn.sender, "message": turn.message},
            timeout=aiohttp.ClientTimeout(total=120),
        ) as response:
            replies = await response.json()
            ok = response.status == 200 and bool(replies)
            text = "\n".join(str(r.get("text", "")) for r in replies if isinstance(r, dict))
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        pass
    ms = (time.perf_counter() - started) * 1000
    expected = ok and (not turn.expect or re.search(turn.expect, text, re.S) is not None)
    return Sample(turn.kind, ms, ok, expected)


def play_scripts(url: str, scripts: tuple[Script, ...], label: str, rounds: int) -> Run:
    """Plays every script `rounds` times, one turn at a time (warm-up)."""

    async def go() -> Run:
        run = Run()
        turns = conversations(label, scripts)
        count = rounds * sum(len(s.turns) for s in scripts)
        async with aiohttp.ClientSession() as session:
            for _ in range(count):
                run.samples.append(await send(session, url, next(turns)))
        return run

    return asyncio.run(go())


def one_user_alternating(assistant: Bot, bare: Bot, turns: int) -> tuple[Run, Run]:
    """One user on each, turn by turn in alternation (A B B A A B …)."""

    async def go() -> tuple[Run, Run]:
        runs = {assistant.label: Run(), bare.label: Run()}
        streams = {
            assistant.label: conversations("a1", ASSISTANT_SCRIPTS),
            bare.label: conversations("b1", BARE_SCRIPTS),
        }
        async with aiohttp.ClientSession() as session:
            for index in range(turns):
                order = (assistant, bare) if index % 2 == 0 else (bare, assistant)
                for bot in order:
                    turn = next(streams[bot.label])
                    runs[bot.label].samples.append(await send(session, bot.url, turn))
        return runs[assistant.label], runs[bare.label]

    return asyncio.run(go())


def concurrent(bot: Bot, scripts: tuple[Script, ...], users: int, seconds: float) -> Run:
    """`users` conversations at once for `seconds`; each user starts at another script."""

    async def user(session: aiohttp.ClientSession, index: int, deadline: float, run: Run) -> None:
        turns = conversations(f"{bot.label[0]}{index}", scripts, start=index)
        while time.monotonic() < deadline:
            run.samples.append(await send(session, bot.url, next(turns)))

    async def go() -> Run:
        run = Run()
        cpu_before, client_before = bot.cpu_s(), time.process_time()
        connector = aiohttp.TCPConnector(limit=users * 2)
        async with aiohttp.ClientSession(connector=connector) as session:
            started = time.monotonic()
            deadline = started + seconds
            await asyncio.gather(*(user(session, i, deadline, run) for i in range(users)))
            run.elapsed_s = time.monotonic() - started
        run.client_cpu_s = time.process_time() - client_before
        run.server_cpu_s = {k: v - cpu_before[k] for k, v in bot.cpu_s().items()}
        return run

    return asyncio.run(go())


def training_seconds(workdir: Path) -> float:
    """The assistant trained from nothing: a temporary output and Rasa cache."""
    env = servers.quiet_env(RASA_CACHE_DIRECTORY=str(workdir / "cache"))
    started = time.perf_counter()
    subprocess.run(
        [servers.RASA, "train", "--config", "bot/config.yml", "--domain", "bot/domain"]
        + ["--data", "data", "--out", str(workdir / "out"), "--fixed-model-name", "bench"],
        cwd=REPO,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def latency_figures(run: Run, kind: str | None = None) -> dict[str, float]:
    values = run.ms(kind)
    return {
        "turns": len(values),
        "p50_ms": round(percentile(values, 0.50), 1),
        "p95_ms": round(percentile(values, 0.95), 1),
        "mean_ms": round(statistics.fmean(values), 1) if values else float("nan"),
    }


def load_figures(runs: list[Run]) -> dict[str, Any]:
    every = [ms for run in runs for ms in run.ms()]
    messages = len(every)
    elapsed = sum(run.elapsed_s for run in runs)
    server_cpu = sum(sum(run.server_cpu_s.values()) for run in runs)
    return {
        "runs_msg_per_s": [round(len(r.samples) / r.elapsed_s, 1) for r in runs],
        "msg_per_s": round(messages / elapsed, 1) if elapsed else 0.0,
        "messages": messages,
        "errors": sum(run.errors for run in runs),
        "unexpected": sum(run.unexpected for run in runs),
        "p50_ms": round(percentile(every, 0.50), 1),
        "p95_ms": round(percentile(every, 0.95), 1),
        "server_cpu_ms_per_msg": round(server_cpu * 1000 / messages, 1) if messages else None,
        "server_cpu_ms_per_msg_by_process": {
            name: round(sum(r.server_cpu_s[name] for r in runs) * 1000 / messages, 1)
            for name in runs[0].server_cpu_s
        }
        if messages
        else {},
        "load_generator_cpu_share": round(sum(r.client_cpu_s for r in runs) / elapsed, 2)
        if elapsed
        else 0.0,
    }


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def show(results: dict[str, Any]) -> None:
    a, b = results["assistant"], results["bare"]
    users = results["settings"]["users"]

    def row(label: str, left: Any, right: Any, rat: Any = "") -> None:
        def cell(value: Any) -> str:
            if value is None:
                return "–"
            return f"{value:.1f}" if isinstance(value, float) else str(value)

        print(f"  {label:<34} {cell(left):>12} {cell(right):>12} {cell(rat):>8}")

    print(f"  {'':<34} {'assistant':>12} {'bare':>12} {'a/b':>8}")
    row("cold start to /status (s)", a["startup_s"], b["startup_s"], results["ratios"]["startup"])
    for name in sorted(set(a["rss_mb"]) | set(b["rss_mb"])):
        row(f"RSS after warm-up, {name} (MB)", a["rss_mb"].get(name), b["rss_mb"].get(name))
    one_a, one_b = a["one_user"], b["one_user"]
    row(f"1 user p50 (ms), {one_a['turns']} turns", one_a["p50_ms"], one_b["p50_ms"])
    row("1 user p95 (ms)", one_a["p95_ms"], one_b["p95_ms"], results["ratios"]["one_user_p95"])
    load_a, load_b = a["load"], b["load"]
    row(
        f"{users} users msg/s (per run)",
        "/".join(f"{v:.1f}" for v in load_a["runs_msg_per_s"]),
        "/".join(f"{v:.1f}" for v in load_b["runs_msg_per_s"]),
    )
    row(
        f"{users} users msg/s",
        load_a["msg_per_s"],
        load_b["msg_per_s"],
        results["ratios"]["load_throughput"],
    )
    row(
        f"{users} users p95 (ms)", load_a["p95_ms"], load_b["p95_ms"], results["ratios"]["load_p95"]
    )
    row(
        "server CPU per message (ms)",
        load_a["server_cpu_ms_per_msg"],
        load_b["server_cpu_ms_per_msg"],
        results["ratios"]["cpu_per_message"],
    )
    for name, value in load_a["server_cpu_ms_per_msg_by_process"].items():
        row(f"  of which {name}", value, load_b["server_cpu_ms_per_msg_by_process"].get(name))
    row(
        "load generator CPU (cores)",
        load_a["load_generator_cpu_share"],
        load_b["load_generator_cpu_share"],
    )
    row(
        "errors / unexpected answers",
        f"{load_a['errors']}/{load_a['unexpected']}",
        f"{load_b['errors']}/{load_b['unexpected']}",
    )
    print("  assistant at 1 user by kind of turn:")
    for kind, figures in a["one_user_by_kind"].items():
        print(
            f"    {kind:<10} {figures['turns']:4d} turns  "
            f"p50 {figures['p50_ms']:6.1f} ms  p95 {figures['p95_ms']:6.1f} ms"
        )
    if results.get("training_s"):
        print(f"  assistant training, no cache: {results['training_s']:.0f} s")
    if results.get("bare_init_s"):
        print(f"  bare bot created and trained (rasa init): {results['bare_init_s']:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=str(servers.MODEL))
    parser.add_argument("--bare-dir", default=str(servers.BARE_DIR))
    parser.add_argument(
        "--endpoints", default=str(REPO / "bot" / "endpoints.yml"), help="the assistant's"
    )
    parser.add_argument("--turns", type=int, default=100, help="one-user turns on each bot")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30, help="each concurrent run")
    parser.add_argument("--rounds", type=int, default=2, help="concurrent runs on each bot")
    parser.add_argument("--train-time", action="store_true", help="also time a fresh training")
    parser.add_argument("--json", default=str(REPO / "results" / "bare_compare.json"))
    args = parser.parse_args()
    model, bare_dir = Path(args.model).resolve(), Path(args.bare_dir).resolve()
    if not model.exists():
        raise SystemExit(f"no model at {model}; run `make train` first")
    load_before = os.getloadavg()[0]
    print(
        f"Assistant vs bare `rasa init` bot: {args.turns} one-user turns each, "
        f"{args.users} users x {args.seconds:.0f} s x {args.rounds} each, alternating; "
        f"{os.cpu_count()} cores, load average {load_before:.1f} at start."
    )
    bare_init_s = servers.ensure_bare_bot(bare_dir)
    results: dict[str, Any] = {
        "settings": {
            "turns": args.turns,
            "users": args.users,
            "seconds": args.seconds,
            "rounds": args.rounds,
            "model": str(model),
            "endpoints": args.endpoints,
            "cores": os.cpu_count(),
            "load_average_at_start": round(load_before, 2),
        },
        "bare_init_s": round(bare_init_s, 1) if bare_init_s else None,
    }
    with tempfile.TemporaryDirectory(prefix="bare-compare-") as tmp:
        workdir = Path(tmp)
        if args.train_time:
            print("training the assistant from nothing (temporary cache) …", flush=True)
            results["training_s"] = round(training_seconds(workdir / "train"), 1)
        bare = servers.bare_bot(workdir / "bare", bare_dir)
        assistant = servers.assistant(workdir / "assistant", model, Path(args.endpoints))
        try:
            for bot in (bare, assistant):  # one after the other: neither slows the other's start
                print(f"starting {bot.label} …", flush=True)
                bot.start()
            warm_a = play_scripts(assistant.url, ASSISTANT_SCRIPTS, "warm-a", 2)
            warm_b = play_scripts(bare.url, BARE_SCRIPTS, "warm-b", 2)
            for label, warm in (("assistant", warm_a), ("bare", warm_b)):
                if warm.errors or warm.unexpected:
                    print(
                        f"  warning: {label} warm-up had {warm.errors} errors and "
                        f"{warm.unexpected} unexpected answers"
                    )
            rss = {bot.label: bot.rss_mb() for bot in (assistant, bare)}
            print("one user, alternating …", flush=True)
            one_a, one_b = one_user_alternating(assistant, bare, args.turns)
            loads: dict[str, list[Run]] = {"assistant": [], "bare": []}
            for round_index in range(args.rounds):
                for bot, scripts in ((assistant, ASSISTANT_SCRIPTS), (bare, BARE_SCRIPTS)):
                    print(f"{args.users} users on {bot.label}, run {round_index + 1} …", flush=True)
                    loads[bot.label].append(concurrent(bot, scripts, args.users, args.seconds))
            rss_after = {bot.label: bot.rss_mb() for bot in (assistant, bare)}
            for bot, one in ((assistant, one_a), (bare, one_b)):
                results[bot.label] = {
                    "startup_s": round(bot.startup_s, 1),
                    "rss_mb": {k: round(v) for k, v in rss[bot.label].items()},
                    "rss_after_load_mb": {k: round(v) for k, v in rss_after[bot.label].items()},
                    "one_user": latency_figures(one),
                    "one_user_errors": one.errors,
                    "one_user_unexpected": one.unexpected,
                    "load": load_figures(loads[bot.label]),
                }
            results["assistant"]["one_user_by_kind"] = {
                kind: latency_figures(one_a, kind)
                for kind in dict.fromkeys(s.kind for s in ASSISTANT_SCRIPTS)
            }
        finally:
            for bot in (assistant, bare):
                bot.stop()
    a, b = results["assistant"], results["bare"]
    results["ratios"] = {
        "one_user_p95": ratio(a["one_user"]["p95_ms"], b["one_user"]["p95_ms"]),
        "one_user_p50": ratio(a["one_user"]["p50_ms"], b["one_user"]["p50_ms"]),
        "load_throughput": ratio(a["load"]["msg_per_s"], b["load"]["msg_per_s"]),
        "load_p95": ratio(a["load"]["p95_ms"], b["load"]["p95_ms"]),
        "cpu_per_message": ratio(
            a["load"]["server_cpu_ms_per_msg"], b["load"]["server_cpu_ms_per_msg"]
        ),
        "startup": ratio(a["startup_s"], b["startup_s"]),
    }
    results["settings"]["load_average_at_end"] = round(os.getloadavg()[0], 2)
    show(results)
    print(
        f"  targets: 1-user p95 ratio <= 1.5 (now {results['ratios']['one_user_p95']}), "
        f"{args.users}-user throughput ratio >= 0.8 (now {results['ratios']['load_throughput']})"
    )
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"  written to {out.relative_to(REPO) if out.is_relative_to(REPO) else out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
