"""Known vulnerabilities in the pinned dependencies: `make audit`.

    python scripts/audit.py --pip-audit .venv-audit/bin/pip-audit [--strict]

Runs pip-audit over constraints.txt (every pin, as name==version, nothing installed) and
compares what it finds with audit/allowlist.yml. Exit 0 when every finding is accepted
there with a reason, 1 when one is not, 2 on an unusable allow-list. When the
vulnerability service cannot be reached (pip-audit then skips every package and says
"No known vulnerabilities found"), it says so plainly: the audit was NOT done. That exits 0,
or 3 with --strict (for CI, where the service must be reachable).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = REPO_ROOT / "constraints.txt"
ALLOWLIST = REPO_ROOT / "audit" / "allowlist.yml"


@dataclass(frozen=True)
class Finding:
    package: str
    version: str
    ids: frozenset[str]  # the advisory's id and its aliases
    fixed_in: tuple[str, ...]

    @property
    def name(self) -> str:
        return sorted(self.ids)[0]


@dataclass(frozen=True)
class Report:
    findings: list[Finding]
    audited: int
    skipped: list[str]  # "name: why" for each package pip-audit could not check


def read_allowlist(path: Path) -> dict[str, str]:
    """Accepted advisory id -> its reason; ValueError for an entry without one."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    accepted: dict[str, str] = {}
    for entry in data.get("accepted") or []:
        reason = str(entry.get("reason") or "").strip()
        if not entry.get("id") or not entry.get("package") or not reason:
            raise ValueError(f"{path.name}: every entry needs id, package and reason: {entry}")
        if not entry.get("reviewed"):
            raise ValueError(f"{path.name}: {entry['id']} has no reviewed date")
        accepted[str(entry["id"])] = f"{entry['package']}: {reason}"
    return accepted


def parse_report(data: dict[str, Any]) -> Report:
    findings, skipped, audited = [], [], 0
    for dependency in data.get("dependencies", []):
        if "skip_reason" in dependency:
            skipped.append(f"{dependency['name']}: {dependency['skip_reason']}")
            continue
        audited += 1
        for vuln in dependency.get("vulns", []):
            ids = frozenset([vuln["id"], *vuln.get("aliases", [])])
            fixed = tuple(vuln.get("fix_versions", []))
            findings.append(Finding(dependency["name"], dependency["version"], ids, fixed))
    return Report(findings, audited, skipped)


def run_pip_audit(pip_audit: str, requirements: Path, service: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as work:
        output = Path(work) / "audit.json"
        command = [pip_audit, "--disable-pip", "--no-deps", "-r", str(requirements)]
        command += ["--vulnerability-service", service, "--format", "json", "-o", str(output)]
        command += ["--progress-spinner", "off"]
        result = subprocess.run(command, capture_output=True, text=True)
        if not output.exists():
            last = (result.stderr.strip().splitlines() or ["pip-audit wrote no report"])[-1]
            raise RuntimeError(last)  # e.g. the service's host cannot be resolved
        data: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
        return data


def judge(report: Report, accepted: dict[str, str], strict: bool) -> tuple[int, list[str]]:
    """Exit code and the lines to print."""
    lines: list[str] = []
    if report.audited == 0:
        lines += [
            "AUDIT NOT DONE: the vulnerability service could not be reached, so not one of "
            f"the {len(report.skipped)} pinned packages was checked.",
            f"  e.g. {report.skipped[0]}" if report.skipped else "  (nothing to check)",
            "  Run `make audit` where PyPI's JSON API (or --service osv: api.osv.dev) answers.",
        ]
        return (3 if strict else 0), lines
    if report.skipped:
        lines.append(f"Not checked ({len(report.skipped)}):")
        lines += [f"  {reason}" for reason in report.skipped]
    unaccepted = [finding for finding in report.findings if not finding.ids & set(accepted)]
    for finding in report.findings:
        fix = ", ".join(finding.fixed_in) or "no fix released"
        where = f"{finding.package} {finding.version}: {finding.name} (fixed in {fix})"
        hits = sorted(finding.ids & set(accepted))
        if hits:
            lines += [f"  accepted  {where}", f"            {accepted[hits[0]]}"]
        else:
            lines.append(f"  FOUND     {where}")
    reported = {advisory for finding in report.findings for advisory in finding.ids}
    for stale in sorted(set(accepted) - reported):
        lines.append(f"  stale allow-list entry, no such finding any more: {stale}")
    lines.append(
        f"{report.audited} packages checked, {len(report.findings)} known vulnerabilities, "
        f"{len(unaccepted)} not accepted in audit/allowlist.yml."
    )
    return (1 if unaccepted else 0), lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/audit.py", description=__doc__)
    parser.add_argument("--pip-audit", default="pip-audit", help="the pip-audit program")
    parser.add_argument("--requirements", type=Path, default=CONSTRAINTS)
    parser.add_argument("--allowlist", type=Path, default=ALLOWLIST)
    parser.add_argument("--service", default=os.environ.get("AUDIT_SERVICE", "pypi"))
    parser.add_argument("--strict", action="store_true", help="fail when nothing was checked")
    args = parser.parse_args(argv)
    try:
        accepted = read_allowlist(args.allowlist)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    try:
        data = run_pip_audit(args.pip_audit, args.requirements, args.service)
    except (OSError, RuntimeError) as error:
        print(f"AUDIT NOT DONE: pip-audit failed: {error}", file=sys.stderr)
        return 3 if args.strict else 0
    code, lines = judge(parse_report(data), accepted, args.strict)
    print("\n".join(lines))
    return code


if __name__ == "__main__":
    raise SystemExit(main())
