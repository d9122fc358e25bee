"""Every masking and parsing pattern runs in linear time: 100,000 hostile characters each.

The patterns run on the Rasa server's event loop for every stored event and log line, so
one that backtracks quadratically lets a single long message stop the service (the old
e-mail pattern took 31 s for 60,000 characters). Each pattern below is found by walking
the modules, so a new one is covered without being listed. For each, the input that is
slowest at 10,000 characters is timed again at 100,000: a linear pattern takes a few
milliseconds there, a quadratic one minutes. One generous wall-clock check (best of three
runs, under 50 ms), no benchmark statistics.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from collections.abc import Iterator

import pytest

import assistansguiden.text
from assistansguiden.privacy.masking import mask_event, mask_text
from assistansguiden.text.change_kinds import CHANGE_KINDS

LIMIT_S = 0.05
SIZE = 100_000
PROBE_SIZE = 10_000

MODULES = [
    "assistansguiden.privacy.masking",
    "assistansguiden.law.dates",
    "bot.addons.channels.choices",
    *(
        f"assistansguiden.text.{module.name}"
        for module in pkgutil.iter_modules(assistansguiden.text.__path__)
    ),
]

# Runs that make a backtracking engine retry: letters, digits, spaces, e-mail and phone
# characters, dashes, and a word the patterns look for followed by a long run.
REPEATED_UNITS = [
    "a", "0", "1", " ", "\n", "a.", "a@", "x@y.", "@.", "1 ", "0 ", "1-", "1–", "+46 ", "+",
    "a-", "ab", "(0", "0 7", "800514", "18 ", "18 ar ", "grupp ", "över ", "12 maj ", "1/1 ",
    "1a ",
]  # fmt: skip
HEADS = ["1", "18", "grupp", "over", "1 jan", "1/1", "a@b", "800514", "+46", "070", "förra", "i"]


def hostile_inputs(size: int) -> dict[str, str]:
    inputs = {
        f"{unit!r} repeated": (unit * (size // len(unit) + 1))[:size] for unit in REPEATED_UNITS
    }
    for head in HEADS:
        inputs[f"{head!r} + spaces"] = head + " " * size + "x"
        inputs[f"{head!r} + letters"] = head + "a" * size + " "
    inputs["local part @ no dot"] = "a" * (size // 2) + "@" + "b" * (size // 2)
    return inputs


def walk(value: object, path: str, depth: int = 0) -> Iterator[tuple[str, re.Pattern[str]]]:
    if isinstance(value, re.Pattern):
        yield path, value
    elif depth < 3 and isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from walk(item, f"{path}[{index}]", depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, f"{path}[{key!r}]", depth + 1)


def all_patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[str, re.Pattern[str]] = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            for path, pattern in walk(value, attribute):
                found[f"{name}.{path}"] = pattern
    for kind in CHANGE_KINDS:
        found[f"change_kinds.{kind.key}.keywords"] = re.compile(kind.keywords)
    return sorted(found.items())


PATTERNS = all_patterns()


def seconds(pattern: re.Pattern[str], text: str, runs: int = 1) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        pattern.sub("", text)  # scans the whole text, as masking does
        best = min(best, time.perf_counter() - started)
    return best


def test_the_patterns_are_found() -> None:
    names = {name for name, _ in PATTERNS}
    assert "assistansguiden.privacy.masking._EMAIL" in names
    assert "assistansguiden.law.dates._PERSONNUMMER" in names
    assert "assistansguiden.text.parsing._AGE" in names
    assert len(PATTERNS) > 20


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_each_pattern_takes_linear_time_on_its_worst_input(
    name: str, pattern: re.Pattern[str]
) -> None:
    worst, worst_time = "", 0.0
    for label, text in hostile_inputs(PROBE_SIZE).items():
        elapsed = seconds(pattern, text)
        # A linear pattern needs about a millisecond here; stop at once on a slow one
        # rather than wait minutes for 100,000 characters.
        assert elapsed < LIMIT_S, f"{name}: {PROBE_SIZE} characters of {label} took {elapsed:.3f} s"
        if elapsed >= worst_time:
            worst, worst_time = label, elapsed
    elapsed = seconds(pattern, hostile_inputs(SIZE)[worst], runs=3)
    assert elapsed < LIMIT_S, f"{name}: {SIZE} characters of {worst} took {elapsed:.3f} s"


@pytest.mark.parametrize("unit", ["a", "a.", "0", "1 ", "x@y.", "+46 ", "1–"])
def test_a_huge_message_is_masked_at_once(unit: str) -> None:
    # The attack: 60,000 characters took 31 s to mask, on the event loop.
    text = unit * (60_000 // len(unit))
    started = time.perf_counter()
    mask_event({"event": "user", "text": text, "parse_data": {"text": text, "entities": []}})
    mask_text(text)
    assert time.perf_counter() - started < 0.5
