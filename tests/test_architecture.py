"""The layout's rules (DESIGN.md, "Layout"), checked on the code itself.

- Nothing in assistansguiden/ imports rasa or rasa_sdk; nothing in assistansguiden/law/
  imports SQLAlchemy.
- Importing any module of assistansguiden/ has no side effect: logging untouched, nothing
  read or written, the parameter table loaded only on first use.
- No import cycle between the domain's modules.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT / "assistansguiden"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


DOMAIN_MODULES = sorted(module_name(p) for p in DOMAIN.rglob("*.py"))


def imported_names(path: Path) -> set[str]:
    """Every module named by an import statement in the file, at any depth of the code."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def roots(names: set[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("path", sorted(DOMAIN.rglob("*.py")), ids=lambda p: module_name(p))
def test_the_domain_imports_no_rasa_and_no_process(path: Path) -> None:
    forbidden = roots(imported_names(path)) & {"rasa", "rasa_sdk", "actions", "bot", "web"}
    assert not forbidden, f"{module_name(path)} imports {sorted(forbidden)}"


@pytest.mark.parametrize(
    "path", sorted((DOMAIN / "law").rglob("*.py")), ids=lambda p: module_name(p)
)
def test_the_law_imports_only_the_standard_library_and_yaml(path: Path) -> None:
    outside = roots(imported_names(path)) - set(sys.stdlib_module_names) - {"assistansguiden"}
    assert outside <= {"yaml", "holidays"}, f"{module_name(path)} imports {sorted(outside)}"
    inside = {n for n in imported_names(path) if n.startswith("assistansguiden.")}
    assert all(n.startswith("assistansguiden.law") for n in inside), sorted(inside)


IMPORT_ALL = """
import json, logging, os, sys
factory = logging.getLogRecordFactory()
root = (list(logging.root.handlers), logging.root.level, logging.root.filters[:])
before = sorted(os.listdir("."))
import importlib
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
from assistansguiden.law.parameters import load_parameters
print(json.dumps({
    "factory_untouched": logging.getLogRecordFactory() is factory,
    "root_untouched": (list(logging.root.handlers), logging.root.level,
                       logging.root.filters[:]) == root,
    "files_untouched": sorted(os.listdir(".")) == before,
    "parameters_loaded": load_parameters.cache_info().currsize,
    "heavy": sorted({m.split(".")[0] for m in sys.modules} & {"rasa", "rasa_sdk"}),
}))
"""


def run_import(modules: list[str], cwd: Path) -> dict[str, object]:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, json.dumps(modules)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def test_importing_the_whole_domain_has_no_side_effect(tmp_path: Path) -> None:
    assert run_import(DOMAIN_MODULES, tmp_path) == {
        "factory_untouched": True,
        "root_untouched": True,
        "files_untouched": True,
        "parameters_loaded": 0,
        "heavy": [],
    }


def test_importing_the_law_loads_neither_sqlalchemy_nor_the_table(tmp_path: Path) -> None:
    script = (
        "import json, sys, assistansguiden.law\n"
        "from assistansguiden.law.parameters import load_parameters\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} "
        "& {'rasa', 'rasa_sdk', 'sqlalchemy'})\n"
        "print(json.dumps({'heavy': heavy, 'loaded': load_parameters.cache_info().currsize}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout) == {"heavy": [], "loaded": 0}


def test_no_import_cycle_in_the_domain() -> None:
    modules = set(DOMAIN_MODULES)
    graph: dict[str, set[str]] = {}
    for path in DOMAIN.rglob("*.py"):
        name = module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # Imports inside functions count too: a cycle hidden in a function is still one.
        targets: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets.add(node.module)
                targets |= {f"{node.module}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                targets |= {a.name for a in node.names}
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = {t for t in targets & modules if t != name and t != package}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " -> ".join([*trail, node, nxt]))
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_the_phone_number_is_one_constant_in_python_and_the_same_in_every_text() -> None:
    from assistansguiden.law.refs import FK_PHONE

    python = [ROOT / d for d in ("assistansguiden", "actions", "bot", "web")]
    typed = [
        path.relative_to(ROOT).as_posix()
        for folder in python
        for path in folder.rglob("*.py")
        if FK_PHONE in path.read_text(encoding="utf-8") and path != DOMAIN / "law" / "refs.py"
    ]
    assert typed == [], f"type FK_PHONE instead of the number in {typed}"
    digits = FK_PHONE.replace("-", "").replace(" ", "")
    for path in (ROOT / "bot" / "domain").glob("*.yml"):
        for number in re.findall(r"0771[-\s]?\d{3}\s?\d{3}", path.read_text("utf-8")):
            assert number.replace("-", "").replace(" ", "") == digits, f"{path.name}: {number}"
