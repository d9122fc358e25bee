"""The provider registry: SQLAlchemy models, CSV import and look-up.

No engine or session exists at import time; callers make them with
`make_engine()` and `session_factory()` and pass them in.
"""

from actions.registry.db import create_schema, ensure_sample_loaded, make_engine, session_factory
from actions.registry.importer import ImportFailed, ImportReport, import_providers
from actions.registry.lookup import decide
from actions.registry.names import name_key
from actions.registry.repository import ProviderRepository

__all__ = [
    "ImportFailed",
    "ImportReport",
    "ProviderRepository",
    "create_schema",
    "decide",
    "ensure_sample_loaded",
    "import_providers",
    "make_engine",
    "name_key",
    "session_factory",
]
