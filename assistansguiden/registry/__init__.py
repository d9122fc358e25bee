"""The provider registry: SQLAlchemy models, CSV import, look-up and one service.

No engine or session exists at import time, and SQLAlchemy is imported only when one of the
names below is first used (so `assistans amounts` starts without it). Processes use
`RegistryService` (or `shared_service()`), whose every failure is `RegistryUnavailable`;
tests and benchmarks may make engines with `make_engine()` and `session_factory()`.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from assistansguiden.registry.errors import RegistryUnavailable

_LAZY = {
    "create_schema": "db",
    "make_engine": "db",
    "session_factory": "db",
    "ImportFailed": "importer",
    "ImportReport": "importer",
    "import_providers": "importer",
    "decide": "lookup",
    "name_key": "names",
    "ProviderRepository": "repository",
    "RegistryService": "service",
    "ensure_sample_loaded": "service",
    "shared_service": "service",
}

__all__ = ["RegistryUnavailable", *sorted(_LAZY)]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
