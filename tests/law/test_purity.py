"""actions/rules must stay pure: no Rasa, no SQLAlchemy, nothing read at import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import json, sys
import assistansguiden.law
from assistansguiden.law.parameters import load_parameters
heavy = sorted({m.split('.')[0] for m in sys.modules} & {'rasa', 'rasa_sdk', 'sqlalchemy'})
print(json.dumps({"heavy": heavy, "loaded": load_parameters.cache_info().currsize}))
"""


def test_rules_import_neither_rasa_nor_sqlalchemy_and_load_lazily() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == {"heavy": [], "loaded": 0}
