"""The action server's way into the provider registry.

The action server imports every module under actions/ at start, so nothing connects
here at import: the engine is made on first use and then kept for the life of the
process (one per database URL, so tests that point ASSISTANS_DB_URL elsewhere get
their own). Any database failure becomes RegistryUnavailable, which the chat turns
into a polite "cannot check right now" instead of a silent crash.
"""

from __future__ import annotations

import logging
import os
from datetime import date
from functools import lru_cache

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from actions.registry.db import ENV_URL, default_url, ensure_sample_loaded, make_engine
from actions.registry.db import session_factory as _session_factory
from actions.registry.lookup import Question, decide
from actions.registry.repository import ProviderRepository
from actions.rules import Decision

logger = logging.getLogger(__name__)


class RegistryUnavailable(RuntimeError):  # noqa: N818 (named in the architecture)
    """The registry could not be read (database down, unreachable, broken schema)."""


def current_url() -> str:
    return os.environ.get(ENV_URL) or default_url()


@lru_cache(maxsize=4)
def _sessions(url: str) -> sessionmaker:
    # A failure here is not cached (lru_cache keeps only returned values), so the
    # next question tries again once the database is back.
    engine = make_engine(url)
    try:
        ensure_sample_loaded(engine)
    except BaseException:
        engine.dispose()
        raise
    return _session_factory(engine)


def session_factory() -> sessionmaker:
    """The process's session factory for the registry, created on first use."""
    return _sessions(current_url())


def clear_cache() -> None:
    """Forget the engines (tests, or after the database URL changed)."""
    _sessions.cache_clear()


def decide_provider(
    query: str,
    on: date,
    *,
    question: Question = "provider",
    personkrets: int | None = None,
    age_group: str | None = None,
) -> Decision:
    """The registry's and the rules' Decision for a name or an organisation number.

    Raises RegistryUnavailable on any database error.
    """
    try:
        with session_factory()() as session:
            return decide(
                ProviderRepository(session),
                query,
                on,
                question=question,
                personkrets=personkrets,
                age_group=age_group,
            )
    except SQLAlchemyError as error:
        # Only the error's type: its text may carry the SQL parameters, i.e. what
        # the person typed.
        logger.warning("Provider registry unavailable: %s", type(error).__name__)
        raise RegistryUnavailable("Registret kan inte läsas just nu.") from error
