"""`make audit`: findings judged against the reviewed allow-list; an unreachable service is
said plainly (pip-audit alone reports "No known vulnerabilities found")."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import REPO_ROOT


def load_audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit", REPO_ROOT / "scripts" / "audit.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


audit = load_audit()

UNREACHABLE = {
    "dependencies": [
        {"name": "aiohttp", "skip_reason": "Dependency not found on PyPI and could not be audited"}
    ]
}
FOUND = {
    "dependencies": [
        {"name": "sanic", "version": "21.12.2", "vulns": []},
        {
            "name": "aiohttp",
            "version": "3.9.5",
            "vulns": [
                {"id": "GHSA-test-0001", "aliases": ["CVE-2099-1"], "fix_versions": ["3.10.11"]}
            ],
        },
    ]
}


def allowlist(tmp_path: Path, entries: list[dict[str, Any]]) -> Path:
    import yaml

    path = tmp_path / "allowlist.yml"
    path.write_text(yaml.safe_dump({"accepted": entries}), encoding="utf-8")
    return path


def test_an_unreachable_service_is_not_a_clean_audit() -> None:
    code, lines = audit.judge(audit.parse_report(UNREACHABLE), {}, strict=False)
    assert code == 0 and lines[0].startswith("AUDIT NOT DONE")
    assert audit.judge(audit.parse_report(UNREACHABLE), {}, strict=True)[0] == 3


def test_a_finding_fails_unless_accepted_by_any_of_its_ids() -> None:
    report = audit.parse_report(FOUND)
    code, lines = audit.judge(report, {}, strict=False)
    assert code == 1 and any("FOUND" in line and "aiohttp 3.9.5" in line for line in lines)
    code, lines = audit.judge(report, {"CVE-2099-1": "aiohttp: not reachable"}, strict=False)
    assert code == 0 and any("accepted" in line for line in lines)


def test_stale_entries_are_reported(tmp_path: Path) -> None:
    _, lines = audit.judge(audit.parse_report(FOUND), {"GHSA-gone": "x: y"}, strict=False)
    assert any("stale" in line and "GHSA-gone" in line for line in lines)


def test_every_allowlist_entry_needs_a_reason_and_a_review_date(tmp_path: Path) -> None:
    entry = {"id": "GHSA-1", "package": "aiohttp", "reason": "why", "reviewed": "2026-12-01"}
    assert audit.read_allowlist(allowlist(tmp_path, [entry])) == {"GHSA-1": "aiohttp: why"}
    for missing in ("reason", "reviewed", "package"):
        with pytest.raises(ValueError):
            audit.read_allowlist(allowlist(tmp_path, [{**entry, missing: ""}]))


def test_the_committed_allowlist_is_valid() -> None:
    audit.read_allowlist(REPO_ROOT / "audit" / "allowlist.yml")


def test_the_audit_tool_is_pinned_apart_from_the_project() -> None:
    pins = (REPO_ROOT / "audit" / "constraints.txt").read_text(encoding="utf-8")
    assert "pip-audit==" in pins
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-c audit/constraints.txt pip-audit" in makefile
    assert "scripts/audit.py" in makefile
