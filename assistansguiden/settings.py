"""Settings read from the environment, each with an embedded default (DESIGN.md)."""

from __future__ import annotations

import os
from datetime import date


def today() -> date:
    """ASSISTANS_TODAY fixes the date for tests and demos; otherwise the real date."""
    fixed = os.environ.get("ASSISTANS_TODAY", "").strip()
    return date.fromisoformat(fixed) if fixed else date.today()
