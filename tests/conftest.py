"""Shared test settings: a fixed 'today' so dated answers do not drift."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXED_TODAY = "2026-11-23"


def skip_or_fail(reason: str) -> None:
    """A missing service may skip a local run, never a CI run."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this may not be skipped)")
    print(f"\nSKIP: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT
