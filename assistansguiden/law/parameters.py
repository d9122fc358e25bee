"""The dated parameter table (parameters.yml): load, check, look up.

The table is read lazily on first use and cached; nothing happens at import time.
A broken table is refused as a whole, so a wrong edit fails loudly in the tests
instead of silently giving someone a wrong amount.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

Value = bool | int | float | str

_TOP_KEYS = frozenset({"parameters"})
_PARAM_KEYS = frozenset({"name", "unit", "description", "note", "values"})
_PARAM_REQUIRED = frozenset({"name", "unit", "description", "values"})
_VALUE_KEYS = frozenset({"from", "until", "value", "ref", "url"})
_VALUE_REQUIRED = frozenset({"from", "value", "ref", "url"})


class ParameterError(ValueError):
    """The parameter table is malformed (a gap, an overlap, a missing source, ...)."""


class ParameterNotDecided(LookupError):  # noqa: N818 (name fixed by the rules API)
    """No value of the parameter is decided for the asked day."""


@dataclass(frozen=True)
class DatedValue:
    name: str
    value: Value
    start: date
    end: date | None  # last day, when known; None = until the next value, or for now
    ref: str
    url: str

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def as_dict(self) -> dict[str, object]:
        return {
            "value": self.value,
            "from": self.start.isoformat(),
            "ref": self.ref,
            "url": self.url,
        }


@dataclass(frozen=True)
class Parameter:
    name: str
    unit: str
    description: str
    note: str | None
    values: tuple[DatedValue, ...]  # sorted, no gaps, no overlaps

    def on(self, day: date) -> DatedValue:
        for dated in reversed(self.values):
            if dated.start <= day:
                if dated.covers(day):
                    return dated
                break
        known = f"{self.values[0].start.isoformat()} till "
        last_end = self.values[-1].end
        known += last_end.isoformat() if last_end else "tills vidare"
        raise ParameterNotDecided(
            f"Det finns inget beslutat värde för {self.name} den {day.isoformat()}. "
            f"Beslutade värden finns för perioden {known}."
        )


def _as_date(raw: object, where: str) -> date:
    # PyYAML turns unquoted YYYY-MM-DD into date; quoted ones arrive as str.
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise ParameterError(f"{where}: not a date (YYYY-MM-DD): {raw!r}")


def _check_keys(
    item: object, allowed: frozenset[str], required: frozenset[str], where: str
) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise ParameterError(f"{where}: expected a mapping")
    unknown = set(item) - allowed
    if unknown:
        raise ParameterError(f"{where}: unknown keys {sorted(map(str, unknown))}")
    missing = required - set(item)
    if missing:
        raise ParameterError(f"{where}: missing {sorted(missing)}")
    return item


def _text(item: Mapping[str, Any], key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ParameterError(f"{where}: {key} must be a non-empty text")
    return value


def _parse_value(name: str, raw: object, where: str) -> DatedValue:
    item = _check_keys(raw, _VALUE_KEYS, _VALUE_REQUIRED, where)
    start = _as_date(item["from"], where)
    end = _as_date(item["until"], where) if item.get("until") is not None else None
    if end is not None and end < start:
        raise ParameterError(f"{where}: until {end} is before from {start}")
    value = item["value"]
    if not isinstance(value, (bool, int, float, str)):
        raise ParameterError(f"{where}: value must be a number, a text or true/false")
    url = _text(item, "url", where)
    if not url.startswith("https://"):
        raise ParameterError(f"{where}: url must be an https link to the exact section")
    return DatedValue(name, value, start, end, _text(item, "ref", where), url)


def _check_sequence(name: str, values: list[DatedValue]) -> None:
    for before, after in zip(values, values[1:], strict=False):
        if after.start <= before.start:
            raise ParameterError(f"{name}: dates unsorted or duplicate at {after.start}")
        if before.end is None:
            continue
        if before.end >= after.start:
            raise ParameterError(f"{name}: overlap, {before.start}..{before.end} and {after.start}")
        if before.end + timedelta(days=1) != after.start:
            raise ParameterError(f"{name}: gap between {before.end} and {after.start}")


def _parse_parameter(raw: object, index: int) -> Parameter:
    item = _check_keys(raw, _PARAM_KEYS, _PARAM_REQUIRED, f"parameter #{index + 1}")
    name = _text(item, "name", f"parameter #{index + 1}")
    raw_values = item["values"]
    if not isinstance(raw_values, list) or not raw_values:
        raise ParameterError(f"{name}: values must be a non-empty list")
    values = [_parse_value(name, v, f"{name} value #{i + 1}") for i, v in enumerate(raw_values)]
    _check_sequence(name, values)
    note = item.get("note")
    if note is not None and not isinstance(note, str):
        raise ParameterError(f"{name}: note must be a text")
    return Parameter(
        name=name,
        unit=_text(item, "unit", name),
        description=_text(item, "description", name),
        note=note,
        values=tuple(values),
    )


def parse_parameters(text: str) -> dict[str, Parameter]:
    """Parse and check a parameter table given as YAML text."""
    document = _check_keys(yaml.safe_load(text), _TOP_KEYS, _TOP_KEYS, "parameter file")
    raw_parameters = document["parameters"]
    if not isinstance(raw_parameters, list):
        raise ParameterError("parameter file: parameters must be a list")
    table: dict[str, Parameter] = {}
    for index, raw in enumerate(raw_parameters):
        parameter = _parse_parameter(raw, index)
        if parameter.name in table:
            raise ParameterError(f"{parameter.name}: defined twice")
        table[parameter.name] = parameter
    return table


@lru_cache(maxsize=1)
def load_parameters() -> Mapping[str, Parameter]:
    """The project's parameter table, read once from the package."""
    text = files("assistansguiden.law").joinpath("parameters.yml").read_text(encoding="utf-8")
    return parse_parameters(text)


def parameter(name: str) -> Parameter:
    table = load_parameters()
    if name not in table:
        raise KeyError(f"unknown parameter {name!r}")
    return table[name]


def value_on(name: str, day: date) -> DatedValue:
    """The value of a parameter on a day; ParameterNotDecided outside its range."""
    return parameter(name).on(day)
