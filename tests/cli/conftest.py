"""Run `python -m assistansguiden.cli` as staff would, against a temporary SQLite registry."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXED_TODAY, REPO_ROOT


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def json(self) -> dict[str, Any]:
        data = json.loads(self.out)  # exactly one JSON document, nothing else
        assert isinstance(data, dict)
        return data


Cli = Callable[..., Run]


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'registry.sqlite'}"


@pytest.fixture
def cli(db_url: str) -> Cli:
    def run(*args: str, env: dict[str, str] | None = None) -> Run:
        environment = {
            **os.environ,
            "ASSISTANS_DB_URL": db_url,
            "ASSISTANS_TODAY": FIXED_TODAY,
            "PYTHONIOENCODING": "utf-8",
        }
        environment.update(env or {})
        done = subprocess.run(
            [sys.executable, "-m", "assistansguiden.cli", *args],
            cwd=REPO_ROOT,
            env=environment,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    return run
