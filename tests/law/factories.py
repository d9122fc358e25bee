"""Fictional providers for the rules tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from assistansguiden.law.decision import ProviderRecord

Factory = Callable[..., ProviderRecord]


def make_provider(**changes: Any) -> ProviderRecord:
    """A fictional private provider with a permit for every group, unless changed."""
    fields: dict[str, Any] = {
        "org_nr": "556036-0793",
        "name": "Exempelassistans AB",
        "kind": "private",
        "permit_from": date(2020, 1, 1),
        "permit_revoked": None,
        "personkrets": frozenset({1, 2, 3}),
        "age_groups": frozenset({"children", "adults"}),
        "f_skatt": True,
        "employer_registered": True,
    }
    fields.update(changes)
    return ProviderRecord(**fields)
